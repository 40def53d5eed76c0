"""The prometheus target: SLO recording rules, burn-rate alerts and OpenSLO documents."""

from __future__ import annotations

import re
from datetime import timedelta

import promql_parser
import pytest

from microservices.export import export_bundle
from microservices.spec.model import Architecture
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

WORKBOOK = {
    # (severity, factor): (long window, short window) for a 30-day objective
    ("page", 14.4): (timedelta(hours=1), timedelta(minutes=5)),
    ("page", 6.0): (timedelta(hours=6), timedelta(minutes=30)),
    ("ticket", 3.0): (timedelta(days=1), timedelta(hours=2)),
    ("ticket", 1.0): (timedelta(days=3), timedelta(hours=6)),
}
RECORD_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$")
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
DURATION_SHORTHAND = re.compile(r"^[1-9][0-9]*[mhdwMQY]$")


@pytest.fixture(scope="module")
def synthetic_bundle():
    return export_bundle(synthesize(300, seed=3), targets=["prometheus"])


def _spec(slos: list[dict], *, name: str = "order-service", istio: bool = True) -> Architecture:
    data = {"name": "Shop", "services": [{"name": name, "owner": "orders-team", "slos": slos}]}
    if istio:
        data["mesh"] = {"name": "mesh", "mesh_type": "istio"}
    return Architecture.model_validate(data)


def _group(bundle, service: str, slo: str) -> dict:
    rule = objects(bundle, "PrometheusRule", "prometheus/")[service]
    (group,) = [g for g in rule["spec"]["groups"] if g["rules"][0]["labels"]["slo"] == slo]
    return group


def _nodes(expr: str, kind: type) -> list:
    found = []
    promql_parser.walk(
        promql_parser.parse(expr),
        lambda node: found.append(node) if isinstance(node, kind) else None,
    )
    return found


def _windows_of_records(group: dict) -> dict[str, timedelta]:
    """record name -> the one rate window its expression reads."""
    windows = {}
    for rule in group["rules"]:
        if "record" in rule:
            ranges = {m.range for m in _nodes(rule["expr"], promql_parser.MatrixSelector)}
            if ranges:
                (windows[rule["record"]],) = ranges
    return windows


def _comparisons(group: dict):
    """(alert rule, `ratio > factor * budget` node) for every comparison of the group's alerts."""
    for rule in group["rules"]:
        for node in _nodes(rule["expr"], promql_parser.BinaryExpr) if "alert" in rule else ():
            if str(node.op) == ">":
                yield rule, node


def _burn_rate_conditions(group: dict) -> dict[tuple[str, float], tuple[timedelta, ...]]:
    """(severity, factor) -> the windows its comparisons read, longest first."""
    windows = _windows_of_records(group)
    found: dict[tuple[str, float], set[timedelta]] = {}
    for rule, comparison in _comparisons(group):
        factor, _ = (n.val for n in _nodes(str(comparison.rhs), promql_parser.NumberLiteral))
        key = (rule["labels"]["severity"], factor)
        found.setdefault(key, set()).add(windows[comparison.lhs.name])
    return {key: tuple(sorted(value, reverse=True)) for key, value in found.items()}


def _in_minutes(conditions: dict) -> dict[tuple[str, float], tuple[int, ...]]:
    return {
        key: tuple(w // timedelta(minutes=1) for w in value) for key, value in conditions.items()
    }


def _budgets(group: dict) -> set[float]:
    """The error budgets the alerts multiply their factors by."""
    return {
        _nodes(str(comparison.rhs), promql_parser.NumberLiteral)[1].val
        for _, comparison in _comparisons(group)
    }


def _groups(bundle):
    for rule in objects(bundle, "PrometheusRule", "prometheus/").values():
        yield from rule["spec"]["groups"]


# --- schema and syntax ---------------------------------------------------------------


def test_it_writes_prometheus_rules_the_official_crd_schema_accepts(
    reference_bundle, synthetic_bundle, crd_validator
):
    for bundle in (reference_bundle, synthetic_bundle):
        rules = [
            (path, doc)
            for path, doc in documents(bundle, "prometheus/")
            if doc["kind"] == "PrometheusRule"
        ]
        assert rules
        assert invalid_documents(rules, crd_validator) == []


def test_it_writes_only_expressions_prometheus_can_parse(reference_bundle, synthetic_bundle):
    for bundle in (reference_bundle, synthetic_bundle):
        for group in _groups(bundle):
            for rule in group["rules"]:
                promql_parser.parse(rule["expr"])


def test_it_names_recordings_level_metric_operations(synthetic_bundle):
    for group in _groups(synthetic_bundle):
        for rule in group["rules"]:
            if "record" in rule:
                assert RECORD_NAME.match(rule["record"]), rule["record"]


def test_it_alerts_only_on_series_recorded_in_the_same_group(synthetic_bundle):
    for group in _groups(synthetic_bundle):
        recorded = {rule["record"] for rule in group["rules"] if "record" in rule}
        for rule in group["rules"]:
            if "alert" in rule:
                read = {s.name for s in _nodes(rule["expr"], promql_parser.VectorSelector)}
                assert read <= recorded


# --- the reference example -------------------------------------------------------------


def test_it_gives_the_availability_slo_the_workbook_burn_rate_alerts(reference_bundle):
    group = _group(reference_bundle, "order-service", "availability")
    assert _burn_rate_conditions(group) == WORKBOOK
    assert _budgets(group) == {0.001}


def test_it_records_the_objective_and_error_budget_of_each_slo(reference_bundle):
    expected = {
        "availability": (0.999, 0.001),
        "latency_p99": (0.99, 0.01),
        "error_rate": (0.999, 0.001),
    }
    for slo, (objective, budget) in expected.items():
        meta = {
            rule["record"].split(":")[1]: _nodes(rule["expr"], promql_parser.NumberLiteral)[0].val
            for rule in _group(reference_bundle, "order-service", slo)["rules"]
            if rule.get("expr", "").startswith("vector(")
        }
        assert meta["objective"] == pytest.approx(objective)
        assert meta["error_budget"] == pytest.approx(budget)


def test_it_counts_requests_slower_than_200_ms_for_the_latency_objective(reference_bundle):
    group = _group(reference_bundle, "order-service", "latency_p99")
    slis = [r for r in group["rules"] if "record" in r and "rate(" in r["expr"]]
    assert slis
    for rule in slis:
        assert 200.0 in {n.val for n in _nodes(rule["expr"], promql_parser.NumberLiteral)}
        bounds = {
            float(m.value.split("(")[0])
            for s in _nodes(rule["expr"], promql_parser.VectorSelector)
            for m in s.matchers.matchers
            if m.name == "le"
        }
        assert min(bounds) < 200 < max(bounds)
    thresholds = [r["expr"] for r in group["rules"] if r.get("record", "").endswith(":seconds")]
    assert "vector(0.2)" in thresholds
    assert _budgets(group) == {0.01}


def test_it_scales_the_alert_windows_of_a_seven_day_objective(reference_bundle):
    minutes = _in_minutes(
        _burn_rate_conditions(_group(reference_bundle, "order-service", "latency_p99"))
    )
    # 7/30 of the workbook's windows, never under 5 minutes.
    assert minutes[("page", 14.4)] == (14, 5)
    assert minutes[("page", 6.0)] == (84, 7)
    assert minutes[("ticket", 3.0)] == (336, 28)
    assert minutes[("ticket", 1.0)] == (1008, 84)
    assert "window / 30d" in reference_bundle.files["README.md"]


def test_it_labels_alerts_for_routing(reference_bundle):
    for group in _groups(reference_bundle):
        alerts = [rule for rule in group["rules"] if "alert" in rule]
        assert sorted(a["labels"]["severity"] for a in alerts) == ["page", "ticket"]
        for alert in alerts:
            assert alert["labels"]["service"] == "order-service"
            assert alert["labels"]["slo"] in group["name"].replace("-", "_")
            assert {"summary", "description"} <= set(alert["annotations"])


def test_it_exports_only_defined_services_with_slos(reference_bundle):
    files = sorted(path for path in reference_bundle.files if path.startswith("prometheus/"))
    assert files == ["prometheus/openslo/order-service.yaml", "prometheus/rules/order-service.yaml"]


def test_it_tells_kubectl_to_apply_the_rules_but_not_the_openslo_documents(reference_bundle):
    applied = [
        line.split(" -f ")[1]
        for line in reference_bundle.files["README.md"].splitlines()
        if line.startswith("kubectl apply") and "prometheus/" in line
    ]
    assert applied == ["prometheus/rules/"]


# --- OpenSLO ---------------------------------------------------------------------------


def _check_openslo(doc: dict) -> None:
    """The structure of OpenSLO v1 Service and SLO documents, after the specification."""
    assert doc["apiVersion"] == "openslo/v1"
    assert set(doc) == {"apiVersion", "kind", "metadata", "spec"}
    assert DNS_LABEL.match(doc["metadata"]["name"])
    assert set(doc["metadata"]) <= {"name", "displayName", "labels", "annotations"}
    assert len(doc["metadata"].get("displayName", "")) <= 63
    if doc["kind"] == "Service":
        assert set(doc["spec"]) <= {"description"}
        return
    assert doc["kind"] == "SLO"
    spec = doc["spec"]
    assert set(spec) <= {
        "description", "service", "indicator", "indicatorRef", "timeWindow",
        "budgetingMethod", "objectives", "alertPolicies",
    }  # fmt: skip
    assert len(spec.get("description", "")) <= 1050
    assert spec["budgetingMethod"] == "Occurrences"
    (window,) = spec["timeWindow"]
    assert window["isRolling"] is True and DURATION_SHORTHAND.match(window["duration"])
    assert DNS_LABEL.match(spec["indicator"]["metadata"]["name"])
    ratio = spec["indicator"]["spec"]["ratioMetric"]
    assert set(ratio) in ({"counter", "good", "total"}, {"counter", "bad", "total"})
    for part in ("good", "bad", "total"):
        if part in ratio:
            source = ratio[part]["metricSource"]
            assert source["type"] == "Prometheus" and source["spec"]
            promql_parser.parse(source["spec"]["query"])
    for objective in spec["objectives"]:
        assert set(objective) <= {"displayName", "target"}
        assert 0 <= objective["target"] < 1


def test_it_describes_the_reference_slos_in_openslo(reference_bundle):
    docs = [doc for _, doc in documents(reference_bundle, "prometheus/openslo/")]
    for doc in docs:
        _check_openslo(doc)
    assert [doc["kind"] for doc in docs] == ["Service", "SLO", "SLO", "SLO"]
    slos = {doc["metadata"]["name"]: doc["spec"] for doc in docs[1:]}
    expected = {
        "order-service-availability": ("30d", 0.999),
        "order-service-latency-p99": ("7d", 0.99),
        "order-service-error-rate": ("1h", 0.999),
    }
    assert {
        name: (spec["timeWindow"][0]["duration"], spec["objectives"][0]["target"])
        for name, spec in slos.items()
    } == expected
    assert {spec["service"] for spec in slos.values()} == {docs[0]["metadata"]["name"]}


def test_it_queries_the_same_promql_in_openslo_as_in_the_rules(reference_bundle):
    slo = objects(reference_bundle, "SLO", "prometheus/openslo/")["order-service-latency-p99"]
    ratio = slo["spec"]["indicator"]["spec"]["ratioMetric"]
    bad, total = (ratio[part]["metricSource"]["spec"]["query"] for part in ("bad", "total"))
    recorded = [
        r["expr"] for r in _group(reference_bundle, "order-service", "latency_p99")["rules"]
    ]
    assert f"{bad} / {total}" in recorded


def test_it_writes_openslo_the_specification_allows_for_a_large_architecture(synthetic_bundle):
    docs = [doc for _, doc in documents(synthetic_bundle, "prometheus/openslo/")]
    assert docs
    for doc in docs:
        _check_openslo(doc)


def test_it_keeps_openslo_names_within_63_characters_and_distinct():
    name = "a-very-long-service-name-that-fills-almost-all-of-a-dns-label-x"
    bundle = export_bundle(
        _spec(
            [
                {"name": "latency_p99", "target": 300, "unit": "ms", "window": "30d"},
                {"name": "error_rate", "target": 0.01, "window": "30d"},
            ],
            name=name,
        ),
        targets=["prometheus"],
    )
    docs = [doc for _, doc in documents(bundle, "prometheus/openslo/")]
    for doc in docs:
        _check_openslo(doc)
    names = [doc["metadata"]["name"] for doc in docs]
    names += [d["spec"]["indicator"]["metadata"]["name"] for d in docs if d["kind"] == "SLO"]
    assert all(DNS_LABEL.match(n) for n in names)
    assert len(set(names)) == len(names) == 5


# --- other designs ---------------------------------------------------------------------------


def test_it_reads_the_opentelemetry_histogram_in_seconds_without_a_mesh():
    bundle = export_bundle(
        _spec([{"name": "latency_p99", "target": 0.25, "unit": "s", "window": "30d"}], istio=False),
        targets=["prometheus"],
    )
    group = _group(bundle, "order-service", "latency_p99")
    sli = next(r for r in group["rules"] if "record" in r and "rate(" in r["expr"])
    selectors = _nodes(sli["expr"], promql_parser.VectorSelector)
    assert {s.name for s in selectors} == {
        "http_server_request_duration_seconds_bucket",
        "http_server_request_duration_seconds_count",
    }
    # 250 ms is a default boundary of that histogram: read exactly.
    assert [m.value for s in selectors for m in s.matchers.matchers if m.name == "le"] == ["0.25"]


def test_it_alerts_on_any_error_and_leaves_openslo_out_for_a_hundred_percent_objective():
    bundle = export_bundle(
        _spec([{"name": "availability", "target": 1, "window": "30d"}]), targets=["prometheus"]
    )
    assert _budgets(_group(bundle, "order-service", "availability")) == {0.0}
    assert [doc["kind"] for _, doc in documents(bundle, "prometheus/openslo/")] == ["Service"]
    assert "no error budget" in bundle.files["README.md"]


def _latency_sli(threshold: float, unit: str, *, istio: bool) -> tuple[list, set[float]]:
    """The `le` values and the numbers of a latency objective's shortest SLI recording."""
    objective = {"name": "latency_p99", "target": threshold, "unit": unit, "window": "30d"}
    bundle = export_bundle(_spec([objective], istio=istio), targets=["prometheus"])
    group = _group(bundle, "order-service", "latency_p99")
    expr = next(r["expr"] for r in group["rules"] if "record" in r and "rate(" in r["expr"])
    les = sorted(
        {
            m.value
            for s in _nodes(expr, promql_parser.VectorSelector)
            for m in s.matchers.matchers
            if m.name == "le"
        }
    )
    return les, {n.val for n in _nodes(expr, promql_parser.NumberLiteral)}


def test_it_interpolates_from_zero_below_the_first_bucket():
    les, numbers = _latency_sli(0.3, "ms", istio=True)
    assert les == ["0.5"]
    assert {0.3, 0.5} <= numbers


def test_it_counts_everything_beyond_the_last_bucket_as_slow():
    les, _ = _latency_sli(20, "s", istio=False)
    assert les == ["10(\\.0)?"]


def test_it_scales_alert_windows_of_short_objectives_no_shorter_than_five_minutes():
    bundle = export_bundle(
        _spec([{"name": "error_rate", "target": 0.01, "window": "1d"}]), targets=["prometheus"]
    )
    minutes = _in_minutes(_burn_rate_conditions(_group(bundle, "order-service", "error_rate")))
    # 1/30 of the workbook's windows: 2m, 10s, 12m, 1m, 48m, 4m, 144m, 12m.
    assert minutes == {
        ("page", 14.4): (5,),
        ("page", 6.0): (12, 5),
        ("ticket", 3.0): (48, 5),
        ("ticket", 1.0): (144, 12),
    }


def test_it_routes_alerts_to_the_owning_team():
    bundle = export_bundle(
        _spec([{"name": "availability", "target": 0.99, "window": "30d"}]), targets=["prometheus"]
    )
    alerts = [r for r in _group(bundle, "order-service", "availability")["rules"] if "alert" in r]
    assert {alert["labels"]["team"] for alert in alerts} == {"orders-team"}


def test_it_exports_the_same_bytes_twice():
    first, second = (
        export_bundle(synthesize(120, seed=11), targets=["prometheus"], revision=2)
        for _ in range(2)
    )
    assert first.files == second.files
    assert any(path.startswith("prometheus/rules/") for path in first.files)
