"""Deleting a service never silently breaks what names it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures import services
from apps.architectures.concepts import SERVICES
from apps.architectures.models import Endpoint, Route, SagaStep, Service
from microservices.spec.model import ServiceFields

from .helpers import architecture_page, revision

pytestmark = pytest.mark.django_db


def delete_url(architecture, name: str) -> str:
    args = [architecture.workspace.slug, architecture.slug, "services", name]
    return reverse("architectures:object-delete", args=args)


def service(architecture, name: str) -> Service:
    return Service.objects.get(architecture=architecture, name=name)


def test_the_confirm_page_of_a_referenced_service_lists_its_references(
    architecture, editor, client_for
):
    response = client_for(editor).get(delete_url(architecture, "order-service"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "route /api/orders of api-gateway" in html
    assert "saga step step1 of order-creation" in html
    assert 'name="keep_as_placeholder" value="1"' in html
    assert ">Delete</button>" not in html  # no way to delete it outright


def test_a_referenced_service_is_not_deleted_without_keeping_a_placeholder(
    architecture, editor, client_for
):
    before = revision(architecture)
    response = client_for(editor).post(delete_url(architecture, "order-service"))
    assert response.status_code == 409
    assert "Nothing was deleted" in response.content.decode()
    kept = service(architecture, "order-service")
    assert not kept.placeholder
    assert Endpoint.objects.filter(service=kept).count() == 2
    assert revision(architecture) == before


def test_keeping_a_placeholder_keeps_the_references_and_drops_the_rest(
    architecture, editor, client_for
):
    response = client_for(editor).post(
        delete_url(architecture, "order-service"), {"keep_as_placeholder": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == architecture_page(architecture)
    kept = service(architecture, "order-service")
    assert kept.placeholder and kept.domain == ""
    assert not Endpoint.objects.filter(service=kept).exists()
    assert Route.objects.filter(service=kept, path="/api/orders").exists()
    assert SagaStep.objects.filter(service=kept, name="step1").exists()


def test_an_unreferenced_service_is_simply_deleted(architecture, owner, editor, client_for):
    services.save_object(
        actor=owner,
        architecture=architecture,
        concept=SERVICES,
        data=ServiceFields(name="lonely-service"),
    )
    page = client_for(editor).get(delete_url(architecture, "lonely-service"))
    assert "Nothing else names it" in page.content.decode()
    response = client_for(editor).post(delete_url(architecture, "lonely-service"))
    assert response.status_code == 302
    assert not Service.objects.filter(architecture=architecture, name="lonely-service").exists()


def test_a_placeholder_cannot_be_deleted_while_it_is_referenced(architecture, editor, client_for):
    page = client_for(editor).get(delete_url(architecture, "payment-service"))
    assert "goes by itself" in page.content.decode()
    before = revision(architecture)
    response = client_for(editor).post(
        delete_url(architecture, "payment-service"), {"keep_as_placeholder": "1"}
    )
    assert response.status_code == 409
    assert service(architecture, "payment-service").placeholder
    assert revision(architecture) == before


def test_a_placeholder_page_says_who_references_it_and_offers_to_define_it(
    architecture, viewer, editor, client_for
):
    url = reverse(
        "architectures:service",
        args=[architecture.workspace.slug, architecture.slug, "payment-service"],
    )
    html = client_for(editor).get(url).content.decode()
    assert "referenced by 4 objects but never defined" in html
    assert "dependency of order-service" in html
    define = reverse(
        "architectures:object-new",
        args=[architecture.workspace.slug, architecture.slug, "services"],
    )
    assert f'href="{define}?name=payment-service"' in html
    assert "Define this service" not in client_for(viewer).get(url).content.decode()


def test_defining_a_placeholder_through_the_prefilled_form_makes_it_a_service(
    architecture, editor, client_for
):
    client = client_for(editor)
    url = reverse(
        "architectures:object-new",
        args=[architecture.workspace.slug, architecture.slug, "services"],
    )
    form = client.get(url, {"name": "payment-service"})
    assert 'value="payment-service"' in form.content.decode()
    response = client.post(url, {"name": "payment-service", "domain": "payments"})
    assert response.status_code == 302
    defined = service(architecture, "payment-service")
    assert not defined.placeholder and defined.domain == "payments"
