"""No lost updates: a case form carries the version it was opened on, and a stale save is refused.

The check runs in the form's clean(), which the admin calls inside the same transaction as the
save; the row is locked with SELECT … FOR UPDATE, so two saves of one version cannot both pass.
What changed meanwhile is worked out only when the refusal page is drawn, after that transaction.
"""

from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from practices.editorial.forms import PracticeAdminForm
from practices.editorial.history import Snapshot, compare, version_numbered
from practices.models import Practice


class StaleVersion(Exception):
    """The case was saved by someone else after the user opened it."""

    def __init__(self, current):
        super().__init__(current.version)
        self.current = current


def lock_version(pk, expected):
    """Lock the case row and return it; raise StaleVersion unless its version is `expected`."""
    current = Practice.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=pk)
    if current.version != expected:
        raise StaleVersion(current)
    return current


def changes_since(current, version_number):
    """What changed in the case since `version_number`; None when that version is not in the history."""
    opened = version_numbered(current.pk, version_number)
    if opened is None:
        return None
    return compare(Snapshot.of_version(opened), Snapshot.of_case(current))


def stale_message(current):
    """Who saved the newer version, and when."""
    return _("没有保存：你打开此页面后，%(user)s 于 %(time)s 保存了第 %(version)d 版。") % {
        "user": current.updated_by or _("他人"),
        "time": formats.date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT"),
        "version": current.version,
    }


class VersionLockedPracticeForm(PracticeAdminForm):
    """The case form with the optimistic lock: saving a form opened on an older version is refused."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Set when the save was refused: the newer case and the version the form was opened on.
    stale = None
    stale_since = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        base = cleaned.get("base_version")
        if base is None:
            raise ValidationError(
                _("表单缺少版本号，无法确认你看到的是最新内容。请刷新页面后再保存。"), code="missing_version"
            )
        try:
            current = lock_version(self.instance.pk, base)
        except StaleVersion as stale:
            self.stale, self.stale_since = stale.current, base
            # The next save is checked against what the user has now been shown.
            self.data = self.data.copy()
            self.data[self.add_prefix("base_version")] = stale.current.version
            raise ValidationError(
                [stale_message(stale.current), _("你填写的内容仍在下面的表单中；请对照“期间的改动”处理后再保存。")],
                code="stale_version",
            ) from None
        self.instance.version = current.version + 1
        return cleaned

    @cached_property
    def stale_changes(self):
        """What changed since the form was opened (None when unknown), for the refusal page: reading the
        history and comparing texts takes time, so it waits until the template asks, when the save's
        transaction and its row lock are over."""
        if self.stale is None:
            return None
        return changes_since(self.stale, self.stale_since)
