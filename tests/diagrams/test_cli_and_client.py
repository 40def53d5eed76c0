"""`python -m microservices render` and the client's `ms.render`."""

from __future__ import annotations

import runpy

import pytest

from microservices.cli import main
from microservices.spec import dump_architecture
from tests.diagrams.conftest import ROOT, reference


@pytest.fixture
def spec_file(tmp_path):
    path = tmp_path / "shop.yaml"
    path.write_text(dump_architecture(reference(), "yaml"), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("svg", b"<svg"), ("png", b"\x89PNG"), ("pdf", b"%PDF"), ("dot", b"digraph"),
     ("mmd", b"---"), ("structurizr", b"workspace")],
)  # fmt: skip
def test_it_renders_a_spec_file_in_every_format(spec_file, tmp_path, fmt, start):
    out = tmp_path / f"map.{fmt}"
    assert main(["render", str(spec_file), "--format", fmt, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(start)


def test_it_renders_the_focus_view_of_a_service_with_its_hops(spec_file, capsys):
    args = ["render", str(spec_file), "--view", "focus", "--format", "dot"]
    assert main([*args, "--service", "inventory-service", "--hops", "1"]) == 0
    dot = capsys.readouterr().out
    assert 'label="inventory-service"' in dot and 'label="order-service"' in dot
    assert 'label="payment-service"' not in dot


def test_it_prints_the_title_block_with_author_and_revision(spec_file, capsys):
    args = ["render", str(spec_file), "--format", "dot", "--author", "ada", "--revision", "4"]
    assert main(args) == 0
    assert "E-Commerce Platform · revision 4 · " in capsys.readouterr().out


def test_it_fails_with_a_message_for_an_unknown_service(spec_file, capsys):
    args = ["render", str(spec_file), "--view", "focus", "--service", "nope", "--format", "dot"]
    assert main(args) == 1
    assert "no service 'nope'" in capsys.readouterr().err


def test_it_rejects_an_unknown_view_as_a_usage_error(spec_file):
    assert main(["render", str(spec_file), "--view", "nope"]) == 2


def test_the_client_renders_a_view_into_a_file(tmp_path):
    ms = runpy.run_path(str(ROOT / "examples" / "ecommerce.py"))["ms"]
    out = tmp_path / "saga.mmd"
    content = ms.render(out, view="sagas", format="mmd", saga="order-creation")
    assert out.read_bytes() == content
    assert "create_order()" in content.decode()
