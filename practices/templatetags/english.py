"""One field of a record in the reader's language: `{% load english %}{% english obj "summary" as text %}`.

Under /en/ `text` is the English field when filled; otherwise the Chinese, with `text.chinese_only` set so
the template marks it `lang="zh-Hans"` (and may say "Available in Chinese only"). In Chinese it is the Chinese.
"""

from dataclasses import dataclass

from django import template
from django.utils.translation import get_language

register = template.Library()


@dataclass(frozen=True)
class FieldText:
    """A field's text as shown, and whether it is the Chinese standing in for missing English."""

    text: str
    chinese_only: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


@register.simple_tag
def english(obj, field):
    chinese = getattr(obj, field) or ""
    if not (get_language() or "").startswith("en"):
        return FieldText(chinese)
    translated = getattr(obj, f"{field}_en", "") or ""
    if translated.strip():
        return FieldText(translated)
    return FieldText(chinese, chinese_only=bool(chinese))
