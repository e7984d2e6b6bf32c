"""Project package: settings, URLs and the small helpers every app shares.

Cross-cutting pieces live here rather than in an app of their own: tenancy
(resolving the organisation from the URL), role permissions, base models for
bilingual content, and the audit trail.
"""
