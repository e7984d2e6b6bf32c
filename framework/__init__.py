"""The framework's content: versions, domains, principles, practice levels, ways of working
and well-being goals, and the reference pages that show them.

The content is data, written in `assessments/framework_content/*.yaml` (one file per
framework version, with the questionnaire built on it) and loaded by
`assessments.content_loader`. This app is the layer just above organisations
(docs/adr/0009): everything that points at the framework sits above it.
"""
