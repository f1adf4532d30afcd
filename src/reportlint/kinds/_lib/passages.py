"""A document cut into the passages duplicate detection compares: paragraphs and sentences.

A paragraph is one line of a draft (Word exports put one paragraph per line), except that a
long line without a closing mark (。！？；：) continues on the next line, so hard-wrapped text
and Markdown join up again. Headings, the title, the signing date, blank lines and Markdown code are left out.
Sentences end at 。！？；(and a full stop after a Chinese character), not at line ends.
"""
from __future__ import annotations

from reportlint.kinds._lib.fingerprint import han_count, normalize
from reportlint.model import re_code
from reportlint.model.document import Document
from reportlint.model.lines import INDENT

CLOSERS = "”’」』）)"    # closing quotes and brackets that may follow the end of a sentence
# A run of 。！？； (or ASCII look-alikes), or a full stop that is no decimal point; then closers.
# The pattern starts with one character class, which `re` scans for in C (4x faster than a
# leading alternation); that a full stop follows a Chinese character or a closer is checked in
# Python (full stops are rare there, and a [\u3400-\u9fff] class costs ~1.5 ms to compile).
_SENTENCE_END = re_code.compile(r"[。！？；!?;.](?:(?<=\.)(?!\d)|(?<=[。！？；!?;])[。！？；!?;]*)[”’」』）)]*")
TITLE_MAX = 60  # a longer "title line" is a title run into the text: that text is compared
WRAP_MIN = 25   # a line shorter than this without a closing mark still ends its paragraph


# Plain classes: a @dataclass costs ~0.5 ms to create at import, on every run.
class Passage:
    __slots__ = ("block", "end", "han", "line", "norm", "start")

    def __init__(self, start: int, end: int, line: int, norm: str, han: int, block: int = -1):
        self.start, self.end, self.line = start, end, line
        self.norm = norm     # normalize(text)
        self.han = han       # Chinese characters in it: the length thresholds count these
        self.block = block   # index of the paragraph a sentence belongs to

    def __repr__(self) -> str:
        return f"Passage({self.start}, {self.end}, line={self.line}, han={self.han}, block={self.block})"


class Passages:
    def __init__(self):
        self.paragraphs: list[Passage] = []
        self.sentences: list[Passage] = []
        self.sentences_of: list[range] = []   # paragraph index -> sentence indices


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _closed(body: str) -> bool:
    """Whether a line ends its paragraph: 。！？；： (or a full stop after a Chinese character),
    then nothing but closers."""
    core = body.rstrip(CLOSERS)    # (a regex ending in $ is tried at every position of the line)
    if not core:
        return False
    if core[-1] in "。！？；：!?;:":
        return True
    return core[-1] == "." and len(core) > 1 and _han(core[-2])


def _sentence_ends(text: str, start: int, end: int):
    """Offsets in text[start:end] where a sentence ends (all but the last sentence's end)."""
    for m in _SENTENCE_END.finditer(text, start, end):
        at = m.start()
        if text[at] != "." or (at > 0 and (_han(text[at - 1]) or text[at - 1] in CLOSERS)):
            yield m.end()


_BLANK = INDENT + "\n"


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return start, end


def passages(doc: Document) -> Passages:
    out = Passages()
    meta = doc.meta   # the title and the signing date are set phrases, never copies
    skip = set(doc.skipped_lines) | {h.line for h in doc.headings if not h.run_in}
    skip |= {no for no in (meta.title_line, meta.signing_line)
             if no and len(doc.lines[no - 1].strip(INDENT)) <= TITLE_MAX}
    lines, starts, text = doc.lines, doc.line_starts, doc.text
    block_start = None
    spans: list[tuple[int, int]] = []
    for no, line in enumerate(lines, 1):
        body = line.strip(INDENT)
        if not body or no in skip:
            if block_start is not None:
                spans.append((block_start, starts[no - 1] - 1))
                block_start = None
            continue
        if block_start is None:
            block_start = starts[no - 1]
        if doc.markdown or (len(body) >= WRAP_MIN and not _closed(body)):
            continue    # the paragraph goes on on the next line
        spans.append((block_start, starts[no - 1] + len(line)))
        block_start = None
    if block_start is not None:
        spans.append((block_start, len(text)))
    for start, end in spans:
        start, end = _trim(doc, start, end)
        if end <= start:
            continue
        index = len(out.paragraphs)
        first = len(out.sentences)
        pos = start
        for stop in _sentence_ends(text, start, end):
            _add_sentence(doc, out, pos, stop, index)
            pos = stop
        _add_sentence(doc, out, pos, end, index)
        mine = out.sentences[first:]
        norm = "".join(s.norm for s in mine)   # ordinals of each sentence dropped too
        out.paragraphs.append(Passage(start, end, doc.pos(start)[0], norm, sum(s.han for s in mine)))
        out.sentences_of.append(range(first, len(out.sentences)))
    return out


def _add_sentence(doc: Document, out: Passages, start: int, end: int, block: int) -> None:
    start, end = _trim(doc, start, end)
    norm = normalize(doc.text[start:end]) if end > start else ""
    if norm:
        out.sentences.append(Passage(start, end, doc.pos(start)[0], norm, han_count(norm), block))
