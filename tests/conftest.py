"""Fixtures for every test folder. Plain helpers (paths, small rule packs, hypothesis drafts) live
in tests/helpers/, imported as `helpers`."""
import pytest

from helpers import CORPUS


@pytest.fixture(autouse=True)
def no_caches(monkeypatch, tmp_path_factory):
    """No test reads or writes a cache it did not set up. Otherwise the CLI's results cache goes to
    the repository that holds the current folder — this checkout — and answers the next run of a
    test whose drafts have the same paths and bytes (a run with a fixed --basetemp: the
    killed-worker test then never starts a worker), and the rules cache to the user's cache folder.
    The tests of the caches turn them on again, each in a folder of its own."""
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "user-cache"))


@pytest.fixture
def corpus():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return CORPUS
