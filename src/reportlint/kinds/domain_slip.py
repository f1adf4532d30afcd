"""Domain words typed by sound: a stretch of the draft that reads like a word of the official-
document and law vocabulary (ECSpell's lists, 22k words, kinds/_lib/domain.py) but
is written otherwise, often with two or three characters wrong: 促权判觉 (除权判决), 全国人大肠胃会
(全国人大常委会), 人民检擦院 (人民检察院), 社会主义发质国家 (社会主义法治国家); and two-character
words slipped beside a word they often go with (亲犯公民: 侵犯公民, a compound of the lexicon).

Reading is fuzzy pinyin's (zh/z, ch/c, sh/s, n/l, -ng/-n alike). A stretch is reported when
1. it is no word itself (jieba's dictionary and the domain lists, the language model's words),
2. it is not a name: not before 省/市/县/…/村, 街道, 社区 (庠镇人民政府 is a town's government), not
   inside 《…》 (unless it is the whole title, read as a law's: 《行政服役法》) or short quotes, not
   the report's unit, not written the same way twice or more and never as suggested, not before a
   document number's 〔;
3. a changed character is not in a domain word the stretch holds that is meant so: the stretch is
   made of words (所在党委 is no 所在单位) or its line writes that word elsewhere too (人民检察院第四
   检察部 is no 监察部); nor is a changed first or last character a word with the character beside
   it (建设新征程 is no 建设性: 新征程);
4. and the word trigram language model (kinds/_lib/lm.py) reads the window around it better with
   the domain word by `min_gain` (log10); more (`min_gain_edge`) where only an end character
   changes and the rest is a word (领导任双组长 is no 领导人), `min_gain_words` where the stretch
   is made of words or changes a domain word it holds (债券人 for 债权人); but only `min_gain_seen`
   there when the draft writes the domain word elsewhere (联系会议 … 由联席会议确定: a slip,
   not a word of its own).
   A compound (two domain words in a row, no word itself) needs at least `min_gain_compound`.
Two-character words alone are left to the ordinary spelling checks: chance meets them everywhere.
Of overlapping stretches the longest is reported (违法犯醉, not also 犯醉行为).
"""
from __future__ import annotations

from functools import partial

from reportlint.kinds._lib.cjk import is_han
from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "domain_slip"
SUMMARY = ("领域词语的整词输入法错字：某段文字与公文、法律词表中的三字以上词语（或常连用的两个词语）"
           "读音相同（含模糊音）"
           "而写法不同、本身又不成词，语言模型明显偏向该词语时报告（促权判觉→除权判决，亲犯公民→侵犯公民）。")
OPTIONS = {
    "min_gain": Option("float", default=2.0,
                       doc="换成领域词语后，前后各 window 字的最佳分词对数概率（log10）至少提高这么多"),
    "min_gain_edge": Option("float", default=4.0,
                            doc="只改了首字或末字、其余部分本身成词时（领导任→领导人）所需的提高量"),
    "min_gain_words": Option("float", default=3.0,
                             doc="这段文字由几个词组成、或改动处在其中一个领域词语里时（债券人→债权人）所需的提高量"),
    "min_gain_seen": Option("float", default=2.0,
                            doc="本应按 min_gain_words 比较、而全文别处写出了该领域词语时"
                                "（联系会议……由联席会议确定）所需的提高量"),
    "min_gain_compound": Option("float", default=3.0,
                                doc="读作两个领域词语连写（侵犯公民、二审人民法院）时至少所需的提高量"),
    "fixed_length": Option("int", default=6,
                           doc="领域词语短于这么多字时，由几个词组成、改动处又是领域词语的写法（各级单位、所在党委）不报；"
                               "更长的固定说法照常比较（中国人民整治协商会议→政治协商）"),
    "window": Option("int", default=4, doc="比较时前后各取多少个字"),
    "ignore_pairs": Option("list", default=[], items=Option("str", min_len=2),
                           doc="留给其他规则判断的“错字+正字”对，如 制治（法制/法治）"),
    "name_suffixes": Option("str", default="省市县区旗乡镇村",
                            doc="紧随其后出现这些字（或“街道”“社区”）的写法视为地名，不报"),
}
FIELDS = {"found", "expected"}
PRIORITY = 10     # model-found: yields its span to a listed form (rulepacks.run.one_per_span)
SCOPES = ()

_PLACES = ("街道", "社区")
_STATE = "中华人民共和国"
_UNSEEN = object()
_VERDICTS_MAX = 10_000     # verdicts kept per rule (emptied when full: a long run stays bounded)


def prepare(rule):
    """The verdicts on stretches, kept for the run: a verdict reads only the stretch's line, the
    draft's writing of each candidate elsewhere, and whether the line starts or ends the draft."""
    return {}


def check(rule, state, doc):
    from reportlint.kinds._lib.domain import lexicon
    text = doc.text
    near = lexicon().near(text)
    if not near:
        return
    from reportlint.kinds._lib import lm
    from reportlint.kinds._lib.spelling import model as spelling_model
    words, model = spelling_model(), lm.model()

    def known(w: str) -> bool:
        return words.freq(w) > 0 or w in model.trie

    suffixes = rule["name_suffixes"]
    spans = []
    for s, e, options in near:
        x = text[s:e]
        if not all(map(is_han, x)) or known(x):
            continue
        if text[e:e + 1] in suffixes or text[e:e + 2] in _PLACES or "〔" in text[e:e + 3]:
            continue                              # 芹泉镇, 瑞景街道; 冀政呈〔2019〕
        spans.append((s, e, options))
    if not spans:
        return
    from reportlint.kinds._lib.names import counts
    written = counts(text, {w for _, _, options in spans for w in options})
    found = []
    for s, e, options in spans:
        best = _verdict(state, partial(_best, model, known, text, s, e, options, rule, suffixes, written),
                        text, s, e, tuple(written[w] > 0 for w in options))
        if best is not None:
            found.append((s, e, best))
    if not found:
        return
    # one finding per stretch: the longest word read there (社会主义发质国家, not 发质国家 in it;
    # 违法犯醉 and not also 犯醉行为 beside it)
    kept: list[tuple[int, int, str]] = []
    for f in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if not any(g[0] < f[1] and f[0] < g[1] for g in kept):
            kept.append(f)
    found = sorted(kept)
    from reportlint.kinds._lib.names import Names
    names = Names(doc, {text[s:e] for s, e, _ in found} | {w for _, _, w in found})
    for s, e, expected in found:
        if (names.protected(s, e) and not _whole_title(text, s, e)) or names.written_so(text[s:e], expected):
            continue
        yield Hit(s, e, {"found": text[s:e], "expected": expected}, suggestion=expected)


def _verdict(verdicts: dict, judge, text: str, s: int, e: int, seen: tuple[bool, ...]) -> str | None:
    """judge() for the stretch text[s:e], asked once per run for the same line, place and `seen`
    (which candidates the draft writes elsewhere)."""
    start = text.rfind("\n", 0, s) + 1
    end = text.find("\n", e)
    key = (text[start:end if end >= 0 else None], s - start, e - start, start == 0, end < 0, seen)
    best = verdicts.get(key, _UNSEEN)
    if best is _UNSEEN:
        if len(verdicts) >= _VERDICTS_MAX:
            verdicts.clear()
        best = verdicts[key] = judge()
    return best


def _whole_title(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] is all of a 《title》 (after 中华人民共和国): a law or policy title read
    as one is no name of its own (《行政服役法》 is 《行政复议法》)."""
    if text[e:e + 1] != "》":
        return False
    return text[s - 1:s] == "《" or (text[s - 7:s] == _STATE and text[s - 8:s - 7] == "《")


def _margin(model, known, line: str, x: str, w: str, rule) -> float | None:
    """The gain `w` needs over `x`, or None when `x` is to be left alone (`line`: the line `x` is in)."""
    changed = [k for k, (a, b) in enumerate(zip(x, w)) if a != b]
    if (changed == [0] and known(x[1:])) or (changed == [len(x) - 1] and known(x[:-1])):
        return rule["min_gain_edge"]
    pieces = _words(x, known)
    inside = _changed_domain_word(x, changed)
    if inside:
        if (pieces and len(w) < rule["fixed_length"]) or line.count(inside) > line.count(x):
            return None                       # 所在|党委, 各级|单位; 人民检察院第四检察部: meant so
        return rule["min_gain_words"]         # 债券|人 (债权人)
    return rule["min_gain_words"] if pieces else rule["min_gain"]


def _changed_domain_word(x: str, changed: list[int]) -> str:
    """A domain word of 2+ characters inside `x` that holds a changed character, or ''."""
    from reportlint.kinds._lib.domain import lexicon
    is_word = lexicon().is_word
    n = len(x)
    for k in changed:
        for a in range(k + 1):
            for b in range(max(k + 1, a + 2), n + 1):
                if b - a < n and is_word(x[a:b]):
                    return x[a:b]
    return ""


def _words(x: str, known) -> list[str] | None:
    """`x` split into two or more known words of two or more characters (longest first), or None."""
    if len(x) < 4:
        return None
    for n in range(len(x) - 2, 1, -1):
        if known(x[:n]):
            rest = x[n:]
            if len(rest) > 1 and known(rest):
                return [x[:n], rest]
            more = _words(rest, known)
            if more:
                return [x[:n], *more]
    return None


def _line(text: str, i: int) -> str:
    end = text.find("\n", i)
    return text[text.rfind("\n", 0, i) + 1:None if end < 0 else end]


def _best(model, known, text: str, s: int, e: int, options, rule, suffixes, written) -> str | None:
    """The domain word the model prefers to text[s:e] by the rule's margin, or None."""
    x = text[s:e]
    from reportlint.kinds._lib.lm import line_window
    lo, hi = line_window(text, s, e, rule["window"])
    base = None
    best, gain = None, 0.0
    ignore = rule["ignore_pairs"]
    from reportlint.kinds._lib.domain import lexicon
    is_word = lexicon().is_word
    for w in options:
        if any(a + b in ignore for a, b in zip(x, w)):
            continue
        if (x[0] != w[0] and s and known(text[s - 1:s + 1])) or (x[-1] != w[-1] and known(text[e - 1:e + 1])):
            continue                              # 工作|责任, 规|范执法: the changed end is the next word's
        if any(a != b and (a in suffixes or text[s + k + 1:s + k + 2] in suffixes)
               for k, (a, b) in enumerate(zip(x, w))):
            continue                              # 庠镇: a changed character names a place
        margin = _margin(model, known, _line(text, s), x, w, rule)
        if margin is None:
            continue
        if written[w] and margin == rule["min_gain_words"]:
            margin = min(margin, rule["min_gain_seen"])   # the draft writes the word elsewhere: 联系会议 … 联席会议
        if not is_word(w):
            margin = max(margin, rule["min_gain_compound"])   # two words in a row: 侵犯公民
        if base is None:
            base = model.segment(text[lo:hi])[1]
        g = model.segment(text[lo:s] + w + text[e:hi])[1] - base
        if g >= margin and (best is None or g > gain):
            best, gain = w, g
    return best
