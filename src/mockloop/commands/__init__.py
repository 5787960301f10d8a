"""CLI commands of features, each registered on the one Typer app in mockloop.cli."""
