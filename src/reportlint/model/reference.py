"""One `--against` report as the kinds receive it (`doc.references`): its path and a digest of
its bytes at once, its Document only when something reads it.

A later run whose kept index (kinds/_lib/reference_store.py) is keyed by the digests never
decodes the thousands of reports it compares with: only the ones a draft is found to copy
(their titles come from the index too). The engine works out the digest and says how the
report is read (engine/references.py); nothing here does I/O.
"""
from __future__ import annotations

from collections.abc import Callable

from reportlint.model.document import Document


class Reference(Document):
    """A Document read on first use: until then only `path` and `digest` are set. The first
    attribute it lacks loads the Document and takes over its state, so every property,
    cached or not, then works on it as on the Document itself."""

    def __init__(self, path: str, digest: str, load: Callable[[], Document]):   # Document.__init__ on load
        self.path = path
        self.digest = digest           # what the report's findings and index depend on
        self._load: Callable[[], Document] | None = load

    @classmethod
    def loaded(cls, doc: Document, digest: str) -> Reference:
        ref = cls(doc.path, digest, lambda: doc)
        ref._take(doc)
        return ref

    @property
    def is_loaded(self) -> bool:
        return self._load is None

    def _take(self, doc: Document) -> None:
        self.__dict__.update({k: v for k, v in vars(doc).items() if k not in ("path", "digest")})
        self._load = None

    def __getattr__(self, name: str):
        # only attributes missing from the instance come here: load once, then look again
        load = self.__dict__.get("_load")
        if load is None or name.startswith("__"):
            raise AttributeError(name)
        self._take(load())
        return getattr(self, name)
