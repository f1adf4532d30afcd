"""rulepacks.template.render works out once per template what does not depend on the values
(its parts, which fields it refuses); it must give what the plain per-call form gave."""
import string

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.rulepacks.template import _NAME, _SPEC, MAX_WIDTH, render


def _plain_render(template: str, fields: dict) -> str:
    """render() before the per-template plan: everything worked out on every call."""
    try:
        parts = tuple(string.Formatter().parse(template))
    except ValueError:
        return template
    out = []
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        m = _SPEC.fullmatch(spec or "")
        bad = (not _NAME.fullmatch(name) or name not in fields or conversion or m is None
               or (m.group("width") and int(m.group("width")) > MAX_WIDTH))
        if bad:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
        else:
            out.append(format(str(fields[name]), spec or ""))
    return "".join(out)


_PIECES = st.sampled_from(["{found}", "{expected}", "{year}", "{found:>8}", "{found:^300}", "{found!r}",
                           "{0}", "{}", "{found.x}", "{found[0]}", "{missing}", "{{", "}}", "{", "}",
                           "{found:x<5}", "{found:5}", "“", "应为", " ", ":"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join),
       st.dictionaries(st.sampled_from(["found", "expected", "year"]),
                       st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=3))
@example("疑似错别字：“{found}”应为“{expected}”", {"found": "专武独断", "expected": "独断专行"})
@example("{found!r:>5}{", {"found": 1})
def test_render_matches_the_plain_form(template, fields):
    assert render(template, fields) == _plain_render(template, fields)
    assert render(template, fields) == _plain_render(template, fields)     # the cached plan again
