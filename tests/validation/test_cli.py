"""`python -m microservices validate | rules`, and the client's `ms.validate()`."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

from microservices import Microservices
from microservices.cli import COMMANDS, main
from microservices.spec import parse_architecture
from microservices.validation import all_rules, validate

ROOT = Path(__file__).resolve().parents[2]
BOUTIQUE = ROOT / "examples" / "online-boutique.yaml"  # warnings and notes, no errors


def reference_ms() -> Microservices:
    spec = importlib.util.spec_from_file_location(
        "ecommerce_cli", ROOT / "examples" / "ecommerce.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ms


@pytest.fixture(scope="module")
def reference_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("specs") / "ecommerce.yaml"
    path.write_text(reference_ms().to_yaml(), encoding="utf-8")
    return path


def test_validate_and_rules_are_registered_commands():
    assert "validate" in COMMANDS
    assert "rules" in COMMANDS


def test_text_output_groups_findings_by_severity_one_line_each(reference_file, capsys):
    assert main(["validate", str(reference_file)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{reference_file}:"
    assert "error MS101 service:payment-service — payment-service is referenced" in out
    assert (
        "warning MS204 dependency:order-service->inventory-service — order-service calls "
        "inventory-service synchronously" in out
    )
    headings = [line for line in lines if line.split(" ")[0] in ("ERROR", "WARNING", "INFO")]
    assert [h.split(" ")[0] for h in headings] == ["ERROR", "WARNING", "INFO"]
    count = len(validate(reference_ms().to_spec()).findings)
    assert lines[-1].startswith(f"{count} findings: 11 errors, 8 warnings, 3 info (")


def test_exit_status_is_1_when_an_error_exists_by_default(reference_file, capsys):
    assert main(["validate", str(reference_file)]) == 1


def test_fail_on_never_always_exits_0(reference_file, capsys):
    assert main(["validate", str(reference_file), "--fail-on", "never"]) == 0


def test_warnings_alone_do_not_fail_the_default_level(capsys):
    assert main(["validate", str(BOUTIQUE)]) == 0


def test_fail_on_warning_fails_on_warnings(capsys):
    assert main(["validate", str(BOUTIQUE), "--fail-on", "warning"]) == 1


def test_fail_on_warning_passes_when_only_notes_remain(capsys):
    warnings = [r.id for r in all_rules().values() if r.severity.value != "info"]
    argv = ["validate", str(BOUTIQUE), "--fail-on", "warning", "--disable", *warnings]
    assert main(argv) == 0


def test_json_output_is_the_report_as_a_dict(reference_file, capsys):
    assert main(["validate", str(reference_file), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"findings", "counts", "rules_run", "seconds"}
    expected = validate(reference_ms().to_spec()).as_dict()
    assert data["findings"] == json.loads(json.dumps(expected["findings"]))
    assert data["counts"] == expected["counts"]
    assert data["rules_run"] == list(all_rules())
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "title", "message", "subjects", "fingerprint", "data"}
    assert first["subjects"][0].startswith("service:")


def test_sarif_output_names_the_file_and_its_lines(reference_file, capsys):
    assert main(["validate", str(reference_file), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    result = log["runs"][0]["results"][0]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == str(reference_file)
    assert physical["region"]["startLine"] >= 1


def test_disable_skips_the_named_rules(reference_file, capsys):
    main(["validate", str(reference_file), "--format", "json", "--disable", "MS101", "MS102"])
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} & {"MS101", "MS102"} == set()
    assert "MS101" not in data["rules_run"]


def test_disable_accepts_comma_separated_ids(reference_file, capsys):
    main(["validate", str(reference_file), "--format", "json", "--disable", "ms101,MS102"])
    data = json.loads(capsys.readouterr().out)
    assert {"MS101", "MS102"} & set(data["rules_run"]) == set()


def test_threshold_overrides_a_rule_default(reference_file, capsys):
    argv = ["validate", str(reference_file), "--format", "json"]
    main([*argv, "--threshold", "MS401.assumed_availability=0.9999"])
    data = json.loads(capsys.readouterr().out)
    assert [f for f in data["findings"] if f["rule"] == "MS401"] == []
    main(argv)
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"] if f["rule"] == "MS401"] == ["MS401"]


@pytest.mark.parametrize(
    "option",
    [
        ["--threshold", "MS401"],
        ["--threshold", "MS401.assumed_availability=high"],
        ["--threshold", "MS999.limit=3"],
        ["--threshold", "MS401.nothing=3"],
        ["--disable", "MS999"],
        ["--fail-on", "info"],
        ["--format", "xml"],
    ],
)
def test_a_usage_error_exits_2(option, reference_file, capsys):
    assert main(["validate", str(reference_file), *option]) == 2
    assert "usage:" in capsys.readouterr().err


def test_an_invalid_spec_prints_file_line_field_message_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "apiVersion: microservices-designer/v1\nkind: Architecture\nname: Bad\n"
        "services:\n  - name: Not A Name\n",
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{bad}:5: services[0].name: ")


def test_a_missing_file_is_reported_and_exits_1(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["validate", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}: cannot read: No such file or directory\n"


def test_validate_reads_standard_input(reference_file, monkeypatch, capsys):
    data = reference_file.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["validate", "-", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert all("physicalLocation" not in r["locations"][0] for r in log["runs"][0]["results"])


def test_out_writes_the_report_to_a_file(reference_file, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["validate", str(reference_file), "--format", "json", "--out", str(out)]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]


def test_rules_prints_every_rule_as_text(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in all_rules().values():
        assert f"{rule.id} {rule.severity.value} [{rule.family}] {rule.title}" in out
    assert "threshold assumed_availability = 0.999" in out
    assert out.endswith(f"{len(all_rules())} rules\n")


def test_rules_prints_the_catalogue_as_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    placeholder = rules[0]
    assert set(placeholder) == {
        "id",
        "severity",
        "family",
        "title",
        "rationale",
        "fix",
        "thresholds",
    }
    by_id = {r["id"]: r for r in rules}
    assert {"name": "assumed_availability", "default": 0.999}.items() <= (
        by_id["MS401"]["thresholds"][0].items()
    )


def test_the_client_validate_returns_the_engines_report():
    ms = reference_ms()
    report = ms.validate()
    expected = validate(ms.to_spec())
    assert [f.fingerprint for f in report.findings] == [f.fingerprint for f in expected.findings]
    assert report.worst().value == "error"


def test_the_client_validate_passes_thresholds_and_disabled_rules():
    ms = reference_ms()
    report = ms.validate(thresholds={"MS401": {"assumed_availability": 0.9999}}, disabled=["MS101"])
    assert "MS101" not in report.rules_run
    assert {f.rule for f in report.findings} & {"MS101", "MS401"} == set()


def test_the_client_validates_a_spec_read_from_a_file():
    ms = Microservices.from_yaml(BOUTIQUE.read_bytes())
    fingerprints = [f.fingerprint for f in ms.validate().findings]
    direct = validate(parse_architecture(BOUTIQUE.read_bytes()))
    assert fingerprints == [f.fingerprint for f in direct.findings]


def test_a_report_without_findings_prints_only_its_summary(reference_file, capsys):
    argv = ["validate", str(reference_file), "--disable", *all_rules()]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{reference_file}:"
    assert lines[-1].startswith("0 findings: 0 errors, 0 warnings, 0 info (0 rules in ")
