"""Framework content (versions, domains, principles, ways of working, well-being goals)
and, built on it, the readiness and self-assessment questionnaires.

Framework content is data: it is written in `framework_content/*.yaml`, one file per
framework version, and loaded by `content_loader.framework_content_load`.
"""
