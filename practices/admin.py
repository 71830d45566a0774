"""The editors' tool: cases with their images, key figures and sources, and the publishing steps."""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from .export_views import export_selected_csv, export_selected_xlsx
from .forms import CoverInlineFormSet, PracticeAdminForm
from .import_views import import_cases
from .models import Institution, KeyFigure, Practice, PracticeImage, Region, ReviewComment, Source, Theme

PUBLISH_PERMISSION = "practices.publish_practice"
# Editors paste bare domains ("court.gov.cn"); assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def image_thumbnail(image, size=80):
    """An <img> of an image row for the admin lists, or a dash."""
    if not image or not image.image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px;object-fit:cover" loading="lazy">',
        image.image.url,
        image.alt_text,
        size,
        size,
    )


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "colour", "order", "case_count"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(case_count=Count("practices"))

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


class PracticeImageInline(admin.StackedInline):
    model = PracticeImage
    formset = CoverInlineFormSet
    extra = 0
    fields = [
        ("image", "thumbnail"),
        ("alt_text", "caption"),
        ("credit", "licence"),
        ("order", "is_cover", "shows_identifiable_people"),
    ]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("预览"))
    def thumbnail(self, obj):
        return image_thumbnail(obj, 160)


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["label", "value", "unit", "as_of", "baseline_value", "baseline_on", "note", "order"]


class SourceInline(admin.StackedInline):
    formfield_overrides = URL_FIELDS
    model = Source
    extra = 0
    fields = [("title", "url"), ("publisher", "author"), ("published_on", "accessed_on"), "note", "order"]


class ReviewCommentInline(admin.TabularInline):
    model = ReviewComment
    extra = 0
    fields = ["created_at", "author", "action", "text"]
    readonly_fields = ["created_at", "author", "action", "text"]
    can_delete = False
    verbose_name_plural = _("审核记录")

    def has_add_permission(self, request, obj=None):
        return False


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
class PracticeAdmin(admin.ModelAdmin):
    form = PracticeAdminForm
    list_display = ["title", "cover", "status", "theme", "region", "institution", "featured", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["status", "theme", "region", "institution", TagListFilter, "featured", "is_synthetic"]
    list_select_related = ["theme", "region", "institution"]
    search_fields = ["title", "title_en", "summary"]
    autocomplete_fields = ["theme", "region", "institution"]
    date_hierarchy = "published_at"
    list_per_page = 50
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "preview_link"]
    inlines = [PracticeImageInline, KeyFigureInline, SourceInline, ReviewCommentInline]
    actions = ["send_to_review", "publish", "unpublish", export_selected_csv, export_selected_xlsx]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (_("分类"), {"fields": ["theme", "region", "institution", "tags"]}),
        (_("时间与发布"), {"fields": ["started_on", "started_precision", "status", "published_at", "featured"]}),
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
        super().save_model(request, obj, form, change)

    @admin.display(description=_("封面"))
    def cover(self, obj):
        cover = next((i for i in obj.images.all() if i.is_cover), None)
        return image_thumbnail(cover, 60)

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

    def _set_status(self, request, queryset, status, action, done_message):
        changed = 0
        for practice in queryset.exclude(status=status):
            practice.status = status
            if status == Practice.Status.PUBLISHED and practice.published_at is None:
                practice.published_at = timezone.now()
            practice.updated_by = request.user
            practice.save()
            ReviewComment.objects.create(practice=practice, author=request.user, action=action)
            changed += 1
        self.message_user(request, done_message(changed), messages.SUCCESS)

    @admin.action(description=_("提交审核"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._set_status(
            request,
            queryset.filter(status=Practice.Status.DRAFT),
            Practice.Status.REVIEW,
            ReviewComment.Action.SUBMIT,
            lambda n: ngettext("%d 个案例已提交审核。", "%d 个案例已提交审核。", n) % n,
        )

    @admin.action(description=_("发布"), permissions=["publish"])
    def publish(self, request, queryset):
        missing = queryset.filter(summary="").count()
        if missing:
            self.message_user(request, _("%d 个案例没有摘要，未发布。") % missing, messages.WARNING)
        self._set_status(
            request,
            queryset.exclude(summary=""),
            Practice.Status.PUBLISHED,
            ReviewComment.Action.PUBLISH,
            lambda n: ngettext("%d 个案例已发布。", "%d 个案例已发布。", n) % n,
        )

    @admin.action(description=_("撤回发布（改为草稿）"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(
            request,
            queryset.filter(status=Practice.Status.PUBLISHED),
            Practice.Status.DRAFT,
            ReviewComment.Action.UNPUBLISH,
            lambda n: ngettext("%d 个案例已撤回。", "%d 个案例已撤回。", n) % n,
        )


admin.site.site_header = _("Casebook 案例库管理")
admin.site.site_title = _("Casebook 管理")
admin.site.index_title = _("内容管理")
