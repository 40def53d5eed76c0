"""The bundle's YAML writer: whatever it writes, PyYAML reads back equal."""

from __future__ import annotations

import pytest
import yaml

from microservices.export import export_bundle, resolve_targets
from microservices.export.context import ExportContext
from microservices.export.yaml_text import dump_documents
from microservices.synth import synthesize

AWKWARD_STRINGS = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "NULL", "~", "",
    "1", "1.0", "0x1F", "0o17", "1_000", ".inf", "-.Inf", ".nan", "1e3", "2024-01-01",
    "2024-01-01T10:00:00Z", "12:30", "1:2", "=", "<<", "*", "&anchor", "*alias", "!tag",
    "%directive", "@at", "`tick", "a: b", "a #c", "#c", "- x", "? x", "[x]", "{x}", "x,y",
    "'single'", '"double"', "back\\slash", "trailing ", " leading", "a  b", "tab\there",
    "line\nbreak", "ends\n", "two\n\n", "\nstarts", "  indented\nblock", "crlf\r\nx",
    "nul\x00x", "bell\x07", "del\x7f", "nel\x85x", "ls\u2028x", "bom\ufeffx", "é accent",
    "日本語", "emoji 🚀", "<script>alert(1)</script>", '" -> b [label="x', "${VAR}",
    "{{ template }}", "{% tag %}", "javascript:alert(1)", "x" * 5000,
]  # fmt: skip


@pytest.mark.parametrize("text", AWKWARD_STRINGS)
def test_awkward_strings_read_back_unchanged(text):
    document = {"value": text, text or "empty": [text, {"nested": text}]}
    assert list(yaml.safe_load_all(dump_documents([document]))) == [document]


@pytest.mark.parametrize(
    "value", [0, -7, 10**18, 0.5, 1e-05, 1e300, -2.5e-10, True, False, None, [], {}, [[]], [{}]]
)
def test_numbers_booleans_and_empty_collections_read_back_unchanged(value):
    document = {"value": value, "list": [value, [value]]}
    assert list(yaml.safe_load_all(dump_documents([document]))) == [document]


def test_non_finite_numbers_are_refused():
    with pytest.raises(ValueError, match="NaN"):
        dump_documents([{"value": float("nan")}])


def test_several_documents_form_one_stream():
    docs = [{"kind": "A"}, ["x", "y"], "scalar", 3, None]
    assert list(yaml.safe_load_all(dump_documents(docs))) == docs


@pytest.mark.parametrize("size", [0, 150])
def test_every_exported_document_reads_back_as_it_was_built(reference_spec, size):
    spec = synthesize(size, seed=3) if size else reference_spec
    bundle = export_bundle(spec)
    exporters = resolve_targets(None)
    ctx = ExportContext(spec, targets=tuple(exp.name for exp in exporters))
    checked = 0
    for exporter in exporters:
        for output in exporter.plan(ctx):
            if output.path.endswith(".yaml"):
                text = bundle.files[f"{exporter.name}/{output.path}"]
                assert list(yaml.safe_load_all(text)) == list(output.build()), output.path
                checked += 1
    assert checked > 0
