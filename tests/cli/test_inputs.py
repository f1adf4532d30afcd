"""Input formats: Markdown (headings as outline, code blocks skipped), standard input, --encoding."""
import json

import pytest

from helpers.rulepacks import check_with_pack, pack_project, typo_rule
from reportlint.files.reading import read_document

PACK = (typo_rule({'布署': '部署'}),)
MD = """\
# 2024年某某镇法治政府建设情况报告

## 一、主要工作

### （一）依法决策
已布署到位。

```text
布署（代码块里的示例，不检查）
```

~~~
布署
~~~
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    return pack_project(tmp_path, monkeypatch, *PACK)


def run(*args, input=None):
    return check_with_pack("--format", "json", *args, input=input)


def test_markdown_headings_form_the_outline():
    doc = read_document("d.md", MD.encode("utf-8"))
    assert doc.markdown
    assert [(h.level, h.title, h.parent.title if h.parent else None) for h in doc.headings] == [
        (1, "2024年某某镇法治政府建设情况报告", None),
        (2, "一、主要工作", "2024年某某镇法治政府建设情况报告"),
        (3, "（一）依法决策", "一、主要工作")]
    assert doc.meta.year == 2024


def test_markdown_code_blocks_are_skipped(project):
    (project / "d.md").write_text(MD, encoding="utf-8")
    code, out, _ = run("d.md")
    assert code == 1
    assert [f["line"] for f in json.loads(out)["findings"]] == [6]


def test_standard_input(project):
    code, out, _ = run("-", input="布署到位。\n".encode())
    assert code == 1
    f = json.loads(out)["findings"][0]
    assert (f["path"], f["line"], f["column"]) == ("<stdin>", 1, 1)


def test_standard_input_in_gb18030_is_detected(project):
    code, out, _ = run("-", input="各项工作已经布署到位，请各单位认真落实。\n".encode("gb18030"))
    assert code == 1 and json.loads(out)["findings"][0]["column"] == 7


def test_encoding_override(project):
    data = "布署到位。\n".encode("gb18030")
    (project / "d.txt").write_bytes(data)
    code, out, _ = run("--encoding", "gb18030", "d.txt")
    assert code == 1 and json.loads(out)["findings"][0]["column"] == 1
    code, _, err = run("--encoding", "utf-8", "d.txt")
    assert code == 2 and "utf-8" in err
