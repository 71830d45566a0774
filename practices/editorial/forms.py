"""Validation of what editors type in the admin, with messages that say what to fix."""

from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.editorial.rules import may_publish, may_set_status
from practices.images.processing import ACCEPT_ATTRIBUTE, check_upload
from practices.models import CASE_FIELDS, KEY_FIGURE_FIELDS, SECTIONS, KeyFigure, Practice, PracticeImage, PublicVersion
from practices.tagging import MAX_TAG_LENGTH


class PracticeAdminForm(forms.ModelForm):
    """The case form; `user` is set by the admin so publishing can be checked on the server."""

    user = None
    # Not case fields: they describe the public version that saving a published case records.
    public_note = PublicVersion._meta.get_field("note").formfield()
    is_erratum = PublicVersion._meta.get_field("is_erratum").formfield()

    class Meta:
        model = Practice
        fields = [*CASE_FIELDS, "tags"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            **{s.field: forms.Textarea(attrs={"rows": 8}) for s in SECTIONS},
            **{s.field_en: forms.Textarea(attrs={"rows": 4}) for s in SECTIONS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None:
            # Offer only the steps this user may take. The field keeps every choice, so a forged post still
            # gets clean_status's message rather than "invalid choice".
            current = self.instance.status if self.instance.pk else None
            status.widget.choices = [
                (value, label) for value, label in status.choices if may_set_status(self.user, current, value)
            ]

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
        was = self.instance.status if self.instance.pk else None
        if not may_set_status(self.user, was, status):
            raise ValidationError(
                _("只有审核人可以发布或归档案例。请选择“待审核”提交给审核人。"), code="publish_permission"
            )
        return status


class KeyFigureForm(forms.ModelForm):
    """A key figure's numbers shown as stated (126, 99.84), not with the column's four decimals (126.0000)."""

    class Meta:
        model = KeyFigure
        fields = KEY_FIGURE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "baseline_value"):
            value = self.initial.get(name)
            if value is not None:
                self.initial[name] = KeyFigure.format_number(value)


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
        if covers and self._cover_outside_the_form():
            raise ValidationError(
                _("每个案例只能有一张封面图，而这个案例在你打开此页面后已有了封面图。请刷新页面，只保留一张封面。"),
                code="cover_count",
            )

    def _cover_outside_the_form(self):
        """Whether the case has a cover among pictures this form does not show (added since it was opened)."""
        if self.instance.pk is None:
            return False
        shown = [f.instance.pk for f in self.initial_forms if f.instance.pk]
        return self.model.objects.filter(practice=self.instance, is_cover=True).exclude(pk__in=shown).exists()


class PracticeImageForm(forms.ModelForm):
    """One picture of a case. The file is checked by decoding it; reviewers confirm consent here.

    `user` is set by the admin: only holders of the publish permission may confirm consent.
    """

    user = None

    # A FileField, not forms.ImageField: that one answers every problem with the same generic message
    # and lets Pillow's decompression-bomb warning pass. images.normalise() gives the real reason.
    image = forms.FileField(
        label=_("图片"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("JPEG、PNG、WebP 或静态 GIF。上传后自动转正、去除位置等元数据并生成各尺寸。"),
    )
    confirm_consent = forms.BooleanField(
        label=_("审核人确认已取得同意"),
        required=False,
        help_text=_("仅审核人可勾选。勾选“含未成年人或可识别的个人”的图片，确认后才会公开显示。"),
    )

    class Meta:
        model = PracticeImage
        fields = ["image", "alt_text", "caption", "caption_en", "credit", "licence", "order", "is_cover"]
        fields += ["shows_identifiable_people"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.user = user
        self.fields["confirm_consent"].initial = self.instance.consent_confirmed_at is not None
        if not self.may_confirm_consent:
            self.fields["confirm_consent"].disabled = True

    @property
    def may_confirm_consent(self):
        return may_publish(self.user)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            return check_upload(upload)
        if self.file_is_gone:
            raise ValidationError(_("这张图片的文件已不存在，无法保存：请重新上传，或勾选“删除”。"), code="file_gone")
        return upload

    @cached_property
    def file_is_gone(self):
        """Whether this row's stored picture is missing, as when a restored version names a deleted picture."""
        name = self.instance.image.name if self.instance.pk else ""
        return bool(name) and not self.instance.image.storage.exists(name)

    def save(self, commit=True):
        image = super().save(commit=False)
        # Consent is given for a particular picture of particular people: a new file needs it again.
        if not image.shows_identifiable_people or "image" in self.changed_data:
            image.consent_confirmed_by, image.consent_confirmed_at = None, None
        if self.may_confirm_consent and image.shows_identifiable_people:
            if not self.cleaned_data.get("confirm_consent"):
                image.consent_confirmed_by, image.consent_confirmed_at = None, None
            elif image.consent_confirmed_at is None:
                image.consent_confirmed_by, image.consent_confirmed_at = self.user, timezone.now()
        if commit:
            image.save()
        return image
