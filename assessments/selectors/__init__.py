"""Reads for assessments: `framework` (reference pages) and, always through a cycle of one
organisation,
`cycles` (lists and lookups), `progress` (section statuses for the task list),
`questionnaire` (what a question page shows) and `scoring` (results)."""
