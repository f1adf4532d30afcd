"""docs/rules.md, rendered from the rule files themselves (so docs and tests cannot drift)."""
from __future__ import annotations

from itertools import groupby


def _example_text(item) -> str:
    text = item["text"] if isinstance(item, dict) else item
    return text.replace("\n", "⏎")


def render_markdown(rules) -> str:
    out = ["# reportlint 规则一览", "",
           "本文件由 `reportlint rules --format markdown > docs/rules.md` 从规则文件生成，请勿手工修改。", "",
           f"共 {len(rules)} 条规则。", ""]
    ordered = sorted(rules, key=lambda r: (r.pack, r.id))
    for pack, members in groupby(ordered, key=lambda r: r.pack):
        group = list(members)
        out += [f"## {pack}", "", "| 规则 | 类别 | 级别 | 说明 |", "|---|---|---|---|"]
        out += [f"| [`{r.id}`](#{r.id}) | {r.category} | {r.severity} | {r.summary} |" for r in group]
        out.append("")
        for r in group:
            out += [f"### {r.id}", "",
                    f"类别 `{r.category}`，级别 `{r.severity}`，算法 `{r.kind_name}`。", "",
                    r.description.strip(), "", f"**原因**：{r.why.strip()}", ""]
            for which, title in (("bad", "会报告"), ("good", "不会报告")):
                out.append(f"**{title}**：")
                out.append("")
                out += [f"- {_example_text(x)}" for x in r.examples.get(which, [])]
                out.append("")
            if r.references:
                out += ["**依据**：" + "；".join(map(str, r.references)), ""]
    return "\n".join(out).rstrip("\n") + "\n"
