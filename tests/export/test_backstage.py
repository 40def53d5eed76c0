"""The backstage target: catalog-info.yaml entities and their relations."""

from __future__ import annotations

import re

import pytest
import yaml

from microservices.export import export_bundle
from microservices.synth import synthesize

PATH = "backstage/catalog-info.yaml"
ENTITY_NAME = re.compile(r"^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$")
# What the Backstage descriptor format requires in `spec`, by kind.
REQUIRED_SPEC = {
    "System": {"owner"},
    "Domain": {"owner"},
    "Group": {"type", "children"},
    "Component": {"type", "lifecycle", "owner"},
    "API": {"type", "lifecycle", "owner", "definition"},
}
# Relation fields and the kind a reference without a `kind:` prefix means.
RELATIONS = {
    "owner": "group",
    "system": "system",
    "domain": "domain",
    "dependsOn": "component",
    "providesApis": "api",
    "consumesApis": "api",
}


@pytest.fixture(scope="module")
def reference_entities(reference_spec):
    bundle = export_bundle(reference_spec, targets=["backstage"], revision=7)
    return list(yaml.safe_load_all(bundle.files[PATH]))


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=11)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, targets=["backstage"], revision=2)


@pytest.fixture(scope="module")
def synthetic_entities(synthetic_bundle):
    return list(yaml.safe_load_all(synthetic_bundle.files[PATH]))


def by_kind(entities: list[dict], kind: str) -> dict[str, dict]:
    return {e["metadata"]["name"]: e for e in entities if e["kind"] == kind}


def reference_key(ref: str, default_kind: str) -> tuple[str, str]:
    kind, _, name = ref.rpartition(":")
    return (kind or default_kind).lower(), name


def relations(entity: dict) -> list[tuple[str, str]]:
    found = []
    for field, default_kind in RELATIONS.items():
        value = entity["spec"].get(field)
        for ref in [value] if isinstance(value, str) else value or []:
            found.append(reference_key(ref, default_kind))
    return found


@pytest.mark.parametrize("entities", ["reference_entities", "synthetic_entities"])
def test_every_entity_has_the_fields_backstage_requires(entities, request):
    for entity in request.getfixturevalue(entities):
        assert entity["apiVersion"] == "backstage.io/v1alpha1"
        name = entity["metadata"]["name"]
        assert len(name) <= 63 and ENTITY_NAME.match(name), name
        assert REQUIRED_SPEC[entity["kind"]] <= set(entity["spec"]), entity


@pytest.mark.parametrize("entities", ["reference_entities", "synthetic_entities"])
def test_every_relation_points_at_an_entity_of_the_file(entities, request):
    entities = request.getfixturevalue(entities)
    present = {(e["kind"].lower(), e["metadata"]["name"]) for e in entities}
    assert len(present) == len(entities)

    dangling = [
        (e["metadata"]["name"], r) for e in entities for r in relations(e) if r not in present
    ]
    assert dangling == []


def test_components_depend_on_defined_services_only(reference_entities, reference_spec):
    components = by_kind(reference_entities, "Component")

    assert set(components) == {s.name for s in reference_spec.services if not s.placeholder}
    order = components["order-service"]["spec"]
    assert order["dependsOn"] == ["component:inventory-service"]
    assert order["type"] == "service" and order["lifecycle"] == "production"
    assert order["system"] == "system:e-commerce-platform"


def test_it_has_a_domain_per_bounded_context_and_one_system(reference_entities):
    assert set(by_kind(reference_entities, "Domain")) == {"orders", "inventory"}
    assert list(by_kind(reference_entities, "System")) == ["e-commerce-platform"]


def test_owners_come_from_the_design_with_a_noted_default(
    synthetic_spec, synthetic_entities, synthetic_bundle
):
    components = by_kind(synthetic_entities, "Component")

    for service in synthetic_spec.services:
        assert components[service.name]["spec"]["owner"] == f"group:{service.owner}"
    assert "owned by group `platform-team`" in synthetic_bundle.files["README.md"]


def test_a_service_api_is_a_valid_openapi_document_of_its_endpoints(
    reference_entities, reference_spec
):
    order = by_kind(reference_entities, "Component")["order-service"]
    (api_ref,) = [r for r in order["spec"]["providesApis"] if "order-service" in r]
    api = by_kind(reference_entities, "API")[api_ref.split(":", 1)[1]]
    definition = yaml.safe_load(api["spec"]["definition"])

    assert api["spec"]["type"] == "openapi"
    assert definition["openapi"].startswith("3.0.")
    service = next(s for s in reference_spec.services if s.name == "order-service")
    for endpoint in service.endpoints:
        item = definition["paths"][endpoint.path]
        assert {m.lower() for m in endpoint.methods} <= set(item)
        templated = set(re.findall(r"\{([^}]+)\}", endpoint.path))
        declared = {p["name"] for p in item.get("parameters", []) if p["in"] == "path"}
        assert templated == declared
        assert all(p["required"] for p in item.get("parameters", []))


def test_event_apis_are_asyncapi_documents_consumed_by_the_subscribers(
    synthetic_spec, synthetic_entities, crd_validator
):
    apis = by_kind(synthetic_entities, "API")
    components = by_kind(synthetic_entities, "Component")
    event_api = {
        api["metadata"]["title"]: name
        for name, api in apis.items()
        if api["spec"]["type"] == "asyncapi"
    }
    published = {e.event: s.name for s in synthetic_spec.services for e in s.publishes}

    assert set(event_api) == set(published)
    for event, publisher in published.items():
        assert f"api:{event_api[event]}" in components[publisher]["spec"]["providesApis"]
    for service in synthetic_spec.services:
        for subscription in service.subscribes:
            if subscription.event in event_api:
                consumed = components[service.name]["spec"]["consumesApis"]
                assert f"api:{event_api[subscription.event]}" in consumed
    sample = yaml.safe_load(apis[next(iter(event_api.values()))]["spec"]["definition"])
    assert crd_validator(sample) == []


def test_exporting_twice_gives_the_same_bytes(synthetic_spec, synthetic_bundle):
    assert (
        export_bundle(synthetic_spec, targets=["backstage"], revision=2).files
        == synthetic_bundle.files
    )
