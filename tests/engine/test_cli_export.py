"""`python -m microservices export` and the client's `ms.export`."""

from __future__ import annotations

import subprocess
import sys

from microservices.export import all_exporters


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "microservices", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def spec_file(reference_example, tmp_path):
    path = tmp_path / "spec.yaml"
    path.write_text(reference_example.to_yaml())
    return path


def test_it_writes_one_folder_per_target_and_a_readme(reference_example, tmp_path):
    out = tmp_path / "out"
    result = run_cli("export", str(spec_file(reference_example, tmp_path)), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {*all_exporters(), "README.md"}
    assert "Wrote" in result.stderr


def test_it_writes_only_the_targets_asked_for(reference_example, tmp_path):
    names = sorted(all_exporters())[:2]
    out = tmp_path / "out"
    result = run_cli(
        "export", str(spec_file(reference_example, tmp_path)), "--out", str(out),
        "--target", ",".join(names),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {*names, "README.md"}


def test_options_reach_the_manifests(reference_example, tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "export", str(spec_file(reference_example, tmp_path)), "--out", str(out),
        "--namespace", "shop-prod", "--revision", "42",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    readme = (out / "README.md").read_text()
    assert "revision 42" in readme
    assert "`shop-prod`" in readme


def test_an_unknown_target_is_a_usage_error(reference_example, tmp_path):
    result = run_cli(
        "export", str(spec_file(reference_example, tmp_path)), "--out", str(tmp_path),
        "--target", "helm",
    )  # fmt: skip
    assert result.returncode == 2
    assert "unknown export target 'helm'" in result.stderr


def test_a_bad_option_names_the_option_and_writes_nothing(reference_example, tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "export", str(spec_file(reference_example, tmp_path)), "--out", str(out),
        "--namespace", "Bad_Namespace",
    )  # fmt: skip
    assert result.returncode == 1
    assert "options.namespace" in result.stderr
    assert not out.exists()


def test_it_refuses_to_mix_with_an_earlier_export_unless_asked(reference_example, tmp_path):
    spec = str(spec_file(reference_example, tmp_path))
    out = tmp_path / "out"
    assert run_cli("export", spec, "--out", str(out)).returncode == 0
    stale = out / sorted(all_exporters())[0] / "stale.yaml"
    stale.write_text("kind: Stale\n")
    refused = run_cli("export", spec, "--out", str(out))
    assert refused.returncode == 1 and "--clean" in refused.stderr
    assert run_cli("export", spec, "--out", str(out), "--clean").returncode == 0
    assert not stale.exists()


def test_the_client_exports_to_a_folder(reference_example, tmp_path):
    target = sorted(all_exporters())[0]
    bundle = reference_example.export(tmp_path, [target], namespace="shop")
    assert bundle.targets == [target]
    for path, text in bundle.files.items():
        assert (tmp_path / path).read_text() == text
