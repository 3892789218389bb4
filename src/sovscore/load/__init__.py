"""Files to validated models: bytes, then YAML, then pydantic, or every problem with its position."""
