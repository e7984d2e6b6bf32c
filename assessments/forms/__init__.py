"""Assessment forms: cycle forms in `cycles.py`, question pages in `answers.py`."""
