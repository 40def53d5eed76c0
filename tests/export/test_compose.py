"""The compose target: a docker-compose file that runs the designed system locally."""

from __future__ import annotations

import networkx as nx
import pytest
import yaml

from microservices.export import export_bundle
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize

PATH = "compose/docker-compose.yaml"


@pytest.fixture(scope="module")
def reference_compose(reference_spec):
    return yaml.safe_load(export_bundle(reference_spec, targets=["compose"]).files[PATH])


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=5)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, targets=["compose"])


@pytest.fixture(scope="module")
def synthetic_compose(synthetic_bundle):
    return yaml.safe_load(synthetic_bundle.files[PATH])


def waits_for(container: dict) -> dict[str, str]:
    return {name: d["condition"] for name, d in container.get("depends_on", {}).items()}


def test_it_passes_the_official_compose_schema(reference_compose, synthetic_compose, crd_validator):
    assert crd_validator(reference_compose) == []
    assert crd_validator(synthetic_compose) == []


def test_it_runs_one_container_per_defined_service_and_none_for_placeholders(
    reference_spec, reference_compose
):
    services = reference_compose["services"]

    assert services["order-service"]["image"] == "registry.example.com/order-service:1.0.0"
    assert services["inventory-service"]["environment"]["PORT"] == "8080"
    for placeholder in ("payment-service", "product-service", "user-service", "auth-service"):
        assert placeholder not in services


def test_depends_on_follows_sync_calls_and_skips_placeholders(reference_compose):
    order = reference_compose["services"]["order-service"]

    assert waits_for(order)["inventory-service"] == "service_started"
    assert "payment-service" not in waits_for(order)
    assert order["environment"]["INVENTORY_SERVICE_URL"] == "http://inventory-service:8080"
    assert "PAYMENT_SERVICE_URL" not in order["environment"]


def test_every_service_dependency_is_a_sync_call_and_none_makes_a_cycle(
    synthetic_spec, synthetic_compose, synthetic_bundle
):
    services = synthetic_compose["services"]
    defined = {s.name: s for s in synthetic_spec.services if not s.placeholder}
    graph = nx.DiGraph()
    for name in defined:
        for callee in waits_for(services[name]):
            if callee in defined:
                graph.add_edge(name, callee)

    sync_calls = {
        (s.name, d.service) for s in defined.values() for d in s.dependencies if d.mode == "sync"
    }
    assert set(graph.edges) <= sync_calls
    assert nx.is_directed_acyclic_graph(graph)
    left_out = sync_calls - set(graph.edges)
    for caller, callee in left_out:
        assert f"{caller} does not wait for {callee}" in synthetic_bundle.files["README.md"]


def test_each_service_waits_for_a_healthy_datastore_of_its_database(reference_compose):
    services = reference_compose["services"]

    assert services["order-service-db"]["image"].startswith("postgres:")
    assert services["inventory-service-db"]["image"].startswith("mongo:")
    for name in ("order-service-db", "inventory-service-db"):
        assert services[name]["healthcheck"]["test"]
    assert waits_for(services["order-service"])["order-service-db"] == "service_healthy"
    url = services["order-service"]["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql://") and "@order-service-db:5432/" in url


def test_services_naming_one_datastore_share_its_container(synthetic_spec, synthetic_compose):
    services = synthetic_compose["services"]
    users: dict[str, list[str]] = {}
    for service in synthetic_spec.services:
        if service.datastore:
            users.setdefault(service.datastore, []).append(service.name)
    shared = {store: names for store, names in users.items() if len(names) > 1}

    assert shared
    for store, names in shared.items():
        assert store in services
        for name in names:
            assert waits_for(services[name])[store] == "service_healthy"


def test_a_kafka_broker_runs_only_when_services_use_events(reference_compose):
    spec = architecture_from_data(
        {
            "name": "Quiet",
            "services": [
                {"name": "a", "dependencies": [{"service": "b", "mode": "sync"}]},
                {"name": "b"},
            ],
        }
    )
    quiet = yaml.safe_load(export_bundle(spec, targets=["compose"]).files[PATH])

    assert "kafka" not in quiet["services"]
    assert waits_for(quiet["services"]["a"]) == {"b": "service_started"}
    order = reference_compose["services"]["order-service"]
    assert waits_for(order)["kafka"] == "service_healthy"
    assert order["environment"]["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    assert "healthcheck" in reference_compose["services"]["kafka"]


def test_a_datastore_named_like_a_service_gets_a_container_name_of_its_own():
    spec = architecture_from_data(
        {
            "name": "Clash",
            "services": [
                {"name": "ledger", "datastore": "ledger", "technologies": {"database": "redis"}}
            ],
        }
    )
    services = yaml.safe_load(export_bundle(spec, targets=["compose"]).files[PATH])["services"]

    assert services["ledger"]["image"].endswith("/ledger:1.0.0")
    (store,) = [name for name in waits_for(services["ledger"])]
    assert store != "ledger" and services[store]["image"].startswith("redis:")


def test_exporting_twice_gives_the_same_bytes(synthetic_spec, synthetic_bundle):
    assert export_bundle(synthetic_spec, targets=["compose"]).files == synthetic_bundle.files


def test_a_cycle_of_sync_calls_leaves_out_the_call_that_closes_it():
    calls = {"a": "b", "b": "c", "c": "a"}
    spec = architecture_from_data(
        {
            "name": "Loop",
            "services": [
                {"name": caller, "dependencies": [{"service": callee, "mode": "sync"}]}
                for caller, callee in calls.items()
            ],
        }
    )
    bundle = export_bundle(spec, targets=["compose"])
    services = yaml.safe_load(bundle.files[PATH])["services"]

    kept = {(name, callee) for name in calls for callee in waits_for(services[name])}
    assert kept == {("a", "b"), ("b", "c")}
    assert "c does not wait for a" in bundle.files["README.md"]
