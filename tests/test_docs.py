"""The README is the user's manual: it documents every CLI command and every setting."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from eventwire import config
from eventwire.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names = []
    for name, command in getattr(click_group, "commands", {}).items():
        names.append(f"{prefix}{name}")
        names.extend(f"{prefix}{name} {sub}" for sub in getattr(command, "commands", {}))
    return names


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:15])
    assert "make demo" in head and "make test" in head


def test_readme_documents_every_cli_command() -> None:
    missing = [name for name in _commands(app) if f"eventwire {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_documents_every_setting() -> None:
    package = Path(config.__file__).parent
    sources = [p.read_text(encoding="utf-8") for p in package.rglob("*.py")]
    settings = {name for text in sources for name in re.findall(r"\"(EVENTWIRE_[A-Z_]+)\"", text)}
    assert settings, "eventwire reads no EVENTWIRE_ variables"
    missing = sorted(s for s in settings if s not in README)
    assert not missing, f"settings missing from README.md: {missing}"
