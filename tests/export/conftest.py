"""Fixtures of the export tests: plain pytest over the engine, no Django.

Generated objects are checked against official schemas: core Kubernetes kinds
with kubernetes-validate (its bundled schemas, strict), custom resources with
the CRD schemas kept in ../shared/schemas (strict variants). Those live beside
the repository, not in it: without them the tests that need them skip here and
fail in CI.
"""

from __future__ import annotations

import json
import runpy
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from microservices.export import Bundle, export_bundle
from microservices.spec.model import Architecture
from tests.services import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
SHARED_SCHEMAS = ROOT.parent / "shared" / "schemas"
# The Kubernetes version whose schemas core objects are checked against.
KUBERNETES_VERSION = "1.33.0"


@pytest.fixture(scope="session")
def reference_spec() -> Architecture:
    """The reference example of DESIGN.md, run as a script."""
    return runpy.run_path(str(ROOT / "examples" / "ecommerce.py"))["ms"].to_spec()


@pytest.fixture(scope="session")
def reference_bundle(reference_spec) -> Bundle:
    return export_bundle(reference_spec, revision=7)


def documents(bundle: Bundle, prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(path, document) for every YAML document of the bundle under `prefix`."""
    found = []
    for path, text in bundle.files.items():
        if path.startswith(prefix) and path.endswith((".yaml", ".yml")):
            found += [(path, doc) for doc in yaml.safe_load_all(text) if doc is not None]
    return found


def objects(bundle: Bundle, kind: str, prefix: str = "") -> dict[str, dict[str, Any]]:
    """Objects of `kind` by metadata.name (names are unique per kind in a namespace)."""
    return {
        doc["metadata"]["name"]: doc
        for _, doc in documents(bundle, prefix)
        if doc.get("kind") == kind
    }


# --- schemas ----------------------------------------------------------------------


@cache
def _shared_registry():
    import sys

    sys.path.insert(0, str(SHARED_SCHEMAS))
    try:
        import validate_manifests
    finally:
        sys.path.remove(str(SHARED_SCHEMAS))
    return validate_manifests


@pytest.fixture(scope="session")
def crd_validator():
    """validate(document) -> list of error messages, against ../shared/schemas (strict).

    Returns None for a document no schema there describes (core Kubernetes kinds).
    """
    if not (SHARED_SCHEMAS / "validate_manifests.py").exists():
        skip_or_fail([f"the official schemas are not at {SHARED_SCHEMAS}"])
    from jsonschema import Draft7Validator

    by_gvk: dict[tuple[str, str], Draft7Validator] = {}
    for path in SHARED_SCHEMAS.glob("*-strict.json"):
        schema = json.loads(path.read_text())
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            by_gvk[(f"{gvk['group']}/{gvk['version']}", gvk["kind"])] = Draft7Validator(schema)
    standalone = {
        name: Draft7Validator(json.loads((SHARED_SCHEMAS / name).read_text()))
        for name in ("asyncapi-3.0.0.json", "compose-spec.json")
    }

    def validate(document: dict[str, Any]) -> list[str] | None:
        if "asyncapi" in document:
            validator = standalone["asyncapi-3.0.0.json"]
        elif isinstance(document.get("services"), dict) and "kind" not in document:
            validator = standalone["compose-spec.json"]
        else:
            validator = by_gvk.get((document.get("apiVersion"), document.get("kind")))
        if validator is None:
            return None
        return [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(document)
        ]

    return validate


@pytest.fixture(scope="session")
def kubernetes_validator():
    """validate(document) -> list of error messages, for core Kubernetes kinds (strict)."""
    import kubernetes_validate
    from kubernetes_validate.utils import SchemaNotFoundError, ValidationError

    def validate(document: dict[str, Any]) -> list[str]:
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
        except ValidationError as error:
            return [f"{'/'.join(map(str, error.path))}: {error.message}"]
        except SchemaNotFoundError as error:
            return [f"no Kubernetes schema: {error}"]
        return []

    return validate


def invalid_documents(
    items: Iterable[tuple[str, dict[str, Any]]], validate
) -> list[tuple[str, str, str, list[str]]]:
    """(path, kind, name, errors) for every document `validate` finds errors in."""
    failures = []
    for path, doc in items:
        errors = validate(doc)
        if errors:
            name = (doc.get("metadata") or {}).get("name", "")
            failures.append((path, doc.get("kind", ""), name, errors))
    return failures
