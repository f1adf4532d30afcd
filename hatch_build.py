"""Build hook: ship jieba's dictionary as a ready SQLite table inside the wheel
(reportlint/kinds/_lib/data/jieba_freq.sqlite), so that the first run after `pip install` reads
it instead of building it (kinds/_lib/jieba_freq.py). A prebuilt table is data like the other
files in data/. Editable installs skip it: a checkout builds the table in the cache folder."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "reportlint/kinds/_lib/data/jieba_freq.sqlite"


class JiebaTableHook(BuildHookInterface):
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

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        import shutil
        if getattr(self, "_dir", None):
            shutil.rmtree(self._dir, ignore_errors=True)
