"""What a diagram request asks for, read from a URL's path and query, and checked.

The same parsing serves the API and the pages: view and format come from the
path, the options from the query. Each problem names the parameter it is about,
so the API can answer in its one error format and a page can show it by the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings

from apps.architectures.models import Architecture, Saga, Service
from microservices.diagrams import FORMATS, VIEWS, DiagramOptionError, DiagramOptions

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
# The options a query may set; anything else in the query is ignored.
QUERY_OPTIONS = ("domain", "service", "hops", "saga", "collapse", "expand")


class DiagramRequestError(Exception):
    """A request that cannot be drawn: 404 for an unknown view or format, 400 otherwise."""

    def __init__(self, status: int, field: str, message: str):
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DiagramRequest:
    """One diagram as asked for: the findings overlay is added when it is drawn."""

    view: str
    fmt: str
    options: DiagramOptions
    overlay: bool = True  # show the latest validation's findings on the nodes

    def query(self) -> dict[str, str]:
        """The query that asks for this diagram again (defaults left out)."""
        defaults = DiagramOptions()
        query: dict[str, str] = {}
        for name in QUERY_OPTIONS:
            value = getattr(self.options, name)
            if value == getattr(defaults, name):
                continue
            if isinstance(value, bool):
                query[name] = "1" if value else "0"
            elif isinstance(value, tuple):
                query[name] = ",".join(value)
            else:
                query[name] = str(value)
        if not self.overlay:
            query["findings"] = "0"
        return query


def _text(query: Mapping[str, str], name: str) -> str:
    value = (query.get(name) or "").strip()
    if not value.isprintable():  # a NUL would otherwise reach the database
        raise DiagramRequestError(400, name, f"{name} has characters no name can have")
    return value


def _flag(query: Mapping[str, str], name: str, default: bool | None) -> bool | None:
    raw = _text(query, name).lower()
    if raw in ("", "auto"):
        return default
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise DiagramRequestError(400, name, f"{name} must be 1 or 0 (true or false), not {raw!r}")


def _hops(query: Mapping[str, str]) -> int:
    raw = _text(query, "hops")
    limit = settings.DIAGRAM_MAX_HOPS
    if not raw:
        return DiagramOptions().hops
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= limit:
        raise DiagramRequestError(400, "hops", f"hops must be a whole number from 1 to {limit}")
    return int(raw)


def _expanded(query: Mapping[str, str]) -> tuple[str, ...]:
    """Domains to expand: comma-separated, or the parameter repeated (a multiple select)."""
    values = query.getlist("expand") if hasattr(query, "getlist") else [query.get("expand")]
    names = set()
    for value in values:
        names.update(name.strip() for name in _text({"expand": value}, "expand").split(","))
    return tuple(sorted(names - {""}))


def _domains(architecture: Architecture, names: list[str], field: str) -> None:
    known = set(
        Service.objects.filter(architecture=architecture, domain__in=names).values_list(
            "domain", flat=True
        )
    )
    if missing := [name for name in names if name not in known]:
        raise DiagramRequestError(400, field, f"the architecture has no domain {missing[0]!r}")


def _check_names(architecture: Architecture, options: DiagramOptions) -> None:
    """Names in the options exist in the architecture (one query per option given)."""
    if options.domain:
        _domains(architecture, [options.domain], "domain")
    if options.expand:
        _domains(architecture, list(options.expand), "expand")
    if (
        options.service
        and not Service.objects.filter(architecture=architecture, name=options.service).exists()
    ):
        raise DiagramRequestError(
            400, "service", f"the architecture has no service {options.service!r}"
        )
    if (
        options.saga
        and not Saga.objects.filter(architecture=architecture, name=options.saga).exists()
    ):
        raise DiagramRequestError(400, "saga", f"the architecture has no saga {options.saga!r}")


def parse_request(
    architecture: Architecture, view: str, fmt: str, query: Mapping[str, str]
) -> DiagramRequest:
    """The diagram `view`.`fmt` with the options of `query`; DiagramRequestError if bad.

    Options the view does not read are dropped, so that equal diagrams share one
    cache entry whatever else the query carried.
    """
    spec_view = VIEWS.get(view)
    if spec_view is None:
        raise DiagramRequestError(404, "view", f"there is no view {view!r}")
    if fmt not in FORMATS:
        raise DiagramRequestError(404, "format", f"there is no format {fmt!r}")
    read = set(spec_view.options)
    values = {
        "domain": _text(query, "domain"),
        "service": _text(query, "service"),
        "hops": _hops(query),
        "saga": _text(query, "saga"),
        "collapse": _flag(query, "collapse", None),
        "expand": _expanded(query),
    }
    try:
        options = DiagramOptions(**{name: value for name, value in values.items() if name in read})
    except DiagramOptionError as exc:  # the engine's own bounds (hops)
        raise DiagramRequestError(400, "hops", str(exc)) from None
    if "service" in read and view == "focus" and not options.service:
        raise DiagramRequestError(400, "service", "the focus view needs a service to centre on")
    _check_names(architecture, options)
    overlay = bool(_flag(query, "findings", True))
    return DiagramRequest(view=view, fmt=fmt, options=options, overlay=overlay)
