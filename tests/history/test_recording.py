"""Recording: every write through the services leaves one revision with what changed."""

from __future__ import annotations

import pytest

from apps.architectures.concepts import SERVICES, get_concept
from apps.architectures.models import Service
from apps.architectures.selectors import architecture_spec
from apps.architectures.services import delete_service, import_spec, save_object
from apps.history.context import describe_change
from apps.history.models import ObjectChange, Revision
from apps.history.selectors import spec_at
from microservices.spec import architecture_to_data
from microservices.spec.model import Dependency, ServiceFields

pytestmark = pytest.mark.django_db


def order_service(architecture) -> Service:
    return Service.objects.get(architecture=architecture, name="order-service")


def edit_order_service(architecture, actor, **fields) -> None:
    service = order_service(architecture)
    current = next(s for s in architecture_spec(architecture).services if s.name == service.name)
    data = ServiceFields(
        **{**current.model_dump(include=set(ServiceFields.model_fields)), **fields}
    )
    save_object(actor=actor, architecture=architecture, concept=SERVICES, data=data,
                instance=service)  # fmt: skip


def test_it_records_an_import_as_one_revision_with_each_top_level_object(architecture, owner):
    revision = Revision.objects.get(architecture=architecture)

    assert revision.number == architecture.revision
    assert revision.author == owner.get_username()
    sections = {(c.section, c.key) for c in revision.changes.all()}
    assert ("services", "order-service") in sections
    assert ("gateways", "api-gateway") in sections
    assert all(c.before is None for c in revision.changes.all() if c.section != "architecture")


def test_it_stores_only_the_changed_object_before_and_after(architecture, editor):
    edit_order_service(architecture, editor, owner="checkout-team")

    revision = Revision.objects.filter(architecture=architecture).first()
    (change,) = revision.changes.all()
    assert (change.section, change.key) == ("services", "order-service")
    assert change.before.get("owner") != "checkout-team"
    assert change.after["owner"] == "checkout-team"
    assert change.after["endpoints"] == change.before["endpoints"]
    assert revision.user == editor


def test_it_keeps_the_message_given_for_the_change(architecture, editor):
    with describe_change(message="Checkout moved teams"):
        edit_order_service(architecture, editor, owner="checkout-team")

    assert Revision.objects.filter(architecture=architecture).first().message == (
        "Checkout moved teams"
    )


def test_a_dependency_on_a_new_name_records_the_placeholder_it_creates(architecture, editor):
    service = order_service(architecture)
    save_object(actor=editor, architecture=architecture, concept=get_concept("dependencies"),
                data=Dependency(service="fraud-service", mode="async"), parent=service)  # fmt: skip

    changes = Revision.objects.filter(architecture=architecture).first().changes.all()
    by_key = {(c.section, c.key): c for c in changes}
    assert by_key[("services", "fraud-service")].before is None
    assert by_key[("services", "fraud-service")].after["placeholder"] is True
    assert (
        by_key[("services", "order-service")].after != by_key[("services", "order-service")].before
    )


def test_every_old_revision_can_be_rebuilt_from_the_changes(architecture, editor, owner):
    states = {architecture.revision: architecture_to_data(architecture_spec(architecture))}
    edit_order_service(architecture, editor, owner="checkout-team")
    architecture.refresh_from_db()
    states[architecture.revision] = architecture_to_data(architecture_spec(architecture))
    delete_service(actor=editor, service=Service.objects.get(
        architecture=architecture, name="inventory-service"), keep_as_placeholder=True)  # fmt: skip
    architecture.refresh_from_db()
    states[architecture.revision] = architecture_to_data(architecture_spec(architecture))
    spec = architecture_spec(architecture).model_copy(update={"description": "Renamed shop."})
    import_spec(actor=owner, workspace=architecture.workspace, spec=spec, architecture=architecture)
    architecture.refresh_from_db()

    for number, expected in states.items():
        assert architecture_to_data(spec_at(architecture, number)) == expected


def test_the_history_grows_with_the_change_not_with_the_architecture(architecture, editor):
    before = ObjectChange.objects.count()
    edit_order_service(architecture, editor, owner="checkout-team")

    assert ObjectChange.objects.count() == before + 1


def test_renaming_a_service_records_the_objects_that_name_it(architecture, editor):
    expected = architecture_to_data(architecture_spec(architecture))
    service = Service.objects.get(architecture=architecture, name="inventory-service")
    fields = ServiceFields(name="stock-service", domain=service.domain)
    save_object(actor=editor, architecture=architecture, concept=SERVICES, data=fields,
                instance=service)  # fmt: skip

    changes = Revision.objects.filter(architecture=architecture).first().changes.all()
    changed = {(c.section, c.key) for c in changes}
    assert {("services", "inventory-service"), ("services", "stock-service")} <= changed
    assert ("services", "order-service") in changed  # its dependency names the service
    assert ("sagas", "order-creation") in changed  # so does a saga step
    architecture.refresh_from_db()
    assert architecture_to_data(spec_at(architecture, architecture.revision - 1)) == expected
