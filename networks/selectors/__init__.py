"""Reads for networks, one module per concern: `networks` (who coordinates what, an
organisation's memberships), `figures` (a network's aggregates for its coordinators),
`benchmarks` (an organisation's scores beside its peers') and `case_studies`."""
