"""Commissioning Plans (the Plan phase): services and delivery analyses, delivery plan, commercial model."""
