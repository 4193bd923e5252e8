from authoring.cli import entry

entry()
