"""Output formats. Each reporter is a module with `render(result, ctx) -> str`."""
from __future__ import annotations

import importlib

REPORTERS = {
    "text": "reportlint.reporters.text",
    "json": "reportlint.reporters.json_report",
}


def get(name: str):
    return importlib.import_module(REPORTERS[name])
