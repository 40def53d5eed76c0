"""How a diagram or review pack leaves the server, from the API and the pages alike.

SVG is a document a browser runs when opened on its own, so every file is served
with a Content-Security-Policy under which no script can run (inline styles and
data: images only, which Graphviz's SVG uses), never sniffed as another type, and
with a Content-Disposition: inline to be looked at, attachment with ?download=1.
"""

from __future__ import annotations

from django.http import HttpResponse

from microservices.diagrams import FILE_EXTENSIONS

from .models import Render

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def wants_download(query) -> bool:
    return (query.get("download") or "").strip().lower() in ("1", "true", "yes", "on")


def file_response(
    content: bytes, media_type: str, filename: str, *, download: bool
) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=media_type)
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    # Filenames are built from slugs and registry names: no quoting is needed.
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def render_filename(architecture_slug: str, render: Render) -> str:
    extension = FILE_EXTENSIONS.get(render.fmt, render.fmt)
    return f"{architecture_slug}-{render.view}.{extension}"


def render_response(architecture_slug: str, render: Render, *, download: bool) -> HttpResponse:
    """The render as a file; its notes travel in a header for clients that show them."""
    response = file_response(
        render.content,
        render.media_type,
        render_filename(architecture_slug, render),
        download=download,
    )
    response["X-Diagram-Revision"] = str(render.revision)
    if render.notes:
        # Header values must be latin-1 single lines: notes are the engine's own sentences.
        notes = " ".join(render.notes).encode("ascii", "replace").decode()
        response["X-Diagram-Notes"] = notes.replace("\n", " ")
    return response


def review_pack_filename(architecture_slug: str, revision: int) -> str:
    return f"{architecture_slug}-review-pack-r{revision}.pdf"
