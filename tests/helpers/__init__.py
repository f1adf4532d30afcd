"""Shared test helpers, importable from any test folder as `helpers` (pyproject: pythonpath = ["tests"])."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]      # the checkout
SHARED = ROOT.parent / "shared"                 # corpus, gio, ecspell: absent on most machines
CORPUS = SHARED / "corpus"
