"""The export pages: the form and recent exports, an export's progress, files and preview."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from apps.exports.models import Export
from apps.exports.services import request_export
from apps.exports.tree import FILES_PER_PAGE
from apps.jobs.models import Job
from microservices.export import all_exporters

from .conftest import first_targets, page_url

pytestmark = pytest.mark.django_db

# Session, user, architecture and role (twice), then the exports with jobs and authors.
MAX_QUERIES = 7


def test_the_exports_page_offers_every_target_and_the_options_with_their_defaults(
    architecture, editor, client_for
):
    html = client_for(editor).get(page_url("list", architecture)).text

    for name, target in all_exporters().items():
        assert f'value="{name}"' in html and escape(target.description) in html
    assert 'name="replicas"' in html and 'name="image_registry"' in html
    assert 'value="registry.example.com"' in html
    assert f'placeholder="{architecture.slug}"' in html  # the namespace when left empty


def test_the_architecture_page_links_to_its_exports(architecture, viewer, client_for):
    page = reverse("architectures:detail", args=["acme", architecture.slug])

    assert f'href="{page_url("list", architecture)}"' in client_for(viewer).get(page).text


def test_an_editor_starts_an_export_and_lands_on_its_page_with_the_files(
    architecture, editor, client_for, committed
):
    client = client_for(editor)
    targets = first_targets(2)

    response = committed(
        client.post,
        page_url("list", architecture),
        {"targets": targets, "namespace": "shop", "replicas": "3"},
    )

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page_url("detail", architecture, export.pk)
    assert export.options["namespace"] == "shop" and export.options["replicas"] == 3
    html = client.get(response["Location"]).text
    assert 'data-status="succeeded"' in html and 'hx-trigger="every 1s"' not in html
    assert "Download zip" in html and 'id="problems"' in html
    for name in targets:
        assert f'<span class="tree-name">{name}/</span>' in html
    assert "README.md" in html
    listed = client.get(page_url("list", architecture)).text
    assert f"#{export.pk}" in listed and "succeeded" in listed


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"namespace": "Not_A_Label"}, "namespace", "DNS-1123 label"),
        ({"replicas": "0"}, "replicas", "greater than or equal to 1"),
        ({"image_tag": "bad tag!"}, "image_tag", "pattern"),
    ],
)
def test_a_bad_option_is_shown_on_its_field_and_nothing_is_queued(
    architecture, editor, client_for, data, field, message
):
    response = client_for(editor).post(
        page_url("list", architecture), {"targets": first_targets(1), **data}
    )

    assert response.status_code == 400
    errors = response.text.split(f'id="{field}-errors"', 1)[1].split("</ul>", 1)[0]
    assert message in errors
    assert not Job.objects.exists()


def test_an_export_without_a_target_is_refused(architecture, editor, client_for):
    response = client_for(editor).post(page_url("list", architecture), {"replicas": "2"})

    assert response.status_code == 400 and "Choose at least one target." in response.text
    assert not Export.objects.exists()


def test_a_viewer_sees_the_recent_exports_but_cannot_start_one(exported, viewer, client_for):
    client = client_for(viewer)

    page = client.get(page_url("list", exported.architecture))
    refused = client.post(page_url("list", exported.architecture), {"targets": exported.targets})

    assert page.status_code == 200 and f"#{exported.pk}" in page.text
    assert 'name="targets"' not in page.text
    assert refused.status_code == 403 and Export.objects.count() == 1


def test_a_queued_export_page_polls_its_progress_until_the_job_finishes(
    architecture, editor, viewer, client_for, committed
):
    export = request_export(actor=editor, architecture=architecture, targets=first_targets(1))
    client = client_for(viewer)
    status_url = page_url("status", architecture, export.pk)

    page = client.get(page_url("detail", architecture, export.pk)).text
    recent = client.get(page_url("list", architecture)).text

    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 1s"' in page
    assert 'id="files"' not in page
    assert 'hx-get="{}"'.format(page_url("recent", architecture)) in recent
    assert "HX-Refresh" not in client.get(status_url)
    from apps.jobs.tasks import run_job

    committed(run_job, export.job_id)
    finished = client.get(status_url)
    assert finished["HX-Refresh"] == "true" and 'data-status="succeeded"' in finished.text


def test_a_failed_export_page_shows_the_reason_and_no_download(
    architecture, editor, viewer, client_for, committed, temporary_target
):
    def explode():
        raise ValueError("no <port> for the ingress")

    failing = temporary_target("failing", {"x.yaml": explode})
    export = committed(request_export, actor=editor, architecture=architecture, targets=[failing])

    html = client_for(viewer).get(page_url("detail", architecture, export.pk)).text

    assert "ValueError: no &lt;port&gt; for the ingress" in html
    assert "Download zip" not in html and 'id="files"' not in html


def test_the_preview_is_highlighted_and_escaped(
    architecture, editor, viewer, client_for, committed, temporary_target
):
    hostile = temporary_target(
        "hostile", {"notes.yaml": lambda: [{"name": "<script>alert(1)</script>"}]}
    )
    export = committed(request_export, actor=editor, architecture=architecture, targets=[hostile])
    client = client_for(viewer)

    folder = client.get(page_url("folder", architecture, export.pk), {"folder": "hostile"})
    preview = client.get(page_url("preview", architecture, export.pk, "hostile/notes.yaml"))

    assert preview.status_code == 200
    assert (
        'hx-get="{}"'.format(page_url("preview", architecture, export.pk, "hostile/notes.yaml"))
        in folder.text
    )
    assert '<div class="highlight">' in preview.text
    assert "&lt;script&gt;" in preview.text and "<script>" not in preview.text
    assert (
        client.get(page_url("preview", architecture, export.pk, "hostile/none.yaml")).status_code
        == 404
    )


def test_a_tree_of_45000_files_opens_one_folder_and_one_page_at_a_time(
    exported, viewer, client_for, django_assert_max_num_queries
):
    index = [[f"kubernetes/services/s{n:05}.yaml", 900, 0, 400] for n in range(45_000)]
    Export.objects.filter(pk=exported.pk).update(files=[["README.md", 10, 0, 8], *index])
    architecture, client = exported.architecture, client_for(viewer)

    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get(page_url("detail", architecture, exported.pk)).text
    folder = client.get(
        page_url("folder", architecture, exported.pk), {"folder": "kubernetes/services"}
    )
    more = client.get(
        page_url("folder", architecture, exported.pk),
        {"folder": "kubernetes/services", "page": "2"},
    )

    assert "45,000 files" in page and "s00000.yaml" not in page
    assert folder.text.count('class="tree-file"') == FILES_PER_PAGE
    assert "page=2" in folder.text and "s00000.yaml" in folder.text
    assert more.text.count('class="tree-file"') == FILES_PER_PAGE
    assert f"s{FILES_PER_PAGE:05}.yaml" in more.text and "page=3" in more.text


def test_the_exports_page_takes_a_fixed_number_of_queries(
    exported, editor, viewer, client_for, django_assert_max_num_queries
):
    for _ in range(15):
        request_export(actor=editor, architecture=exported.architecture, targets=exported.targets)
    client = client_for(viewer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(page_url("list", exported.architecture))

    assert response.text.count('<tr data-status="queued">') == 15


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("list", ()),
        ("recent", ()),
        ("detail", ("pk",)),
        ("status", ("pk",)),
        ("folder", ("pk",)),
        ("preview", ("pk", "README.md")),
    ],
)
def test_an_outsider_gets_404_from_every_export_page(exported, outsider, client_for, name, extra):
    args = [exported.pk if part == "pk" else part for part in extra]

    response = client_for(outsider).get(page_url(name, exported.architecture, *args))

    assert response.status_code == 404
