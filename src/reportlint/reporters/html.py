"""One self-contained HTML page: each draft with its findings highlighted in place, and beside it
the findings grouped by category, each linked to its spot.

No scripts and no outside resources: every piece of draft text is escaped, and a
Content-Security-Policy forbids scripts, so a draft that contains `<script>` shows it as text.
"""
from __future__ import annotations

from collections import defaultdict
from html import escape as _html_escape

from reportlint.model import re_code
from reportlint.model.display import BIDI_CONTROLS, unsurrogate
from reportlint.model.finding import CATEGORIES
from reportlint.reporters.common import location, marked_lines, message

CATEGORY_NAMES = {
    "section": "内容缺项", "plan": "下年度计划", "duplicate": "重复内容", "numeric": "数字与合计",
    "typo": "错别字", "formulation": "规范表述", "punctuation": "标点符号", "numbering": "层次序号",
    "artifact": "转换残留", "placeholder": "未替换占位符", "spacing": "空格", "format": "段落格式",
}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
"WenQuanYi Micro Hei",sans-serif;
margin:0;background:#f5f5f2;color:#222;line-height:1.6}
header{background:#1f3a5f;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;font-size:14px}
section.file{background:#fff;margin:16px 24px;border:1px solid #ddd;border-radius:6px}
section.file h2{font-size:16px;margin:0;padding:8px 16px;border-bottom:1px solid #ddd;background:#fafafa}
.cols{display:flex;align-items:flex-start}
ol.draft{flex:3;margin:0;padding:8px 0;list-style:none;font-size:15px;min-width:0}
ol.draft li{display:flex;padding:0 12px}
ol.draft li:target,ol.draft li.hit:hover{background:#fff8dc}
.ln{color:#999;min-width:4.5em;text-align:right;padding-right:12px;user-select:none;font-size:12px;
line-height:24px}
.tx{white-space:pre-wrap;word-break:break-all;flex:1}
mark{border-radius:2px;padding:0 1px}mark.error{background:#ffc9c9;border-bottom:2px solid #d9480f}
mark.warning{background:#ffec99;border-bottom:2px solid #f08c00}
mark.info{background:#d0ebff;border-bottom:2px solid #1c7ed6}
mark.point{padding:0 2px;font-weight:bold}mark:target{outline:2px solid #1f3a5f}
aside{flex:2;border-left:1px solid #ddd;padding:8px 16px;font-size:14px;min-width:0;
position:sticky;top:0;max-height:100vh;overflow:auto}
aside h3{font-size:15px;margin:12px 0 4px}aside ul{margin:0;padding-left:18px}aside li{margin:4px 0}
.sev{display:inline-block;font-size:12px;padding:0 4px;border-radius:3px;color:#fff}
.sev.error{background:#d9480f}.sev.warning{background:#f08c00}.sev.info{background:#1c7ed6}
.rule{color:#777;font-size:12px}.cell{color:#555;font-size:12px}
ul.plain{list-style:none;padding:8px 24px}
.ctl{color:#c00;font-family:monospace;font-size:12px}
"""


# bidirectional controls (a U+202E reorders the page around it) and control characters
# (invisible, or not allowed in HTML): shown as visible codes
_SHOWN = re_code.compile(f"[{BIDI_CONTROLS}\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _code(c: str) -> str:
    n = ord(c)
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def escape(s: str) -> str:
    """HTML-escaped, with bidirectional and control characters of a draft or a file name shown
    as visible codes, and no lone surrogates."""
    out = _html_escape(unsurrogate(s))
    return _SHOWN.sub(lambda m: f'<span class="ctl">{_code(m.group())}</span>', out) \
        if _SHOWN.search(out) else out


def _attr(s: str) -> str:
    """For attributes (title=…): the same codes, without markup."""
    out = _html_escape(unsurrogate(s))
    return _SHOWN.sub(lambda m: _code(m.group()), out)


def _segments(doc, findings):
    """Per line: list of (html) pieces with <mark>s; anchors on the first piece of each finding."""
    by_line: dict[int, list] = defaultdict(list)
    for i, f in findings:
        first, last = marked_lines(f)
        for ln in range(first, last + 1):
            by_line[ln].append((i, f))
    rows, anchored = [], set()
    lines = doc.source_lines
    if len(lines) > 1 and lines[-1] == "" and len(lines) not in by_line:
        lines = lines[:-1]                 # the empty "line" after a final line end
    for no, line in enumerate(lines, 1):
        start = doc.line_starts[no - 1]
        end = start + len(line)
        here = by_line.get(no, [])
        if not here:
            rows.append((no, escape(line), []))
            continue
        bounds = {start, end}
        points = defaultdict(list)
        for i, f in here:
            if f.start == f.end:
                points[f.start].append((i, f))
            else:
                bounds.add(max(start, f.start))
                bounds.add(min(end, f.end))
        bounds.update(p for p in points if start <= p <= end)
        cuts = sorted(b for b in bounds if start <= b <= end)
        html = []
        for a, b in zip(cuts, cuts[1:] + [None]):
            for i, f in points.get(a, []):
                anchored.add(i)
                html.append(f'<mark class="point {f.severity!s}" id="m{i}" title="{_attr(f.message)}">‸</mark>')
            if b is None:
                break
            active = [(i, f) for i, f in here if f.start < b and f.end > a]
            text = escape(doc.source_text[a:b])
            if not active:
                html.append(text)
                continue
            worst = str(max(f.severity for _, f in active))
            new = [i for i, _ in active if i not in anchored]
            anchored.update(new)
            ident = f' id="m{new[0]}"' if new else ""
            html.extend(f'<span class="anchor" id="m{i}"></span>' for i in new[1:])
            title = _attr("；".join(f.message for _, f in active))
            html.append(f'<mark class="{worst}"{ident} title="{title}">{text}</mark>')
        for i, f in here:                  # a span of only the line end: anchor at the end
            if f.line == no and i not in anchored:
                anchored.add(i)
                html.append(f'<span class="anchor" id="m{i}"></span>')
        rows.append((no, "".join(html), here))
    return rows


def _file_section(k: int, path: str, doc, findings, result, lang) -> str:
    numbered = list(findings)
    out = [f'<section class="file" id="file{k}"><h2>{escape(path)}'
           f'（{len(numbered)} 个问题）</h2><div class="cols"><ol class="draft">']
    word = doc.locations is not None
    for no, html, here in _segments(doc, numbered):
        cls = ' class="hit"' if here else ""
        label = f"第{no}段" if word else str(no)
        cell = doc.locations[no - 1] if word else None
        cell_html = f'<span class="cell">［{escape(cell)}］</span>' if cell else ""
        out.append(f'<li id="f{k}-L{no}"{cls}><span class="ln">{label}</span>'
                   f'<span class="tx">{cell_html}{html}</span></li>')
    out.append('</ol><aside class="findings">')
    groups = defaultdict(list)
    for i, f in numbered:
        groups[f.category].append((i, f))
    for cat in sorted(groups, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99):
        items = groups[cat]
        out.append(f'<h3 class="category" data-category="{_attr(cat)}">'
                   f'{escape(CATEGORY_NAMES.get(cat, cat))}（{len(items)}）</h3><ul>')
        for i, f in items:
            where = location(result, f) or f"第{f.line}行第{f.column}列"
            out.append(f'<li class="finding" data-rule="{_attr(f.rule)}"><a href="#m{i}">{escape(where)}</a> '
                       f'<span class="sev {f.severity!s}">{SEVERITY_NAMES[str(f.severity)]}</span> '
                       f'{escape(_plain(f, lang))} '
                       f'<span class="rule">{escape(f.rule)}</span></li>')
        out.append("</ul>")
    out.append("</aside></div></section>")
    return "".join(out)


def _plain(f, lang):
    from reportlint.model.messages import t
    return f.message + (f"（{t('suggest', lang, s=f.suggestion)}）" if f.suggestion else "")


def render(result, ctx) -> str:
    s = result.summary()
    by_file: dict[str, list] = defaultdict(list)
    for i, f in enumerate(result.findings):
        by_file[f.path].append((i, f))
    head = (f"共 {s['findings']} 个问题（错误 {s['error']}，警告 {s['warning']}，提示 {s['info']}），"
            f"检查文件 {s['files']} 个")
    body = [f"<header><h1>reportlint 检查报告</h1><p>{escape(head)}</p></header>"]
    for k, (path, items) in enumerate(by_file.items(), 1):
        doc = result.documents.get(path)
        if doc is None:
            body.append(f'<section class="file"><h2>{escape(path)}</h2><ul class="plain">' + "".join(
                f"<li>{f.line}:{f.column} {escape(message(result, f, ctx.lang))}</li>" for _, f in items)
                + "</ul></section>")
        else:
            body.append(_file_section(k, path, doc, items, result, ctx.lang))
    clean = [p for p in result.documents if p not in by_file]
    if clean:
        body.append('<section class="file"><h2>未发现问题的文件</h2><ul class="plain">'
                    + "".join(f"<li>{escape(p)}</li>" for p in clean) + "</ul></section>")
    problems = [*result.errors, *result.failures]
    if problems:
        body.append('<section class="file"><h2>无法检查</h2><ul class="plain">'
                    + "".join(f"<li>{escape(str(e))}</li>" for e in problems) + "</ul></section>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>reportlint 检查报告</title><style>{STYLE}</style></head><body>"
            + "".join(body) + "</body></html>\n")
