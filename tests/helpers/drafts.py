"""Hypothesis drafts for property tests and oracles: random Unicode mixed with the built-in rules'
own examples (so findings and fixes really happen), report furniture (headings, dates, numbers)
and every kind of line end."""
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from reportlint.rulepacks.examples import example_cases
from reportlint.rulepacks.loader import builtin_packs, load_packs

RULES = load_packs(list(builtin_packs())).rules
EXAMPLES = sorted({case["text"] for r in RULES for which, _, case in example_cases(r)})
FURNITURE = [
    "关于2024年法治政府建设情况的报告", "一、", "（一）", "1.", "（1）", "二是", "2024年", "12月30日",
    "同比增长12.5%", "共计1,234件", "第三十二条", "《中华人民共和国行政处罚法》", "XX镇", "〔2024〕3号",
    "。", "，", "；", "：", "“", "”", "（", "）", "、", "……", "——", " ", "\u3000", "\t", "# ", "```",
    "\ufeff", "\u200b", "\U0001f600", "\ud800",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n"]

pieces = st.one_of(st.sampled_from(EXAMPLES), st.sampled_from(FURNITURE), st.sampled_from(LINE_ENDS),
                   st.text(max_size=20), st.characters())
drafts = st.lists(pieces, max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
