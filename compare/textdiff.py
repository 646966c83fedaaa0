"""Inline diff of two Chinese texts on words, whole numbers and punctuation.

Tokens (``tokenize``): a number with its decimals, range and unit is one token (``6.5%``,
``1.3万公里``, ``10—50万元``), so ``增长6.5%`` → ``增长6%`` shows ``6.5%`` deleted and ``6%``
inserted, never ``.5`` alone; Latin words are one token; Chinese is cut into words by rjieba (jieba in Rust, with
the canonical indicator names as a user dictionary); punctuation stands alone.

The diff (``diff_tokens``) maps each distinct token to one private-use character and runs
diff-match-patch on those strings, then its semantic cleanup, so a reader sees whole words
changed. By default tokens are compared by a *key* that ignores width and punctuation style
(NFKC: full-width digits and letters = half-width; ``,`` = ``，``), so such differences are not
changes; ``show_punct=True`` compares the text as written.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from diff_match_patch import diff_match_patch

from compare.model import Edit

_UNITS = ("万亿元 亿元 万元 千元 元 万亿 亿 万 千 百 % ‰ 个百分点 百分点 倍 万人次 人次 万人 人 万户 户 万平方米 平方米 "
          "平方公里 万亩 亩 万公里 公里 千米 米 万吨 吨 万千瓦 千瓦 万标箱 标箱 家 个 项 所 条 座 名 位 件 套 辆 列 次 "
          "张 床 年 月 日 天 小时 分钟 微克/立方米 岁").split()
#: Units after a number, longest first so that 万平方米 wins over 万.
UNIT = "(?:" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + ")?"
NUMBER_TOKEN = re.compile(
    r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:[%‰])?(?:\s*[-—–~～至到]\s*[0-9０-９]+(?:[.．][0-9０-９]+)?)?" + UNIT
)
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*")
PUNCT_CHARS = set("，。、；：！？“”‘’（）《》【】〔〕「」『』,.;:!?()[]\"'—-…·～~/")
_PAIRS = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

#: diff-match-patch's time budget per diff, seconds (0 = unlimited). Sentences are short, so the
#: budget only matters for whole-text diffs of very different reports.
DIFF_TIMEOUT = 1.0


@lru_cache(maxsize=1)
def _segmenter():
    """rjieba (jieba's dictionary and algorithm in Rust: 0.25 s to load against 1.6 s for jieba's
    cache, 100× faster cuts, measured on this machine), with the indicator names added."""
    import rjieba

    seg = rjieba.Jieba()
    from store.indicators import load_indicator_table

    for wording in load_indicator_table():  # wording → canonical key
        if 2 <= len(wording) <= 12:
            seg.add_word(wording, 2000, None)
    return seg


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens; ``"".join(tokenize(t)) == t``."""
    out: list[str] = []
    i = 0
    buf = []

    def flush():
        if buf:
            out.extend(_segmenter().cut("".join(buf), False))
            buf.clear()

    n = len(text)
    while i < n:
        c = text[i]
        m = NUMBER_TOKEN.match(text, i) if c.isdigit() else None
        if m:
            flush()
            out.append(m.group(0))
            i = m.end()
            continue
        m = LATIN.match(text, i) if c.isascii() and c.isalpha() else None
        if m:
            flush()
            out.append(m.group(0))
            i = m.end()
            continue
        if c in PUNCT_CHARS or c.isspace():
            flush()
            out.append(c)
            i += 1
            continue
        buf.append(c)
        i += 1
    flush()
    return out


def token_key(tok: str, show_punct: bool = False) -> str:
    """What two tokens must share to count as equal (see the module docstring)."""
    if show_punct:
        return tok
    k = unicodedata.normalize("NFKC", tok)
    return "".join(_PAIRS.get(c, c) for c in k).replace("“", '"').replace("”", '"')


def diff_tokens(a: str, b: str, show_punct: bool = False) -> list[Edit]:
    """Inline diff of ``a`` → ``b`` as ``Edit`` runs (``equal`` text is B's spelling)."""
    if a == b:
        return [Edit("equal", a)] if a else []
    ta, tb = tokenize(a), tokenize(b)
    codes: dict[str, str] = {}

    def encode(tokens):
        chars = []
        for t in tokens:
            k = token_key(t, show_punct)
            if k not in codes:
                codes[k] = chr(0xF0000 + len(codes)) if len(codes) < 65000 else chr(0x100000 + len(codes) - 65000)
            chars.append(codes[k])
        return "".join(chars)

    ea, eb = encode(ta), encode(tb)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[Edit] = []
    ia = ib = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            text, ia, ib = "".join(tb[ib:ib + n]), ia + n, ib + n
            kind = "equal"
        elif op == -1:
            text, ia = "".join(ta[ia:ia + n]), ia + n
            kind = "delete"
        else:
            text, ib = "".join(tb[ib:ib + n]), ib + n
            kind = "insert"
        if out and out[-1].op == kind:
            out[-1].text += text
        elif text:
            out.append(Edit(kind, text))
    return out


def is_unchanged(edits: list[Edit]) -> bool:
    """No insert or delete run."""
    return all(e.op == "equal" for e in edits)
