"""The review pack's pages: a PDF laid out with reportlab, diagrams placed with pypdf.

Page order: the title page, the summary table, one page per view, then the
findings (as many pages as they take). A view's page carries its heading and
notes; the diagram (Graphviz's own PDF, so it stays vector and searchable) is
scaled into the space below them. Every user-supplied string is escaped before
it reaches reportlab's paragraph markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PAGE = landscape(A4)
MARGIN = 15 * mm
HEADER_SPACE = 45 * mm  # above a diagram: its heading, description and notes
MAX_UPSCALE = 1.5  # a small diagram grows a little, not to a poster


@dataclass(frozen=True)
class PackDiagram:
    title: str
    description: str
    notes: tuple[str, ...]
    pdf: bytes  # one page, as Graphviz renders it


@dataclass(frozen=True)
class PackContents:
    architecture: str
    revision: int
    date: str
    author: str
    summary: list[tuple[str, int]]
    diagrams: tuple[PackDiagram, ...]
    findings: tuple[dict, ...]
    more_findings: int
    findings_origin: str


def _text(value: object) -> str:
    return escape(str(value))


def _title_page(contents: PackContents, styles) -> list:
    facts = [
        ["Revision", str(contents.revision)],
        ["Date", contents.date],
        ["Author", contents.author or "—"],
    ]
    table = Table(
        [
            [Paragraph(_text(a), styles["Normal"]), Paragraph(_text(b), styles["Normal"])]
            for a, b in facts
        ],
        colWidths=[40 * mm, 150 * mm],
        hAlign="LEFT",
    )
    return [
        Spacer(1, 40 * mm),
        Paragraph("Design review pack", styles["Heading2"]),
        Paragraph(
            _text(contents.architecture), ParagraphStyle("name", styles["Title"], alignment=TA_LEFT)
        ),
        Spacer(1, 10 * mm),
        table,
        PageBreak(),
    ]


def _summary_page(contents: PackContents, styles) -> list:
    rows = [["", "Count"]] + [[label, f"{count:,}"] for label, count in contents.summary]
    table = Table(rows, colWidths=[90 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.whitesmoke]),
            ]
        )
    )
    return [Paragraph("Summary", styles["Heading1"]), table, PageBreak()]


def _diagram_page(diagram: PackDiagram, styles) -> list:
    story = [
        Paragraph(_text(diagram.title), styles["Heading1"]),
        Paragraph(_text(diagram.description), styles["Normal"]),
    ]
    story += [Paragraph(_text(note), styles["Italic"]) for note in diagram.notes]
    return [*story, PageBreak()]


def _findings_pages(contents: PackContents, styles) -> list:
    story = [
        Paragraph("Validation findings", styles["Heading1"]),
        Paragraph(_text(contents.findings_origin), styles["Normal"]),
        Spacer(1, 4 * mm),
    ]
    if not contents.findings:
        return [*story, Paragraph("No findings.", styles["Normal"])]
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=8, leading=10)
    rows = [["Severity", "Rule", "Finding", "Subjects"]]
    for finding in contents.findings:
        rows.append(
            [
                # Plain cells are drawn as they are; only paragraphs read markup.
                finding["severity"],
                finding["rule"],
                Paragraph(f"<b>{_text(finding['title'])}:</b> {_text(finding['message'])}", cell),
                Paragraph(_text(", ".join(finding.get("subjects") or [])), cell),
            ]
        )
    table = Table(rows, colWidths=[22 * mm, 18 * mm, 150 * mm, 77 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    story.append(table)
    if contents.more_findings:
        story.append(
            Paragraph(
                f"And {contents.more_findings:,} more: the API and the SARIF log list them all.",
                styles["Italic"],
            )
        )
    return story


def _place(page, diagram_pdf: bytes) -> None:
    """Scale the diagram's first page into the space under the page's heading, centred."""
    drawing = PdfReader(BytesIO(diagram_pdf)).pages[0]
    box = drawing.mediabox
    width, height = float(box.width), float(box.height)
    if width <= 0 or height <= 0:
        return
    room_width = PAGE[0] - 2 * MARGIN
    room_height = PAGE[1] - 2 * MARGIN - HEADER_SPACE
    scale = min(room_width / width, room_height / height, MAX_UPSCALE)
    left = MARGIN + (room_width - width * scale) / 2
    bottom = MARGIN + (room_height - height * scale) / 2
    placed = (
        Transformation()
        .translate(-float(box.left), -float(box.bottom))
        .scale(scale, scale)
        .translate(left, bottom)
    )
    page.merge_transformed_page(drawing, placed)


def pack_pdf(contents: PackContents) -> tuple[bytes, int]:
    """The review pack as PDF bytes, and its number of pages."""
    styles = getSampleStyleSheet()
    story = _title_page(contents, styles) + _summary_page(contents, styles)
    for diagram in contents.diagrams:
        story += _diagram_page(diagram, styles)
    story += _findings_pages(contents, styles)
    laid_out = BytesIO()
    document = SimpleDocTemplate(
        laid_out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Review pack: {contents.architecture}",
        author=contents.author,
        subject=f"Revision {contents.revision}",
    )
    document.build(story)
    writer = PdfWriter(clone_from=PdfReader(BytesIO(laid_out.getvalue())))
    first_diagram_page = 2  # after the title page and the summary
    for offset, diagram in enumerate(contents.diagrams):
        _place(writer.pages[first_diagram_page + offset], diagram.pdf)
    out = BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)
