"""What one `reportlint check` run is asked to do, built from the command line in one place."""
from __future__ import annotations

from typing import NamedTuple


class CheckOptions(NamedTuple):
    """Immutable. (A named tuple: a frozen @dataclass of this many fields costs ~4 ms to create
    when the module is imported, on every run.)"""
    paths: tuple[str, ...]
    config: str | None = None
    isolated: bool = False
    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    year: int | None = None
    unit: str | None = None
    encoding: str | None = None
    lang: str = "zh"
    against: tuple[str, ...] = ()
    fix: bool = False                 # write the fixes
    diff: bool = False                # only show them (wins over fix)
    track_changes: bool = False       # --fix in Word files as tracked changes (w:del/w:ins)
    annotate: bool = False            # write DRAFT.reviewed.docx with a comment per finding
    annotate_dir: str | None = None   # ... into this folder (implies annotate)
    jobs: int | None = None           # None: decided by the number of files; 0: every CPU
    baseline: str | None = None
    write_baseline: str | None = None
    fail_on: str | None = None        # None: the config's fail_on, else error
    exit_zero: bool = False
    no_cache: bool = False            # never read or write the results cache
    whole_drafts: bool = True         # the reporter shows whole drafts (html); else excerpts suffice
    finding_text: bool = True         # the reporter or a baseline reads the findings' lines and text

    def linter_options(self) -> dict:
        """The keyword arguments of engine.linter.Linter."""
        return dict(config=self.config, isolated=self.isolated, packs=list(self.packs) or None,
                    select=list(self.select), ignore=list(self.ignore), year=self.year, unit=self.unit,
                    encoding=self.encoding, lang=self.lang, against=list(self.against),
                    cache=not (self.no_cache or self.fix or self.diff))
