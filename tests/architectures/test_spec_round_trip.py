"""A spec written into the database and read back is the same document, to the byte."""

from __future__ import annotations

import pytest

from apps.architectures.models import Dependency, Service
from apps.architectures.selectors import architecture_spec
from apps.architectures.services import import_spec
from microservices.spec import dump_architecture, parse_architecture
from microservices.synth import synthesize

pytestmark = pytest.mark.django_db


def through_the_database(owner, workspace, text: str, fmt: str) -> str:
    spec = parse_architecture(text, fmt)
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=spec)
    return dump_architecture(architecture_spec(architecture), fmt)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_reference_example_survives_the_database_unchanged(
    owner, workspace, reference_spec, fmt
):
    text = dump_architecture(reference_spec, fmt)
    assert through_the_database(owner, workspace, text, fmt) == text


def test_a_synthetic_300_service_architecture_survives_the_database_unchanged(owner, workspace):
    text = dump_architecture(synthesize(300, seed=7), "yaml")
    assert through_the_database(owner, workspace, text, "yaml") == text


def test_importing_the_same_spec_again_changes_no_row_and_makes_no_revision(
    owner, workspace, architecture
):
    versions = dict(Service.objects.values_list("name", "version"))
    revision = architecture.revision
    spec = architecture_spec(architecture)
    _, counts = import_spec(actor=owner, workspace=workspace, spec=spec, architecture=architecture)
    assert counts.as_dict() == {"created": 0, "updated": 0, "deleted": 0}
    assert dict(Service.objects.values_list("name", "version")) == versions
    architecture.refresh_from_db()
    assert architecture.revision == revision


def test_replacing_a_spec_touches_only_what_changed(owner, workspace, architecture):
    data = architecture_spec(architecture).model_dump()
    order = next(s for s in data["services"] if s["name"] == "order-service")
    order["owner"] = "orders-team"
    order["dependencies"] = [d for d in order["dependencies"] if d["service"] != "payment-service"]
    spec = parse_architecture(dump_architecture(architecture_spec(architecture)))
    changed = spec.model_validate(data)
    inventory_version = Service.objects.get(name="inventory-service").version

    _, counts = import_spec(
        actor=owner, workspace=workspace, spec=changed, architecture=architecture
    )

    assert counts.updated == 1 and counts.deleted == 1 and counts.created == 0
    assert Service.objects.get(name="order-service").owner == "orders-team"
    assert Service.objects.get(name="inventory-service").version == inventory_version
    assert not Dependency.objects.filter(target__name="payment-service").exists()
    # payment-service is still named by the circuit breaker, retry policy and saga step
    assert Service.objects.get(name="payment-service").placeholder
