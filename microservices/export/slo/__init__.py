"""Service level objectives as Prometheus rules and OpenSLO documents.

`objectives` says what an objective means in events, `burn_rate` holds the SRE
workbook's alerting policy, `rules` and `openslo` write the two formats.
"""
