"""The documents the record produces: the export (JSON and PDF), letters to the GP and calendar files."""
