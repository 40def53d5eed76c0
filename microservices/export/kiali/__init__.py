"""Kiali's validations of Istio configuration, run over a bundle instead of a cluster.

Each module registers its checks with `checks.check` when imported; the codes,
severities and meanings are Kiali's (models/istio_validation.go), so a problem
reads the same here as in Kiali's console. `checks.check_bundle` imports this
package before running the checks.
"""

from . import hosts, mtls, ports, security

__all__ = ["hosts", "mtls", "ports", "security"]
