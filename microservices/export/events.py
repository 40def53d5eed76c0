"""The events of an architecture as the Kafka, AsyncAPI and Backstage exports see them:
each published event with its one publisher, its subscribers and its topic.

An event is carried on a topic of its own, named after it (event names are valid
Kafka topic names by construction). Only defined services publish or subscribe:
placeholders are only names. `TopicSettings` holds how each kind of topic is
created, so the KafkaTopics and the AsyncAPI bindings agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..spec.enums import EventStoreType
from ..spec.model import PublishedEvent, Service
from .context import ExportContext


@dataclass(frozen=True)
class EventChannel:
    event: PublishedEvent
    publisher: Service
    subscribers: tuple[Service, ...]

    @property
    def name(self) -> str:
        return self.event.event

    @property
    def topic(self) -> str:
        return self.event.event


def event_channels(ctx: ExportContext) -> list[EventChannel]:
    """Every published event, by publisher in spec order, then by event name."""
    subscribers: dict[str, list[Service]] = {}
    for service in ctx.defined_services:
        for subscription in service.subscribes:
            subscribers.setdefault(subscription.event, []).append(service)
    return [
        EventChannel(event, service, tuple(subscribers.get(event.event, ())))
        for service in ctx.defined_services
        for event in service.publishes
    ]


def unpublished_subscriptions(ctx: ExportContext) -> list[tuple[Service, str]]:
    """(subscriber, event) for subscriptions to events no defined service publishes."""
    published = {event.event for service in ctx.defined_services for event in service.publishes}
    return [
        (service, subscription.event)
        for service in ctx.defined_services
        for subscription in service.subscribes
        if subscription.event not in published
    ]


def uses_kafka_event_store(service: Service) -> bool:
    sourcing = service.event_sourcing
    return sourcing is not None and sourcing.event_store.type == EventStoreType.KAFKA


def event_store_topic(ctx: ExportContext, service: Service, target: str) -> str:
    """The topic of a service's Kafka event store; `<service>-events` (noted) when unnamed."""
    topic = service.event_sourcing.event_store.topic if service.event_sourcing else ""
    if topic:
        return topic
    ctx.note(
        target,
        "An event store of type kafka without a topic uses `<service>-events`.",
    )
    return f"{service.name}-events"


def uses_kafka(service: Service) -> bool:
    """Whether the service talks to Kafka: it publishes, subscribes or keeps its events there."""
    return bool(service.publishes or service.subscribes) or uses_kafka_event_store(service)


@dataclass(frozen=True)
class TopicSettings:
    """How a topic is created: what the design does not say, each value a noted default."""

    partitions: int
    replicas: int
    config: dict[str, str | int]
    why: str  # for the README

    @property
    def retention_ms(self) -> int:
        return int(self.config["retention.ms"])

    @property
    def cleanup_policy(self) -> str:
        return str(self.config["cleanup.policy"])


_DURABILITY = {"min.insync.replicas": 2}  # with 3 replicas: one broker may fail, no write is lost
SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000

EVENT_TOPIC = TopicSettings(
    partitions=6,
    replicas=3,
    config={"cleanup.policy": "delete", "retention.ms": SEVEN_DAYS_MS, **_DURABILITY},
    why=(
        "Event topics: 6 partitions, 3 replicas, min.insync.replicas 2, cleanup.policy delete, "
        "retention 7 days (consumers replaying further back read the publisher's store)."
    ),
)
EVENT_STORE_TOPIC = TopicSettings(
    partitions=6,
    replicas=3,
    config={"cleanup.policy": "delete", "retention.ms": -1, "retention.bytes": -1, **_DURABILITY},
    why=(
        "Event-store topics keep every event forever (retention.ms and retention.bytes -1) and "
        "are never compacted: compaction keeps only the latest record per key, which would "
        "erase an aggregate's history. 6 partitions (never decrease them: an aggregate's "
        "events stay in order only on one partition), 3 replicas, min.insync.replicas 2."
    ),
)
SNAPSHOT_TOPIC = TopicSettings(
    partitions=6,
    replicas=3,
    config={"cleanup.policy": "compact", "retention.ms": -1, **_DURABILITY},
    why=(
        "Snapshot topics (`<event-store topic>-snapshots`, for services with a snapshot policy) "
        "are compacted: only an aggregate's latest snapshot is needed, so compaction is safe "
        "there. Same partitions as the event store, so snapshots and events share keys."
    ),
)
