"""The tree stays ruff-clean, type-checks with django-stubs and keeps its layers: checked with the suite."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)  # noqa: S603 (our own tools)


def test_ruff_finds_nothing():
    lint = _run(str(BIN / "ruff"), "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatting = _run(str(BIN / "ruff"), "format", "--check", ".")
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr


def test_mypy_finds_nothing():
    result = _run(str(BIN / "mypy"), "apps", "config")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_hold():
    # The contracts in pyproject.toml: a wrong-way import between layers fails here.
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
