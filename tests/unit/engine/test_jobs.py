"""How many workers the engine starts (-j auto)."""


def test_workers_only_when_there_are_enough_files(monkeypatch):
    from reportlint.engine import linter as engine
    monkeypatch.setattr(engine, "cpus", lambda: 4)
    assert engine.auto_jobs(1) == 1
    assert engine.auto_jobs(engine.PARALLEL_FROM - 1) == 1
    assert engine.auto_jobs(engine.PARALLEL_FROM) == 4
