"""Build hook: ship in the wheel what the first run after `pip install` would otherwise build:
- jieba's dictionary as a ready SQLite table (reportlint/kinds/_lib/data/jieba_freq.sqlite),
  read instead of built (kinds/_lib/jieba_freq.py);
- the built-in rule packs already loaded (reportlint/rules/compiled.json), used while their files
  are unchanged (rulepacks/bundled.py).
Prebuilt tables are data like the other files in data/. Editable installs skip both: a checkout
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

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        import shutil
        if getattr(self, "_dir", None):
            shutil.rmtree(self._dir, ignore_errors=True)
