"""The dataclasses of the golden frames (``casty-client`` test vectors), written from their payloads."""
