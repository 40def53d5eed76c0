"""The kubernetes target: Namespace, ServiceAccounts, Services and Deployments."""

from __future__ import annotations

import pytest

from microservices.export import export_bundle
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

WORKLOAD_TARGETS = ["kubernetes", "argo-rollouts", "opentelemetry"]
PROBE_FIELDS = {
    "liveness": "livenessProbe",
    "readiness": "readinessProbe",
    "startup": "startupProbe",
}


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=5)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, WORKLOAD_TARGETS)


@pytest.fixture(scope="module")
def kubernetes_only(reference_spec):
    return export_bundle(reference_spec, ["kubernetes"], revision=7)


def container_of(workload: dict) -> dict:
    [container] = workload["spec"]["template"]["spec"]["containers"]
    return container


@pytest.mark.parametrize("bundle_name", ["reference_bundle", "synthetic_bundle"])
def test_every_kubernetes_object_passes_the_strict_kubernetes_schemas(
    request, bundle_name, kubernetes_validator
):
    items = documents(request.getfixturevalue(bundle_name), "kubernetes/")
    assert {doc["kind"] for _, doc in items} == {
        "Namespace",
        "ServiceAccount",
        "Service",
        "Deployment",
    }
    assert invalid_documents(items, kubernetes_validator) == []


def test_the_namespace_enables_sidecar_injection_only_with_an_istio_mesh(reference_bundle):
    [namespace] = objects(reference_bundle, "Namespace", "kubernetes/").values()
    assert namespace["metadata"]["labels"]["istio-injection"] == "enabled"

    without_mesh = export_bundle(architecture_from_data({"name": "Shop"}), ["kubernetes"])
    [namespace] = objects(without_mesh, "Namespace").values()
    assert "istio-injection" not in namespace["metadata"]["labels"]
    assert namespace["metadata"]["name"] == "shop"


def test_probes_carry_the_endpoints_and_intervals_of_the_health_checks(kubernetes_only):
    container = container_of(objects(kubernetes_only, "Deployment")["order-service"])
    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert container["livenessProbe"]["periodSeconds"] == 30
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert container["readinessProbe"]["periodSeconds"] == 10
    assert "startupProbe" not in container
    assert "failureThreshold 3" in kubernetes_only.files["README.md"]


def test_every_workload_probes_what_its_design_checks(synthetic_spec, synthetic_bundle):
    workloads = {
        **objects(synthetic_bundle, "Deployment", "kubernetes/"),
        **objects(synthetic_bundle, "Rollout", "argo-rollouts/"),
    }
    for service in synthetic_spec.services:
        if service.placeholder:
            continue
        container = container_of(workloads[service.name])
        expected = {
            PROBE_FIELDS[check.type.value]: (check.endpoint, check.interval_seconds)
            for check in service.health_checks
        }
        probed = {
            field: (container[field]["httpGet"]["path"], container[field]["periodSeconds"])
            for field in PROBE_FIELDS.values()
            if field in container
        }
        assert probed == expected, service.name


def test_each_service_port_is_named_for_its_protocol_and_served_by_its_pods(synthetic_bundle):
    workloads = {
        **objects(synthetic_bundle, "Deployment", "kubernetes/"),
        **objects(synthetic_bundle, "Rollout", "argo-rollouts/"),
    }
    for name, service in objects(synthetic_bundle, "Service", "kubernetes/").items():
        pods = workloads[name]["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= pods.items()
        served = {port["containerPort"] for port in container_of(workloads[name])["ports"]}
        for port in service["spec"]["ports"]:
            assert port["name"] == "http"
            assert port["targetPort"] in served


def test_the_workload_runs_as_its_own_service_account_with_the_chosen_options(reference_spec):
    options = {
        "replicas": 3,
        "container_port": 9000,
        "image_registry": "ghcr.io/acme",
        "image_tag": "2.1",
    }
    bundle = export_bundle(reference_spec, ["kubernetes"], options)
    deployment = objects(bundle, "Deployment")["inventory-service"]
    assert deployment["spec"]["replicas"] == 3
    pod = deployment["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] in objects(bundle, "ServiceAccount")
    container = container_of(deployment)
    assert container["image"] == "ghcr.io/acme/inventory-service:2.1"
    assert container["ports"][0]["containerPort"] == 9000
    assert objects(bundle, "Service")["inventory-service"]["spec"]["ports"][0]["port"] == 9000


def test_pods_run_unprivileged(reference_bundle):
    for deployment in objects(reference_bundle, "Deployment", "kubernetes/").values():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        security = container_of(deployment)["securityContext"]
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]


def test_a_canary_service_has_no_deployment_when_argo_rollouts_runs_it(reference_bundle):
    assert "order-service" not in objects(reference_bundle, "Deployment", "kubernetes/")
    assert "order-service" in objects(reference_bundle, "Service", "kubernetes/")
    assert "order-service" in objects(reference_bundle, "Rollout", "argo-rollouts/")


def test_a_canary_service_gets_a_rolling_deployment_and_a_note_without_argo_rollouts(
    kubernetes_only,
):
    deployment = objects(kubernetes_only, "Deployment")["order-service"]
    assert deployment["spec"]["strategy"]["type"] == "RollingUpdate"
    notes = kubernetes_only.files["README.md"].split("### kubernetes")[1]
    assert "argo-rollouts is not part of this export" in notes
    assert "order-service" in notes


def test_placeholders_get_no_workload(reference_spec, reference_bundle):
    names = {doc["metadata"]["name"] for _, doc in documents(reference_bundle, "kubernetes/")}
    placeholders = {service.name for service in reference_spec.services if service.placeholder}
    assert placeholders == {"payment-service", "product-service", "user-service", "auth-service"}
    assert not names & placeholders


def test_the_tracing_environment_carries_the_design_sample_rate(kubernetes_only):
    container = container_of(objects(kubernetes_only, "Deployment")["order-service"])
    environment = {item["name"]: item["value"] for item in container["env"]}
    assert environment["OTEL_SERVICE_NAME"] == "order-service"
    assert environment["OTEL_TRACES_SAMPLER"] == "parentbased_traceidratio"
    assert float(environment["OTEL_TRACES_SAMPLER_ARG"]) == 0.01
    untraced = container_of(objects(kubernetes_only, "Deployment")["inventory-service"])
    assert "env" not in untraced


def test_exporting_twice_gives_identical_files(synthetic_spec):
    first = export_bundle(synthetic_spec, WORKLOAD_TARGETS, revision=3)
    second = export_bundle(synthetic_spec, WORKLOAD_TARGETS, revision=3)
    assert first.files == second.files
