"""Writes for networks, one module per concern: `networks` (creating a network and naming
its coordinators, for platform staff), `memberships` (invitations, joining, sharing,
leaving) and `case_studies`."""
