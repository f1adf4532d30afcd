"""docs/rules.md, rendered from the rule files themselves (so docs and tests cannot drift)."""
from __future__ import annotations

from itertools import groupby


def _example_text(item) -> str:
    text = item["text"] if isinstance(item, dict) else item
    return text.replace("\n", "⏎")


def render_rules_table(rules) -> str:
    """`reportlint rules`: one aligned row a rule."""
    from reportlint.model.lines import display_width as width
    rows = [("规则", "类别", "级别", "规则包", "说明")]
    rows += [(r.id, r.category, str(r.severity), r.pack, r.summary) for r in rules]
    widths = [max(width(row[i]) for row in rows) for i in range(4)]
    out = ["  ".join([row[i] + " " * (widths[i] - width(row[i])) for i in range(4)] + [row[4]]) for row in rows]
    return "\n".join(out) + f"\n\n共 {len(rules)} 条规则\n"


def render_rule(r) -> str:
    """`reportlint rule ID`: what a rule finds, why, its examples and sources."""
    only = f"，只用于 {'、'.join(r.genres)}" if r.genres else ""
    out = [f"{r.id}  （{r.pack} 规则包，类别 {r.category}，级别 {r.severity}，算法 {r.kind_name}{only}）", "",
           f"说明\n  {r.description.strip()}", "", f"原因\n  {r.why.strip()}", ""]
    for which, title in (("bad", "会报告"), ("good", "不会报告")):
        out.append(title)
        for item in r.examples.get(which, []):
            text = item["text"] if isinstance(item, dict) else item
            out.append("  " + text.replace("\n", "\n  "))
        out.append("")
    if r.references:
        out += ["依据"] + [f"  {ref}" for ref in r.references]
    out.append(f"文件：{r.path}")
    return "\n".join(out) + "\n"


def render_markdown(rules) -> str:
    out = ["# reportlint 规则一览", "",
           "本文件由 `reportlint rules --format markdown > docs/rules.md` 从规则文件生成，请勿手工修改。", "",
           f"共 {len(rules)} 条规则。", "",
           "规则默认用于所有文种；标明“只用于”的规则只检查该文种的报告（文种由标题判断，"
           "见 model/genres.py：rule-of-law-report 法治政府建设情况报告，"
           "gio-annual-report 政府信息公开工作年度报告）。", ""]
    ordered = sorted(rules, key=lambda r: (r.pack, r.id))
    for pack, members in groupby(ordered, key=lambda r: r.pack):
        group = list(members)
        out += [f"## {pack}", "", "| 规则 | 类别 | 级别 | 说明 |", "|---|---|---|---|"]
        out += [f"| [`{r.id}`](#{r.id}) | {r.category} | {r.severity} | {r.summary} |" for r in group]
        out.append("")
        for r in group:
            only = f"，只用于 `{'`、`'.join(r.genres)}`" if r.genres else ""
            out += [f"### {r.id}", "",
                    f"类别 `{r.category}`，级别 `{r.severity}`，算法 `{r.kind_name}`{only}。", "",
                    r.description.strip(), "", f"**原因**：{r.why.strip()}", ""]
            for which, title in (("bad", "会报告"), ("good", "不会报告")):
                out.append(f"**{title}**：")
                out.append("")
                out += [f"- {_example_text(x)}" for x in r.examples.get(which, [])]
                out.append("")
            if r.references:
                out += ["**依据**：" + "；".join(map(str, r.references)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---- kinds: the algorithms a rule file can configure ----------------------------------------
def kind_info(name: str, kind, rules) -> dict:
    """What a pack author needs to pick and configure a kind: its options and the rules using it."""
    from reportlint.kinds.options import describe
    options = getattr(kind, "OPTIONS", {})
    return {
        "name": name,
        "summary": getattr(kind, "SUMMARY", ""),
        "scopes": list(getattr(kind, "SCOPES", ())),
        "fields": sorted(getattr(kind, "FIELDS", ())),
        "options": [{"key": key, "shape": describe(opt), "required": opt.required,
                     "default": None if opt.required else opt.default, "doc": opt.doc,
                     "fields": [{"key": k, "shape": describe(sub), "required": sub.required, "doc": sub.doc}
                                for k, sub in _record_fields(opt).items()]}
                    for key, opt in options.items()],
        "rules": sorted(f"{r.pack}/{r.id}" for r in rules if r.kind_name == name),
    }


def _record_fields(opt) -> dict:
    """The named keys inside an option (a record, a list of records, …), shown as rows of their own."""
    todo = [opt]
    while todo:
        shape = todo.pop(0)
        if shape.fields:
            return dict(shape.fields)
        todo += [s for s in (shape.items, shape.values) if s is not None] + list(shape.one_of)
    return {}


def _default(value) -> str:
    import json
    return json.dumps(value, ensure_ascii=False) if value is not None else ""


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_kinds_markdown(infos: list[dict]) -> str:
    out = ["# reportlint 算法（kind）一览", "",
           "本文件由 `reportlint kinds --isolated --format markdown > docs/kinds.md` 从算法模块生成，请勿手工修改。",
           "规则文件用 `kind:` 选一个算法，再用下面的键配置它；键的类型和嵌套结构在加载时检查。", "",
           f"共 {len(infos)} 个算法。", "",
           "| 算法 | 用途 | 内置规则数 |", "|---|---|---|"]
    out += [f"| [`{i['name']}`](#{i['name']}) | {_cell(i['summary'])} | {len(i['rules'])} |" for i in infos]
    out.append("")
    for i in infos:
        out += [f"## {i['name']}", "", i["summary"] or "（无说明）", ""]
        if i["options"]:
            out += ["| 键 | 类型 | 必填 | 默认值 | 说明 |", "|---|---|---|---|---|"]
            for o in i["options"]:
                out.append(f"| `{o['key']}` | {_cell(o['shape'])} | {'是' if o['required'] else ''} | "
                           f"{_cell(_default(o['default']))} | {_cell(o['doc'])} |")
                out += [f"| `{o['key']}.{f['key']}` | {_cell(f['shape'])} | {'是' if f['required'] else ''} | "
                        f"| {_cell(f['doc'])} |" for f in o["fields"]]
            out.append("")
        else:
            out += ["没有可配置的键。", ""]
        if i["scopes"]:
            out += ["`scope:` 可选 " + "、".join(f"`{s}`" for s in i["scopes"]) + f"（默认 `{i['scopes'][0]}`）。", ""]
        out += ["消息模板可用字段：" + "、".join(f"`{{{f}}}`" for f in i["fields"]) + "。" if i["fields"]
                else "消息模板只用 `{year}` 等通用字段。", ""]
        links = "、".join(f"[`{r}`](rules.md#{r.split('/')[-1]})" for r in i["rules"])
        out += ["使用它的规则：" + (links or "（没有）"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_kinds_text(infos: list[dict], detail: bool) -> str:
    """One line a kind, or (detail) every option of each."""
    if not detail:
        width = max((len(i["name"]) for i in infos), default=0)
        return "".join(f"{i['name']:<{width}}  {i['summary']}\n" for i in infos)
    out = []
    for i in infos:
        out += [f"{i['name']}  {i['summary']}", ""]
        for o in i["options"]:
            need = "必填" if o["required"] else f"默认 {_default(o['default'])}"
            out.append(f"  {o['key']}: {o['shape']}（{need}）")
            if o["doc"]:
                out.append(f"      {o['doc']}")
            out += [f"    {o['key']}.{f['key']}: {f['shape']}{'（必填）' if f['required'] else ''}  {f['doc']}"
                    for f in o["fields"]]
        if i["scopes"]:
            out.append("  scope: " + " | ".join(i["scopes"]))
        if i["fields"]:
            out.append("  消息字段：" + " ".join(f"{{{f}}}" for f in i["fields"]))
        out.append("  规则：" + (" ".join(i["rules"]) if i["rules"] else "（无）"))
        out.append("")
    return "\n".join(out)
