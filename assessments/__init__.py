"""The readiness and self-assessment questionnaires, built on the framework's content,
and the assessment cycles in which organisations answer them.

The content is data: it is written in `framework_content/*.yaml`, one file per framework
version with the framework's items and the questions built on them, and loaded by
`content_loader.framework_content_load` into the framework app's models and this app's
questionnaire models.
"""
