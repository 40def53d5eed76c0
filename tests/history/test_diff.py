"""The semantic diff of two canonical specs (microservices.spec.diff), without a database."""

from __future__ import annotations

import copy

import pytest

from microservices.spec import architecture_to_data
from microservices.spec.diff import diff_specs


@pytest.fixture
def spec(reference_spec) -> dict:
    return architecture_to_data(reference_spec)


def service(data: dict, name: str) -> dict:
    return next(s for s in data["services"] if s["name"] == name)


def test_it_finds_no_difference_between_a_spec_and_itself(spec):
    assert diff_specs(spec, copy.deepcopy(spec)).empty


def test_it_reports_each_changed_field_with_its_path(spec):
    new = copy.deepcopy(spec)
    service(new, "order-service")["technologies"]["language"] = "rust"
    service(new, "order-service")["owner"] = "checkout"

    changes = {(c.key, c.path): (c.before, c.after) for c in diff_specs(spec, new).changes}

    assert changes[("order-service", "technologies.language")] == ("python", "rust")
    assert changes[("order-service", "owner")][1] == "checkout"
    assert len(changes) == 2


def test_a_service_renamed_with_the_same_contents_is_a_rename_not_a_removal(spec):
    new = copy.deepcopy(spec)
    service(new, "inventory-service")["name"] = "stock-service"

    diff = diff_specs(spec, new)

    assert diff.services_renamed == [{"from": "inventory-service", "to": "stock-service"}]
    assert diff.services_added == [] and diff.services_removed == []


def test_a_new_service_unlike_the_removed_one_is_added_and_removed(spec):
    new = copy.deepcopy(spec)
    new["services"] = [s for s in new["services"] if s["name"] != "inventory-service"]
    new["services"].append({"name": "search-service", "domain": "search", "owner": "discovery"})

    diff = diff_specs(spec, new)

    assert diff.services_added == ["search-service"]
    assert diff.services_removed == ["inventory-service"]
    assert diff.services_renamed == []


def test_it_lists_dependencies_added_and_removed(spec):
    new = copy.deepcopy(spec)
    order = service(new, "order-service")
    removed = order["dependencies"].pop(0)
    order["dependencies"].append({"service": "search-service", "mode": "async"})

    diff = diff_specs(spec, new)

    assert diff.dependencies_added == [
        {"source": "order-service", "target": "search-service", "mode": "async"}
    ]
    assert [d["target"] for d in diff.dependencies_removed] == [removed["service"]]


def test_it_reports_other_objects_added_removed_and_the_architecture_s_fields(spec):
    new = copy.deepcopy(spec)
    new["description"] = "A new description."
    new["sagas"] = []
    new["mesh"] = None

    diff = diff_specs(spec, new)

    assert {"section": "sagas", "key": "order-creation"} in diff.objects_removed
    assert any(item["section"] == "mesh" for item in diff.objects_removed)
    assert any(c.section == "architecture" and c.path == "description" for c in diff.changes)


def test_a_placeholder_replaced_by_another_is_not_taken_for_a_rename(spec):
    new = copy.deepcopy(spec)
    new["services"] = [s for s in new["services"] if s["name"] != "user-service"]
    new["services"].append({"name": "account-service", "placeholder": True})

    diff = diff_specs(spec, new)

    assert diff.services_renamed == []
    assert (diff.services_added, diff.services_removed) == (["account-service"], ["user-service"])
