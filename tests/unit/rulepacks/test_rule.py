"""Rule objects: what survives pickling between processes (the -j workers)."""


def test_unpickled_rule_reads_its_examples_and_marks_when_first_asked():
    import pickle

    from reportlint.rulepacks.loader import builtin_packs, load_packs

    rules = load_packs(list(builtin_packs())).rules
    again = pickle.loads(pickle.dumps(rules))
    for old, new in zip(rules, again):
        assert "examples" not in new.__dict__ and "marks" not in new.__dict__
        assert new.marks == old.marks and new.examples == old.examples
        assert "_lazy" not in new.__dict__
        assert (new.id, new.message, new.kind) == (old.id, old.message, old.kind)
    assert not hasattr(again[0], "no_such_attribute")


def test_a_message_without_meta_fields_does_not_read_the_draft_meta():
    """stamp() reads the title and opening (Document.meta) only for a message naming
    {year}, {next_year} or {unit}, and the genre only for a rule limited to genres."""
    from reportlint.model.document import Document
    from reportlint.model.finding import Hit
    from reportlint.rulepacks.loader import builtin_packs, load_packs
    from reportlint.rulepacks.run import run_rule, stamp
    from reportlint.rulepacks.template import names_meta

    assert names_meta("{year}年") and names_meta("{found}{next_year:>4}") and names_meta("{unit}")
    assert not names_meta("“{found}”应为“{expected}”") and not names_meta("{")
    import copy
    rule = copy.copy(next(r for r in load_packs(list(builtin_packs())).rules if r.id == "reworded-set-formulations"))
    assert not rule.genres and not names_meta(rule.template(None))
    doc = Document("某某县2023年法治政府建设情况报告\n2023年，我县党委理论中心组学习。\n", "a.txt")
    assert run_rule(rule, doc)
    assert "meta" not in vars(doc) and "genre" not in vars(doc)
    rule.message = "{year}年：{unit}"
    assert stamp(rule, Hit(0, 1), doc).message == f"2023年：{doc.meta.unit or ''}"
