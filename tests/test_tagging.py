import pytest

from practices.tagging import join_tags, parse_tags


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("枫桥经验，调解、网格", ["枫桥经验", "调解", "网格"]),
        ("枫桥经验;调解；网格,诉前调解", ["枫桥经验", "调解", "网格", "诉前调解"]),
        ("枫桥经验 调解", ["枫桥经验", "调解"]),
        ("rule of law, 调解", ["rule of law", "调解"]),
        ('"a, b", 调解', ["a, b", "调解"]),
        ("调解，，调解、 ", ["调解"]),
        ("Court，court", ["Court"]),
        ("", []),
        ("枫桥经验\n调解", ["枫桥经验", "调解"]),
    ],
)
def test_parse_tags_splits_on_chinese_and_latin_separators(typed, tags):
    assert parse_tags(typed) == tags


def test_join_tags_round_trips():
    class T:
        def __init__(self, name):
            self.name = name

    text = join_tags([T("调解"), T("a, b"), T("rule of law")])
    assert sorted(parse_tags(text)) == sorted(["调解", "a, b", "rule of law"])
