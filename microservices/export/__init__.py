"""Manifest export: from one spec to the files real platforms run.

Each target (Kubernetes, Istio, Argo Rollouts, ...) is one module of `targets/`
that registers an `Exporter` with `@exporter`. `export_bundle` runs the chosen
targets over a spec and returns a `Bundle`: every file's text (deterministic,
sorted, headed by a comment naming the architecture and its revision), the
static checks' problems, and a README that says what was skipped and which
defaults were applied.
"""

from .bundle import Bundle, Problem
from .options import ExportOptions
from .registry import Exporter, OutputFile, all_exporters, exporter, resolve_targets
from .run import export_bundle

__all__ = [
    "Bundle",
    "ExportOptions",
    "Exporter",
    "OutputFile",
    "Problem",
    "all_exporters",
    "export_bundle",
    "exporter",
    "resolve_targets",
]
