"""The kafka target: Strimzi KafkaTopics and the AsyncAPI document of all events."""

from __future__ import annotations

import pytest
import yaml

from microservices.export import export_bundle
from microservices.spec.documents import architecture_from_data
from microservices.synth import synthesize
from tests.export.conftest import documents, invalid_documents, objects

FOREVER = -1


@pytest.fixture(scope="module")
def kafka_bundle(reference_spec):
    return export_bundle(reference_spec, targets=["kafka"], revision=7)


@pytest.fixture(scope="module")
def synthetic_spec():
    return synthesize(300, seed=3)


@pytest.fixture(scope="module")
def synthetic_bundle(synthetic_spec):
    return export_bundle(synthetic_spec, targets=["kafka"], options={"kafka_cluster": "events"})


def topic_of(kafka_topic: dict) -> str:
    return kafka_topic["spec"].get("topicName", kafka_topic["metadata"]["name"])


def asyncapi(bundle) -> dict:
    return yaml.safe_load(bundle.files["kafka/asyncapi.yaml"])


def test_it_validates_every_kafka_topic_against_the_strict_strimzi_schema(
    kafka_bundle, synthetic_bundle, crd_validator
):
    for bundle in (kafka_bundle, synthetic_bundle):
        topics = documents(bundle, "kafka/topics/")
        assert topics
        assert invalid_documents(topics, crd_validator) == []


def test_it_keeps_the_event_store_forever_and_compacts_only_snapshots(kafka_bundle):
    topics = {topic_of(t): t for t in objects(kafka_bundle, "KafkaTopic").values()}

    store = topics["order-events"]["spec"]["config"]
    assert store["retention.ms"] == FOREVER
    assert store["retention.bytes"] == FOREVER
    assert store["cleanup.policy"] == "delete"
    snapshots = topics["order-events-snapshots"]["spec"]["config"]
    assert snapshots["cleanup.policy"] == "compact"
    assert "never compacted" in kafka_bundle.files["README.md"]


def test_it_creates_a_topic_per_published_event_with_a_noted_retention(kafka_bundle):
    topics = {topic_of(t): t for t in objects(kafka_bundle, "KafkaTopic").values()}

    for event in ("order.created", "order.shipped"):
        spec = topics[event]["spec"]
        assert spec["config"]["retention.ms"] > 0
        assert spec["replicas"] >= spec["config"]["min.insync.replicas"]
    assert "retention 7 days" in kafka_bundle.files["README.md"]


def test_it_labels_every_topic_with_the_chosen_strimzi_cluster(synthetic_spec, synthetic_bundle):
    topics = list(objects(synthetic_bundle, "KafkaTopic").values())
    published = {e.event for s in synthetic_spec.services for e in s.publishes}

    assert published <= {topic_of(t) for t in topics}
    assert {t["metadata"]["labels"]["strimzi.io/cluster"] for t in topics} == {"events"}


def test_it_puts_the_real_topic_in_topic_name_when_it_is_no_kubernetes_name(crd_validator):
    spec = architecture_from_data(
        {
            "name": "Shop",
            "services": [
                {
                    "name": "billing",
                    "publishes": [
                        {"event": "Invoice_Issued", "kind": "integration"},
                        {"event": "invoice-issued", "kind": "domain"},
                    ],
                    "event_sourcing": {"event_store": {"type": "kafka", "topic": "Billing.Events"}},
                }
            ],
        }
    )
    topics = list(objects(export_bundle(spec, targets=["kafka"]), "KafkaTopic").values())

    by_topic = {topic_of(t): t for t in topics}
    assert set(by_topic) == {"Invoice_Issued", "invoice-issued", "Billing.Events"}
    assert by_topic["Invoice_Issued"]["metadata"]["name"] != "Invoice_Issued"
    assert "topicName" not in by_topic["invoice-issued"]["spec"]
    assert len({t["metadata"]["name"] for t in topics}) == 3
    assert invalid_documents([("", t) for t in topics], crd_validator) == []


def test_the_asyncapi_document_passes_the_asyncapi_3_schema(
    kafka_bundle, synthetic_bundle, crd_validator
):
    for bundle in (kafka_bundle, synthetic_bundle):
        document = asyncapi(bundle)
        assert document["asyncapi"] == "3.0.0"
        assert crd_validator(document) == []


def test_the_asyncapi_document_lists_every_event_with_its_publisher_and_subscribers(
    synthetic_spec, synthetic_bundle
):
    document = asyncapi(synthetic_bundle)
    operations = document["operations"].values()
    sent = {(op["x-service"], op["channel"]["$ref"]) for op in operations if op["action"] == "send"}
    received = {
        (op["x-service"], op["channel"]["$ref"]) for op in operations if op["action"] == "receive"
    }
    published = {e.event: s.name for s in synthetic_spec.services for e in s.publishes}

    assert {c["address"] for c in document["channels"].values()} == set(published)
    assert sent == {(publisher, f"#/channels/{e}") for e, publisher in published.items()}
    assert received == {
        (s.name, f"#/channels/{sub.event}")
        for s in synthetic_spec.services
        for sub in s.subscribes
        if sub.event in published
    }


def test_every_message_carries_a_placeholder_payload_naming_its_kind(kafka_bundle):
    channel = asyncapi(kafka_bundle)["channels"]["order.created"]
    message = channel["messages"]["order.created"]

    assert message["name"] == "order.created"
    assert "domain event" in message["payload"]["description"]
    assert "Placeholder" in message["payload"]["description"]


def test_the_asyncapi_version_is_the_revision(kafka_bundle):
    assert asyncapi(kafka_bundle)["info"]["version"] == "7"


def test_a_subscription_nobody_publishes_gets_no_channel_and_a_note():
    spec = architecture_from_data(
        {"name": "Shop", "services": [{"name": "mailer", "subscribes": [{"event": "user.joined"}]}]}
    )
    bundle = export_bundle(spec, targets=["kafka"])

    assert asyncapi(bundle)["channels"] == {}
    assert "mailer subscribes to user.joined" in bundle.files["README.md"]


def test_exporting_twice_gives_the_same_bytes(synthetic_spec, synthetic_bundle):
    again = export_bundle(synthetic_spec, targets=["kafka"], options={"kafka_cluster": "events"})
    assert again.files == synthetic_bundle.files
