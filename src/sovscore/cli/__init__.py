"""The edge: the only place that knows typer, stdout and stderr, and exit codes."""
