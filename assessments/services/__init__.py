"""Writes for assessments: cycles (start, submit, reopen, contributors, targets) in
`cycles.py`, and saving a section of answers in `answers.py`."""
