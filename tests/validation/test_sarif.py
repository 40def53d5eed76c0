"""SARIF 2.1.0 output: valid against the official schema, and pointing at the right places."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from microservices.spec import dump_architecture, parse_architecture
from microservices.synth import synthesize
from microservices.validation import all_rules, validate
from microservices.validation.model import Subject
from microservices.validation.sarif import (
    FINGERPRINT,
    line_locator,
    rule_name,
    sarif_log,
    subject_locations,
)

from .helpers import spec, svc

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

DOCUMENT = """\
apiVersion: microservices-designer/v1
kind: Architecture
name: Shop
services:
  - name: orders
    endpoints:
      - path: /orders
    dependencies:
      - service: stock
        mode: sync
      - service: payments
        mode: sync
  - name: stock
    health_checks:
      - type: liveness
        endpoint: /health
        interval_seconds: 10
gateways:
  - name: edge
    routes:
      - path: /api/orders
        service: orders
circuit_breakers:
  - service: payments
    failure_threshold: 5
    reset_timeout_seconds: 30
sagas:
  - name: checkout
    compensation_strategy: sequential
    steps:
      - name: charge
        service: payments
        action: charge
"""


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SCHEMA.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the SARIF schema is missing in CI: {SCHEMA}")
        pytest.skip(f"the shared folder is absent here: {SCHEMA}")
    return Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def reference():
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        from ecommerce import ms
    finally:
        sys.path.remove(str(ROOT / "examples"))
    return ms.to_spec()


def schema_errors(validator: Draft4Validator, log: dict) -> list[str]:
    return [error.message for error in validator.iter_errors(log)]


def document_log(**options):
    arch = parse_architecture(DOCUMENT)
    return sarif_log(validate(arch), arch, **options)


def results_for(log: dict, rule_id: str, first_subject: str) -> dict:
    return next(
        r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == rule_id
        and r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == first_subject
    )


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_reference_example_log_validates_against_the_sarif_schema(validator, reference):
    log = sarif_log(validate(reference), reference)
    assert schema_errors(validator, log) == []
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_a_log_about_a_file_validates_against_the_sarif_schema(validator):
    log = document_log(uri="specs/shop.yaml", text=DOCUMENT)
    assert schema_errors(validator, log) == []
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": "specs/shop.yaml"}}]


def test_a_log_without_findings_validates_and_has_no_results(validator):
    arch = spec(services=[svc("alone")])
    log = sarif_log(validate(arch, disabled=list(all_rules())), arch)
    assert schema_errors(validator, log) == []
    assert log["runs"][0]["results"] == []


def test_the_driver_lists_every_registered_rule_with_its_texts():
    arch = spec(services=[svc("alone")])
    driver = sarif_log(validate(arch), arch)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "Microservices Designer"
    assert driver["version"]
    rules = all_rules()
    assert [d["id"] for d in driver["rules"]] == list(rules)
    placeholder = driver["rules"][0]
    assert placeholder["id"] == "MS101"
    assert placeholder["name"] == "PlaceholderService"
    assert placeholder["shortDescription"]["text"] == rules["MS101"].title
    assert placeholder["fullDescription"]["text"] == rules["MS101"].rationale
    assert placeholder["help"]["text"] == rules["MS101"].fix
    assert placeholder["defaultConfiguration"]["level"] == "error"
    assert placeholder["properties"]["family"] == "integrity"


def test_rule_levels_follow_severities_with_info_as_note():
    arch = spec(services=[svc("alone")])
    driver = sarif_log(validate(arch), arch)["runs"][0]["tool"]["driver"]
    expected = {"error": "error", "warning": "warning", "info": "note"}
    rules = all_rules()
    for descriptor in driver["rules"]:
        level = descriptor["defaultConfiguration"]["level"]
        assert level == expected[rules[descriptor["id"]].severity.value]


def test_thresholds_are_listed_with_their_defaults():
    arch = spec(services=[svc("alone")])
    driver = sarif_log(validate(arch), arch)["runs"][0]["tool"]["driver"]
    for descriptor, rule in zip(driver["rules"], all_rules().values(), strict=True):
        listed = {t["name"]: t["default"] for t in descriptor["properties"]["thresholds"]}
        assert listed == rule.defaults()


def test_rule_names_are_the_titles_in_camel_case():
    assert rule_name("Placeholder service") == "PlaceholderService"
    assert rule_name("Gateway routes collide or shadow each other") == (
        "GatewayRoutesCollideOrShadowEachOther"
    )
    assert rule_name("Worst-case retry delay exceeds the caller's latency objective") == (
        "WorstCaseRetryDelayExceedsTheCallerSLatencyObjective"
    )


def test_each_result_carries_rule_level_message_and_fingerprint(reference):
    report = validate(reference)
    log = sarif_log(report, reference)
    run = log["runs"][0]
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.rule
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding.rule
        assert result["message"]["text"] == finding.message
        assert result["partialFingerprints"] == {FINGERPRINT: finding.fingerprint}
        names = [loc["fullyQualifiedName"] for loc in result["locations"][0]["logicalLocations"]]
        assert names == [str(s) for s in finding.subjects]


def test_logical_locations_use_sarif_kinds_where_one_fits(reference):
    log = sarif_log(validate(reference), reference)
    result = results_for(log, "MS101", "service:payment-service")
    assert result["level"] == "error"
    assert result["locations"][0]["logicalLocations"] == [
        {
            "name": "payment-service",
            "fullyQualifiedName": "service:payment-service",
            "kind": "module",
        }
    ]
    step = results_for(log, "MS102", "saga_step:order-creation/step3")
    assert step["locations"][0]["logicalLocations"][0]["kind"] == "object"


def test_a_spec_without_a_file_has_no_physical_locations(reference):
    log = sarif_log(validate(reference), reference)
    assert all("physicalLocation" not in r["locations"][0] for r in log["runs"][0]["results"])
    assert "artifacts" not in log["runs"][0]


def test_results_point_at_the_line_of_their_primary_subject():
    log = document_log(uri="shop.yaml", text=DOCUMENT)
    wobbly = results_for(log, "MS204", "dependency:orders->stock")
    physical = wobbly["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "shop.yaml"
    assert physical["region"]["startLine"] == line_of(DOCUMENT, "- service: stock")


def test_a_placeholder_is_located_at_its_first_reference():
    log = document_log(uri="shop.yaml", text=DOCUMENT)
    placeholder = results_for(log, "MS101", "service:payments")
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == line_of(DOCUMENT, "- service: payments")


def test_a_file_without_its_text_gets_a_uri_but_no_region():
    log = document_log(uri="shop.yaml")
    physical = results_for(log, "MS101", "service:payments")["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": "shop.yaml", "index": 0}}


def test_unreadable_text_still_gives_a_valid_log(validator):
    log = document_log(uri="shop.yaml", text="{not: [valid")
    assert schema_errors(validator, log) == []


def test_every_kind_of_subject_is_located_in_the_document():
    locate = line_locator(DOCUMENT)
    expected = {
        Subject("service", "orders"): line_of(DOCUMENT, "- name: orders"),
        Subject("endpoint", "orders:/orders"): line_of(DOCUMENT, "- path: /orders"),
        Subject("dependency", "orders->stock"): line_of(DOCUMENT, "- service: stock"),
        Subject("health_check", "stock/liveness"): line_of(DOCUMENT, "- type: liveness"),
        Subject("gateway", "edge"): line_of(DOCUMENT, "- name: edge"),
        Subject("route", "edge:/api/orders"): line_of(DOCUMENT, "- path: /api/orders"),
        Subject("circuit_breaker", "payments"): line_of(DOCUMENT, "circuit_breakers:") + 1,
        Subject("saga", "checkout"): line_of(DOCUMENT, "- name: checkout"),
        Subject("saga_step", "checkout/charge"): line_of(DOCUMENT, "- name: charge"),
    }
    assert {subject: locate(subject) for subject in expected} == expected
    assert locate(Subject("service", "nowhere")) is None


def test_locations_follow_the_document_order_not_the_canonical_one():
    data = {
        "services": [
            {"name": "zeta", "owner": "core", "datastore": "db", "domain": "sales"},
            {"name": "alpha", "slos": [{"name": "availability"}], "publishes": [{"event": "e"}]},
        ],
        "mesh": {"name": "mesh"},
        "retry_policies": [{"service": "zeta"}],
    }
    found = subject_locations(data)
    assert found[Subject("service", "zeta")] == ("services", 0)
    assert found[Subject("service", "alpha")] == ("services", 1)
    assert found[Subject("slo", "alpha/availability")] == ("services", 1, "slos", 0)
    assert found[Subject("event", "e")] == ("services", 1, "publishes", 0)
    assert found[Subject("team", "core")] == ("services", 0, "owner")
    assert found[Subject("datastore", "db")] == ("services", 0, "datastore")
    assert found[Subject("domain", "sales")] == ("services", 0, "domain")
    assert found[Subject("mesh", "mesh")] == ("mesh",)
    assert found[Subject("retry_policy", "zeta")] == ("retry_policies", 0)


def test_a_synthetic_architecture_log_validates_and_places_every_result(validator):
    text = dump_architecture(synthesize(120, seed=4), "yaml")
    arch = parse_architecture(text)
    report = validate(arch)
    log = sarif_log(report, arch, uri="synthetic.yaml", text=text)
    assert schema_errors(validator, log) == []
    results = log["runs"][0]["results"]
    assert len(results) == len(report.findings) > 0
    unplaced = [
        r["ruleId"] for r in results if "region" not in r["locations"][0]["physicalLocation"]
    ]
    assert unplaced == []


def test_a_json_document_is_located_too(reference):
    text = dump_architecture(reference, "json")
    log = sarif_log(validate(reference), reference, uri="ecommerce.json", text=text)
    wobbly = results_for(log, "MS204", "dependency:order-service->inventory-service")
    line = wobbly["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert "inventory-service" in "".join(text.splitlines()[line - 1 : line + 2])
