"""references.py: the short name of a unit, as other reports would write it."""
import pytest

from reportlint.kinds._lib.references import unit_name


@pytest.mark.parametrize("unit,name", [
    ("丰都县树人镇人民政府", "树人镇"),
    ("鲤城区人民政府金龙街道办事处", "金龙街道"),
    ("酉阳土家族苗族自治县可大乡", "可大乡"),
    ("北京市海淀区人民政府", "海淀区"),
    ("杂色镇", "杂色镇"),
    ("", ""),
])
def test_unit_name(unit, name):
    assert unit_name(unit) == name


# ---- the compared form and the kept index --------------------------------------------------
import os  # noqa: E402

from reportlint.kinds._lib import reference_store  # noqa: E402
from reportlint.kinds._lib.fingerprint import normalize  # noqa: E402
from reportlint.kinds._lib.references import Neutral, References  # noqa: E402
from reportlint.model.document import Document  # noqa: E402

REF = ("样例镇2023年度法治政府建设情况报告\n一、主要举措\n"
       "样例镇今年在试点村建成样例法治长廊三百二十米，配套宣传牌十二块。\n"
       "样例镇司法所联合派出所开展送法进村活动七场次，发放宣传资料一千二百份。\n")
OPTIONS = (15, 0.9, 3, ())


def test_neutral_form_takes_out_unit_names_and_traditional_script():
    neutral = Neutral(["样例镇"])
    assert neutral(normalize("樣例鎮司法所開展活動")) == neutral(normalize("东升镇司法所开展活动"), "东升镇")
    assert neutral(normalize("东升镇司法所")) != neutral(normalize("东升镇司法所"), "东升镇")   # own name only when given


def _refs():
    return References(15, 0.9, 3).build([("ref.txt", Document(REF, "ref.txt"))])


def test_renamed_copy_is_found_and_called_changed():
    refs = _refs()
    copy = refs.find(normalize("东升镇今年在试点村建成样例法治长廊三百二十米，配套宣传牌十二块。"), "/x", "东升镇")
    assert copy is not None and copy.source.path == "ref.txt" and not copy.exact
    literal = refs.find(normalize("样例镇今年在试点村建成样例法治长廊三百二十米，配套宣传牌十二块。"), "/x", "东升镇")
    assert literal is not None and literal.exact


def test_stored_index_answers_like_the_built_one(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    docs = (Document(REF, str(tmp_path / "ref.txt")),)
    built = reference_store.open_or_build(docs, (), OPTIONS, (), lambda: References(15, 0.9, 3).build(
        [(d.path, d) for d in docs]))
    assert isinstance(built, reference_store.StoredReferences)     # saved, then opened
    again = reference_store.StoredReferences.open(
        next((tmp_path / "cache" / "against").glob("index-*.sqlite")), OPTIONS, ())
    memory = References(15, 0.9, 3).build([(d.path, d) for d in docs])
    for text in ("东升镇司法所联合派出所开展送法进村活动七场次，发放宣传资料一千二百份。",
                 "东升镇司法所联合派出所开展普法活动九场次，发放资料五百份。",
                 "完全不同的一句话，与参照报告没有任何关系，也不应当匹配。"):
        a, b = memory.find(normalize(text), "/x", "东升镇"), again.find(normalize(text), "/x", "东升镇")
        assert (a and (a.source.path, a.line, a.exact)) == (b and (b.source.path, b.line, b.exact))


def test_index_key_follows_the_content():
    a = (Document(REF, "ref.txt"),)
    b = (Document(REF.replace("七场次", "八场次"), "ref.txt"),)
    assert reference_store.content_key(a, (), OPTIONS) != reference_store.content_key(b, (), OPTIONS)
    assert reference_store.content_key(a, (), OPTIONS) != reference_store.content_key(a, (), (15, 0.8, 3, ()))
    assert reference_store.content_key(a, (), OPTIONS) == reference_store.content_key(
        (Document(REF, "ref.txt"),), (), OPTIONS)


def test_an_index_others_may_write_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    docs = (Document(REF, str(tmp_path / "ref.txt")),)
    reference_store.open_or_build(docs, (), OPTIONS, (), lambda: References(15, 0.9, 3).build(
        [(d.path, d) for d in docs]))
    path = next((tmp_path / "cache" / "against").glob("index-*.sqlite"))
    os.chmod(path, 0o666)
    assert reference_store.StoredReferences.open(path, OPTIONS, ()) is None
