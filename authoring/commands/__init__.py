"""Stage 5: one module per user command, each a plain function the CLI calls."""
