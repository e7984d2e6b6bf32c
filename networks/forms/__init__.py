"""Forms for networks, one module per concern: `memberships` (what an organisation shares,
confirming a step, a coordinator's invitation) and `case_studies` (publishing, choosing a
domain area, highlighting)."""
