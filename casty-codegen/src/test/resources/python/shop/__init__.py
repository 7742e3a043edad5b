"""A shop whose messages exercise every annotation casty_schema.py follows (a test fixture)."""
