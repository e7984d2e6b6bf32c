"""Settings split by environment: base, local (the default), production and test."""
