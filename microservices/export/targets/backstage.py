"""Backstage: a `catalog-info.yaml` of the architecture's software catalog entities.

A System for the architecture, a Domain per bounded context, a Group per owning
team, a Component per defined service (with `dependsOn` its defined dependencies),
an OpenAPI entity per service with endpoints and an AsyncAPI entity per event.
Components provide their own APIs and their events' APIs, and consume the APIs
of the services they call and of the events they subscribe to. Placeholders are
not entities: references to them are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from ...spec.model import Service
from ..asyncapi import api_version, asyncapi_document, event_description
from ..context import ExportContext
from ..events import EventChannel, event_channels
from ..openapi import openapi_document
from ..registry import OutputFile, exporter
from ..safe_names import conform_name
from ..yaml_text import dump_document

TARGET = "backstage"
API_VERSION = "backstage.io/v1alpha1"
LIFECYCLE = "production"
DEFAULT_OWNER = "platform-team"
_ENTITY_NAME = re.compile(r"^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$")
_TAG = re.compile(r"^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$")


def is_entity_name(name: str) -> bool:
    return len(name) <= 63 and bool(_ENTITY_NAME.match(name))


def _entity(kind: str, name: str, spec: dict[str, Any], **metadata: Any) -> dict[str, Any]:
    return {
        "apiVersion": API_VERSION,
        "kind": kind,
        "metadata": {"name": name, **metadata},
        "spec": spec,
    }


def _text(document: dict[str, Any]) -> str:
    return dump_document(document)


class Catalog:
    """Entity names and relations of one export, worked out once."""

    def __init__(self, ctx: ExportContext):
        self.ctx = ctx
        self.channels = event_channels(ctx)
        self._api_names: set[str] = set()
        self.service_api = {
            service.name: self._api_name(f"{service.name}-api")
            for service in ctx.defined_services
            if service.endpoints
        }
        self.event_api = {channel.name: self._api_name(channel.name) for channel in self.channels}
        self.version = api_version(ctx, TARGET)

    def _api_name(self, wanted: str) -> str:
        name = conform_name(wanted, is_entity_name)
        if name in self._api_names:  # an event named like a service's API
            name = conform_name(f"{wanted}-event", lambda _: False)
        self._api_names.add(name)
        return name

    @cached_property
    def domains(self) -> dict[str, str]:
        """domain -> its owner: the team of its first service that names one."""
        owners: dict[str, str] = {}
        for service in self.ctx.defined_services:
            if service.domain and not owners.get(service.domain):
                owners[service.domain] = service.owner
        return {domain: owner or self.default_owner() for domain, owner in owners.items()}

    def default_owner(self) -> str:
        self.ctx.note(
            TARGET,
            f"The System, and services or domains without an owner, are owned by group "
            f"`{DEFAULT_OWNER}`.",
        )
        return DEFAULT_OWNER

    def owner(self, service: Service) -> str:
        return service.owner or self.default_owner()

    @property
    def system(self) -> str:
        return self.ctx.slug

    def entities(self) -> Iterator[dict[str, Any]]:
        yield self.system_entity()
        for domain, owner in self.domains.items():
            yield _entity("Domain", domain, {"owner": f"group:{owner}"})
        for group in self.groups():
            yield _entity("Group", group, {"type": "team", "children": []})
        for service in self.ctx.defined_services:
            yield self.component(service)
        for service in self.ctx.defined_services:
            if service.name in self.service_api:
                yield self.service_api_entity(service)
        for channel in self.channels:
            yield self.event_api_entity(channel)

    def groups(self) -> list[str]:
        """Every owner named, plus the default one (it owns the System)."""
        teams = {service.owner for service in self.ctx.defined_services if service.owner}
        return sorted({*teams, *self.domains.values(), DEFAULT_OWNER})

    def system_entity(self) -> dict[str, Any]:
        spec = {"owner": f"group:{self.default_owner()}"}
        domains = list(self.domains)
        if len(domains) == 1:
            spec["domain"] = f"domain:{domains[0]}"
        elif domains:
            self.ctx.note(
                TARGET,
                "Backstage places components in a domain through their system; the one System "
                "of this architecture spans several domains, so each Component carries its "
                "domain as a tag.",
            )
        title = " ".join(self.ctx.spec.name.split())
        description = self.ctx.spec.description or f"The architecture {title}."
        return _entity("System", self.system, spec, title=title, description=description)

    def component(self, service: Service) -> dict[str, Any]:
        ctx = self.ctx
        depends_on, consumes = [], []
        for dependency in service.dependencies:
            if dependency.service not in ctx.defined:
                ctx.note(
                    TARGET,
                    "Dependencies on placeholders are left out of `dependsOn` and "
                    "`consumesApis`: placeholders are not entities.",
                )
                continue
            depends_on.append(f"component:{dependency.service}")
            if dependency.service in self.service_api:
                consumes.append(f"api:{self.service_api[dependency.service]}")
        consumes += [
            f"api:{self.event_api[subscription.event]}"
            for subscription in service.subscribes
            if subscription.event in self.event_api
        ]
        provides = [f"api:{self.event_api[event.event]}" for event in service.publishes]
        if service.name in self.service_api:
            provides.insert(0, f"api:{self.service_api[service.name]}")
        spec: dict[str, Any] = {
            "type": "service",
            "lifecycle": LIFECYCLE,
            "owner": f"group:{self.owner(service)}",
            "system": f"system:{self.system}",
        }
        for key, refs in (("providesApis", provides), ("consumesApis", consumes)):
            if refs:
                spec[key] = list(dict.fromkeys(refs))
        if depends_on:
            spec["dependsOn"] = depends_on
        description = service.description or "; ".join(service.responsibilities)
        metadata: dict[str, Any] = {"description": description} if description else {}
        tags = [
            tag
            for tag in (service.domain, service.technologies.get("language", ""))
            if tag and len(tag) <= 63 and _TAG.match(tag)
        ]
        if tags:
            metadata["tags"] = list(dict.fromkeys(tags))
        return _entity("Component", service.name, spec, **metadata)

    def service_api_entity(self, service: Service) -> dict[str, Any]:
        definition = openapi_document(self.ctx, service, self.version)
        spec = {
            "type": "openapi",
            "lifecycle": LIFECYCLE,
            "owner": f"group:{self.owner(service)}",
            "system": f"system:{self.system}",
            "definition": _text(definition),
        }
        description = f"The HTTP API of {service.name}."
        return _entity("API", self.service_api[service.name], spec, description=description)

    def event_api_entity(self, channel: EventChannel) -> dict[str, Any]:
        definition = asyncapi_document(
            self.ctx, [channel], title=f"{channel.name} event", target=TARGET
        )
        spec = {
            "type": "asyncapi",
            "lifecycle": LIFECYCLE,
            "owner": f"group:{self.owner(channel.publisher)}",
            "system": f"system:{self.system}",
            "definition": _text(definition),
        }
        return _entity(
            "API",
            self.event_api[channel.name],
            spec,
            title=channel.name,
            description=event_description(channel),
        )


@exporter(
    TARGET,
    title="Backstage catalog",
    description=(
        "catalog-info.yaml: a System for the architecture, Domains, Groups, a Component per "
        "service with dependsOn, OpenAPI and AsyncAPI entities, providesApis/consumesApis."
    ),
)
def plan(ctx: ExportContext) -> Iterator[OutputFile]:
    yield OutputFile("catalog-info.yaml", lambda: list(Catalog(ctx).entities()))
