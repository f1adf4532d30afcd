"""--against reports read by the engine: a report read before (listed by its file's stamp in the
cache folder) is not decoded again, and its Document is made only when a kind asks for it; a
changed report is always read again (a stale digest would let a kept index answer for old text);
a report changed during the run is an input error, not a silent old answer; unreadable ones are
errors on every run."""
from __future__ import annotations

import os
import time

import pytest

from reportlint.engine import references as engine_refs
from reportlint.engine.references import load_references
from reportlint.kinds._lib import reference_store
from reportlint.model.errors import InputError
from reportlint.model.reference import Reference

TEXT = "某某镇2024年法治政府建设情况报告\n一、主要工作\n全年开展法治宣传活动十二场，覆盖群众三千余人次。\n"


@pytest.fixture
def refs(tmp_path, monkeypatch):
    """A folder of two reports, settled (listed after 0.05 s instead of 2 s), and a cache folder."""
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(engine_refs, "SETTLED_NS", 50_000_000)
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("十二场", "二十场"), encoding="utf-8")
    time.sleep(0.1)
    return folder


def _no_decoding(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("a listed reference was decoded")
    monkeypatch.setattr(engine_refs, "read_document", refuse)


def test_a_listed_reference_is_not_decoded_until_read(refs, monkeypatch):
    first = load_references([str(refs)])
    assert all(isinstance(r, Reference) and r.is_loaded for r in first)
    with monkeypatch.context() as m:
        _no_decoding(m)
        second = load_references([str(refs)])
        assert [r.digest for r in second] == [r.digest for r in first]
        assert [r.path for r in second] == [r.path for r in first]
        assert not any(r.is_loaded for r in second)
        key = reference_store.content_key(second, (), (15, 0.9, 3, ()))
        assert key == reference_store.content_key(first, (), (15, 0.9, 3, ()))
    assert second[0].text == first[0].text        # read on first use, the same Document
    assert second[0].meta.title == first[0].meta.title and second[0].is_loaded


def test_a_changed_reference_is_read_again(refs, monkeypatch):
    first = load_references([str(refs)])
    path = refs / "a.txt"
    st = os.stat(path)
    path.write_text(TEXT.replace("十二场", "十三场"), encoding="utf-8")     # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))                    # and mtime
    second = load_references([str(refs)])
    assert second[0].is_loaded and "十三场" in second[0].text
    assert second[0].digest != first[0].digest and second[1].digest == first[1].digest


def test_a_reference_changed_during_the_run_is_an_error(refs):
    load_references([str(refs)])
    second = load_references([str(refs)])
    (refs / "a.txt").write_text(TEXT.replace("十二场", "十三场"), encoding="utf-8")
    with pytest.raises(InputError):
        _ = second[0].text


def test_a_fresh_file_is_not_listed(refs, monkeypatch):
    monkeypatch.setattr(engine_refs, "SETTLED_NS", 3600 * 10**9)   # changed "within the last hour"
    load_references([str(refs)])
    assert all(r.is_loaded for r in load_references([str(refs)]))   # read again


def test_unreadable_references_are_errors_on_every_run(refs):
    (refs / "c.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    for _ in range(2):
        errors: list[InputError] = []
        assert len(load_references([str(refs)], errors=errors)) == 2
        assert [os.path.basename(e.path) for e in errors] == ["c.txt"]


def test_without_the_cache_every_reference_is_read(refs, monkeypatch):
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    load_references([str(refs)])
    assert all(r.is_loaded for r in load_references([str(refs)]))
    assert not (refs.parent / "cache").exists()
