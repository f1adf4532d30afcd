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
