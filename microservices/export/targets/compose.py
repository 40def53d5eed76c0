"""Compose: a `docker-compose.yaml` that runs the designed system on one machine.

One container per defined service, one per datastore instance (services naming
the same instance share it), a single-node Kafka broker when services use events,
and `depends_on` from the sync calls between defined services, so callees start
first. Compose refuses dependency cycles: a call that would close one is left out
of `depends_on` (and noted); the call itself still works once both have started.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...spec.enums import DependencyMode
from ...spec.model import Service
from ..context import ExportContext
from ..datastore_images import DatastoreImage, datastore_image
from ..events import uses_kafka
from ..registry import OutputFile, exporter

TARGET = "compose"
FIRST_PUBLISHED_PORT = 20000
LAST_PORT = 65535
KAFKA_IMAGE = "apache/kafka:3.9.1"
KAFKA_PORT = 9092
DEFAULT_DATABASE = "postgresql"
DATASTORE_HEALTHCHECK = {"interval": "5s", "timeout": "5s", "retries": 30, "start_period": "30s"}


@dataclass
class Datastore:
    instance: str
    container: str
    technology: str
    image: DatastoreImage | None
    users: list[str] = field(default_factory=list)


def _unique(name: str, taken: set[str], suffix: str) -> str:
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}-{suffix}" if number == 2 else f"{name}-{suffix}-{number}"
    taken.add(candidate)
    return candidate


def _instance_of(ctx: ExportContext, service: Service) -> tuple[str, str] | None:
    """(instance, database technology) of a service's datastore, or None."""
    technology = service.technologies.get("database", "")
    if service.datastore:
        if not technology:
            ctx.note(
                TARGET,
                f"A datastore without a database technology runs {DEFAULT_DATABASE}.",
            )
        return service.datastore, technology or DEFAULT_DATABASE
    if technology:
        ctx.note(
            TARGET,
            "A service with a database technology but no datastore instance gets its own, "
            "`<service>-db`.",
        )
        return f"{service.name}-db", technology
    return None


def plan_datastores(ctx: ExportContext, taken: set[str]) -> dict[str, Datastore]:
    """instance -> its datastore, in order of first use; `taken` gains the container names."""
    found: dict[str, Datastore] = {}
    for service in ctx.defined_services:
        instance = _instance_of(ctx, service)
        if instance is None:
            continue
        name, technology = instance
        store = found.get(name)
        if store is None:
            image = datastore_image(technology)
            if image is None:
                ctx.note(
                    TARGET,
                    f"No local image is known for the database {technology!r}: "
                    f"{name} gets no container.",
                )
            container = _unique(name, taken, "datastore")
            store = found[name] = Datastore(name, container, technology, image)
        elif technology != store.technology:
            ctx.note(
                TARGET,
                f"{service.name} names datastore {name} with database {technology!r}, but it "
                f"runs {store.technology!r}, as its first user {store.users[0]} says.",
            )
        store.users.append(service.name)
    return found


def acyclic_sync_dependencies(ctx: ExportContext) -> dict[str, list[str]]:
    """caller -> the defined services it calls synchronously, minus calls closing a cycle.

    A depth-first walk in spec order; a call back to a service still on the walk's
    path would make Compose refuse the file, so it is dropped and noted.
    """
    calls = {
        service.name: [
            dep.service
            for dep in service.dependencies
            if dep.mode == DependencyMode.SYNC and dep.service in ctx.defined
        ]
        for service in ctx.defined_services
    }
    kept: dict[str, list[str]] = {name: [] for name in calls}
    state: dict[str, str] = {}  # "open" while on the path, "done" after
    for root in calls:
        if root in state:
            continue
        state[root] = "open"
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(calls[root]))]
        while stack:
            caller, callees = stack[-1]
            callee = next(callees, None)
            if callee is None:
                state[caller] = "done"
                stack.pop()
            elif state.get(callee) == "open":
                ctx.note(
                    TARGET,
                    f"{caller} does not wait for {callee} (`depends_on`): that call closes a "
                    "cycle of sync calls, which Compose refuses.",
                )
            else:
                kept[caller].append(callee)
                if callee not in state:
                    state[callee] = "open"
                    stack.append((callee, iter(calls[callee])))
    return kept


def _variable(service_name: str) -> str:
    return service_name.upper().replace("-", "_")


class ComposeFile:
    """The one document of the file, built from the context in one pass."""

    def __init__(self, ctx: ExportContext):
        self.ctx = ctx
        taken = {service.name for service in ctx.defined_services}
        self.datastores = plan_datastores(ctx, taken)
        self.datastore_of = {
            user: store for store in self.datastores.values() for user in store.users
        }
        needs_kafka = any(uses_kafka(service) for service in ctx.defined_services)
        self.broker = _unique("kafka", taken, "broker") if needs_kafka else ""
        self.waits_for = acyclic_sync_dependencies(ctx)

    def document(self) -> dict[str, Any]:
        services = {
            service.name: self.service(service, index)
            for index, service in enumerate(self.ctx.defined_services)
        }
        for store in self.datastores.values():
            if store.image is not None:
                services[store.container] = self.datastore(store)
        if self.broker:
            services[self.broker] = self.kafka()
        return {"name": self.ctx.slug, "services": services}

    def service(self, service: Service, index: int) -> dict[str, Any]:
        ctx, port = self.ctx, self.ctx.options.container_port
        container: dict[str, Any] = {"image": ctx.image(service.name)}
        published = FIRST_PUBLISHED_PORT + index
        if published <= LAST_PORT:
            ctx.note(
                TARGET,
                f"Service ports are published on 127.0.0.1 from {FIRST_PUBLISHED_PORT} up, "
                "in spec order.",
            )
            container["ports"] = [f"127.0.0.1:{published}:{port}"]
        else:
            ctx.note(TARGET, "Services past the last free host port are not published.")
        container["environment"] = self.environment(service)
        depends_on = self.depends_on(service)
        if depends_on:
            container["depends_on"] = depends_on
        return container

    def environment(self, service: Service) -> dict[str, str]:
        port = self.ctx.options.container_port
        environment = {"SERVICE_NAME": service.name, "PORT": str(port)}
        store = self.datastore_of.get(service.name)
        if store is not None and store.image is not None:
            for variable, value in store.image.connection.items():
                environment[variable] = value.format(host=store.container, db=store.instance)
        if self.broker and uses_kafka(service):
            environment["KAFKA_BOOTSTRAP_SERVERS"] = f"{self.broker}:{KAFKA_PORT}"
        for dependency in service.dependencies:
            if dependency.service in self.ctx.defined:
                url = f"http://{dependency.service}:{port}"
                environment[f"{_variable(dependency.service)}_URL"] = url
            else:
                self.ctx.note(
                    TARGET,
                    "Calls to placeholders get no URL and no container: define those "
                    "services to run them.",
                )
        return environment

    def depends_on(self, service: Service) -> dict[str, dict[str, str]]:
        # Callees only need to have started; datastores and the broker must be ready.
        depends = {
            callee: {"condition": "service_started"} for callee in self.waits_for[service.name]
        }
        store = self.datastore_of.get(service.name)
        if store is not None and store.image is not None:
            depends[store.container] = {"condition": "service_healthy"}
        if self.broker and uses_kafka(service):
            depends[self.broker] = {"condition": "service_healthy"}
        return depends

    def datastore(self, store: Datastore) -> dict[str, Any]:
        image = store.image
        container: dict[str, Any] = {"image": image.image}
        if image.environment:
            container["environment"] = {
                key: value.format(db=store.instance) for key, value in image.environment.items()
            }
        container["healthcheck"] = {
            "test": [part.format(db=store.instance) for part in image.healthcheck],
            **DATASTORE_HEALTHCHECK,
        }
        return container

    def kafka(self) -> dict[str, Any]:
        self.ctx.note(
            TARGET,
            f"Events run on one local Kafka broker ({KAFKA_IMAGE}, KRaft, topics created on "
            "first use), whatever message broker the services name.",
        )
        return {
            "image": KAFKA_IMAGE,
            "environment": {
                "KAFKA_NODE_ID": "1",
                "KAFKA_PROCESS_ROLES": "broker,controller",
                "KAFKA_LISTENERS": f"PLAINTEXT://:{KAFKA_PORT},CONTROLLER://:9093",
                "KAFKA_ADVERTISED_LISTENERS": f"PLAINTEXT://{self.broker}:{KAFKA_PORT}",
                "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@localhost:9093",
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
                "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "true",
            },
            "healthcheck": {
                "test": [
                    "CMD-SHELL",
                    "/opt/kafka/bin/kafka-broker-api-versions.sh "
                    f"--bootstrap-server localhost:{KAFKA_PORT} > /dev/null",
                ],
                "interval": "10s",
                "timeout": "10s",
                "retries": 12,
                "start_period": "20s",
            },
        }


@exporter(
    TARGET,
    title="Docker Compose",
    description=(
        "A docker-compose file that runs the designed system locally: a container per "
        "service, its datastore, a Kafka broker for events, depends_on from sync calls."
    ),
    options=("image_registry", "image_tag", "container_port"),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    yield OutputFile("docker-compose.yaml", lambda: [ComposeFile(ctx).document()])
