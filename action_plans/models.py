"""Action plan models arrive with the action-plan builder."""
