"""PromQL for a service's indicators, spelt once for the SLO rules and the canary analysis.

With an Istio mesh the sidecars' standard metrics are used (`istio_requests_total`,
`istio_request_duration_milliseconds`, reported by the destination); without one,
the OpenTelemetry HTTP server metrics as the Collector's Prometheus exporter
names them (`job` is `<namespace>/<service>`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import ExportContext


@dataclass(frozen=True)
class Signals:
    requests: str  # a counter of requests, with its selector
    errors: str  # the same counter, server errors only
    duration_bucket: str  # a latency histogram's buckets, with its selector
    to_milliseconds: float  # what the histogram's unit is multiplied by to give ms


def signals(ctx: ExportContext, name: str) -> Signals:
    if ctx.mesh_is_istio:
        selector = (
            f'reporter="destination",destination_workload="{name}",'
            f'destination_workload_namespace="{ctx.namespace}"'
        )
        return Signals(
            requests=f"istio_requests_total{{{selector}}}",
            errors=f'istio_requests_total{{{selector},response_code=~"5.."}}',
            duration_bucket=f"istio_request_duration_milliseconds_bucket{{{selector}}}",
            to_milliseconds=1.0,
        )
    selector = f'job="{ctx.namespace}/{name}"'
    return Signals(
        requests=f"http_server_request_duration_seconds_count{{{selector}}}",
        errors=(
            f"http_server_request_duration_seconds_count"
            f'{{{selector},http_response_status_code=~"5.."}}'
        ),
        duration_bucket=f"http_server_request_duration_seconds_bucket{{{selector}}}",
        to_milliseconds=1000.0,
    )


def error_ratio(ctx: ExportContext, name: str, window: str) -> str:
    """The share of requests that failed with a server error over `window` (0..1)."""
    s = signals(ctx, name)
    return f"sum(rate({s.errors}[{window}])) / sum(rate({s.requests}[{window}]))"


def success_ratio(ctx: ExportContext, name: str, window: str) -> str:
    """The share of requests that did not fail with a server error over `window` (0..1)."""
    return f"1 - ({error_ratio(ctx, name, window)})"


def latency_p99_ms(ctx: ExportContext, name: str, window: str) -> str:
    """The 99th percentile of request latency over `window`, in milliseconds."""
    s = signals(ctx, name)
    quantile = f"histogram_quantile(0.99, sum by (le) (rate({s.duration_bucket}[{window}])))"
    return quantile if s.to_milliseconds == 1.0 else f"{quantile} * {s.to_milliseconds:g}"
