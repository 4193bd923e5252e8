"""pcd: write formal decision papers as YAML; check them; build DOCX and HTML."""

__version__ = "0.1.0"
