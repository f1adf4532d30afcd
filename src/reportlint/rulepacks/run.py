"""Run rules over a document: call kinds, stamp findings, sort.

Kinds only yield Hits (offsets + fields). Here each hit gets the rule id, category,
severity, the formatted message and its line/column.
"""
from __future__ import annotations

from bisect import bisect_right

from reportlint.kinds import patterns
from reportlint.kinds.patterns import PatternTimeout, budget_left, file_budget
from reportlint.model.document import Document
from reportlint.model.errors import RuleFailure
from reportlint.model.finding import Finding, Hit, Severity
from reportlint.model.script import as_written
from reportlint.rulepacks.rule import Rule
from reportlint.rulepacks.template import names_meta, render


def stamp(rule: Rule, hit: Hit, doc: Document, lang: str = "zh",
          severity: Severity | None = None) -> Finding:
    template = rule.template(hit.variant, lang)
    fields = hit.fields
    if names_meta(template):       # the title and opening are read only for such a message
        meta = doc.meta
        fields = {"year": meta.year or "", "next_year": meta.next_year or "", "unit": meta.unit or "",
                  **fields}
    message = render(template, fields)
    start = max(0, min(hit.start, len(doc.text)))
    end = max(start, min(hit.end, len(doc.text)))
    line, col = doc.pos(start)
    eline, ecol = doc.pos(end)
    fix = hit.fix
    if fix is not None and doc.traditional:   # written into the draft as it is written
        fix = as_written(fix, doc.text[start:end], doc.source_text[start:end])
    return Finding(
        path=doc.path, line=line, column=col, end_line=eline, end_column=ecol,
        rule=rule.id, category=rule.category,
        severity=severity if severity is not None else (hit.severity if hit.severity is not None else rule.severity),
        message=message, suggestion=hit.suggestion, fix=fix, start=start, end=end,
        pack=rule.pack,
    )


_PROSE_SKIPS = "lines prose rules skip"    # doc.shared key: code fences and pasted tables


def run_rule(rule: Rule, doc: Document, *, lang: str = "zh",
             severity: Severity | None = None, genre: str | None = None) -> list[Finding]:
    """Findings of one rule on one document (PatternTimeout propagates). A rule limited to
    other genres than the document's (`genre` from the config, else the title's) finds nothing;
    findings of prose rules on the rows of a table pasted into a text are dropped (its TABs
    and bare figures are not prose; the table kinds read those rows)."""
    if rule.genres and not rule.runs_on(genre or doc.genre):    # (the title is read only then)
        return []
    skipped = doc.skipped_lines
    if doc.table_grids is None and not rule.reads_tables:
        skipped = doc.shared(_PROSE_SKIPS, lambda: doc.skipped_lines | doc.table_lines)
    out = []
    seen = set()
    for hit in rule.kind.check(rule, rule.state, doc) or ():
        f = stamp(rule, hit, doc, lang, severity)
        if f.line in skipped:
            continue
        key = (f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def lint_document(doc: Document, rules: list[Rule], *, lang: str = "zh",
                  severities: dict[str, Severity] | None = None, genre: str | None = None,
                  ) -> tuple[list[Finding], list[RuleFailure]]:
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    severities = severities or {}
    _prepare_together(doc, rules, genre)
    with file_budget():
        for i, rule in enumerate(rules):
            if budget_left() <= 0:     # one message for the rules the budget left no time for
                failures.append(RuleFailure(doc.path, rule, f"the time budget of {patterns.FILE_BUDGET:g} s per file "
                                            f"was used up; {len(rules) - i} rules not run on this file"))
                break
            _run_one(rule, doc, lang, severities, genre, findings, failures)
    findings = numbers_of_copies(one_per_span(findings, rules))
    findings.sort(key=lambda f: f.sort_key)
    return findings, failures


def _prepare_together(doc: Document, rules: list[Rule], genre: str | None) -> None:
    """The rules of the kinds that read a draft together (a kind's READS_TOGETHER) and run on this
    one get their states first, so that they are read together from the first draft on. (A state
    is kept: later drafts only look. A kind that fails to load or prepare fails again when its rule
    runs, and is recorded there.)"""
    for rule in rules:
        if not rule.genres or rule.runs_on(genre or doc.genre):
            try:
                if rule.reads_together:
                    rule.prepare()
            except Exception:
                pass        # reported when its rule runs


def _run_one(rule: Rule, doc: Document, lang: str, severities: dict, genre: str | None,
             findings: list[Finding], failures: list[RuleFailure]) -> None:
    """One rule; its failure (a timeout, a bug in its kind) is recorded, never raised."""
    try:
        findings.extend(run_rule(rule, doc, lang=lang, severity=severities.get(rule.id),
                                 genre=genre))
    except PatternTimeout as exc:
        failures.append(RuleFailure(doc.path, rule, f"pattern took too long: {exc}"))
    except RecursionError:
        failures.append(RuleFailure(doc.path, rule, "input too deeply nested"))
    except Exception as exc:  # a bug in a kind must not stop the other rules and files
        failures.append(RuleFailure(doc.path, rule, f"internal error in kind '{rule.kind_name}' "
                                    f"({_where(exc)}): {type(exc).__name__}: {exc}"))


# findings of these categories are about a part, a paragraph or the whole text, not about the
# characters they point at: they never compete for a span
_WHOLE = frozenset({"section", "plan", "duplicate", "format"})
_PHRASE = 40       # a longer span is a stretch of text (a summary, a residue line), not a phrase


def one_per_span(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """One finding per span: when findings of different rules flag overlapping characters of one
    line, only the most specific is kept — the higher rank (Rule.rank: `priority:` in the rule
    file, else the kind's PRIORITY: listed exact forms above patterns above model-found and
    sweeping checks), then the longer span, then the higher severity, then the rule listed
    first. Findings about more than a phrase (across lines, longer than _PHRASE: summaries,
    residue lines) and the categories in _WHOLE never compete."""
    order = _Order(rules)
    competing = sorted((f for f in findings
                        if f.category not in _WHOLE and f.line == f.end_line and 0 < f.end - f.start <= _PHRASE),
                       key=lambda f: (f.start, f.end))
    dropped: set[int] = set()
    for cluster in _clusters(competing):
        if len(cluster) > 1:
            dropped.update(_settle(cluster, order))
    return [f for f in findings if id(f) not in dropped] if dropped else findings


class _Order(dict):
    """rule id -> (rank, -position in the list), worked out only for the rules whose findings
    compete (a rule's rank reads its kind module, imported when the rule first runs)."""

    def __init__(self, rules: list[Rule]):
        super().__init__()
        self._rules = {r.id: (i, r) for i, r in enumerate(rules)}

    def __missing__(self, rule_id: str) -> tuple[int, int]:
        i, rule = self._rules.get(rule_id, (0, None))
        got = self[rule_id] = (0, 0) if rule is None else (rule.rank, -i)
        return got


def numbers_of_copies(findings: list[Finding]) -> list[Finding]:
    """A heading or item pasted twice repeats its number too: a numbering finding inside the
    text a copy finding covers (repeated-heading, duplicate-sentence …) says the same thing
    again and goes."""
    covered: list[list[int]] = []            # the copies' spans, merged, in order
    for c in sorted((f for f in findings if f.category == "duplicate"), key=lambda f: f.start):
        if covered and c.start <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], c.end)
        else:
            covered.append([c.start, c.end])
    if not covered:
        return findings
    starts = [a for a, _ in covered]

    def explained(f: Finding) -> bool:
        i = bisect_right(starts, f.start) - 1
        return f.category == "numbering" and i >= 0 and f.end <= covered[i][1]
    return [f for f in findings if not explained(f)]


def _clusters(spans: list[Finding]):
    """Findings in start order grouped into clusters of spans that overlap one another: one
    sweep, linear (nearly every cluster holds one finding)."""
    cluster: list[Finding] = []
    reach = -1
    for f in spans:
        if cluster and f.start < reach:
            cluster.append(f)
            reach = max(reach, f.end)
            continue
        if cluster:
            yield cluster
        cluster, reach = [f], f.end
    if cluster:
        yield cluster


def _settle(cluster: list[Finding], order: dict) -> list[int]:
    """ids of the findings of one cluster that yield their span to a more specific one."""
    def rank(f: Finding):
        r, first = order[f.rule]
        return (r, f.end - f.start, f.severity, first)
    kept: list[Finding] = []
    out = []
    for f in sorted(cluster, key=rank, reverse=True):
        if any(k.rule != f.rule and k.start < f.end and f.start < k.end for k in kept):
            out.append(id(f))
        else:
            kept.append(f)
    return out


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, for the bug report."""
    tb = exc.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
