"""Stage 4: turn the computed paper into documents. Renderers read the model, never the YAML."""
