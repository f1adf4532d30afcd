"""Fixtures for every test folder. Plain helpers (paths, small rule packs, hypothesis drafts) live
in tests/helpers/, imported as `helpers`."""
import pytest

from helpers import CORPUS


@pytest.fixture
def corpus():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return CORPUS
