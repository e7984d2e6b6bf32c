"""Assessment pages: `framework` (reference pages), `cycles` (list, start, hub, check and
submit, reopen, contributors, targets), `questions` (readiness and domain pages) and
`results`."""
