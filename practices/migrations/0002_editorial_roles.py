"""Create the Editor and Reviewer groups with their permissions.

The roles are copied here as they were when this migration was written (practices/editorial/roles.py
keeps the live ones): a later change to the roles must come with its own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, specs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for spec in specs:
            for app_label, codename in codenames(spec):
                group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
