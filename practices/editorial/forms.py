"""Validation of what editors type in the admin, with messages that say what to fix."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.images.processing import ACCEPT_ATTRIBUTE, check_upload
from practices.models import CASE_FIELDS, Practice, PracticeImage, PublicVersion
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
        fields = ["image", "alt_text", "caption", "credit", "licence", "order", "is_cover", "shows_identifiable_people"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.user = user
        self.fields["confirm_consent"].initial = self.instance.consent_confirmed_at is not None
        if not self.may_confirm_consent:
            self.fields["confirm_consent"].disabled = True

    @property
    def may_confirm_consent(self):
        return self.user is not None and self.user.has_perm("practices.publish_practice")

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            return check_upload(upload)
        return upload

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
