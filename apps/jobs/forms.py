"""The spec upload form: a file or pasted text, checked before any job is queued."""

from __future__ import annotations

from pathlib import PurePath
from typing import NoReturn

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from apps.architectures.models import Architecture
from apps.workspaces.models import Workspace
from microservices.spec import SpecError, SpecValidationError
from microservices.spec.documents import guess_format, parse_architecture

from .handlers.import_spec import conflicts, spec_for_target, upload_limits

FORMAT_BY_SUFFIX = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
ERRORS_SHOWN = 50


class SpecImportForm(forms.Form):
    file = forms.FileField(
        required=False, label="Spec file", help_text="A YAML or JSON spec document."
    )
    text = forms.CharField(
        required=False,
        label="Or paste the document",
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        strip=False,
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("", "Detect"), ("yaml", "YAML"), ("json", "JSON")],
        help_text="Detected from the file name or the first character when left on Detect.",
    )

    def __init__(self, *args, workspace: Workspace, target: Architecture | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.target = target
        self.spec_errors: list[SpecError] = []
        self.fields["file"].help_text += f" At most {self.max_size()}."

    @staticmethod
    def max_size() -> str:
        return filesizeformat(settings.SPEC_UPLOAD_MAX_BYTES)

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if bool(upload) == bool(text.strip()):
            raise forms.ValidationError("Upload a file or paste a document (one of the two).")
        fmt = cleaned.get("format") or None
        if upload:
            limit = settings.SPEC_UPLOAD_MAX_BYTES
            if upload.size > limit:
                raise forms.ValidationError(
                    f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes "
                    f"({self.max_size()})."
                )
            content: str | bytes = upload.read()
            fmt = fmt or FORMAT_BY_SUFFIX.get(PurePath(upload.name).suffix.lower())
        else:
            content = text
        try:
            spec = parse_architecture(content, fmt, upload_limits())
        except SpecValidationError as exc:
            self._reject(exc.errors)
        document = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        spec = spec_for_target(spec, self.target)
        if clashes := conflicts(self.workspace, spec, self.target, document):
            self._reject(clashes)
        cleaned.update(
            spec=spec,
            document=document,
            format=fmt or guess_format(document),
            filename=upload.name if upload else "",
        )
        return cleaned

    def _reject(self, errors: list[SpecError]) -> NoReturn:
        self.spec_errors = errors
        shown = [str(error) for error in errors[:ERRORS_SHOWN]]
        if len(errors) > ERRORS_SHOWN:
            shown.append(f"… and {len(errors) - ERRORS_SHOWN} more errors")
        raise forms.ValidationError(shown)
