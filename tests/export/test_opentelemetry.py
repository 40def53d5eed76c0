"""The opentelemetry target: each traced service's OTEL_* environment and the Collector."""

from __future__ import annotations

import pytest
import yaml

from microservices.export import export_bundle
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

TARGETS = ["kubernetes", "opentelemetry"]
EXPORTER_BY_TRACER = {"jaeger": "otlp", "otlp": "otlp", "zipkin": "zipkin"}


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=7)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, TARGETS)


def environment(bundle, name: str) -> dict[str, str]:
    """The variables of `services/<name>.env`, comments left out."""
    text = bundle.files[f"opentelemetry/services/{name}.env"]
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def collector_config(bundle) -> dict:
    [config] = [doc for _, doc in documents(bundle, "opentelemetry/collector/config.yaml")]
    return config


def traced_bundle(tracers: list[str], observability: dict) -> object:
    services = [
        {"name": f"svc-{tracer}", "tracing": {"tracer": tracer, "sample_rate": 0.25}}
        for tracer in tracers
    ]
    mesh = {"name": "mesh", "mesh_type": "istio", "observability": observability}
    data = {"name": "Shop", "services": services, "mesh": mesh}
    return export_bundle(architecture_from_data(data), ["opentelemetry"])


def test_order_service_samples_its_design_rate_with_a_parent_based_ratio(reference_bundle):
    env = environment(reference_bundle, "order-service")
    assert env["OTEL_SERVICE_NAME"] == "order-service"
    assert env["OTEL_TRACES_SAMPLER"] == "parentbased_traceidratio"
    assert float(env["OTEL_TRACES_SAMPLER_ARG"]) == 0.01
    assert env["OTEL_TRACES_EXPORTER"] == "otlp"
    assert "service.namespace=e-commerce-platform" in env["OTEL_RESOURCE_ATTRIBUTES"]


def test_the_environment_points_at_the_collector_of_the_bundle(reference_bundle):
    env = environment(reference_bundle, "order-service")
    [collector] = objects(reference_bundle, "Service", "opentelemetry/").values()
    host = f"{collector['metadata']['name']}.{collector['metadata']['namespace']}.svc.cluster.local"
    assert env["OTEL_EXPORTER_OTLP_ENDPOINT"].startswith(f"http://{host}:")
    port = int(env["OTEL_EXPORTER_OTLP_ENDPOINT"].rsplit(":", 1)[1])
    assert port in {p["port"] for p in collector["spec"]["ports"]}


def test_every_traced_service_gets_the_exporter_of_its_tracer(synthetic_spec, synthetic_bundle):
    traced = [s for s in synthetic_spec.services if s.tracing is not None]
    env_files = [p for p in synthetic_bundle.files if p.startswith("opentelemetry/services/")]
    assert len(env_files) == len(traced)
    for service in traced:
        env = environment(synthetic_bundle, service.name)
        assert env["OTEL_TRACES_EXPORTER"] == EXPORTER_BY_TRACER[service.tracing.tracer.value]
        assert float(env["OTEL_TRACES_SAMPLER_ARG"]) == service.tracing.sample_rate
        if service.tracing.tracer.value == "zipkin":
            assert env["OTEL_EXPORTER_ZIPKIN_ENDPOINT"].endswith("/api/v2/spans")


def test_the_env_file_matches_the_environment_of_the_deployment(synthetic_bundle):
    deployments = objects(synthetic_bundle, "Deployment", "kubernetes/")
    for path in [p for p in synthetic_bundle.files if p.startswith("opentelemetry/services/")]:
        name = path.rsplit("/", 1)[1].removesuffix(".env")
        [container] = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert {e["name"]: e["value"] for e in container["env"]} == environment(
            synthetic_bundle, name
        )


def test_placeholders_and_untraced_services_get_no_environment(reference_bundle):
    env_files = [p for p in reference_bundle.files if p.startswith("opentelemetry/services/")]
    assert env_files == ["opentelemetry/services/order-service.env"]


def test_the_collector_pipelines_only_use_components_it_configures(synthetic_bundle):
    config = collector_config(synthetic_bundle)
    connectors = set(config.get("connectors", {}))
    for name, pipeline in config["service"]["pipelines"].items():
        assert set(pipeline["receivers"]) <= set(config["receivers"]) | connectors, name
        assert set(pipeline["processors"]) <= set(config["processors"]), name
        assert set(pipeline["exporters"]) <= set(config["exporters"]) | connectors, name


def test_each_service_spans_are_routed_to_its_own_tracing_backend(synthetic_spec, synthetic_bundle):
    config = collector_config(synthetic_bundle)
    pipelines = config["service"]["pipelines"]
    routed = {}
    for route in config["connectors"]["routing"]["table"]:
        service = route["statement"].split('"')[-2]
        [pipeline] = route["pipelines"]
        [exporter] = pipelines[pipeline]["exporters"]
        routed[service] = exporter
    tracers = {s.name: s.tracing.tracer.value for s in synthetic_spec.services if s.tracing}
    assert set(routed) == set(tracers)
    by_tracer = {}
    for service, tracer in tracers.items():
        by_tracer.setdefault(tracer, set()).add(routed[service])
    # One backend exporter per tracer, and no two tracers share one.
    assert all(len(exporters) == 1 for exporters in by_tracer.values())
    assert len({exporter for exporters in by_tracer.values() for exporter in exporters}) == 3
    assert "zipkin" in config["receivers"]


def test_a_single_backend_needs_no_routing_and_no_zipkin_receiver():
    config = collector_config(traced_bundle(["jaeger"], {"tracing": True}))
    assert "connectors" not in config
    assert "zipkin" not in config["receivers"]
    assert config["service"]["pipelines"]["traces"]["exporters"] == ["otlp/jaeger"]


def test_metrics_and_logs_pipelines_follow_the_mesh_observability():
    quiet = traced_bundle(["otlp"], {"tracing": True})
    assert set(collector_config(quiet)["service"]["pipelines"]) == {"traces"}
    assert environment(quiet, "svc-otlp")["OTEL_METRICS_EXPORTER"] == "none"

    observed = traced_bundle(["otlp"], {"tracing": True, "metrics": True, "logging": True})
    assert set(collector_config(observed)["service"]["pipelines"]) == {"traces", "metrics", "logs"}
    assert environment(observed, "svc-otlp")["OTEL_LOGS_EXPORTER"] == "otlp"


def test_the_collector_objects_pass_the_strict_kubernetes_schemas(
    reference_bundle, synthetic_bundle, kubernetes_validator
):
    for bundle in (reference_bundle, synthetic_bundle):
        items = documents(bundle, "opentelemetry/collector/collector.yaml")
        assert {doc["kind"] for _, doc in items} == {"ConfigMap", "Deployment", "Service"}
        assert invalid_documents(items, kubernetes_validator) == []


def test_the_collector_runs_the_configuration_of_the_bundle(reference_bundle):
    collector = dict(
        (doc["kind"], doc)
        for _, doc in documents(reference_bundle, "opentelemetry/collector/collector.yaml")
    )
    [mounted] = collector["ConfigMap"]["data"].values()
    assert yaml.safe_load(mounted) == collector_config(reference_bundle)
    [container] = collector["Deployment"]["spec"]["template"]["spec"]["containers"]
    served = {port["containerPort"] for port in container["ports"]}
    for port in collector["Service"]["spec"]["ports"]:
        assert port["targetPort"] in served
        assert port["name"].split("-")[0] in {"http", "grpc"}
    receiver_ports = {
        int(protocol["endpoint"].rsplit(":", 1)[1])
        for protocol in collector_config(reference_bundle)["receivers"]["otlp"][
            "protocols"
        ].values()
    }
    assert receiver_ports <= served
