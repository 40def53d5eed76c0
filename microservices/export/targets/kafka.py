"""Kafka: Strimzi KafkaTopics for event stores and events, and an AsyncAPI document.

Each defined service gets `topics/<service>.yaml` with the topics it owns: its
Kafka event store (kept forever, with a compacted snapshot topic when it has a
snapshot policy) and one topic per event it publishes. `asyncapi.yaml` describes
every event with its publisher and subscribers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...spec.model import Service
from ..asyncapi import asyncapi_document
from ..context import ExportContext
from ..events import (
    EVENT_STORE_TOPIC,
    EVENT_TOPIC,
    SNAPSHOT_TOPIC,
    TopicSettings,
    event_channels,
    event_store_topic,
    unpublished_subscriptions,
    uses_kafka_event_store,
)
from ..registry import OutputFile, exporter
from ..safe_names import conform_name

TARGET = "kafka"
API_VERSION = "kafka.strimzi.io/v1"
_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


def is_dns_subdomain(name: str) -> bool:
    return len(name) <= 253 and bool(_DNS_SUBDOMAIN.match(name))


@dataclass(frozen=True)
class Topic:
    name: str
    owner: Service
    component: str  # what the topic holds, as the app.kubernetes.io/component label
    settings: TopicSettings
    purpose: str


def _topics_of(ctx: ExportContext, service: Service) -> Iterator[Topic]:
    if uses_kafka_event_store(service):
        store = event_store_topic(ctx, service, TARGET)
        yield Topic(
            store, service, "event-store", EVENT_STORE_TOPIC, f"Event store of {service.name}"
        )
        if service.event_sourcing.snapshot_policy is not None:
            yield Topic(
                f"{store}-snapshots",
                service,
                "event-store-snapshots",
                SNAPSHOT_TOPIC,
                f"Snapshots of {service.name}'s aggregates",
            )
    for event in service.publishes:
        yield Topic(
            event.event,
            service,
            "event-topic",
            EVENT_TOPIC,
            f"{event.kind.value.capitalize()} event {event.event} published by {service.name}",
        )


def topics_by_owner(ctx: ExportContext) -> dict[str, list[Topic]]:
    """service -> the topics it owns, in spec order; a topic claimed twice goes to the first."""
    claimed: dict[str, Topic] = {}
    owned: dict[str, list[Topic]] = {}
    for service in ctx.defined_services:
        for topic in _topics_of(ctx, service):
            first = claimed.get(topic.name)
            if first is not None:
                ctx.note(
                    TARGET,
                    f"Topic `{topic.name}` ({topic.purpose}) is also {first.purpose.lower()}: "
                    f"one KafkaTopic, in {first.owner.name}'s file, with the settings of the first.",
                )
                continue
            claimed[topic.name] = topic
            owned.setdefault(service.name, []).append(topic)
    return owned


def kafka_topic(ctx: ExportContext, topic: Topic) -> dict[str, Any]:
    name = conform_name(topic.name, is_dns_subdomain, max_length=253)
    spec: dict[str, Any] = {}
    if name != topic.name:
        ctx.note(
            TARGET,
            "Topics whose name is not a DNS-1123 subdomain get a lowercase KafkaTopic name "
            "with a hash; `spec.topicName` holds the real topic.",
        )
        spec["topicName"] = topic.name
    ctx.note(TARGET, topic.settings.why)
    spec.update(
        partitions=topic.settings.partitions,
        replicas=topic.settings.replicas,
        config=dict(topic.settings.config),
    )
    return {
        "apiVersion": API_VERSION,
        "kind": "KafkaTopic",
        "metadata": {
            "name": name,
            "namespace": ctx.namespace,
            "labels": {
                **ctx.labels(topic.owner.name, topic.component),
                "strimzi.io/cluster": ctx.options.kafka_cluster,
            },
            "annotations": {"microservices-designer/purpose": topic.purpose},
        },
        "spec": spec,
    }


def _asyncapi(ctx: ExportContext) -> list[dict[str, Any]]:
    for subscriber, event in unpublished_subscriptions(ctx):
        ctx.note(
            TARGET,
            f"{subscriber.name} subscribes to {event}, which no defined service publishes: "
            "it has no channel in asyncapi.yaml.",
        )
    title = f"{' '.join(ctx.spec.name.split())} events"
    return [asyncapi_document(ctx, event_channels(ctx), title=title, target=TARGET)]


@exporter(
    TARGET,
    title="Kafka topics and AsyncAPI",
    description=(
        "Strimzi KafkaTopics for event stores (kept forever) and for every published event, "
        "and an AsyncAPI 3.0 document of all events with their publishers and subscribers."
    ),
    options=("namespace", "kafka_cluster"),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    ctx.note(
        TARGET,
        f"KafkaTopics are in namespace `{ctx.namespace}`: the Topic Operator of cluster "
        f"`{ctx.options.kafka_cluster}` must watch it.",
    )
    for owner, topics in topics_by_owner(ctx).items():
        yield OutputFile(
            f"topics/{owner}.yaml",
            lambda topics=topics: [kafka_topic(ctx, topic) for topic in topics],
        )
    yield OutputFile("asyncapi.yaml", lambda: _asyncapi(ctx))
