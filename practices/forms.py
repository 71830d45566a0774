"""Validation of what editors type in the admin, with messages that say what to fix."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Practice
from .tagging import MAX_TAG_LENGTH


class PracticeAdminForm(forms.ModelForm):
    """The case form; `user` is set by the admin so publishing can be checked on the server."""

    user = None

    class Meta:
        model = Practice
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "theme",
            "region",
            "institution",
            "tags",
            "started_on",
            "started_precision",
            "status",
            "published_at",
            "featured",
            "title_en",
            "summary_en",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        too_long = [t for t in tags if len(t) > MAX_TAG_LENGTH]
        if too_long:
            raise ValidationError(
                _("标签不能超过 %(max)d 个字符：“%(tag)s…”（%(length)d 个字符）。请缩短或用逗号、顿号分开。"),
                params={"max": MAX_TAG_LENGTH, "tag": too_long[0][:20], "length": len(too_long[0])},
                code="tag_too_long",
            )
        return tags

    def clean_status(self):
        status = self.cleaned_data.get("status")
        may_publish = self.user is not None and self.user.has_perm("practices.publish_practice")
        becomes_public = status in (Practice.Status.PUBLISHED, Practice.Status.ARCHIVED)
        was = self.instance.status if self.instance.pk else None
        if becomes_public and status != was and not may_publish:
            raise ValidationError(
                _("只有审核人可以发布或归档案例。请选择“待审核”提交给审核人。"), code="publish_permission"
            )
        return status


class CoverInlineFormSet(forms.BaseInlineFormSet):
    """Checks the cover rule across all image rows before anything is saved."""

    def clean(self):
        super().clean()
        covers = [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("is_cover")
        ]
        if len(covers) > 1:
            raise ValidationError(
                _("每个案例只能有一张封面图，现在勾选了 %(count)d 张。请只保留一张。"),
                params={"count": len(covers)},
                code="cover_count",
            )
