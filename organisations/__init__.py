"""Organisations, their members and roles, and invitations: the tenancy boundary.

Every piece of organisation data hangs off an `Organisation`; `tenancy.py` is the one
place that decides whether a signed-in person may see an organisation at all.
"""
