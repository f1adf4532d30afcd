"""Output formats. Each reporter is a module with `render(result, ctx) -> str`."""
from __future__ import annotations

import importlib

REPORTERS = {
    "text": "reportlint.reporters.text",
    "json": "reportlint.reporters.json_report",
    "sarif": "reportlint.reporters.sarif",
    "github": "reportlint.reporters.github",
    "gitlab": "reportlint.reporters.gitlab",
    "junit": "reportlint.reporters.junit",
    "html": "reportlint.reporters.html",
}


def get(name: str):
    return importlib.import_module(REPORTERS[name])


def resolve(name: str, environ=None) -> str:
    """`auto`: GitHub workflow commands under GitHub Actions, else text."""
    import os
    env = os.environ if environ is None else environ
    if name != "auto":
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
