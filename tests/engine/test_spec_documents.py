"""Reading spec documents: every error names its field and line; hostile input is refused."""

from __future__ import annotations

import json

import pytest

from microservices.spec import (
    DEFAULT_LIMITS,
    DocumentLimits,
    SpecValidationError,
    load_document,
    parse_architecture,
)
from tests.engine.conftest import line_of

DOCUMENT = """\
apiVersion: microservices-designer/v1
kind: Architecture
name: Shop
pattern: event-driven
services:
  - name: order-service
    domain: orders
    dependencies:
      - service: payment-service
        mode: sync
        timeout_ms: 500
    publishes:
      - event: order.created
        kind: domain
    slos:
      - name: availability
        target: 0.999
        window: 30d
    deployment:
      strategy: canary
      canary:
        initial_percentage: 5
        increment: 5
        pause_duration_minutes: 10
  - name: payment-service
    domain: payments
    publishes:
      - event: payment.captured
        kind: integration
circuit_breakers:
  - service: payment-service
    failure_threshold: 5
    reset_timeout_seconds: 60
"""


def errors_of(text: str, fmt: str | None = None) -> list:
    with pytest.raises(SpecValidationError) as caught:
        parse_architecture(text, fmt)
    return caught.value.errors


def test_the_document_used_below_is_valid():
    arch = parse_architecture(DOCUMENT)
    assert [s.name for s in arch.services] == ["order-service", "payment-service"]


@pytest.mark.parametrize(
    ("original", "replacement", "field", "message"),
    [
        ("    domain: orders", "    colour: blue", "services[0].colour", "unknown field"),
        ("mode: sync", "mode: sometimes", "services[0].dependencies[0].mode", "'sync' or 'async'"),
        ("- name: order-service", "- name: Order_Service", "services[0].name", "DNS-1123"),
        ("target: 0.999", "target: 1.5", "services[0].slos[0].target", "ratio in (0, 1]"),
        (
            "failure_threshold: 5",
            "failure_threshold: -5",
            "circuit_breakers[0].failure_threshold",
            "greater than or equal to 1",
        ),
        (
            "initial_percentage: 5",
            "initial_percentage: 150",
            "services[0].deployment.canary.initial_percentage",
            "less than or equal to 100",
        ),
        (
            "- name: payment-service",
            "- name: order-service",
            "services[1].name",
            "duplicate service order-service",
        ),
        (
            "event: payment.captured",
            "event: order.created",
            "services[1].publishes[0].event",
            "an event has one publisher",
        ),
        (
            "apiVersion: microservices-designer/v1",
            "apiVersion: microservices-designer/v2",
            "apiVersion",
            "unsupported apiVersion 'microservices-designer/v2'",
        ),
    ],
    ids=[
        "unknown-field",
        "wrong-enum-value",
        "name-not-dns-1123",
        "availability-over-1",
        "negative-threshold",
        "canary-over-100",
        "duplicate-service",
        "duplicate-publisher",
        "unsupported-api-version",
    ],
)
def test_it_rejects_a_bad_value_naming_its_field_and_line(original, replacement, field, message):
    assert original in DOCUMENT
    text = DOCUMENT.replace(original, replacement, 1)
    matching = [error for error in errors_of(text) if error.field == field]
    assert matching, f"no error about {field}"
    (error,) = matching
    assert message in error.message
    assert error.line == DOCUMENT[: DOCUMENT.index(original)].count("\n") + 1


def test_it_rejects_a_yaml_syntax_error_at_its_line():
    text = DOCUMENT.replace("    domain: payments", "    domain: payments: billing")
    (error,) = errors_of(text)
    assert error.message.startswith("invalid YAML")
    assert error.line == line_of(text, "domain: payments: billing")


def test_it_places_errors_of_a_json_document_on_their_line():
    data = parse_architecture(DOCUMENT).model_dump(mode="json", exclude_defaults=True)
    data["services"][1]["colour"] = "blue"
    text = json.dumps(data, indent=2)
    (error,) = errors_of(text, "json")
    assert (error.field, error.message) == ("services[1].colour", "unknown field")
    assert error.line == line_of(text, '"colour"')


def test_it_rejects_a_json_syntax_error_at_its_line():
    text = '{\n  "apiVersion": "microservices-designer/v1",\n  "name": "Shop",,\n}\n'
    (error,) = errors_of(text, "json")
    assert error.message.startswith("invalid JSON") and error.line == 3


def test_it_rejects_a_billion_laughs_alias_bomb():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    (error,) = errors_of("\n".join(lines) + "\n")
    assert "aliases counted expanded" in error.message
    assert f"more than {DEFAULT_LIMITS.max_nodes:,} values" in error.message


def test_it_rejects_a_document_over_the_size_cap():
    (error,) = errors_of("#" * (DEFAULT_LIMITS.max_bytes + 1))
    assert f"the limit is {DEFAULT_LIMITS.max_bytes:,} bytes" in error.message


def test_it_applies_a_smaller_size_cap_when_asked():
    with pytest.raises(SpecValidationError, match="the limit is 100 bytes"):
        parse_architecture(DOCUMENT, limits=DocumentLimits(max_bytes=100))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_rejects_a_document_over_the_depth_cap(fmt):
    depth = DEFAULT_LIMITS.max_depth + 1
    text = '{"name": ' + "[" * depth + "]" * depth + "}"
    (error,) = errors_of(text, fmt)
    assert f"nesting deeper than {DEFAULT_LIMITS.max_depth} levels" in error.message


def test_it_accepts_nesting_up_to_the_depth_cap_before_the_model_says_no():
    depth = DEFAULT_LIMITS.max_depth - 1
    text = '{"name": ' + "[" * depth + "]" * depth + "}"
    (error,) = errors_of(text)
    assert "nesting" not in error.message and error.field == "name"


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object:pathlib.Path {{}}",
        "!!python/name:os.system",
    ],
)
def test_it_refuses_python_tags(tagged, tmp_path):
    marker = tmp_path / "constructed"
    text = DOCUMENT.replace("name: Shop", "name: " + tagged.format(marker=marker))
    (error,) = errors_of(text)
    assert error.message.startswith("invalid YAML: could not determine a constructor")
    assert error.line == line_of(text, "!!python")
    assert not marker.exists()


def test_it_rejects_a_document_that_is_not_a_mapping():
    (error,) = errors_of("- just\n- a list\n")
    assert "must be a mapping" in error.message


def test_it_rejects_more_than_one_yaml_document():
    (error,) = errors_of(DOCUMENT + "---\n" + DOCUMENT)
    assert error.message == "expected one YAML document, found 2"


def test_it_rejects_a_repeated_yaml_key_at_its_line():
    text = DOCUMENT.replace("pattern: event-driven\n", "pattern: event-driven\npattern: hybrid\n")
    with pytest.raises(SpecValidationError) as caught:
        parse_architecture(text)
    (error,) = caught.value.errors
    assert error.message == "duplicate key 'pattern'"
    assert error.line == line_of(text, "pattern: hybrid")


def test_it_rejects_a_repeated_json_key():
    with pytest.raises(SpecValidationError, match="duplicate key 'name'"):
        parse_architecture('{"name": "a", "name": "b"}', "json")


def test_it_keeps_yaml_anchors_and_merges_that_repeat_no_key():
    data = load_document("base: &b {mode: sync}\nfirst: *b\nsecond: {<<: *b, timeout_ms: 5}\n")
    assert data["second"] == {"mode": "sync", "timeout_ms": 5}
