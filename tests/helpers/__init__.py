"""Shared test helpers, importable from any test folder as `helpers` (pyproject: pythonpath = ["tests"])."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]      # the checkout
SHARED = ROOT.parent / "shared"                 # corpus, gio, ecspell: absent on most machines
CORPUS = SHARED / "corpus"


def script(name: str):
    """A module of scripts/ (the data builders), loaded from its file: tests call its functions."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
