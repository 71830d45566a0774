"""The two editorial roles, as Django groups. Used by a data migration and by tests."""

EDITOR_GROUP = "编辑 Editor"
REVIEWER_GROUP = "审核 Reviewer"

_EDITOR = {
    "practices": {
        "practice": ["add", "change", "view"],
        "practiceimage": ["add", "change", "delete", "view"],
        "keyfigure": ["add", "change", "delete", "view"],
        "source": ["add", "change", "delete", "view"],
        "reviewcomment": ["add", "view"],
        "institution": ["add", "change", "view"],
        "theme": ["view"],
        "region": ["view"],
        "taggedpractice": ["add", "change", "delete", "view"],
    },
    "taggit": {"tag": ["add", "view"]},
}
_REVIEWER_EXTRA = {
    "practices": {
        "practice": ["delete", "publish_practice"],
        "theme": ["add", "change"],
        "region": ["add", "change"],
    },
    "taggit": {"tag": ["change"]},
}

ROLES = {EDITOR_GROUP: [_EDITOR], REVIEWER_GROUP: [_EDITOR, _REVIEWER_EXTRA]}


def codenames(spec):
    """(app_label, codename) pairs from a role spec; `add` on model `x` becomes `add_x`."""
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, action if "_" in action else f"{action}_{model}"
