"""AsyncAPI 3.0.0 documents of an architecture's events, on its Strimzi Kafka cluster.

One channel per event (its address the topic), one `send` operation for its
publisher and one `receive` operation per subscriber, each naming the service in
`x-service` and a tag. The design does not describe payloads: each message carries
a placeholder schema stating the event's kind and description.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .context import ExportContext
from .events import EVENT_TOPIC, EventChannel

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING_VERSION = "0.5.0"
SERVER = "kafka"
PLAIN_LISTENER_PORT = 9092


def bootstrap_address(ctx: ExportContext) -> str:
    """Strimzi's bootstrap Service of the cluster, on its plain listener."""
    return f"{ctx.options.kafka_cluster}-kafka-bootstrap.{ctx.namespace}.svc:{PLAIN_LISTENER_PORT}"


def api_version(ctx: ExportContext, target: str) -> str:
    if ctx.revision is None:
        ctx.note(target, "Without a stored revision, API documents have version `draft`.")
        return "draft"
    return str(ctx.revision)


def event_description(channel: EventChannel) -> str:
    kind = channel.event.kind.value
    described = f" {channel.event.description}" if channel.event.description else ""
    return f"The {kind} event {channel.name}, published by {channel.publisher.name}.{described}"


def _ref(*path: str) -> dict[str, str]:
    # Event names hold no '/' or '~', so they need no JSON Pointer escaping.
    return {"$ref": "#/" + "/".join(path)}


def _message(channel: EventChannel) -> dict[str, Any]:
    kind = channel.event.kind.value
    return {
        "name": channel.name,
        "summary": f"{kind.capitalize()} event published by {channel.publisher.name}",
        "contentType": "application/json",
        "payload": {
            "type": "object",
            "description": (
                f"Placeholder: the design does not describe the fields of this {kind} event. "
                + event_description(channel)
            ),
        },
        "x-event-kind": kind,
    }


def _channel(channel: EventChannel) -> dict[str, Any]:
    return {
        "address": channel.topic,
        "description": event_description(channel),
        "messages": {channel.name: _message(channel)},
        "bindings": {
            "kafka": {
                "topic": channel.topic,
                "partitions": EVENT_TOPIC.partitions,
                "replicas": EVENT_TOPIC.replicas,
                "topicConfiguration": {
                    "cleanup.policy": [EVENT_TOPIC.cleanup_policy],
                    "retention.ms": EVENT_TOPIC.retention_ms,
                },
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "x-publisher": channel.publisher.name,
    }


def _operation(channel: EventChannel, service: str, action: str) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "action": action,
        "channel": _ref("channels", channel.name),
        "messages": [_ref("channels", channel.name, "messages", channel.name)],
        "summary": f"{service} {'publishes' if action == 'send' else 'consumes'} {channel.name}",
        "tags": [{"name": service}],
        "x-service": service,
    }
    if action == "receive":
        # One consumer group per subscribing service: each service sees every event once.
        operation["bindings"] = {
            "kafka": {
                "groupId": {"type": "string", "enum": [service]},
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        }
    return operation


def operation_id(service: str, action: str, event: str) -> str:
    return f"{service}.{action}.{event}"


def asyncapi_document(
    ctx: ExportContext, channels: Iterable[EventChannel], *, title: str, target: str
) -> dict[str, Any]:
    channels = list(channels)
    ctx.note(
        target,
        f"The AsyncAPI server is Strimzi's bootstrap Service `{bootstrap_address(ctx)}` "
        "(plain listener); point clients elsewhere if the Kafka cluster lives in another "
        "namespace.",
    )
    operations: dict[str, Any] = {}
    for channel in channels:
        publisher = channel.publisher.name
        operations[operation_id(publisher, "send", channel.name)] = _operation(
            channel, publisher, "send"
        )
        for subscriber in channel.subscribers:
            operations[operation_id(subscriber.name, "receive", channel.name)] = _operation(
                channel, subscriber.name, "receive"
            )
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": title,
            "version": api_version(ctx, target),
            "description": f"Events of the architecture {' '.join(ctx.spec.name.split())}.",
        },
        "defaultContentType": "application/json",
        "servers": {
            SERVER: {
                "host": bootstrap_address(ctx),
                "protocol": "kafka",
                "description": (
                    f"The Strimzi Kafka cluster {ctx.options.kafka_cluster} "
                    "(bootstrap Service, plain listener)."
                ),
            }
        },
        "channels": {channel.name: _channel(channel) for channel in channels},
        "operations": operations,
    }
