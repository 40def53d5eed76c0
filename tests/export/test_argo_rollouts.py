"""The argo-rollouts target: Rollouts for canary and blue-green services, canary analysis."""

from __future__ import annotations

import promql_parser
import pytest

from microservices.export import export_bundle
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

TARGETS = ["kubernetes", "argo-rollouts"]


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=11)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, TARGETS)


def order_service_with(reference_spec, **deployment) -> dict:
    """The reference spec as data, with order-service deployed as `deployment` says."""
    data = reference_spec.model_dump(mode="json")
    [order] = [service for service in data["services"] if service["name"] == "order-service"]
    order["deployment"] = deployment
    return data


def steps_of(rollout: dict) -> list[dict]:
    return rollout["spec"]["strategy"]["canary"]["steps"]


@pytest.mark.parametrize("bundle_name", ["reference_bundle", "synthetic_bundle"])
def test_every_rollout_and_analysis_template_passes_the_strict_argo_schemas(
    request, bundle_name, crd_validator
):
    items = documents(request.getfixturevalue(bundle_name), "argo-rollouts/")
    custom = [(path, doc) for path, doc in items if doc["apiVersion"].startswith("argoproj.io/")]
    assert {"Rollout", "AnalysisTemplate"} <= {doc["kind"] for _, doc in custom}
    assert invalid_documents(custom, crd_validator) == []


def test_the_preview_services_pass_the_strict_kubernetes_schemas(
    synthetic_bundle, kubernetes_validator
):
    core = [
        (p, d) for p, d in documents(synthetic_bundle, "argo-rollouts/") if d["kind"] == "Service"
    ]
    assert core
    assert invalid_documents(core, kubernetes_validator) == []


def test_order_service_steps_by_five_percent_with_ten_minute_pauses(reference_bundle):
    steps = steps_of(objects(reference_bundle, "Rollout", "argo-rollouts/")["order-service"])
    weights = [step["setWeight"] for step in steps if "setWeight" in step]
    assert weights == list(range(5, 101, 5))
    for before, after in zip(steps[::2], steps[1::2], strict=False):
        assert "setWeight" in before
        assert after == {"pause": {"duration": "10m"}}
    assert steps[-1] == {"setWeight": 100}


def test_a_canary_that_does_not_divide_100_still_ends_at_full_weight(reference_spec):
    data = order_service_with(
        reference_spec,
        strategy="canary",
        canary={"initial_percentage": 10, "increment": 40, "pause_duration_minutes": 0},
    )
    bundle = export_bundle(architecture_from_data(data), TARGETS)
    steps = steps_of(objects(bundle, "Rollout")["order-service"])
    # A duration-less pause would wait for a person: none is written for 0 minutes.
    assert steps == [{"setWeight": 10}, {"setWeight": 50}, {"setWeight": 90}, {"setWeight": 100}]
    assert (
        "analysis" not in objects(bundle, "Rollout")["order-service"]["spec"]["strategy"]["canary"]
    )
    assert "AnalysisTemplate" not in {d["kind"] for _, d in documents(bundle)}


def test_order_service_analysis_checks_its_slos_with_valid_promql(reference_bundle):
    rollout = objects(reference_bundle, "Rollout", "argo-rollouts/")["order-service"]
    analysis = rollout["spec"]["strategy"]["canary"]["analysis"]
    templates = objects(reference_bundle, "AnalysisTemplate", "argo-rollouts/")
    [reference] = analysis["templates"]
    metrics = {m["name"]: m for m in templates[reference["templateName"]]["spec"]["metrics"]}
    assert set(metrics) == {"success-rate", "latency-p99"}
    for metric in metrics.values():
        promql_parser.parse(metric["provider"]["prometheus"]["query"])
        assert metric["provider"]["prometheus"]["address"].startswith("http")
    # availability 0.999 and error rate 0.001 both ask for 99.9 % success.
    assert metrics["success-rate"]["successCondition"].endswith("result[0] >= 0.999")
    assert metrics["latency-p99"]["successCondition"].endswith("result[0] <= 200.0")
    assert "order-service" in metrics["success-rate"]["provider"]["prometheus"]["query"]


def test_every_synthetic_analysis_query_parses(synthetic_bundle):
    templates = objects(synthetic_bundle, "AnalysisTemplate", "argo-rollouts/")
    assert templates
    for template in templates.values():
        for metric in template["spec"]["metrics"]:
            promql_parser.parse(metric["provider"]["prometheus"]["query"])


def test_the_rollout_runs_the_pods_the_deployment_would_run(reference_spec, reference_bundle):
    without_argo = export_bundle(reference_spec, ["kubernetes"], revision=7)
    deployment = objects(without_argo, "Deployment")["order-service"]
    rollout = objects(reference_bundle, "Rollout", "argo-rollouts/")["order-service"]
    assert rollout["spec"]["template"] == deployment["spec"]["template"]
    assert rollout["spec"]["selector"] == deployment["spec"]["selector"]


def test_a_blue_green_service_switches_its_service_and_previews_on_another(synthetic_bundle):
    rollouts = objects(synthetic_bundle, "Rollout", "argo-rollouts/")
    blue_green = {n: r for n, r in rollouts.items() if "blueGreen" in r["spec"]["strategy"]}
    assert blue_green
    active = objects(synthetic_bundle, "Service", "kubernetes/")
    previews = objects(synthetic_bundle, "Service", "argo-rollouts/")
    for rollout in blue_green.values():
        strategy = rollout["spec"]["strategy"]["blueGreen"]
        assert strategy["activeService"] in active
        preview = previews[strategy["previewService"]]
        pods = rollout["spec"]["template"]["metadata"]["labels"]
        assert preview["spec"]["selector"].items() <= pods.items()


def test_only_progressive_services_get_a_rollout(synthetic_spec, synthetic_bundle):
    progressive = {
        s.name
        for s in synthetic_spec.services
        if s.deployment is not None and s.deployment.strategy.value in ("canary", "blue-green")
    }
    assert set(objects(synthetic_bundle, "Rollout")) == progressive
    assert not progressive & set(objects(synthetic_bundle, "Deployment"))


def test_rollouts_leave_routing_to_the_istio_target(reference_bundle):
    kinds = {doc["kind"] for _, doc in documents(reference_bundle, "argo-rollouts/")}
    assert "VirtualService" not in kinds
    rollout = objects(reference_bundle, "Rollout", "argo-rollouts/")["order-service"]
    assert "trafficRouting" not in rollout["spec"]["strategy"]["canary"]
    assert "no trafficRouting" in reference_bundle.files["README.md"]


def test_the_analysis_takes_the_strictest_success_target_and_latency_in_milliseconds(
    reference_spec,
):
    data = order_service_with(
        reference_spec,
        strategy="canary",
        canary={
            "initial_percentage": 50,
            "increment": 50,
            "pause_duration_minutes": 5,
            "metrics_based": True,
        },
    )
    [order] = [service for service in data["services"] if service["name"] == "order-service"]
    order["slos"] = [
        {"name": "availability", "target": 0.99, "window": "30d"},
        {"name": "error_rate", "target": 0.005, "window": "1h"},
        {"name": "latency_p99", "target": 0.5, "unit": "s", "window": "7d"},
    ]
    bundle = export_bundle(architecture_from_data(data), TARGETS)
    metrics = {
        m["name"]: m
        for m in objects(bundle, "AnalysisTemplate")["order-service"]["spec"]["metrics"]
    }
    assert metrics["success-rate"]["successCondition"].endswith("result[0] >= 0.995")
    assert metrics["latency-p99"]["successCondition"].endswith("result[0] <= 500.0")
