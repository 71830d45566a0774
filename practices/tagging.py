"""Tag input as Chinese editors type it: `枫桥经验，调解、网格; rule of law, mediation`.

Plugged into django-taggit through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
"""

import re

MAX_TAG_LENGTH = 100

# Commas (ASCII and full-width), the enumeration comma, semicolons (both widths) and line breaks.
SEPARATORS = re.compile(r"[,，、;；\r\n]+")
WHITESPACE = re.compile(r"[\s\u3000]+")


def parse_tags(tagstring):
    """Split editor input into unique tag names, keeping the order typed.

    A double-quoted part is one tag. Without any explicit separator, whitespace separates
    (as in taggit), so `枫桥经验 调解` gives two tags while `rule of law, 调解` keeps `rule of law`.
    """
    if not tagstring:
        return []
    quoted = re.findall(r'"([^"]*)"', tagstring)
    rest = re.sub(r'"[^"]*"', ",", tagstring)
    parts = SEPARATORS.split(rest) if SEPARATORS.search(rest) or quoted else WHITESPACE.split(rest)
    names, seen = [], set()
    for name in [*quoted, *parts]:
        name = WHITESPACE.sub(" ", name).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def join_tags(tags):
    """Render tags back into the admin input, quoting names that contain a separator."""
    names = []
    for tag in tags:
        name = tag.name
        if SEPARATORS.search(name):
            name = f'"{name}"'
        names.append(name)
    return "，".join(sorted(names))
