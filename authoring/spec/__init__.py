"""Stage 1: read a spec file into positioned YAML nodes and validate it against the schema."""

MAX_BYTES = 1024 * 1024  # the most a spec may be; here, so reading one imports nothing else
