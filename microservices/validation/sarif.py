"""A validation report as a SARIF 2.1.0 log, for code-scanning tools and pipelines.

    log = sarif_log(report, spec, uri="spec.yaml", text=source_text)

One run; the tool's driver lists every registered rule (its rationale, fix,
family and thresholds), and each result points at its subjects as logical
locations (`service:order-service`). When the spec came from a file, `uri` names
it and each result also carries a physical location; with the file's `text`, the
region's start line is where the primary subject is written in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import yaml

from ..gc_pause import paused_gc
from ..spec.errors import Loc
from ..spec.model import Architecture
from .engine import Report
from .model import Finding, Rule, Severity, Subject
from .registry import all_rules

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "Microservices Designer"
FINGERPRINT = "findingFingerprint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# SARIF's logical-location kinds, where one fits a subject's kind; "object" otherwise.
LOGICAL_KINDS = {
    "service": "module",
    "endpoint": "function",
    "event": "type",
    "domain": "namespace",
    "datastore": "resource",
}


def rule_name(title: str) -> str:
    """A rule's title in CamelCase: "Placeholder service" -> "PlaceholderService"."""
    words = "".join(c if c.isalnum() else " " for c in title).split()
    return "".join(word[:1].upper() + word[1:] for word in words)


def reporting_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule_name(rule.title),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.fix},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "family": rule.family,
            "severity": rule.severity.value,
            "thresholds": [
                {"name": t.name, "default": t.default, "description": t.description}
                for t in rule.thresholds
            ],
        },
    }


# --- where each subject is written in the document --------------------------------


def _named(items: Any) -> Iterator[tuple[int, dict]]:
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def subject_locations(data: Any) -> dict[Subject, Loc]:
    """Subject -> its location in a spec document's plain data (in the document's order).

    The first place wins: a placeholder service is located at its first reference,
    an event at its publisher (or first subscriber), a team, datastore or domain at
    the first service that names it.
    """
    found: dict[Subject, Loc] = {}
    if not isinstance(data, dict):
        return found

    def put(kind: str, key: str, loc: Loc) -> None:
        found.setdefault(Subject(kind, key), loc)

    services = list(_named(data.get("services")))
    for i, svc in services:
        name = str(svc.get("name", ""))
        at: Loc = ("services", i)
        put("service", name, at)
        for j, item in _named(svc.get("endpoints")):
            put("endpoint", f"{name}:{item.get('path')}", (*at, "endpoints", j))
        for j, item in _named(svc.get("dependencies")):
            put("dependency", f"{name}->{item.get('service')}", (*at, "dependencies", j))
        for j, item in _named(svc.get("publishes")):
            put("event", str(item.get("event")), (*at, "publishes", j))
        for j, item in _named(svc.get("health_checks")):
            put("health_check", f"{name}/{item.get('type')}", (*at, "health_checks", j))
        for j, item in _named(svc.get("slos")):
            put("slo", f"{name}/{item.get('name')}", (*at, "slos", j))
        for field, kind in (("owner", "team"), ("datastore", "datastore"), ("domain", "domain")):
            if svc.get(field):
                put(kind, str(svc[field]), (*at, field))
    for i, svc in services:  # events nobody publishes: at their first subscriber
        for j, item in _named(svc.get("subscribes")):
            put("event", str(item.get("event")), ("services", i, "subscribes", j))
    for i, gw in _named(data.get("gateways")):
        put("gateway", str(gw.get("name")), ("gateways", i))
        for j, item in _named(gw.get("routes")):
            put("route", f"{gw.get('name')}:{item.get('path')}", ("gateways", i, "routes", j))
    if isinstance(data.get("mesh"), dict):
        put("mesh", str(data["mesh"].get("name")), ("mesh",))
    for key, kind in (("circuit_breakers", "circuit_breaker"), ("retry_policies", "retry_policy")):
        for i, policy in _named(data.get(key)):
            put(kind, str(policy.get("service")), (key, i))
    for i, saga in _named(data.get("sagas")):
        put("saga", str(saga.get("name")), ("sagas", i))
        for j, step in _named(saga.get("steps")):
            put("saga_step", f"{saga.get('name')}/{step.get('name')}", ("sagas", i, "steps", j))
    _locate_placeholders(data, found)
    return found


def _locate_placeholders(data: dict, found: dict[Subject, Loc]) -> None:
    """A service nobody defines is written where it is first named."""
    refs: list[tuple[Loc, Any]] = []
    for i, svc in _named(data.get("services")):
        for j, dep in _named(svc.get("dependencies")):
            refs.append((("services", i, "dependencies", j, "service"), dep.get("service")))
    for i, gw in _named(data.get("gateways")):
        for j, item in _named(gw.get("routes")):
            refs.append((("gateways", i, "routes", j, "service"), item.get("service")))
        auth = gw.get("authentication")
        if isinstance(auth, dict) and auth.get("issuer"):
            refs.append((("gateways", i, "authentication", "issuer"), auth["issuer"]))
    for key in ("circuit_breakers", "retry_policies"):
        for i, policy in _named(data.get(key)):
            refs.append(((key, i, "service"), policy.get("service")))
    for i, saga in _named(data.get("sagas")):
        for j, step in _named(saga.get("steps")):
            refs.append((("sagas", i, "steps", j, "service"), step.get("service")))
    for loc, name in refs:
        if isinstance(name, str):
            found.setdefault(Subject("service", name), loc)


_LINE = "\0line"  # in the plain form of a composed document: where a mapping starts
_LINES = "\0lines"  # ... and where each of its values is written


def _plain(node: Any) -> Any:
    """A composed YAML node as plain data whose mappings remember their lines."""
    if isinstance(node, yaml.MappingNode):
        data: dict[Any, Any] = {_LINE: node.start_mark.line + 1, _LINES: {}}
        for key, value in node.value:
            data[key.value] = _plain(value)
            data[_LINES][key.value] = value.start_mark.line + 1
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return node.value


def _line_at(data: Any, loc: Loc) -> int | None:
    line = data.get(_LINE) if isinstance(data, dict) else None
    for part in loc:
        if isinstance(data, dict) and part in data:
            line = data[_LINES][part]
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
            line = data.get(_LINE, line) if isinstance(data, dict) else line
        else:
            break
    return line


def line_locator(text: str | bytes) -> Callable[[Subject], int | None]:
    """Subject -> the line (1-based) where a spec document's text writes it, or None.

    The text (YAML or JSON) is composed once, with its line marks; an unreadable
    text locates nothing.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig", errors="replace")
    with paused_gc():
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError:
            root = None
        data = None if root is None else _plain(root)
        locations = subject_locations(data)

    def locate(subject: Subject) -> int | None:
        loc = locations.get(subject)
        return None if loc is None else _line_at(data, loc)

    return locate


# --- the log ------------------------------------------------------------------------


def _logical(subject: Subject) -> dict[str, str]:
    return {
        "name": subject.key,
        "fullyQualifiedName": str(subject),
        "kind": LOGICAL_KINDS.get(subject.kind, "object"),
    }


def _result(
    finding: Finding,
    index: Mapping[str, int],
    uri: str | None,
    locate: Callable[[Subject], int | None] | None,
) -> dict[str, Any]:
    location: dict[str, Any] = {"logicalLocations": [_logical(s) for s in finding.subjects]}
    if uri is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": 0}}
        # The first subject written in the file: the primary one, unless it is not.
        lines = (locate(subject) for subject in finding.subjects) if locate else ()
        line = next((n for n in lines if n), None)
        if line:
            physical["region"] = {"startLine": line}
        location["physicalLocation"] = physical
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {
            "severity": finding.severity.value,
            "subjects": [str(s) for s in finding.subjects],
            "data": dict(finding.data),
        },
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def sarif_log(
    report: Report,
    spec: Architecture,
    *,
    uri: str | None = None,
    text: str | bytes | None = None,
    rules: Iterable[Rule] | None = None,
) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a JSON-ready dict) about `spec`.

    `uri`: the spec file the findings are about (relative, as pipelines expect);
    `text`: that file's content, to place each result at its line.
    """
    from .. import __version__

    catalogue = list(all_rules().values() if rules is None else rules)
    index = {rule.id: position for position, rule in enumerate(catalogue)}
    locate = line_locator(text) if (uri is not None and text is not None) else None
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [reporting_descriptor(rule) for rule in catalogue],
            }
        },
        "results": [_result(f, index, uri, locate) for f in report.findings],
        "invocations": [{"executionSuccessful": True}],
        "properties": {
            "architecture": spec.name,
            "slug": spec.slug,
            "counts": dict(report.counts),
            "rulesRun": list(report.rules_run),
            "seconds": round(report.seconds, 4),
        },
    }
    if uri is not None:
        run["artifacts"] = [{"location": {"uri": uri}}]
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
