"""Build hook: ship in the wheel what the first run after `pip install` would otherwise build:
- jieba's dictionary as a ready SQLite table (reportlint/kinds/_lib/data/jieba_freq.sqlite),
  read instead of built (kinds/_lib/jieba_freq.py);
- the built-in rule packs already loaded (reportlint/rules/compiled.json), used while their files
  are unchanged (rulepacks/bundled.py);
- the stdlib `re` patterns of the modules and kinds as their engine code
  (reportlint/model/re_compiled.jsonl, model/re_code.py), used under the Python that built it.
Prebuilt tables are data like the other files in data/. Editable installs skip them: a checkout
builds the table and keeps the loaded packs in the cache folder. Loading the packs needs the
runtime dependencies in the build environment (require-runtime-dependencies in pyproject.toml)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "reportlint/kinds/_lib/data/jieba_freq.sqlite"
RULES_TARGET = "reportlint/rules/compiled.json"
RE_TARGET = "reportlint/model/re_compiled.jsonl"


class ShippedDataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        import logging

        import jieba
        jieba.setLogLevel(logging.WARNING)
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from reportlint.kinds._lib import data, jieba_freq
            from reportlint.model import re_code
            from reportlint.rulepacks import loader
        finally:
            sys.path.pop(0)
        user = data.DIR / "jieba_user.txt"
        tok = jieba.Tokenizer()
        tok.initialize()
        tok.load_userdict(str(user))
        self._dir = tempfile.mkdtemp(prefix="reportlint-jieba-")
        table = Path(self._dir) / "jieba_freq.sqlite"
        jieba_freq.build(table, tok.FREQ, tok.total, jieba_freq.stamp(user))
        os.chmod(table, 0o644)
        build_data["force_include"][str(table)] = TARGET
        rules = Path(self._dir) / "compiled.json"
        rules.write_bytes(loader.ship_builtins(Path(self.root) / "rules", Path(self.root) / "src" / "reportlint"))
        os.chmod(rules, 0o644)
        build_data["force_include"][str(rules)] = RULES_TARGET
        compiled = Path(self._dir) / "re_compiled.jsonl"     # after the examples ran: their patterns too
        _import_all(Path(self.root) / "src")                 # and every module-level pattern
        compiled.write_bytes(re_code.ship(re_code.asked()))
        os.chmod(compiled, 0o644)
        build_data["force_include"][str(compiled)] = RE_TARGET

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        import shutil
        if getattr(self, "_dir", None):
            shutil.rmtree(self._dir, ignore_errors=True)


def _import_all(src: Path) -> None:
    """Import every module of the package (not __main__, nor one whose optional dependency is
    missing), so that the patterns they make at import are asked (model/re_code)."""
    import importlib
    import pkgutil
    sys.path.insert(0, str(src))
    try:
        for info in pkgutil.walk_packages([str(src / "reportlint")], "reportlint."):
            if not info.name.endswith("__main__"):
                try:
                    importlib.import_module(info.name)
                except ImportError:
                    pass
    finally:
        sys.path.pop(0)
