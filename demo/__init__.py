"""Demo data for trying the product: built through every app's services, so it sits at the
top of the layers (docs/adr/0009) and nothing imports it."""
