"""The export as a whole: targets, options, headers, README, determinism, archives."""

from __future__ import annotations

import io
import zipfile

import pytest

from microservices.export import all_exporters, export_bundle
from microservices.export.bundle import Bundle, check_path
from microservices.export.checks import is_cluster_object
from microservices.export.registry import UnknownTarget
from microservices.spec import SpecValidationError
from microservices.synth import synthesize

from .conftest import documents


def test_it_exports_every_target_when_none_is_named(reference_bundle):
    assert reference_bundle.targets == list(all_exporters())
    folders = {path.split("/")[0] for path in reference_bundle.files if "/" in path}
    assert folders == set(all_exporters())


def test_it_exports_only_the_targets_named(reference_spec):
    target = next(iter(all_exporters()))
    bundle = export_bundle(reference_spec, [target])
    assert bundle.targets == [target]
    assert {path.split("/")[0] for path in bundle.files} == {target, "README.md"}


def test_an_unknown_target_is_refused_by_name(reference_spec):
    with pytest.raises(UnknownTarget, match="'helm'"):
        export_bundle(reference_spec, ["helm"])


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"namespace": "Not A Label"}, "options.namespace"),
        ({"replicas": 0}, "options.replicas"),
        ({"image_registry": "https://registry"}, "options.image_registry"),
        ({"replica": 3}, "options.replica"),
    ],
)
def test_bad_options_are_refused_naming_the_option(reference_spec, options, field):
    with pytest.raises(SpecValidationError) as raised:
        export_bundle(reference_spec, options=options)
    assert [error.field for error in raised.value.errors] == [field]


def test_every_file_names_the_architecture_and_its_revision(reference_bundle):
    for path, text in reference_bundle.files.items():
        head = text[:400]
        assert "E-Commerce Platform" in head, path
        assert "revision 7" in head, path


def test_the_readme_lists_the_skipped_placeholders(reference_bundle):
    readme = reference_bundle.files["README.md"]
    section = readme.split("## Placeholders (skipped)")[1].split("##")[0]
    for name in ("auth-service", "payment-service", "product-service", "user-service"):
        assert f"`{name}`" in section
    assert "`order-service`" not in section


def test_the_readme_states_the_defaults_applied(reference_bundle):
    section = reference_bundle.files["README.md"].split("## Defaults applied")[1]
    assert section.split("## Static checks")[0].count("\n- ") >= 1


def test_the_reference_bundle_passes_the_static_checks(reference_bundle):
    assert reference_bundle.problems == []


def test_exporting_twice_gives_identical_bytes(reference_spec):
    first = export_bundle(reference_spec, revision=3)
    second = export_bundle(reference_spec, revision=3)
    assert first.files == second.files
    assert first.zip_bytes() == second.zip_bytes()


def test_a_synthetic_architecture_exports_identically_twice():
    spec = synthesize(120, seed=5)
    assert export_bundle(spec).zip_bytes() == export_bundle(spec).zip_bytes()


def test_progress_counts_every_file_up_to_the_total(reference_spec):
    seen: list[tuple[int, int]] = []
    bundle = export_bundle(
        reference_spec, on_progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (len(bundle.files), len(bundle.files))
    assert [done for done, _ in seen] == list(range(1, len(bundle.files) + 1))


def test_the_archive_holds_every_file_under_its_path(reference_bundle):
    with zipfile.ZipFile(io.BytesIO(reference_bundle.zip_bytes())) as archive:
        assert archive.namelist() == list(reference_bundle.files)
        path = next(iter(reference_bundle.files))
        assert archive.read(path).decode() == reference_bundle.files[path]


@pytest.mark.parametrize(
    "path", ["../etc/passwd", "/abs/file", "a/../../b", "a//b", "a/./b", "a\\b", "", "a/b/"]
)
def test_paths_that_could_escape_the_bundle_are_refused(path, tmp_path):
    with pytest.raises(ValueError, match="unsafe path"):
        check_path(path)
    with pytest.raises(ValueError, match="unsafe path"):
        Bundle(files={path: "x"}, targets=[]).write_to(tmp_path)


@pytest.mark.parametrize("size", [0, 300])
def test_every_cluster_object_of_the_whole_bundle_passes_its_official_schema(
    reference_spec, size, crd_validator, kubernetes_validator
):
    spec = synthesize(size, seed=11) if size else reference_spec
    bundle = export_bundle(spec)
    failures, checked = [], 0
    for path, doc in documents(bundle):
        if not is_cluster_object(doc):
            continue
        errors = crd_validator(doc)
        if errors is None:  # no CRD schema: a core Kubernetes kind
            errors = kubernetes_validator(doc)
        checked += 1
        if errors:
            failures.append((path, doc["kind"], doc["metadata"]["name"], errors[:3]))
    assert checked > 0
    assert failures == []
