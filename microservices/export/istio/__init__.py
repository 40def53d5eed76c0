"""The Istio resources of an export, one module per resource family.

`ingress` turns each API gateway into a self-contained ingress (workload, Gateway,
routing, token checks); `traffic` gives every host one VirtualService and one
DestinationRule carrying the design's resilience settings; `security` holds mTLS
and the least-privilege authorization policies; `telemetry` the tracing samples.
The `istio` target (targets/istio.py) lays them out in files.
"""
