"""The architecture page: what it shows, its live filters, and its cost on a large architecture."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.architectures.models import Service
from apps.architectures.services import import_spec
from microservices.synth import synthesize

from .helpers import architecture_page

pytestmark = pytest.mark.django_db

# Session, user, the architecture and the role, then a fixed set per table and section.
MAX_QUERIES = 30


@pytest.fixture
def large_architecture(workspace, owner):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=synthesize(500))
    return architecture


def service_rows(html: str) -> list[str]:
    table = html.split('id="services-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a class="name" href="[^"]+">([^<]+)</a>', table)


def test_a_page_of_five_hundred_services_shows_one_hundred_with_pagination(
    large_architecture, viewer, client_for, django_assert_max_num_queries
):
    client = client_for(viewer)
    total = Service.objects.filter(architecture=large_architecture).count()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(architecture_page(large_architecture))
    html = response.content.decode()
    assert response.status_code == 200
    first = service_rows(html)
    assert len(first) == 100
    assert f"1–100 of {total:,} services" in html
    second = service_rows(client.get(architecture_page(large_architecture), {"page": 2}).text)
    assert len(second) == 100 and not set(first) & set(second)


def test_the_query_count_does_not_grow_with_the_number_of_services(
    architecture, large_architecture, viewer, client_for
):
    client = client_for(viewer)
    counts = []
    for arch in (architecture, large_architecture):
        client.get(architecture_page(arch))  # the session is read once warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(architecture_page(arch)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_htmx_filtering_answers_with_the_services_table_alone(architecture, viewer, client_for):
    response = client_for(viewer).get(
        architecture_page(architecture),
        {"search": "inventory"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="services-table",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith("<div")
    assert service_rows(html) == ["inventory-service"]
    assert "HX-Request" in response["Vary"]


def test_filtering_by_domain_keeps_only_that_domain(architecture, viewer, client_for):
    html = client_for(viewer).get(architecture_page(architecture), {"domain": "orders"}).text
    assert service_rows(html) == ["order-service"]
    assert '<option value="orders" selected>' in html


def test_placeholders_are_listed_with_a_badge_and_a_define_link(architecture, editor, client_for):
    html = client_for(editor).get(architecture_page(architecture)).text
    assert set(service_rows(html)) == {
        "auth-service", "inventory-service", "order-service",
        "payment-service", "product-service", "user-service",
    }  # fmt: skip
    assert html.count('class="badge badge-placeholder"') == 4
    assert "?name=payment-service" in html


def test_the_page_counts_calls_in_and_out(architecture, viewer, client_for):
    html = client_for(viewer).get(architecture_page(architecture)).text
    row = html.split(">order-service</a>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["2", "0"]
    row = html.split(">inventory-service</a>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', row) == ["0", "1"]


def test_the_page_shows_gateways_sagas_and_policies(architecture, viewer, client_for):
    html = client_for(viewer).get(architecture_page(architecture)).text
    assert ">api-gateway</a>" in html and "1000/min" in html
    assert ">order-creation</a>" in html
    assert "service-mesh" in html and "istio" in html
    assert "Circuit breakers" in html and "Retry policies" in html


def test_viewers_get_no_edit_links_and_editors_do(architecture, viewer, editor, client_for):
    viewer_html = client_for(viewer).get(architecture_page(architecture)).text
    editor_html = client_for(editor).get(architecture_page(architecture)).text
    assert "Add service" not in viewer_html and "Import spec" not in viewer_html
    assert "Add service" in editor_html
    assert f"/jobs/import/acme/?architecture={architecture.slug}" in editor_html
