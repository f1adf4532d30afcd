"""Misspelt characters in ordinary words, found without a list of the error.

A character whose pairs with both neighbours occur in no dictionary word is a suspect; a
similar-sounding or similar-looking character that makes a common word there, and makes the
stretch read better by a clear margin under jieba's word-frequency model and under the
word-bigram language model (kinds/_lib/lm), is the suggestion
(kinds/_lib/spelling.py). A character with an unknown pair on one side only (依法制国) is tried
with same-sounding characters that complete a frequent longer word across both neighbours.
A character in no word on either side that those word-frequency tests leave is judged by the
word trigram language model alone (kinds/_lib/lm_slips: the n-gram detector of the CSC
literature), when the word it proposes is no rarity and has a bigram with a neighbouring word;
a same-sounding candidate somewhat short of that margin counts when the written word is one the
input method knows but rarely offers (工做, 关健) and the word-frequency model agrees.
Proper names are left alone: the report's own unit, 《…》 titles, words the draft writes the
same way several times, and names before 镇/村/街道 ….
"""
from __future__ import annotations

from reportlint.kinds.options import Option
from reportlint.model.finding import Hit

KIND = "spelling"
SUMMARY = ("不靠错词表的错别字检查：某字与前后都不成词、换成音近或形近的常用字就成为常用词且整句更通顺时报告；"
           "只与一侧不成词的字（依法制国），换成同音字能连同两侧成为常用长词时报告；"
           "前后都不成词、词频检验没有把握的字，由词三元语言模型判断。")
OPTIONS = {
    "min_gain": Option("float", default=5.0,
                       doc="换字后成为两字词时，局部分词的对数概率须至少提高这么多（越大越保守）"),
    "min_freq": Option("int", default=500, doc="换字后得到的两字词在 jieba 词频中至少这么常见"),
    "min_gain_long": Option("float", default=3.0,
                            doc="换字后成为三字以上的词（检察院、因地制宜）时的最小提高量"),
    "min_gain_one_sided": Option("float", default=5.0,
                                 doc="某字只与一侧成对、而这一对又不是常用词（生话补助）时，换成读音（常用读音）相同的字须与邻字"
                                     "成为常用两字词，局部分词的对数概率至少提高这么多"),
    "min_freq_long": Option("int", default=20,
                            doc="换字后得到的三字以上的词至少这么常见（数据只收词频 20 以上的长词，设得更低无效）"),
    "min_gain_across": Option("float", default=4.0,
                              doc="某字只与一侧的字不成词（依法制国）时，换成同音字须连同两侧成为三字以上的常用词，"
                                  "局部分词的对数概率至少提高这么多"),
    "min_lm_gain": Option("float", default=4.0,
                          doc="通过上述检验的候选，再用词二元语言模型（输入法模型）复核：换字后这一段的概率须至少提高"
                              "10 的这么多次方（0 为不复核）"),
    "min_lm_gain_glyph": Option("float", default=6.0,
                                doc="只有字形图像相似（不在 ECSpell 形近字表里、也不同音）的候选，"
                                    "语言模型复核时须至少提高 10 的这么多次方"
                                    "（图像相似也会把“农服”“支村”之类的简称改成“衣服”“支付”）"),
    "min_gain_lm": Option("float", default=4.0,
                          doc="某字与前后都不成词、上述词频检验又没有结果时，只用词三元语言模型判断：换成同音或音近字后"
                              "前后各四字的最佳分词概率须至少提高 10 的这么多次方"),
    "min_gain_lm_shape": Option("float", default=4.5, doc="同上，换成形近字时"),
    "min_gain_lm_glyph": Option("float", default=5.0, doc="同上，换成只有字形图像相似的字时"),
    "lm_one_sided": Option("bool", default=False,
                           doc="也用词三元语言模型判断只与一侧不成词的字（公费示范生→师范生）：所在的那一对不是常用词、"
                               "换成同音或形近字后成为语言模型里不比原写法少见的词、且与前后词搭配明显更好时；"
                               "没见过的文本每 7 KB 慢约 10–15 毫秒（ECSpell 句子召回约高 3 个百分点，误报不变）"),
    "min_gain_lm_one_sided": Option("float", default=4.0,
                                    doc="打开上一项时，这类字换成同音字的最小提高量（形近字另加 min_gain_lm_shape 与"
                                        " min_gain_lm 之差）"),
    "agreed_lm_discount": Option("float", default=2.0,
                                 doc="前后都不成词的字换成同音字时，若原写法是输入法模型认得但很少用的词（工做、建康），"
                                     "而词频模型也认为换字后明显更通顺，词三元语言模型的最小提高量可低这么多"),
    "agreed_min_gain": Option("float", default=4.0,
                              doc="上一项中，词频模型的局部分词对数概率须至少提高这么多"),
    "name_suffixes": Option("str", default="省市县区旗乡镇村街道社区路巷组屯寨",
                            doc="紧随其后（两字之内）出现这些字的写法视为地名，不报"),
}
FIELDS = {"found", "expected", "how"}
PRIORITY = 10     # model-found: yields its span to a listed form (rulepacks.run.one_per_span)
SCOPES = ("line",)

_OUR = frozenset("我本该全各")   # 我县 本镇 该村: a unit named by its level
_ORGAN = frozenset("委政府民长级人党干")   # 村委 村民 区政府 镇长 县级: a unit's own organ or people
_COMMON = 1000          # jieba frequency of an ordinary word a suffix character may begin (组织 社会)
HOW = {"same-sound": "同音", "sound": "音近", "shape": "形近"}
def prepare(rule):
    from reportlint.kinds._lib.spelling import Policy
    return Policy(rule["min_gain"], rule["min_freq"], rule["min_gain_long"], rule["min_freq_long"],
                  rule["min_gain_across"], rule["min_gain_one_sided"], rule["min_lm_gain"],
                  rule["min_lm_gain_glyph"], rule["min_gain_lm"], rule["min_gain_lm_shape"], rule["min_gain_lm_glyph"],
                  rule["min_gain_lm_one_sided"], rule["lm_one_sided"], rule["agreed_lm_discount"],
                  rule["agreed_min_gain"])


def check(rule, state, doc):
    from reportlint.kinds._lib.spelling import model
    spelling = model()
    suffixes = rule["name_suffixes"]
    # a line's slips depend on the line alone (and the options): kept for the run
    lines = _LINES.setdefault((state, suffixes), {})
    found = []
    for span in doc.spans("line"):
        got = lines.get(span.text)
        if got is None:
            if len(lines) >= _LINES_MAX:
                lines.clear()
            got = lines[span.text] = _line_slips(spelling, span.text, state, suffixes)
        found += [(span.start + a, span.start + b, slip) for a, b, slip in got]
    if not found:
        return
    from reportlint.kinds._lib.names import Names
    names = Names(doc, {s.found for _, _, s in found} | {s.expected for _, _, s in found})
    for start, end, slip in found:
        if names.protected(start, end) or names.written_so(slip.found, slip.expected):
            continue
        yield Hit(start, end, {"found": slip.found, "expected": slip.expected,
                               "how": HOW[slip.how]}, suggestion=slip.expected)


_LINES: dict = {}        # (policy, suffixes) -> line -> its slips
_LINES_MAX = 5_000       # lines kept per rule (emptied when full: a long run stays bounded)


def _line_slips(spelling, line: str, policy, suffixes: str) -> tuple:
    """(start, end, slip) in `line`: the model's slips that are no place name, measure word or
    unit speaking of itself."""
    suspects = spelling.suspects(line, policy)
    if not suspects:
        return ()
    found = []
    for slip in spelling.slips(line, policy, suspects):
        start = slip.word_start
        end = start + len(slip.found)
        if _place_follows(line, end, suffixes, spelling.freq):
            continue                           # 芹泉镇, 瑞景街道, 柳泉口村: a place name
        before = line[slip.start - 1] if slip.start else ""
        if before.isdigit():
            continue                           # 25件政府信息: a measure word after a figure
        if before in _OUR and line[slip.start] in suffixes:
            continue                           # 我县在, 本镇对: the unit speaking of itself
        found.append((start, end, slip))
    return tuple(found)


def _place_follows(text: str, end: int, suffixes: str, freq) -> bool:
    """Whether a place-name suffix follows text[:end] within two characters (芹泉镇, 柳泉口村): a
    suffix character that begins a common word (自冶组织, 置业道德, 径济社会) is none, unless that
    word is made of suffixes alone (社区, 街道) or names the unit's organ or people (村委, 区政府)."""
    for k in range(end, min(end + 2, len(text))):
        if text[k] not in suffixes:
            continue
        if not any(freq(w) >= _COMMON and w[1] not in _ORGAN and not all(c in suffixes for c in w)
                   for w in (text[k:k + 2], text[k:k + 3]) if len(w) > 1):
            return True
    return False
