"""kinds/_lib/table_template: the template file named by a rule is read as data, and only a
regular file is read (a pipe named as the template must not hang the run)."""
import os
import signal

import pytest

from reportlint.kinds._lib.table_template import TemplateError, load_template


@pytest.fixture
def alarm():
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading the template hung"))
    signal.alarm(10)
    yield
    signal.alarm(0)


def test_a_pipe_as_template_is_an_error_not_a_hang(tmp_path, alarm):
    fifo = tmp_path / "template.yaml"
    os.mkfifo(fifo)
    with pytest.raises(TemplateError, match="regular file"):
        load_template(str(fifo))


def test_a_folder_or_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(TemplateError):
        load_template(str(tmp_path))
    with pytest.raises(TemplateError):
        load_template(str(tmp_path / "missing.yaml"))


def test_an_oversized_template_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(TemplateError, match="larger"):
        load_template(str(big))


def test_a_wellformed_template_loads(tmp_path):
    t = tmp_path / "t.yaml"
    t.write_text("tables:\n  - name: 表一\n    rows: []\n    columns: []\n", encoding="utf-8")
    assert load_template(str(t))
