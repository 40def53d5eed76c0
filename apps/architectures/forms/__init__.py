"""Page forms, generated from the spec model (see factory)."""

from .base import SpecForm
from .concepts import ArchitectureForm, DeploymentForm, form_for
from .factory import spec_form_class

__all__ = ["ArchitectureForm", "DeploymentForm", "SpecForm", "form_for", "spec_form_class"]
