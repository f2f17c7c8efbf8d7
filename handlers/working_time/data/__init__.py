"""Shipped data for working time: the per-year holiday override file (vn_overrides.yaml).
A package only so that wheels carry the YAML next to the code."""
