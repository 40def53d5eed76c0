"""The comment pages: the per-architecture list, the panels of object pages and their
HTMX forms, escaping, permissions and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.architectures.concepts import SAGAS
from apps.architectures.models import Saga
from apps.architectures.services.objects import delete_object
from apps.comments import services
from apps.comments.models import Comment
from apps.comments.targets import ARCHITECTURE, Target

from .conftest import ORDER_SERVICE, page_url, start

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>\nsecond line'


def panel_url(architecture, target) -> str:
    return page_url("panel", architecture) + f"?object={target}"


def test_object_pages_load_their_comments_panel(architecture, viewer, client_for):
    client = client_for(viewer)
    service_page = reverse(
        "architectures:service", args=["acme", architecture.slug, "order-service"]
    )
    saga_page = reverse("architectures:saga", args=["acme", architecture.slug, "order-creation"])

    assert panel_url(architecture, "services:order-service") in client.get(service_page).text
    assert panel_url(architecture, "sagas:order-creation") in client.get(saga_page).text
    architecture_page = reverse("architectures:detail", args=["acme", architecture.slug])
    assert panel_url(architecture, "architecture") in client.get(architecture_page).text


def test_the_architecture_panel_shows_open_counts_per_object(
    architecture, viewer, editor, client_for
):
    start(viewer, architecture, "one")
    start(viewer, architecture, "two")
    start(viewer, architecture, "three", Target("gateways", "api-gateway"))
    resolved = start(viewer, architecture, "four", Target("gateways", "api-gateway"))
    services.set_resolved(actor=editor, role="editor", thread=resolved, resolved=True)

    html = client_for(viewer).get(panel_url(architecture, "architecture")).text

    assert '<span class="badge badge-accent" id="open-here"' in html
    assert html.split('id="open-here"', 1)[1].split("</span>", 1)[0].endswith(">3 open")
    counts = html.split('id="open-counts"', 1)[1].split("</table>", 1)[0]
    rows = [row.split("</tr>")[0] for row in counts.split("<tr>")[2:]]
    assert len(rows) == 2
    assert "service order-service" in rows[1] and ">2<" in rows[1]
    assert "API gateway api-gateway" in rows[0] and ">1<" in rows[0]


def test_posting_a_comment_through_htmx_answers_the_panel_with_it(architecture, viewer, client_for):
    response = client_for(viewer).post(
        page_url("new", architecture),
        {"object": "services:order-service", "body": "Is the timeout set?"},
        **HTMX,
    )

    assert response.status_code == 200
    assert 'id="comments"' in response.text and "Is the timeout set?" in response.text
    assert "<html" not in response.text
    thread = Comment.objects.get()
    assert (thread.concept, thread.object_key, thread.author) == (
        "services",
        "order-service",
        viewer,
    )


def test_an_empty_comment_is_refused_inline_keeping_nothing(architecture, viewer, client_for):
    response = client_for(viewer).post(
        page_url("new", architecture), {"object": "architecture", "body": "  "}, **HTMX
    )

    assert response.status_code == 200
    assert 'class="errorlist"' in response.text and "write something first" in response.text
    assert not Comment.objects.exists()


def test_a_too_long_reply_is_refused_inline_with_the_text_kept(viewer_thread, editor, client_for):
    text = "long " * 1100
    response = client_for(editor).post(
        page_url("reply", viewer_thread.architecture, viewer_thread.pk), {"body": text}, **HTMX
    )

    assert "at most 5000 characters" in response.text
    assert text.strip() in response.text
    assert not viewer_thread.replies.exists()


def test_replying_and_resolving_answer_the_thread_fragment(viewer_thread, editor, client_for):
    client = client_for(editor)
    architecture = viewer_thread.architecture

    replied = client.post(
        page_url("reply", architecture, viewer_thread.pk), {"body": "Sync, with a timeout."}, **HTMX
    )
    assert replied.text.startswith(f'<article class="thread" id="thread-{viewer_thread.pk}"')
    assert "Sync, with a timeout." in replied.text

    resolved = client.post(page_url("resolve", architecture, viewer_thread.pk), **HTMX)
    assert 'data-status="resolved"' in resolved.text and "Reopen" in resolved.text
    reopened = client.post(page_url("reopen", architecture, viewer_thread.pk), **HTMX)
    assert 'data-status="open"' in reopened.text


def test_without_htmx_a_form_goes_back_to_the_page_it_was_on(architecture, viewer, client_for):
    service_page = reverse(
        "architectures:service", args=["acme", architecture.slug, "order-service"]
    )

    response = client_for(viewer).post(
        page_url("new", architecture),
        {"object": "services:order-service", "body": "hello", "next": service_page},
    )

    assert response.status_code == 302 and response.url == service_page
    offsite = client_for(viewer).post(
        page_url("new", architecture), {"body": "hi", "next": "https://evil.example/"}
    )
    assert offsite.url == page_url("list", architecture)


def test_hostile_text_is_shown_as_text_with_its_line_breaks(architecture, viewer, client_for):
    start(viewer, architecture, HOSTILE)

    for url in (page_url("list", architecture), panel_url(architecture, ORDER_SERVICE)):
        html = client_for(viewer).get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in html
        assert "onerror=alert(1)&gt;<br>second line" in html


def test_a_viewer_sees_no_resolve_button_on_others_threads_and_is_refused(
    editor_thread, viewer_thread, viewer, client_for
):
    client = client_for(viewer)
    architecture = editor_thread.architecture

    html = client.get(page_url("list", architecture)).text
    others = html.split(f'id="thread-{editor_thread.pk}"', 1)[1].split("</article>", 1)[0]
    own = html.split(f'id="thread-{viewer_thread.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Resolve" not in others and "Resolve" in own
    assert "Edit" not in others and "Edit" in own

    assert client.post(page_url("resolve", architecture, editor_thread.pk)).status_code == 403
    edited = client.post(page_url("edit", architecture, editor_thread.pk), {"body": "mine now"})
    assert edited.status_code == 403
    editor_thread.refresh_from_db()
    assert not editor_thread.resolved and editor_thread.body != "mine now"


def test_the_list_filters_open_and_resolved_threads(
    viewer_thread, editor_thread, editor, client_for
):
    services.set_resolved(actor=editor, role="editor", thread=editor_thread, resolved=True)
    client = client_for(editor)
    architecture = editor_thread.architecture

    open_html = client.get(page_url("list", architecture)).text
    resolved_html = client.get(page_url("list", architecture) + "?status=resolved").text

    assert viewer_thread.body in open_html and editor_thread.body not in open_html
    assert editor_thread.body in resolved_html and viewer_thread.body not in resolved_html


def test_a_thread_on_a_deleted_object_is_marked_so(architecture, owner, viewer, client_for):
    thread = start(viewer, architecture, "About this saga", Target("sagas", "order-creation"))
    saga = Saga.objects.get(architecture=architecture, name="order-creation")
    delete_object(actor=owner, architecture=architecture, concept=SAGAS, instance=saga)

    html = client_for(viewer).get(page_url("list", architecture)).text
    block = html.split(f'id="thread-{thread.pk}"', 1)[1].split("</article>", 1)[0]
    assert "object deleted" in block


def test_an_outsider_gets_404_on_every_comment_page(
    viewer_thread, outsider, other_architecture, client_for
):
    client = client_for(outsider)
    architecture, pk = viewer_thread.architecture, viewer_thread.pk

    answers = [
        client.get(page_url("list", architecture)),
        client.get(panel_url(architecture, ORDER_SERVICE)),
        client.post(page_url("new", architecture), {"body": "x"}),
        *(
            client.post(page_url(name, architecture, pk), {"body": "x"})
            for name in ("reply", "edit", "delete", "resolve", "reopen")
        ),
        client.post(page_url("resolve", other_architecture, pk)),
    ]

    assert [answer.status_code for answer in answers] == [404] * len(answers)
    viewer_thread.refresh_from_db()
    assert viewer_thread.body and not viewer_thread.resolved


def test_the_list_page_takes_a_fixed_number_of_queries_with_many_threads(
    architecture, viewer, editor, client_for, django_assert_max_num_queries
):
    targets = [ORDER_SERVICE, ARCHITECTURE, Target("gateways", "api-gateway")]
    for n in range(60):
        thread = start(viewer, architecture, f"thread {n}", targets[n % 3])
        services.reply(actor=editor, comment=thread, body="noted")
    client = client_for(viewer)

    # Session, user, architecture, role (twice), threads, replies, open counts, and one
    # query per kind of object named, for the threads and for the counts: 13, however many.
    with django_assert_max_num_queries(13):
        response = client.get(page_url("list", architecture))
    assert response.text.count('class="thread"') == 60
