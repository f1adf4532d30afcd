"""cli.main itself: what it sets up before click runs."""
import gc

import pytest


def test_cli_raises_only_a_lower_young_generation_threshold(monkeypatch):
    from reportlint import cli

    saved = gc.get_threshold()
    try:
        for start, expected in (((700, 10, 10), (cli.GC_GEN0, 10, 10)),
                                ((0, 10, 10), (0, 10, 10)),            # collection switched off
                                ((10 ** 6, 5, 5), (10 ** 6, 5, 5))):
            gc.set_threshold(*start)
            monkeypatch.setattr(cli.cli, "main", lambda **kw: None)
            with pytest.raises(SystemExit):
                cli.main([])
            assert gc.get_threshold() == expected
    finally:
        gc.set_threshold(*saved)
