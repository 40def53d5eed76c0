"""The comments API: threads, replies, resolving, filters, permissions and errors."""

from __future__ import annotations

import pytest

from apps.comments.models import BODY_MAX_LENGTH, Comment

from .conftest import api_url

pytestmark = pytest.mark.django_db


def test_a_viewer_starts_a_thread_on_a_service_and_others_reply(
    architecture, viewer, editor, api_client_for
):
    created = api_client_for(viewer).post(
        api_url("list", architecture),
        {"object": "services:order-service", "body": "Why <b>sync</b>?\nSecond line."},
        format="json",
    )

    assert created.status_code == 201
    thread = created.json()
    assert thread["object"] == "services:order-service" and thread["object_exists"]
    assert thread["status"] == "open" and thread["author"] == "vera"
    assert thread["body"] == "Why <b>sync</b>?\nSecond line."
    replied = api_client_for(editor).post(
        api_url("replies", architecture, pk=thread["id"]),
        {"body": "It needs the answer."},
        format="json",
    )
    assert replied.status_code == 201
    fetched = api_client_for(viewer).get(thread["url"]).json()
    assert [reply["body"] for reply in fetched["replies"]] == ["It needs the answer."]


def test_threads_filter_by_object_and_status(architecture, viewer, editor, api_client_for):
    client = api_client_for(viewer)
    on_service = client.post(
        api_url("list", architecture),
        {"object": "services:order-service", "body": "a"},
        format="json",
    ).json()
    client.post(api_url("list", architecture), {"body": "b"}, format="json")
    api_client_for(editor).post(api_url("resolve", architecture, pk=on_service["id"]))

    def bodies(query: str) -> list[str]:
        return [t["body"] for t in client.get(api_url("list", architecture) + query).json()]

    assert bodies("") == ["a", "b"]
    assert bodies("?status=open") == ["b"]
    assert bodies("?status=resolved") == ["a"]
    assert bodies("?object=services:order-service") == ["a"]
    assert bodies("?object=architecture&status=resolved") == []


def test_a_viewer_cannot_resolve_or_edit_someone_elses_thread(
    architecture, viewer, editor, api_client_for
):
    thread = (
        api_client_for(editor)
        .post(api_url("list", architecture), {"body": "mine"}, format="json")
        .json()
    )
    client = api_client_for(viewer)

    resolved = client.post(api_url("resolve", architecture, pk=thread["id"]))
    edited = client.patch(
        api_url("detail", architecture, pk=thread["id"]), {"body": "theirs"}, format="json"
    )
    deleted = client.delete(api_url("detail", architecture, pk=thread["id"]))

    assert [resolved.status_code, edited.status_code, deleted.status_code] == [403, 403, 403]
    assert resolved.json()["code"] == "permission_denied"
    stored = Comment.objects.get(pk=thread["id"])
    assert stored.body == "mine" and not stored.resolved


def test_a_viewer_resolves_and_reopens_their_own_thread(architecture, viewer, api_client_for):
    client = api_client_for(viewer)
    thread = client.post(api_url("list", architecture), {"body": "mine"}, format="json").json()

    resolved = client.post(api_url("resolve", architecture, pk=thread["id"])).json()
    assert resolved["status"] == "resolved" and resolved["resolved_by"] == "vera"
    reopened = client.post(api_url("reopen", architecture, pk=thread["id"])).json()
    assert reopened["status"] == "open" and reopened["resolved_by"] is None


def test_the_author_edits_and_deletes_their_comment(architecture, viewer, api_client_for):
    client = api_client_for(viewer)
    thread = client.post(api_url("list", architecture), {"body": "typo"}, format="json").json()
    detail = api_url("detail", architecture, pk=thread["id"])

    edited = client.patch(detail, {"body": "fixed"}, format="json")
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert client.delete(detail).status_code == 204
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * (BODY_MAX_LENGTH + 1)}, "body"),
        ({"body": "ok", "object": "services:ghost-service"}, "object"),
        ({"body": "ok", "object": "endpoints:/orders"}, "object"),
        ({"body": "ok", "object": 3}, "object"),
    ],
)
def test_bad_bodies_answer_400_in_the_one_error_format(
    architecture, viewer, api_client_for, body, field
):
    response = api_client_for(viewer).post(api_url("list", architecture), body, format="json")

    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid" and error["errors"][0]["field"] == field
    assert not Comment.objects.exists()


def test_an_unknown_status_filter_is_a_400(architecture, viewer, api_client_for):
    response = api_client_for(viewer).get(api_url("list", architecture) + "?status=closed")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"


def test_another_workspace_sees_nothing_at_any_endpoint(
    architecture, viewer, outsider, other_architecture, api_client_for
):
    thread = (
        api_client_for(viewer)
        .post(api_url("list", architecture), {"body": "x"}, format="json")
        .json()
    )
    client = api_client_for(outsider)
    pk = thread["id"]

    answers = [
        client.get(api_url("list", architecture)),
        client.post(api_url("list", architecture), {"body": "x"}, format="json"),
        client.get(api_url("detail", architecture, pk=pk)),
        client.patch(api_url("detail", architecture, pk=pk), {"body": "x"}, format="json"),
        client.delete(api_url("detail", architecture, pk=pk)),
        client.post(api_url("replies", architecture, pk=pk), {"body": "x"}, format="json"),
        client.post(api_url("resolve", architecture, pk=pk)),
        client.post(api_url("reopen", architecture, pk=pk)),
        # Their own architecture does not reach a comment of another one either.
        client.get(api_url("detail", other_architecture, pk=pk)),
    ]

    assert [answer.status_code for answer in answers] == [404] * len(answers)
    assert Comment.objects.count() == 1


def test_listing_many_threads_takes_a_fixed_number_of_queries(
    architecture, viewer, editor, api_client_for, django_assert_max_num_queries
):
    client, replier = api_client_for(viewer), api_client_for(editor)
    for n in range(30):
        target = "services:order-service" if n % 2 else "sagas:order-creation"
        body = {"object": target, "body": f"thread {n}"}
        thread = client.post(api_url("list", architecture), body, format="json").json()
        replier.post(
            api_url("replies", architecture, pk=thread["id"]), {"body": "r"}, format="json"
        )

    # Token, architecture, role (checked, then kept), threads, replies, and one query
    # per kind of object named: 8 whether there are 30 threads or 3,000.
    with django_assert_max_num_queries(8):
        listed = client.get(api_url("list", architecture))
    assert len(listed.json()) == 30
