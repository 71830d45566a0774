"""The editors' tool: cases with their images, key figures and sources, and the publishing steps."""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from practices.admin.editorial import EditorialAdmin
from practices.editorial.forms import CoverInlineFormSet, PracticeImageForm
from practices.editorial.workflow import PUBLISH_PERMISSION, WorkflowError, take_step
from practices.exports.import_views import import_cases
from practices.exports.views import export_selected_csv, export_selected_xlsx
from practices.models import Institution, KeyFigure, Practice, PracticeImage, Region, ReviewComment, Source, Theme
from practices.opendata.versions import ensure_first_version, record_publication
from practices.templatetags.images import thumbnail_url

# Editors paste bare domains ("court.gov.cn"); assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


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


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "colour", "order", "case_count"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        # annotate() drops Meta.ordering on the autocomplete's paginated list; keep it explicit.
        return super().get_queryset(request).annotate(case_count=Count("practices")).order_by("order", "name")

    @admin.display(description=_("案例数"), ordering="case_count")
    def case_count(self, obj):
        return obj.case_count


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "parent"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "region", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]


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
    """Pictures of a case. Files are validated by decoding them; see practices/images.py."""

    model = PracticeImage
    form = PracticeImageForm
    formset = CoverInlineFormSet
    extra = 0
    fields = [
        ("image", "thumbnail"),
        ("alt_text", "caption"),
        ("credit", "licence"),
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
        return request.user.has_perm(PUBLISH_PERMISSION)

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


class KeyFigureInline(admin.StackedInline):
    model = KeyFigure
    extra = 0
    # Stacked, each Chinese field beside its English one: as a table row the eleven fields would not fit.
    fields = [
        ("label", "label_en"),
        ("value", "unit", "unit_en"),
        ("as_of", "order"),
        ("baseline_value", "baseline_on"),
        ("note", "note_en"),
    ]


class SourceInline(admin.StackedInline):
    formfield_overrides = URL_FIELDS
    model = Source
    extra = 0
    fields = [("title", "url"), ("publisher", "author"), ("published_on", "accessed_on"), "note", "order"]


class TagListFilter(admin.SimpleListFilter):
    title = _("标签")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = Tag.objects.filter(practices_taggedpractice_items__isnull=False).distinct().order_by("name")
        return [(t.slug, t.name) for t in tags]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


@admin.register(Practice)
class PracticeAdmin(EditorialAdmin):
    list_display = ["title", "cover", "status", "theme", "region", "institution", "featured", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["status", "theme", "region", "institution", TagListFilter, "featured", "is_synthetic"]
    list_select_related = ["theme", "region", "institution"]
    search_fields = ["title", "title_en", "summary"]
    autocomplete_fields = ["theme", "region", "institution"]
    date_hierarchy = "published_at"
    list_per_page = 50
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "preview_link"]
    inlines = [PracticeImageInline, KeyFigureInline, SourceInline]
    # VersionAdmin names its own list template; ours extends it with the import button.
    change_list_template = "admin/practices/practice/change_list.html"
    actions = ["send_to_review", "publish", "unpublish", export_selected_csv, export_selected_xlsx]
    Media = ImageAdminMedia
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("分类"), {"fields": ["theme", "region", "institution", "tags"]}),
        (_("时间与发布"), {"fields": ["started_on", "started_precision", "status", "published_at", "featured"]}),
        (_("公开版本"), {"fields": ["public_note", "is_erratum"]}),
        (_("英文"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
        (_("记录"), {"fields": ["preview_link", "created_at", "created_by", "updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("images")

    def view_on_site(self, obj):
        """The public page once the case is public, the staff-only preview before."""
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        """Editors cannot change what is public; a reviewer unpublishes first or edits it."""
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status in (Practice.Status.PUBLISHED, Practice.Status.ARCHIVED):
            return request.user.has_perm(PUBLISH_PERMISSION)
        return allowed

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if change:
            ensure_first_version(obj)  # reads the stored case, before this save changes it
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """Once the inlines and tags are saved too, a published case with new public content is a new version."""
        super().save_related(request, form, formsets, change)
        record_publication(form.instance, form.cleaned_data.get("public_note"), form.cleaned_data.get("is_erratum"))

    @admin.display(description=_("封面"))
    def cover(self, obj):
        cover = next((i for i in obj.images.all() if i.is_cover), None)
        return image_thumbnail(cover)

    @admin.display(description=_("预览"))
    def preview_link(self, obj):
        if not obj.pk:
            return _("保存后可预览。")
        if obj.is_public:
            return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), _("查看公开页面"))
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_preview_url(), _("预览（仅工作人员可见）"))

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="practices_practice_preview",
        )
        import_view = path(
            "import/",
            self.admin_site.admin_view(partial(import_cases, model_admin=self)),
            name="practices_practice_import",
        )
        return [preview, import_view, *super().get_urls()]

    def preview_view(self, request, pk):
        """The public case page for any status, visible to staff who may view the case."""
        practice = get_object_or_404(Practice.objects.with_detail_related(), pk=pk)
        if not self.has_view_or_change_permission(request, practice):
            raise PermissionDenied
        return TemplateResponse(request, "practices/practice_detail.html", {"practice": practice, "preview": True})

    def _take_step(self, request, queryset, action, done_message):
        """The review step for each selected case, with its own revision and audit entry."""
        done = 0
        for practice in queryset:
            try:
                take_step(request.user, practice, action)
            except WorkflowError as refused:
                self.message_user(request, f"《{practice.title}》：{refused}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("提交审核"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._take_step(
            request,
            queryset.filter(status=Practice.Status.DRAFT),
            ReviewComment.Action.SUBMIT,
            lambda n: ngettext("%d 个案例已提交审核。", "%d 个案例已提交审核。", n) % n,
        )

    @admin.action(description=_("发布"), permissions=["publish"])
    def publish(self, request, queryset):
        self._take_step(
            request,
            queryset.filter(status__in=[Practice.Status.DRAFT, Practice.Status.REVIEW]),
            ReviewComment.Action.PUBLISH,
            lambda n: ngettext("%d 个案例已发布。", "%d 个案例已发布。", n) % n,
        )

    @admin.action(description=_("撤回发布（改为草稿）"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._take_step(
            request,
            queryset.filter(status=Practice.Status.PUBLISHED),
            ReviewComment.Action.UNPUBLISH,
            lambda n: ngettext("%d 个案例已撤回。", "%d 个案例已撤回。", n) % n,
        )


admin.site.site_header = _("Casebook 案例库管理")
admin.site.site_title = _("Casebook 管理")
admin.site.index_title = _("内容管理")
