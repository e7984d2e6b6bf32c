"""Action plans built from an assessment, their review workflow and delivery tracking."""
