"""Stage 1: read a spec file into positioned YAML nodes and validate it against the schema."""
