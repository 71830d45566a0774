"""Turning Chinese and Latin text into search tokens, the same way for documents and queries.

Recall comes from character n-grams (as Lucene's CJK analyzer does): every CJK character and every
overlapping pair of characters, so any contiguous string of one or more characters can be found
through the index. Ranking uses words: jieba's `cut_for_search` with a domain user dictionary.
"""

import functools
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run of CJK characters, or a word of other letters and digits (Latin, digits, Cyrillic…).
CHUNK = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")
CJK_CHAR = re.compile(rf"^[{CJK}]$")
TOKEN = re.compile(r"^[^\W_]+$")
# Stands for punctuation between two chunks, so that a phrase never matches across 。or ，.
# A private-use character: SQLite's unicode61 tokenizer keeps it as a token, and nobody types it.
BREAK = "\ue000"
USER_DICTIONARY = Path(__file__).resolve().parent / "data" / "userdict.txt"


def normalise(text):
    """Full-width letters and digits to ASCII, compatibility ideographs to unified ones, lower case."""
    return unicodedata.normalize("NFKC", text or "").casefold().replace(BREAK, " ")


@dataclass(frozen=True)
class Chunk:
    text: str
    is_cjk: bool
    after_break: bool  # separated from the previous chunk by more than whitespace


def chunks(text):
    """The CJK runs and words of `text`, each marked when punctuation precedes it."""
    text = normalise(text)
    found, end = [], 0
    for match in CHUNK.finditer(text):
        gap = text[end : match.start()]
        found.append(Chunk(match.group(), match.group("cjk") is not None, bool(gap.strip()) and bool(found)))
        end = match.end()
    return found


def char_stream(text):
    """One token per CJK character and per word, with BREAK where punctuation separates chunks."""
    tokens = []
    for chunk in chunks(text):
        if chunk.after_break:
            tokens.append(BREAK)
        tokens.extend(chunk.text if chunk.is_cjk else [chunk.text])
    return tokens


def gram_stream(text):
    """The overlapping bigrams of each CJK run of two or more characters, with BREAKs between runs."""
    tokens = []
    for chunk in chunks(text):
        if chunk.is_cjk and len(chunk.text) > 1:
            if tokens:
                tokens.append(BREAK)
            tokens.extend(chunk.text[i : i + 2] for i in range(len(chunk.text) - 1))
    return tokens


@functools.cache
def segmenter():
    """jieba's tokenizer with our user dictionary, loaded once per process.

    jieba caches its prefix dictionary in a file; keep it in a writable place of our own rather than
    wherever the working directory happens to be.
    """
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    cache_dir = Path(getattr(settings, "VAR_DIR", tempfile.gettempdir()))
    if not cache_dir.is_dir() or not _writable(cache_dir):
        cache_dir = Path(tempfile.gettempdir())
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.load_userdict(str(USER_DICTIONARY))
    return tokenizer


def _writable(path):
    try:
        with tempfile.TemporaryFile(dir=path):
            return True
    except OSError:
        return False


def words(text):
    """The distinct words jieba finds in `text` (search mode), normalised; punctuation dropped."""
    found = dict.fromkeys(word for word in segmenter().cut_for_search(normalise(text), HMM=False) if TOKEN.match(word))
    return list(found)


def is_cjk_char(token):
    return bool(CJK_CHAR.match(token))


def is_single_word(term):
    """True when `term` is one token a reader might type as a word: 调解, mediation."""
    return bool(TOKEN.match(normalise(term)))
