"""Assessment pages: `cycles` (list, start, hub, check and submit, reopen, contributors,
targets), `questions` (readiness and domain pages) and `results`. The framework reference
pages are the framework app's."""
