"""What users type is shown as text, never run as markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures import services
from apps.architectures.concepts import SERVICES
from apps.architectures.models import Service
from microservices.spec.model import ArchitectureFields, ServiceFields

from .helpers import architecture_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_service_description_is_escaped_on_its_page(architecture, owner, viewer, client_for):
    order = Service.objects.get(architecture=architecture, name="order-service")
    services.save_object(
        actor=owner,
        architecture=architecture,
        concept=SERVICES,
        data=ServiceFields(
            name="order-service", description=SCRIPT, responsibilities=[SCRIPT],
            technologies={"language": SCRIPT},
        ),
        instance=order,
    )  # fmt: skip
    url = reverse("architectures:service", args=["acme", architecture.slug, "order-service"])
    for page in (url, architecture_page(architecture)):
        html = client_for(viewer).get(page).content.decode()
        assert SCRIPT not in html
    assert ESCAPED in client_for(viewer).get(url).content.decode()


def test_an_architecture_s_name_and_description_are_escaped_everywhere(
    architecture, owner, viewer, client_for
):
    services.update_architecture(
        actor=owner,
        architecture=architecture,
        fields=ArchitectureFields(name=SCRIPT, slug=architecture.slug, description=SCRIPT),
    )
    pages = [
        architecture_page(architecture),
        reverse("workspace", args=["acme"]),
        reverse("home"),
        reverse("architectures:service", args=["acme", architecture.slug, "order-service"]),
    ]
    for page in pages:
        html = client_for(viewer).get(page).content.decode()
        assert SCRIPT not in html, page
        assert "&lt;script&gt;" in html, page


def test_a_bad_value_echoed_in_an_error_is_escaped(architecture, editor, client_for):
    url = reverse("architectures:object-new", args=["acme", architecture.slug, "services"])
    html = client_for(editor).post(url, {"name": SCRIPT}).content.decode()
    assert SCRIPT not in html
    assert "not a DNS-1123 label" in html
