"""The command line: `python -m microservices synth | convert | schema`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from microservices.cli import COMMANDS, main
from microservices.spec.schema import SCHEMA_FILE, SCHEMA_ID, architecture_json_schema
from tests.engine.conftest import ROOT


def run_module(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-m", "microservices", *args],
        capture_output=True,
        check=False,
        cwd=ROOT,
        env=env,
    )


def test_every_registered_command_has_its_own_help(capsys):
    assert main(["--help"]) == 0
    overview = capsys.readouterr().out
    for name in COMMANDS:
        assert name in overview
        assert main([name, "--help"]) == 0
        assert capsys.readouterr().out.startswith(f"usage: python -m microservices {name}")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_synth_output_converts_back_to_identical_text(fmt, tmp_path, capsys):
    spec = tmp_path / f"spec.{fmt}"
    assert (
        main(["synth", "--services", "150", "--seed", "3", "--format", fmt, "--out", str(spec)])
        == 0
    )
    assert main(["convert", str(spec), "--format", fmt]) == 0
    captured = capsys.readouterr()
    assert captured.out == spec.read_text(encoding="utf-8")
    assert captured.err == ""


def test_convert_turns_yaml_into_json(tmp_path, capsys):
    spec = tmp_path / "spec.yaml"
    main(["synth", "--services", "40", "--out", str(spec)])
    assert main(["convert", str(spec), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["services"]) == 40


def test_convert_reads_standard_input(monkeypatch, capsys):
    main(["synth", "--services", "30"])
    text = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["convert", "-", "--format", "yaml"]) == 0
    assert capsys.readouterr().out == text


def test_convert_prints_file_and_line_of_each_error_and_exits_1(tmp_path, capsys):
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "apiVersion: microservices-designer/v1\n"
        "kind: Architecture\n"
        "name: Shop\n"
        "services:\n"
        "  - name: Order_Service\n"
        "    colour: blue\n",
        encoding="utf-8",
    )
    assert main(["convert", str(spec), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{spec}:5: services[0].name: 'Order_Service' is not a DNS-1123")
    assert lines[1] == f"{spec}:6: services[0].colour: unknown field"
    assert len(lines) == 2


def test_convert_names_standard_input_in_its_errors(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"name: [unclosed\n")))
    assert main(["convert", "-", "--format", "yaml"]) == 1
    assert capsys.readouterr().err.startswith("<stdin>:2: invalid YAML")


def test_convert_reports_a_file_it_cannot_read(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["convert", str(missing), "--format", "yaml"]) == 1
    assert capsys.readouterr().err == f"{missing}: cannot read: No such file or directory\n"


def test_a_file_it_cannot_write_is_reported(tmp_path, capsys):
    out = tmp_path / "missing" / "spec.yaml"
    assert main(["synth", "--services", "3", "--out", str(out)]) == 1
    assert capsys.readouterr().err == f"error: {out}: No such file or directory\n"


def test_a_usage_error_exits_2(capsys):
    assert main(["synth", "--services", "0"]) == 2
    assert "0 is not a positive number" in capsys.readouterr().err
    assert main(["convert", "spec.yaml"]) == 2
    assert main([]) == 2


def test_schema_output_equals_the_committed_schema_file(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")


def test_the_schema_is_draft_2020_12_and_validates_the_reference_example(reference_example):
    schema = architecture_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"] and schema["description"]
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(reference_example.to_dict())


def test_the_schema_validates_a_synthetic_architecture_and_rejects_a_bad_one(reference_example):
    from microservices.spec import architecture_to_data
    from microservices.synth import synthesize

    validator = jsonschema.Draft202012Validator(architecture_json_schema())
    validator.validate(architecture_to_data(synthesize(60)))
    bad = reference_example.to_dict()
    bad["apiVersion"] = "microservices-designer/v2"
    bad["services"][0]["name"] = "Auth_Service"
    bad["services"][1]["dependencies"] = [{"service": "x", "mode": "sometimes"}]
    messages = sorted(error.json_path for error in validator.iter_errors(bad))
    assert messages == [
        "$.apiVersion",
        "$.services[0].name",
        "$.services[1].dependencies[0].mode",
    ]


def test_python_dash_m_microservices_writes_the_same_synthetic_spec_whatever_the_hash_seed():
    first = run_module("synth", "--services", "200", "--seed", "5", hash_seed="1")
    second = run_module("synth", "--services", "200", "--seed", "5", hash_seed="2")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert first.stdout.startswith(b"apiVersion: microservices-designer/v1\n")
