"""Reads take a fixed number of queries, whatever the size of the architecture.

The same bound holds for 50 and for 500 services: a query per row would blow it.
"""

from __future__ import annotations

import pytest

from apps.architectures.services import import_spec
from microservices.synth import synthesize

pytestmark = pytest.mark.django_db

# Authentication, the architecture and the role, the parent, a count, the rows, and
# one query per kind of child (ten for a service): 15 at most, whatever the size.
LIST_OR_DETAIL_BOUND = 16
# The whole document: about one query per table.
SPEC_BOUND = 24


@pytest.fixture(params=[50, 500], ids=lambda n: f"{n}-services")
def synthetic(request, owner, workspace):
    spec = synthesize(request.param)
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=spec)
    busiest = max(spec.services, key=lambda s: len(s.dependencies) + len(s.endpoints))
    return architecture, busiest.name, spec.gateways[0].name, spec.sagas[0].name


def urls(synthetic) -> dict[str, tuple[str, int]]:
    architecture, service, gateway, saga = synthetic
    base = f"/api/architectures/{architecture.slug}/"
    return {
        "architectures": ("/api/architectures/", LIST_OR_DETAIL_BOUND),
        "architecture": (base, LIST_OR_DETAIL_BOUND),
        "services": (f"{base}services/", LIST_OR_DETAIL_BOUND),
        "services-1000": (f"{base}services/?page_size=1000", LIST_OR_DETAIL_BOUND),
        "service": (f"{base}services/{service}/", LIST_OR_DETAIL_BOUND),
        "dependencies": (f"{base}services/{service}/dependencies/", LIST_OR_DETAIL_BOUND),
        "gateways": (f"{base}gateways/", LIST_OR_DETAIL_BOUND),
        "gateway": (f"{base}gateways/{gateway}/", LIST_OR_DETAIL_BOUND),
        "routes": (f"{base}gateways/{gateway}/routes/", LIST_OR_DETAIL_BOUND),
        "sagas": (f"{base}sagas/", LIST_OR_DETAIL_BOUND),
        "saga": (f"{base}sagas/{saga}/", LIST_OR_DETAIL_BOUND),
        "circuit-breakers": (f"{base}circuit-breakers/", LIST_OR_DETAIL_BOUND),
        "spec": (f"{base}spec/", SPEC_BOUND),
    }


@pytest.mark.parametrize(
    "name",
    [
        "architectures",
        "architecture",
        "services",
        "services-1000",
        "service",
        "dependencies",
        "gateways",
        "gateway",
        "routes",
        "sagas",
        "saga",
        "circuit-breakers",
        "spec",
    ],
)
def test_reads_take_a_bounded_number_of_queries(
    as_viewer, synthetic, django_assert_max_num_queries, name
):
    url, bound = urls(synthetic)[name]
    as_viewer.get("/api/workspaces/")  # the token's last use is recorded once, not measured

    with django_assert_max_num_queries(bound):
        response = as_viewer.get(url)

    assert response.status_code == 200
