"""jieba, set up for this domain: a private tokenizer (the global one stays untouched for
other stages) whose user dictionary holds every gazetteer name, plus a cut that keeps
automaton-matched names whole whatever jieba would do with them."""
from __future__ import annotations

import logging
import threading

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_tk: jieba.Tokenizer | None = None
_pos: jieba.posseg.POSTokenizer | None = None
_added: set[str] = set()
_base_tags: dict[str, str] = {}   # added names that were already dictionary words -> their tag
# A name needs a frequency high enough to beat a longer dictionary word (fxsjy/jieba#536);
# this floor wins in practice without distorting the surrounding text much.
_NAME_FREQ = 20000


_generation = 0   # bumped by reset(): dictionaries loaded before it are gone

# Segmentation of one Chinese block (a run between punctuation) -> its words. News repeats
# itself (reprints, boilerplate, the same clause in many reports: about a fifth of the clause
# characters in the dev texts), and jieba's cut is most of the tagger's time. Any change to the
# dictionary empties it.
_block_cache: dict[str, tuple[str, ...]] = {}
_BLOCK_CACHE_MAX = 200_000


def reset() -> None:
    """Forget every added name and start from jieba's own dictionary again (a process that
    switches to another gazetteer; tests that loaded large lists)."""
    global _tk, _pos, _generation
    with _lock:
        _tk = _pos = None
        _added.clear()
        _base_tags.clear()
        _block_cache.clear()
        _generation += 1


def clear_cache() -> None:
    """Forget cached segmentations (benchmarks that time cold runs)."""
    _block_cache.clear()


def tokenizer() -> jieba.Tokenizer:
    global _tk, _pos
    if _tk is None:
        with _lock:
            if _tk is None:
                tk = jieba.Tokenizer()
                tk.initialize()
                _pos = jieba.posseg.POSTokenizer(tk)
                # role words, authorities and industry words must stay whole (实际控制人, not
                # 实际/控制/人; 北京市|金融工作局, not 北京市/金融/工作/局约)
                from .lexicon import authorities, discovery, roles
                for w in list(roles()) + list(authorities()) + discovery().get("word", []):
                    if not tk.FREQ.get(w):
                        tk.add_word(w, freq=20000, tag="n")
                _tk = tk
    return _tk


def pos_tokenizer() -> jieba.posseg.POSTokenizer:
    tokenizer()
    return _pos


def word_tag(word: str) -> str | None:
    """The dictionary part of speech of a word, without running posseg (None if unknown)."""
    tokenizer()
    return _pos.word_tag_tab.get(word) or _tk.user_word_tag_tab.get(word)


def base_word_tag(word: str) -> str | None:
    """The part of speech of a word in jieba's own dictionary (not one we added), else None."""
    tk = tokenizer()
    if word in _added:
        return _base_tags.get(word)
    if not tk.FREQ.get(word):
        return None
    return _pos.word_tag_tab.get(word) or "x"


# A name edge that cuts one of these common words is no name edge (金融集|团, 和|中国).
_CROSS_MIN_FREQ = 200


def crosses_word(text: str, start: int, end: int) -> bool:
    """True if a common two-character dictionary word straddles the start or end of
    text[start:end] (only for Chinese characters on both sides of the edge)."""
    tk = tokenizer()
    freq = tk.FREQ
    for i in (start, end):
        if 0 < i < len(text) and "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff":
            w = text[i - 1:i + 1]
            if w not in _added and (freq.get(w) or 0) >= _CROSS_MIN_FREQ:
                return True
    return False


def word_freq(word: str) -> int:
    return tokenizer().FREQ.get(word) or 0


def in_dictionary(word: str) -> bool:
    return bool(tokenizer().FREQ.get(word))


def add_names(names) -> None:
    """Add gazetteer names to the user dictionary (idempotent)."""
    tk = tokenizer()
    with _lock:
        before = len(_added)
        for name in names:
            if name in _added or len(name) < 2:
                continue
            if tk.FREQ.get(name):   # remember what jieba's own dictionary says the word is
                _base_tags[name] = _pos.word_tag_tab.get(name) or tk.user_word_tag_tab.get(name) or "x"
            tk.add_word(name, freq=max(_NAME_FREQ, tk.FREQ.get(name) or 0), tag="nz")
            _added.add(name)
        if len(_added) != before:
            _block_cache.clear()   # cuts made with the old dictionary no longer hold


def add_gazetteer(gz) -> None:
    """Add a gazetteer's names, once per gazetteer object and per reset() (the names stay whole
    whatever jieba would cut)."""
    loaded = (_generation, len(gz.entries))
    if getattr(gz, "_jieba_loaded", None) != loaded:
        add_names(gz.entries.keys())
        gz._jieba_loaded = loaded


def lcut(text: str) -> list[str]:
    return tokenizer().lcut(text)


def cut_words(text: str) -> list[str]:
    """tokenizer().cut(text), block by block through the cache: the same words, since jieba
    cuts each block (jieba.re_han_default) on its own."""
    tk = tokenizer()
    cache = _block_cache
    words = []
    for blk in jieba.re_han_default.split(text):
        if not blk:
            continue
        ws = cache.get(blk)
        if ws is None:
            ws = tuple(tk.cut(blk))
            if len(cache) >= _BLOCK_CACHE_MAX:
                cache.clear()
            cache[blk] = ws
        words += ws
    return words


def cut_with_spans(text: str, protected) -> list[tuple[int, int, str]]:
    """Tokens as (start, end, word). `protected` = sorted non-overlapping (start, end) spans
    (gazetteer matches) that become single tokens; the gaps are cut by jieba."""
    out, pos = [], 0
    for s, e in list(protected) + [(len(text), len(text))]:
        if s > pos:
            i = pos
            for w in cut_words(text[pos:s]):
                out.append((i, i + len(w), w))
                i += len(w)
        if e > s:
            out.append((s, e, text[s:e]))
        pos = max(pos, e)
    return out
