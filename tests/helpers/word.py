"""Word files for tests: a clerk's draft with the structures comments must survive, and what a
reviewed file holds (each comment's text with the characters it is anchored on)."""
from __future__ import annotations

import copy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _el(tag, **attrs):
    from docx.oxml import OxmlElement
    return OxmlElement(tag, attrs={W + k: v for k, v in attrs.items()})


def _numbered(d, text: str, num_id: str) -> None:
    p = d.add_paragraph(text)
    ppr = p._p.get_or_add_pPr()
    num = _el("w:numPr")
    num.append(_el("w:ilvl", val="0"))
    num.append(_el("w:numId", val=num_id))
    ppr.append(num)


def _add_numbering(d) -> str:
    """A one-level list "（一）" in numbering.xml; returns its numId."""
    part = d.part.numbering_part
    root = part.element
    abstract = _el("w:abstractNum", abstractNumId="90")
    lvl = _el("w:lvl", ilvl="0")
    lvl.append(_el("w:start", val="1"))
    lvl.append(_el("w:numFmt", val="chineseCounting"))
    lvl.append(_el("w:lvlText", val="（%1）"))
    abstract.append(lvl)
    root.insert(0, abstract)
    num = _el("w:num", numId="90")
    num.append(_el("w:abstractNumId", val="90"))
    root.append(num)
    return "90"


def clerk_draft(path) -> None:
    """Title, a heading, formatted runs, a table, an auto-numbered list item, a tracked
    insertion, a hyperlink-like container and a placeholder at the end."""
    import docx
    d = docx.Document()
    d.add_paragraph("2024年青石镇法治政府建设情况报告")                      # 1
    d.add_paragraph("一、主要工作")                                          # 2
    p = d.add_paragraph("坚持集体决策，杜绝个人意志")                         # 3
    p.add_run("专武独断").bold = True
    p.add_run("。依法设施")
    p.add_run("行政处罚6次。").italic = True
    p = d.add_paragraph("请")                                                # 4
    p.add_run("按")
    p.add_run("排好会务。")
    t = d.add_table(rows=2, cols=2)                                          # 5..8
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).text = "说明"
    t.cell(1, 0).text = "培训"
    t.cell(1, 1).text = "已布署到位。"
    _numbered(d, "健全依法决策机制，全年无布署失误。", _add_numbering(d))   # 9: "（一）健全…"
    p = d.add_paragraph("同时")                                              # 10: 按排 inside w:ins
    ins = _el("w:ins", id="901", author="张三", date="2024-12-01T00:00:00Z")
    run = copy.deepcopy(p.runs[0]._r)
    run.find(W + "t").text = "按排了专项培训。"
    ins.append(run)
    p._p.append(ins)
    d.add_paragraph("以上情况，特此报告。")                                  # 11
    d.save(path)


def comments_with_anchors(path) -> list[tuple[str, str, str]]:
    """(author, comment text, anchored text) for every comment, read back with python-docx."""
    import docx
    d = docx.Document(str(path))
    texts = {c.comment_id: (c.author, c.text) for c in d.comments}
    open_: dict[int, list[str]] = {}
    anchored: dict[int, str] = {}
    for el in d.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_[int(el.get(W + "id"))] = []
        elif el.tag == W + "commentRangeEnd":
            cid = int(el.get(W + "id"))
            anchored[cid] = "".join(open_.pop(cid))
        elif el.tag == W + "t" and el.text:
            for parts in open_.values():
                parts.append(el.text)
        elif el.tag == W + "p":
            for parts in open_.values():
                if parts:
                    parts.append("\n")
    return [(*texts[cid], anchored.get(cid, "")) for cid in sorted(texts)]
