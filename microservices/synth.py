"""Synthetic architectures: large, plausible and deterministic specs.

`synthesize(services, seed)` describes an architecture of exactly `services`
services with the shape real platforms have: about 25 services per bounded
context, teams owning one to three contexts, five calls per service on average
with a long tail (most services call one to four others, a few hubs are called by
hundreds), mostly downward calls with a few cycles, events and subscribers,
gateways, sagas across contexts and the operational settings of each service.

The same arguments always give the same spec, on any machine: the only source of
randomness is one `random.Random(seed)`, the arithmetic is limited to operations
IEEE 754 rounds exactly (no log, exp or pow), and nothing iterates over a set.
Every reference points at a defined service, so the spec has no placeholders.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .spec.documents import architecture_from_data
from .spec.model import API_VERSION, KIND, Architecture

SERVICES_PER_DOMAIN = 25
DEPENDENCIES_PER_SERVICE = 5
SERVICES_PER_GATEWAY = 50
SERVICES_PER_SAGA = 50
SAME_DOMAIN_CALLS = 0.35  # the share of calls that stay inside the caller's context

# Bounded contexts and the things each one is about (lowercase words, no plurals).
DOMAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("orders", ("order", "basket", "quote")),
    ("identity", ("user", "session", "credential")),
    ("billing", ("invoice", "statement", "charge")),
    ("payments", ("payment", "refund", "payout")),
    ("inventory", ("stock", "reservation", "sku")),
    ("catalog", ("product", "category", "listing")),
    ("shipping", ("shipment", "parcel", "label")),
    ("customers", ("customer", "profile", "address")),
    ("notifications", ("notification", "template", "preference")),
    ("search", ("query", "index", "suggestion")),
    ("pricing", ("price", "discount", "tariff")),
    ("promotions", ("promotion", "coupon", "campaign")),
    ("reviews", ("review", "rating", "comment")),
    ("recommendations", ("recommendation", "ranking", "feature")),
    ("analytics", ("metric", "report", "dashboard")),
    ("fulfillment", ("fulfillment", "task", "wave")),
    ("returns", ("return", "exchange", "inspection")),
    ("loyalty", ("member", "reward", "tier")),
    ("fraud", ("assessment", "rule", "alert")),
    ("tax", ("rate", "exemption", "filing")),
    ("warehouse", ("bin", "pallet", "transfer")),
    ("logistics", ("route", "carrier", "delivery")),
    ("support", ("ticket", "conversation", "agent")),
    ("content", ("page", "asset", "article")),
    ("media", ("image", "video", "upload")),
    ("messaging", ("message", "channel", "thread")),
    ("accounts", ("account", "ledger", "balance")),
    ("subscriptions", ("plan", "subscription", "renewal")),
    ("scheduling", ("appointment", "slot", "calendar")),
    ("reporting", ("export", "schedule", "extract")),
)
IDENTITY_DOMAIN = "identity"

# (role, weight, has a datastore)
ROLES = (
    ("api", 30, True), ("service", 35, True), ("worker", 12, True),
    ("adapter", 10, False), ("projector", 8, True), ("scheduler", 5, True),
)  # fmt: skip
# (language, framework, weight)
STACKS = (
    ("python", "fastapi", 14), ("python", "django", 6), ("go", "gin", 12), ("go", "echo", 4),
    ("java", "spring-boot", 18), ("kotlin", "ktor", 6), ("typescript", "nestjs", 9),
    ("typescript", "express", 6), ("rust", "axum", 4), ("csharp", "aspnet-core", 8),
    ("elixir", "phoenix", 2), ("ruby", "rails", 3),
)  # fmt: skip
DATABASES = (
    ("postgresql", 45), ("mysql", 12), ("mongodb", 12), ("redis", 6), ("cassandra", 5),
    ("dynamodb", 5), ("elasticsearch", 5),
)  # fmt: skip
PROJECTION_DATABASES = ("elasticsearch", "redis", "postgresql")
BROKERS = ("kafka", "kafka", "kafka", "rabbitmq", "nats")
RESPONSIBILITIES = (
    "{Noun} management", "{Noun} lookup", "{Noun} validation", "{Noun} history",
    "{Noun} lifecycle", "{Noun} search", "{Noun} notifications", "{Noun} reporting",
    "{Noun} reconciliation", "{Noun} import and export", "Caching of {noun} data",
    "Auditing of {noun} changes",
)  # fmt: skip
EVENT_VERBS = (
    "created", "updated", "deleted", "approved", "rejected", "cancelled", "completed", "failed",
    "expired", "archived", "assigned", "published", "scheduled", "verified", "restored",
)  # fmt: skip
SUBRESOURCES = ("history", "status", "items", "events", "summary")
GATEWAY_KINDS = ("public", "mobile", "partner", "admin", "internal")
SAGA_PROCESSES = (
    "checkout", "fulfillment", "onboarding", "settlement", "cancellation", "renewal",
    "provisioning", "migration",
)  # fmt: skip
# (action, compensation)
SAGA_ACTIONS = (
    ("create", "cancel"), ("reserve", "release"), ("charge", "refund"),
    ("allocate", "deallocate"), ("schedule", "unschedule"), ("approve", "revoke"),
    ("book", "unbook"), ("debit", "credit"),
)  # fmt: skip


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _domain(index: int) -> tuple[str, tuple[str, ...]]:
    """The index-th bounded context: the named ones first, then numbered rounds."""
    name, nouns = DOMAINS[index % len(DOMAINS)]
    rounds = index // len(DOMAINS)
    return (f"{name}-{rounds + 1}" if rounds else name), nouns


@dataclass
class _Service:
    name: str
    domain: str
    noun: str
    role: str
    stateful: bool
    weight: float = 1.0
    position: int = 0
    callers: int = 0
    events: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


class _Synthesizer:
    def __init__(self, count: int, seed: int):
        self.count = count
        self.seed = seed
        self.rng = random.Random(seed)
        self.domains = [_domain(k) for k in range(max(1, round(count / SERVICES_PER_DOMAIN)))]
        self.services: list[_Service] = []
        self.by_position: list[_Service] = []
        self.auth: _Service | None = None
        self.by_name: dict[str, _Service] = {}
        self.positions_in: dict[str, list[int]] = {}

    # --- services and the call graph ---------------------------------------------

    def create_services(self) -> None:
        rng = self.rng
        owners: dict[str, str] = {}
        index = 0
        while index < len(self.domains):
            run = self.domains[index : index + rng.randint(1, 3)]
            for name, _ in run:
                owners[name] = f"{run[0][0]}-team"
            index += len(run)
        sizes = [rng.randint(5, 15) for _ in self.domains]
        cumulative = [sum(sizes[: k + 1]) for k in range(len(sizes))]
        role_weights = [weight for _, weight, _ in ROLES]
        for number in range(1, self.count + 1):
            if number <= len(self.domains):  # every context holds at least one service
                domain, nouns = self.domains[number - 1]
            else:
                domain, nouns = rng.choices(self.domains, cum_weights=cumulative)[0]
            role, _, stateful = rng.choices(ROLES, weights=role_weights)[0]
            service = _Service(
                f"{domain}-{role}-{number}", domain, rng.choice(nouns), role, stateful
            )
            service.data = {"name": service.name, "domain": domain, "owner": owners[domain]}
            self.services.append(service)
        identity = [s for s in self.services if s.domain == IDENTITY_DOMAIN]
        auth = identity[0] if identity else self.services[0]
        number = auth.name.rsplit("-", 1)[1]
        auth.name = auth.data["name"] = f"{auth.domain}-auth-{number}"
        auth.role, auth.noun, auth.stateful = "auth", "token", True
        self.auth = auth
        self.by_name = {service.name: service for service in self.services}

    def order_services(self) -> None:
        """Give each service a popularity and a layer: popular services sit low."""
        rng = self.rng
        for service in self.services:
            # Pareto-distributed (P(weight > x) = 1/x), capped: a few hubs, a long tail.
            service.weight = min(200.0, 1.0 / (1.0 - rng.random()))
        self.auth.weight = 200.0
        # Mostly a random layer; the more popular a service, the lower it sits.
        keys = [rng.random() + s.weight / 50.0 for s in self.services]
        order = sorted(range(self.count), key=lambda k: (keys[k], k))
        self.by_position = [self.services[k] for k in order]
        self.positions_in = {name: [] for name, _ in self.domains}
        for position, service in enumerate(self.by_position):
            service.position = position
            self.positions_in[service.domain].append(position)

    def _out_degrees(self, total: int) -> list[int]:
        rng = self.rng
        capacity = [self.count - 1 - s.position for s in self.services]
        degrees = []
        for cap in capacity:
            if rng.random() < 0.75:
                degree = rng.randint(1, 4)
            else:
                degree = 2 + min(55, int(3.0 / (1.0 - rng.random())))
            degrees.append(min(degree, cap))
        # Bring the sum to the target through the tail, so most services keep 1-4 calls.
        difference = total - sum(degrees)
        step = 1 if difference > 0 else -1
        for tail_only in (True, False):
            candidates = [
                k
                for k, degree in enumerate(degrees)
                if (degree >= 5 or not tail_only)
                and (degree < capacity[k] if step > 0 else degree > 1)
            ]
            while difference and candidates:
                pick = rng.randrange(len(candidates))
                k = candidates[pick]
                degrees[k] += step
                difference -= step
                if (degrees[k] >= capacity[k]) if step > 0 else (degrees[k] <= 1):
                    candidates[pick] = candidates[-1]
                    candidates.pop()
        return degrees

    def _targets(self, service: _Service, degree: int, cumulative: list[float]) -> list[int]:
        """`degree` distinct positions below the service's: often in its own context,
        otherwise anywhere below, the popular services more likely."""
        rng, first, last = self.rng, service.position + 1, self.count - 1
        if degree >= last - first + 1:
            return list(range(first, last + 1))
        neighbours = self.positions_in[service.domain]
        neighbours = neighbours[bisect_right(neighbours, service.position) :]
        low, high = cumulative[first], cumulative[self.count]
        chosen: dict[int, None] = {}
        for _ in range(20 * degree):
            if len(chosen) == degree:
                break
            if neighbours and rng.random() < SAME_DOMAIN_CALLS:
                chosen[rng.choice(neighbours)] = None
            else:
                point = low + rng.random() * (high - low)
                chosen[min(max(bisect_right(cumulative, point) - 1, first), last)] = None
        if len(chosen) < degree:  # the hubs crowd the draw: fill the rest evenly
            rest = [p for p in range(first, last + 1) if p not in chosen]
            chosen.update(dict.fromkeys(rng.sample(rest, degree - len(chosen))))
        return list(chosen)

    def _dependency(self, target: _Service) -> dict[str, Any]:
        target.callers += 1
        rng = self.rng
        if rng.random() < 0.25:
            return {"service": target.name, "mode": "async"}
        dependency = {"service": target.name, "mode": "sync"}
        if rng.random() < 0.4:
            dependency["timeout_ms"] = rng.choice((250, 500, 1000, 2000, 3000, 5000))
        return dependency

    def connect_services(self) -> None:
        rng, count = self.rng, self.count
        cycles = count // 200 if count >= 3 else 0
        # Small architectures stay far from a complete graph.
        total = min(DEPENDENCIES_PER_SERVICE * count - cycles, count * (count - 1) // 3)
        cumulative = [0.0]
        for service in self.by_position:
            cumulative.append(cumulative[-1] + service.weight)
        for service, degree in zip(self.services, self._out_degrees(total), strict=True):
            targets = self._targets(service, degree, cumulative)
            service.data["dependencies"] = [self._dependency(self.by_position[p]) for p in targets]
        # A few calls back up a short downward path, each closing a small cycle. Hubs
        # and services already on a cycle stay out, so cycles do not merge into one.
        on_cycle: dict[str, None] = {}
        for _ in range(cycles):
            start = self.services[rng.randrange(count)]
            path = [start]
            for _ in range(rng.randint(1, 3)):
                below = [
                    self.by_name[d["service"]]
                    for d in path[-1].data["dependencies"]
                    if d["service"] not in on_cycle and self.by_name[d["service"]].callers < 10
                ]
                if not below:
                    break
                path.append(rng.choice(below))
            end = path[-1]
            if end is start or start.name in on_cycle:
                continue
            end.data["dependencies"].append(self._dependency(start))
            on_cycle.update(dict.fromkeys(s.name for s in path))

    # --- events ----------------------------------------------------------------

    def publish_events(self) -> None:
        rng = self.rng
        published: dict[str, _Service] = {}
        nouns_of = dict(self.domains)
        for service in self.services:
            nouns = nouns_of[service.domain]
            events = []
            for _ in range(rng.choices((0, 1, 2, 3), weights=(30, 45, 20, 5))[0]):
                for _ in range(10):
                    noun = service.noun if rng.random() < 0.6 else rng.choice(nouns)
                    name = f"{service.domain}.{noun}.{rng.choice(EVENT_VERBS)}"
                    if name not in published:
                        break
                suffix = 2
                while name in published:  # a crowded context: number the noun
                    name = f"{service.domain}.{noun}-{suffix}.{rng.choice(EVENT_VERBS)}"
                    suffix += 1
                published[name] = service
                kind = "domain" if rng.random() < 0.7 else "integration"
                events.append({"event": name, "kind": kind})
                service.events.append(name)
            if events:
                service.data["publishes"] = events
        names = list(published)
        for service in self.services:
            wanted = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
            chosen: dict[str, None] = {}
            for _ in range(4 * wanted):
                if len(chosen) == wanted or not names:
                    break
                name = rng.choice(names)
                if published[name] is not service:
                    chosen[name] = None
            if chosen:
                service.data["subscribes"] = [{"event": name} for name in chosen]

    # --- what each service is and how it runs ------------------------------------------

    def describe_services(self) -> None:
        shared = self._shared_datastores()
        for service in self.services:
            data, rng = service.data, self.rng
            noun = service.noun
            templates = rng.sample(RESPONSIBILITIES, rng.randint(2, 4))
            data["responsibilities"] = [
                t.format(Noun=noun.capitalize(), noun=noun) for t in templates
            ]
            language, framework, _ = rng.choices(STACKS, weights=[w for *_, w in STACKS])[0]
            technologies = {"language": language, "framework": framework}
            if service.name in shared:
                data["datastore"], technologies["database"] = shared[service.name], "postgresql"
            elif service.stateful:
                data["datastore"] = f"{service.name}-db"
                technologies["database"] = (
                    rng.choice(PROJECTION_DATABASES)
                    if service.role == "projector"
                    else rng.choices(DATABASES, weights=[w for _, w in DATABASES])[0][0]
                )
            if (
                service.events
                or "subscribes" in data
                or any(d["mode"] == "async" for d in data["dependencies"])
            ):
                technologies["message_broker"] = rng.choice(BROKERS)
            if rng.random() < 0.2:
                technologies["cache"] = "redis"
            data["technologies"] = technologies
            data["endpoints"] = self._endpoints(service)
            self._operations(service)

    def _shared_datastores(self) -> dict[str, str]:
        """A few instances used by two or three services of one context."""
        by_domain: dict[str, list[_Service]] = {}
        for service in self.services:
            if service.stateful and service is not self.auth:
                by_domain.setdefault(service.domain, []).append(service)
        candidates = [domain for domain, members in by_domain.items() if len(members) >= 2]
        shared: dict[str, str] = {}
        wanted = min(len(candidates), max(1, self.count // 100)) if self.count >= 2 else 0
        for domain in self.rng.sample(candidates, wanted):
            members = by_domain[domain]
            for service in self.rng.sample(members, min(len(members), self.rng.randint(2, 3))):
                shared[service.name] = f"{domain}-shared-db"
        return shared

    def _endpoints(self, service: _Service) -> list[dict[str, Any]]:
        if service is self.auth:
            return [
                {"path": "/.well-known/openid-configuration", "methods": ["GET"]},
                {"path": "/oauth2/authorize", "methods": ["GET"]},
                {"path": "/oauth2/token", "methods": ["POST"]},
            ]
        rng, collection = self.rng, f"/{plural(service.noun)}"
        item = f"{collection}/{{{service.noun}_id}}"
        endpoints = [{"path": collection, "methods": ["GET", "POST"]}]
        count = rng.choices((1, 2, 3), weights=(40, 40, 20))[0]
        if count >= 2:
            methods = ["GET", "PUT", "DELETE"] if rng.random() < 0.6 else ["GET", "PATCH"]
            endpoints.append({"path": item, "methods": methods})
        if count == 3:
            methods = ["GET"] if rng.random() < 0.7 else ["POST"]
            endpoints.append({"path": f"{item}/{rng.choice(SUBRESOURCES)}", "methods": methods})
        return endpoints

    def _operations(self, service: _Service) -> None:
        rng, data = self.rng, service.data
        if rng.random() < 0.9:
            checks = [
                {
                    "type": "liveness",
                    "endpoint": "/health/live",
                    "interval_seconds": rng.choice((15, 30, 60)),
                },
                {
                    "type": "readiness",
                    "endpoint": "/health/ready",
                    "interval_seconds": rng.choice((5, 10, 15)),
                },
            ]
            if rng.random() < 0.1:
                checks.append(
                    {"type": "startup", "endpoint": "/health/startup", "interval_seconds": 5}
                )
            data["health_checks"] = checks
        if rng.random() < 0.5:
            data["slos"] = [
                {
                    "name": "availability",
                    "target": rng.choice((0.99, 0.995, 0.999, 0.9995, 0.9999)),
                    "window": "30d",
                },
                {
                    "name": "latency_p99",
                    "target": rng.choice((50, 100, 200, 300, 500, 1000)),
                    "unit": "ms",
                    "window": rng.choice(("7d", "30d")),
                },
            ]
            if rng.random() < 0.4:
                data["slos"].append(
                    {
                        "name": "error_rate",
                        "target": rng.choice((0.001, 0.005, 0.01)),
                        "window": rng.choice(("1h", "1d")),
                    }
                )
        if rng.random() < 0.85:
            tracer = rng.choices(("otlp", "jaeger", "zipkin"), weights=(50, 35, 15))[0]
            data["tracing"] = {
                "tracer": tracer,
                "sample_rate": rng.choice((0.01, 0.05, 0.1, 0.25, 1.0)),
            }
        if rng.random() < 0.8:
            strategy = rng.choices(("rolling", "blue-green", "canary"), weights=(55, 15, 30))[0]
            data["deployment"] = {"strategy": strategy}
            if strategy == "canary":
                data["deployment"]["canary"] = {
                    "initial_percentage": rng.choice((1, 5, 10, 20)),
                    "increment": rng.choice((5, 10, 20, 25)),
                    "pause_duration_minutes": rng.choice((5, 10, 15, 30)),
                    "metrics_based": rng.random() < 0.7,
                }
        event_sourced = bool(service.events) and service.stateful and rng.random() < 0.05
        if event_sourced:
            store = rng.choice(("kafka", "postgres", "eventstoredb"))
            data["event_sourcing"] = {
                "event_store": {"type": store, "topic": f"{service.name}-events"}
            }
            if rng.random() < 0.6:
                interval = rng.choice((100, 500, 1000, 5000))
                data["event_sourcing"]["snapshot_policy"] = {"interval_events": interval}
        if (event_sourced and rng.random() < 0.7) or rng.random() < 0.02:
            data["cqrs"] = {
                "read_model": {
                    "type": rng.choice(
                        ("projection", "materialized-view", "cache", "search-index")
                    ),
                    "refresh": rng.choice(("eventual", "eventual", "periodic", "synchronous")),
                },
                "write_model": {"type": "event-sourced" if event_sourced else "aggregate"},
            }

    # --- cross-cutting objects -------------------------------------------------------

    def gateways(self) -> list[dict[str, Any]]:
        rng = self.rng
        count = max(1, round(self.count / SERVICES_PER_GATEWAY))
        entries = self.by_position[: min(self.count, 4 * count)]  # the least called services
        gateways = []
        for k in range(count):
            kind = GATEWAY_KINDS[k % len(GATEWAY_KINDS)]
            rounds = k // len(GATEWAY_KINDS)
            routes: dict[str, dict[str, str]] = {}
            for service in entries[k::count]:
                path = f"/api/{service.domain}/{plural(service.noun)}"
                if path in routes:  # e.g. /api/orders/api-17
                    path = (
                        f"/api/{service.domain}/{service.name.removeprefix(service.domain + '-')}"
                    )
                routes[path] = {"path": path, "service": service.name}
            gateways.append(
                {
                    "name": f"{kind}-gateway-{rounds + 1}" if rounds else f"{kind}-gateway",
                    "routes": list(routes.values()),
                    "authentication": {"type": "oauth2", "issuer": self.auth.name},
                    "rate_limiting": {
                        "requests_per_minute": rng.choice((600, 1200, 3000, 6000, 12000, 60000))
                    },
                }
            )
        return gateways

    def resilience(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Circuit breakers and retry policies on the most called tenth, hubs first."""
        rng = self.rng
        hubs = sorted(self.services, key=lambda s: (-s.callers, s.name))
        hubs = hubs[: max(1, round(self.count / 10))]
        breakers = [
            {
                "service": s.name,
                "failure_threshold": rng.choice((3, 5, 10, 20)),
                "reset_timeout_seconds": rng.choice((30, 60, 120)),
            }
            for s in hubs
        ]
        retries = []
        for s in hubs:
            initial = rng.choice((50, 100, 200))
            retries.append(
                {
                    "service": s.name,
                    "max_attempts": rng.choice((2, 3, 5)),
                    "backoff_multiplier": rng.choice((1.5, 2.0, 3.0)),
                    "initial_backoff_ms": initial,
                    "max_backoff_ms": initial * rng.choice((10, 20, 50, 100)),
                }
            )
        return breakers, retries

    def sagas(self) -> list[dict[str, Any]]:
        rng = self.rng
        if self.count < 3:
            return []
        by_domain: dict[str, list[_Service]] = {}
        for service in self.services:
            by_domain.setdefault(service.domain, []).append(service)
        domains = list(by_domain)
        sagas: dict[str, dict[str, Any]] = {}
        for k in range(max(1, round(self.count / SERVICES_PER_SAGA))):
            length = min(rng.randint(3, 5), self.count)
            if len(domains) >= length:  # one step per context
                members = [rng.choice(by_domain[d]) for d in rng.sample(domains, length)]
            else:
                members = rng.sample(self.services, length)
            actions = rng.sample(SAGA_ACTIONS, length)
            name = f"{members[0].noun}-{rng.choice(SAGA_PROCESSES)}"
            if name in sagas:
                name = f"{name}-{k + 1}"
            sagas[name] = {
                "name": name,
                "compensation_strategy": "sequential" if rng.random() < 0.7 else "parallel",
                "steps": [
                    {
                        "name": f"{do}-{service.noun}",
                        "service": service.name,
                        "action": f"{do}_{service.noun}",
                        "compensation": f"{undo}_{service.noun}",
                    }
                    for service, (do, undo) in zip(members, actions, strict=True)
                ],
            }
        return list(sagas.values())

    def build(self) -> dict[str, Any]:
        self.create_services()
        self.order_services()
        self.connect_services()
        self.publish_events()
        self.describe_services()
        breakers, retries = self.resilience()
        return {
            "apiVersion": API_VERSION,
            "kind": KIND,
            "name": f"Synthetic platform, {self.count} services (seed {self.seed})",
            "description": (
                "A generated architecture for tests, demonstrations and benchmarks: "
                f"{len(self.domains)} bounded contexts, about {DEPENDENCIES_PER_SERVICE} calls "
                "per service, a few hubs and a few cycles."
            ),
            "pattern": "hybrid",
            "services": [service.data for service in self.services],
            "gateways": self.gateways(),
            "mesh": {
                "name": "service-mesh",
                "mesh_type": "istio",
                "observability": {"tracing": True, "metrics": True, "logging": True},
                "security": {"mtls": True, "authorization": True},
            },
            "circuit_breakers": breakers,
            "retry_policies": retries,
            "sagas": self.sagas(),
        }


def synthetic_data(services: int, seed: int = 0) -> dict[str, Any]:
    """The plain spec document of a synthetic architecture (before validation)."""
    if not isinstance(services, int) or isinstance(services, bool) or services < 1:
        raise ValueError(f"services must be a positive whole number, not {services!r}")
    return _Synthesizer(services, seed).build()


def synthesize(services: int, seed: int = 0) -> Architecture:
    """A deterministic synthetic architecture of exactly `services` services, canonical."""
    return architecture_from_data(synthetic_data(services, seed))
