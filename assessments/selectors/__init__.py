"""Reads for assessments, always through a cycle of one organisation: `cycles` (lists and
lookups), `progress` (section statuses for the task list), `questionnaire` (what a question
page shows) and `scoring` (results). Reads of the framework itself are in
`framework.selectors`."""
