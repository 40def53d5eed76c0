"""Microservices Designer's engine: the spec model, the Python client and the CLI.

Framework-free: nothing here imports Django or the web application.
"""

from .client import Microservices, ServiceHandle
from .remote import RemoteError
from .spec import Architecture, SpecError, SpecValidationError

__version__ = "1.0.0"

__all__ = [
    "Architecture",
    "Microservices",
    "RemoteError",
    "ServiceHandle",
    "SpecError",
    "SpecValidationError",
]
