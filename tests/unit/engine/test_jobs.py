"""How many workers the engine starts (-j auto)."""


def test_workers_only_when_there_are_enough_files(monkeypatch):
    from reportlint.engine import linter as engine
    monkeypatch.setattr(engine, "cpus", lambda: 4)
    assert engine.auto_jobs(1) == 1
    assert engine.auto_jobs(engine.PARALLEL_FROM - 1) == 1
    assert engine.auto_jobs(engine.PARALLEL_FROM) == 4


def test_workers_are_forked_on_linux_only_while_no_other_thread_runs(monkeypatch):
    """Forked workers inherit the loaded rules and kinds (Python 3.14 starts them with
    forkserver by default); forking with another thread running can deadlock."""
    import threading

    from reportlint.engine import parallel
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    if threading.active_count() == 1:
        assert parallel.start_method() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.start_method() is None
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel.start_method() is None


def test_a_run_under_another_default_start_method_forks_its_workers(tmp_path, monkeypatch):
    """The workers see what the parent loaded before it forked them, whatever the default
    start method (forkserver: each worker would build its own Linter in _init)."""
    import multiprocessing
    import sys

    from reportlint.engine import parallel
    from reportlint.engine.linter import Linter
    if not sys.platform.startswith("linux"):
        return
    monkeypatch.setattr(parallel, "_init", lambda make, options: None)   # (a lambda: never pickled)
    drafts = []
    for i in range(4):
        p = tmp_path / f"{i}.txt"
        p.write_text("某某县2023年法治政府建设情况报告\n我县党委理论中心组学习。\n", encoding="utf-8")
        drafts.append(str(p))
    default = multiprocessing.get_start_method()
    multiprocessing.set_start_method("forkserver", force=True)
    try:
        result = Linter(isolated=True, select=["reworded-set-formulations"]).run(drafts, jobs=2)
    finally:
        multiprocessing.set_start_method(default, force=True)
    assert result.files == 4 and len(result.findings) == 4 and result.ok
