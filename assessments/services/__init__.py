"""Writes for assessments: cycles (start, submit, reopen, contributors, targets) in
`cycles.py`, saving a section of answers in `answers.py`, and the group's reflections on
each domain area in `reflections.py`."""
