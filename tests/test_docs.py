"""README tells the truth: every command and setting is documented, and the quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from mockloop.cli import app
from mockloop.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_group(group)
    names = []
    for name, command in click_group.commands.items():
        if hasattr(command, "commands"):
            names += [f"{prefix}{name} {sub}" for sub in command.commands]
        else:
            names.append(prefix + name)
    return names


def test_every_cli_command_is_in_the_readme():
    for name in _commands(app):
        assert f"mockloop {name}" in README, f"`mockloop {name}` is not documented in README.md"


def test_every_setting_is_in_the_readme():
    for field in Settings.model_fields:
        assert f"MOCKLOOP_{field.upper()}" in README, f"MOCKLOOP_{field.upper()} is undocumented"


def test_the_quick_start_is_make_run_and_make_test():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S)[1]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
