"""PromQL for a service's indicators, spelt once for the SLO rules and the canary analysis.

With an Istio mesh the sidecars' standard metrics are used (`istio_requests_total`,
`istio_request_duration_milliseconds`, reported by the destination); without one,
the OpenTelemetry HTTP server metrics as the Collector's Prometheus exporter
names them (`job` is `<namespace>/<service>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .context import ExportContext

# The latency histograms' default bucket boundaries, in each histogram's own unit:
# Envoy's defaults (milliseconds) and the OpenTelemetry semantic conventions'
# advice for `http.server.request.duration` (seconds).
ISTIO_BUCKETS_MS = tuple(
    Decimal(b)
    for b in (
        *("0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000"),
        *("10000", "30000", "60000", "300000", "600000", "1800000", "3600000"),
    )
)
OTEL_BUCKETS_S = tuple(
    Decimal(b)
    for b in (
        *("0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1"),
        *("2.5", "5", "7.5", "10"),
    )
)


def decimal_text(value: Decimal) -> str:
    """A decimal as PromQL and YAML readers expect it: `0.001`, `200`, never `1E+2`."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Signals:
    requests: str  # a counter of requests, with its selector
    errors: str  # the same counter, server errors only
    duration_bucket: str  # a latency histogram's buckets, with its selector
    to_milliseconds: float  # what the histogram's unit is multiplied by to give ms
    duration_count: str  # the latency histogram's count of requests, with its selector
    histogram: str  # the latency histogram's name (no suffix)
    selector: str  # the label matchers that pick the service's series
    bucket_bounds: tuple[Decimal, ...]  # the histogram's default finite bucket boundaries

    @property
    def request_counter(self) -> str:
        """The name of the counter `requests` and `errors` select from."""
        return self.requests.partition("{")[0]


def signals(ctx: ExportContext, name: str) -> Signals:
    if ctx.mesh_is_istio:
        selector = (
            f'reporter="destination",destination_workload="{name}",'
            f'destination_workload_namespace="{ctx.namespace}"'
        )
        histogram = "istio_request_duration_milliseconds"
        return Signals(
            requests=f"istio_requests_total{{{selector}}}",
            errors=f'istio_requests_total{{{selector},response_code=~"5.."}}',
            duration_bucket=f"{histogram}_bucket{{{selector}}}",
            to_milliseconds=1.0,
            duration_count=f"{histogram}_count{{{selector}}}",
            histogram=histogram,
            selector=selector,
            bucket_bounds=ISTIO_BUCKETS_MS,
        )
    selector = f'job="{ctx.namespace}/{name}"'
    histogram = "http_server_request_duration_seconds"
    return Signals(
        requests=f"{histogram}_count{{{selector}}}",
        errors=f'{histogram}_count{{{selector},http_response_status_code=~"5.."}}',
        duration_bucket=f"{histogram}_bucket{{{selector}}}",
        to_milliseconds=1000.0,
        duration_count=f"{histogram}_count{{{selector}}}",
        histogram=histogram,
        selector=selector,
        bucket_bounds=OTEL_BUCKETS_S,
    )


@dataclass(frozen=True)
class BadEvents:
    """An indicator as two per-second rates: the bad events and all events."""

    bad: str
    total: str

    @property
    def ratio(self) -> str:
        """The share of events that were bad (0..1)."""
        return f"{self.bad} / {self.total}"


def _sum_rate(series: str, window: str) -> str:
    return f"sum(rate({series}[{window}]))"


def server_errors(ctx: ExportContext, name: str, window: str) -> BadEvents:
    """Requests that failed with a server error, out of all requests, over `window`."""
    s = signals(ctx, name)
    return BadEvents(bad=_sum_rate(s.errors, window), total=_sum_rate(s.requests, window))


def error_ratio(ctx: ExportContext, name: str, window: str) -> str:
    """The share of requests that failed with a server error over `window` (0..1)."""
    return server_errors(ctx, name, window).ratio


def success_ratio(ctx: ExportContext, name: str, window: str) -> str:
    """The share of requests that did not fail with a server error over `window` (0..1)."""
    return f"1 - ({error_ratio(ctx, name, window)})"


def latency_p99_ms(ctx: ExportContext, name: str, window: str) -> str:
    """The 99th percentile of request latency over `window`, in milliseconds."""
    s = signals(ctx, name)
    quantile = f"histogram_quantile(0.99, sum by (le) (rate({s.duration_bucket}[{window}])))"
    return quantile if s.to_milliseconds == 1.0 else f"{quantile} * {s.to_milliseconds:g}"


# --- slow requests -----------------------------------------------------------------


@dataclass(frozen=True)
class BucketSpan:
    """Where a latency threshold falls among a histogram's bucket boundaries.

    `lower` is None below the first boundary (the first bucket then starts at 0, as
    `histogram_quantile` assumes); `upper` is None when the threshold is a boundary
    itself or lies beyond the last one (then `lower` is the last boundary).
    """

    threshold: Decimal  # in the histogram's unit
    lower: Decimal | None
    upper: Decimal | None


def bucket_span(signal: Signals, threshold_ms: Decimal) -> BucketSpan:
    threshold = threshold_ms / Decimal(str(signal.to_milliseconds))
    bounds = signal.bucket_bounds
    if threshold in bounds:
        return BucketSpan(threshold, threshold, None)
    above = [bound for bound in bounds if bound > threshold]
    if not above:
        return BucketSpan(threshold, bounds[-1], None)
    below = [bound for bound in bounds if bound < threshold]
    return BucketSpan(threshold, below[-1] if below else None, above[0])


def _le(bound: Decimal) -> str:
    # Prometheus 3 stores whole boundaries as "100.0" where exporters write "100".
    text = decimal_text(bound)
    return f'le=~"{text}(\\\\.0)?"' if "." not in text else f'le="{text}"'


def slow_requests(ctx: ExportContext, name: str, threshold_ms: Decimal, window: str) -> BadEvents:
    """Requests slower than `threshold_ms`, out of all requests, over `window`.

    A threshold between two bucket boundaries is interpolated linearly inside its
    bucket, as `histogram_quantile` does, so the ratio agrees with `latency_p99_ms`.
    """
    s = signals(ctx, name)
    span = bucket_span(s, threshold_ms)

    def under(bound: Decimal) -> str:
        return _sum_rate(f"{s.histogram}_bucket{{{s.selector},{_le(bound)}}}", window)

    if span.upper is None:
        fast = under(span.lower)
    elif span.lower is None:
        fast = f"{under(span.upper)} * {decimal_text(span.threshold)} / {decimal_text(span.upper)}"
    else:
        lower, upper, threshold = map(decimal_text, (span.lower, span.upper, span.threshold))
        fast = (
            f"{under(span.lower)} + ({under(span.upper)} - {under(span.lower)})"
            f" * ({threshold} - {lower}) / ({upper} - {lower})"
        )
    total = _sum_rate(s.duration_count, window)
    return BadEvents(bad=f"({total} - ({fast}))", total=total)
