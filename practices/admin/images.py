"""The admin for case pictures: the inline on the case form and the reviewers' consent queue."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from practices.editorial.forms import CoverInlineFormSet, PracticeImageForm
from practices.editorial.rules import may_publish
from practices.models import PracticeImage
from practices.templatetags.images import thumbnail_url


def image_thumbnail(image, size="small"):
    """An <img> of an image row for the admin (its smallest rendition), or a dash."""
    if not image or not image.image:
        return "—"
    return format_html(
        '<img class="casebook-thumb casebook-thumb--{}" src="{}" alt="{}" loading="lazy">',
        size,
        thumbnail_url(image),
        image.alt_text,
    )


class ImageAdminMedia:
    # Thumbnails are sized by a stylesheet: a CSP without 'unsafe-inline' would ignore style="" attributes.
    css = {"all": ["css/admin-images.css"]}


def consent_state(image):
    """Whether a picture may be shown, in words an editor understands."""
    if not image.shows_identifiable_people:
        return _("无需确认")
    if image.consent_confirmed_at is None:
        return _("等待审核人确认同意，确认前不公开显示")
    who = image.consent_confirmed_by or _("（已删除的用户）")
    return _("已由 %(who)s 于 %(when)s 确认") % {
        "who": who,
        "when": date_format(timezone.localtime(image.consent_confirmed_at), "Y-m-d H:i"),
    }


class PracticeImageInline(admin.StackedInline):
    """Pictures of a case. Files are validated by decoding them; see practices/images/processing.py."""

    model = PracticeImage
    form = PracticeImageForm
    formset = CoverInlineFormSet
    extra = 0
    fields = [
        ("image", "thumbnail"),
        ("alt_text", "caption"),
        ("alt_text_en", "caption_en"),
        ("credit", "credit_en", "licence"),
        ("order", "is_cover"),
        ("shows_identifiable_people", "confirm_consent", "consent"),
    ]
    readonly_fields = ["thumbnail", "consent"]
    Media = ImageAdminMedia

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.user = request.user
        return formset

    @admin.display(description=_("预览"))
    def thumbnail(self, obj):
        return image_thumbnail(obj, "large")

    @admin.display(description=_("同意确认"))
    def consent(self, obj):
        return consent_state(obj) if obj.pk else "—"


class AwaitingConsentFilter(admin.SimpleListFilter):
    title = _("同意确认")
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [("awaiting", _("等待确认")), ("confirmed", _("已确认"))]

    def queryset(self, request, queryset):
        people = queryset.filter(shows_identifiable_people=True)
        if self.value() == "awaiting":
            return people.filter(consent_confirmed_at__isnull=True)
        if self.value() == "confirmed":
            return people.filter(consent_confirmed_at__isnull=False)
        return queryset


@admin.register(PracticeImage)
class PracticeImageAdmin(admin.ModelAdmin):
    """All pictures at a glance, and the reviewers' queue of pictures awaiting consent.

    Pictures are added, changed and deleted with their case (the inline), where the case's rules apply.
    """

    list_display = ["thumbnail", "__str__", "case", "licence", "credit", "consent"]
    list_display_links = None
    list_filter = [AwaitingConsentFilter, "licence", "shows_identifiable_people"]
    list_select_related = ["practice", "consent_confirmed_by"]
    search_fields = ["caption", "alt_text", "credit", "practice__title"]
    actions = ["confirm_consent", "withdraw_consent"]
    Media = ImageAdminMedia

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # Deleting happens with the case; the delete permission stays so deleting a case may cascade.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_publish_permission(self, request):
        return may_publish(request.user)

    @admin.display(description=_("预览"))
    def thumbnail(self, obj):
        return image_thumbnail(obj)

    @admin.display(description=_("案例"), ordering="practice__title")
    def case(self, obj):
        """The case form, where the picture is edited."""
        url = reverse("admin:practices_practice_change", args=[obj.practice_id])
        return format_html('<a href="{}#images-group">{}</a>', url, obj.practice)

    @admin.display(description=_("同意确认"))
    def consent(self, obj):
        return consent_state(obj)

    @admin.action(description=_("确认已取得图中人物（或监护人）的同意"), permissions=["publish"])
    def confirm_consent(self, request, queryset):
        changed = queryset.filter(shows_identifiable_people=True, consent_confirmed_at__isnull=True).update(
            consent_confirmed_by=request.user, consent_confirmed_at=timezone.now()
        )
        self.message_user(request, ngettext("%d 张图片已确认同意。", "%d 张图片已确认同意。", changed) % changed)

    @admin.action(description=_("撤销同意确认（图片不再公开显示）"), permissions=["publish"])
    def withdraw_consent(self, request, queryset):
        changed = queryset.filter(shows_identifiable_people=True, consent_confirmed_at__isnull=False).update(
            consent_confirmed_by=None, consent_confirmed_at=None
        )
        self.message_user(request, ngettext("%d 张图片已撤销同意。", "%d 张图片已撤销同意。", changed) % changed)
