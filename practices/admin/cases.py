"""The editors' tool: cases with their images, key figures and sources, and the publishing steps."""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from practices.admin.editorial import EditorialAdmin
from practices.admin.images import ImageAdminMedia, PracticeImageInline, image_thumbnail
from practices.admin.places import URL_FIELDS
from practices.editorial.completeness import completeness
from practices.editorial.forms import KeyFigureForm
from practices.editorial.rules import REVIEWER_FIELDS, may_edit, may_publish
from practices.editorial.workflow import REVIEWER_STEPS, STEP_FROM, WorkflowError, take_step
from practices.exports.import_views import import_cases
from practices.exports.views import export_selected_csv, export_selected_xlsx
from practices.models import SECTIONS, KeyFigure, Practice, ReviewComment, Source
from practices.opendata.versions import ensure_first_version, record_publication


class KeyFigureInline(admin.StackedInline):
    model = KeyFigure
    form = KeyFigureForm
    extra = 0
    # Stacked, each Chinese field beside its English one: as a table row the eleven fields would not fit.
    fields = [
        ("label", "label_en"),
        ("value", "unit", "unit_en"),
        ("as_of", "order"),
        ("baseline_value", "baseline_on"),
        ("note", "note_en"),
        "source",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A figure cites one of its own case's sources (KeyFigure.clean says so too).
        formset.form.base_fields["source"].queryset = obj.sources.all() if obj else Source.objects.none()
        return formset


class SourceInline(admin.StackedInline):
    formfield_overrides = URL_FIELDS
    model = Source
    extra = 0
    fields = [("title", "url"), ("kind", "publisher", "author"), ("published_on", "accessed_on"), "note", "order"]


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


def review_action(name, action, description, done_message):
    """A bulk action on the case list taking the review step `action`; the reviewer's steps need the
    publish permission, submitting the change permission."""

    def take(model_admin, request, queryset):
        model_admin.take_review_step(request, queryset, action, done_message)

    take.__name__ = name
    permission = "publish" if action in REVIEWER_STEPS else "change"
    return admin.action(take, description=description, permissions=[permission])


class EnglishListFilter(admin.SimpleListFilter):
    title = _("英文")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("缺英文")), ("complete", _("英文齐全"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_english()
        if self.value() == "complete":
            return queryset.exclude(pk__in=Practice.objects.missing_english().values("pk"))
        return queryset


def english_missing_text(practice):
    """The texts of a case still without English, as one line for editors."""
    missing = practice.missing_english()
    return "、".join(str(label) for label in missing) if missing else _("齐全")


class CompletenessListFilter(admin.SimpleListFilter):
    title = _("完整度")
    parameter_name = "completeness"

    def lookups(self, request, model_admin):
        return [("complete", _("完整")), ("incomplete", _("不完整")), ("under-half", _("不足一半"))]

    def queryset(self, request, queryset):
        if self.value() == "complete":
            return queryset.filter(completeness=100)
        if self.value() == "incomplete":
            return queryset.filter(completeness__lt=100)
        if self.value() == "under-half":
            return queryset.filter(completeness__lt=50)
        return queryset


@admin.register(Practice)
class PracticeAdmin(EditorialAdmin):
    list_display = ["title", "cover", "status", "theme", "region", "institution", "featured", "updated_at"]
    list_display += ["completeness_score", "english_missing"]
    list_display_links = ["title"]
    list_filter = ["status", "theme", "region", "institution", TagListFilter, EnglishListFilter, "featured"]
    list_filter += [CompletenessListFilter, "stage", "level", "is_synthetic"]
    list_select_related = ["theme", "region", "institution"]
    search_fields = ["title", "title_en", "summary"]
    autocomplete_fields = ["theme", "region", "institution"]
    date_hierarchy = "published_at"
    list_per_page = 50
    readonly_fields = [
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "preview_link",
        "english_missing",
        "level",
        "completeness_report",
    ]
    inlines = [PracticeImageInline, KeyFigureInline, SourceInline]
    # VersionAdmin names its own list template; ours extends it with the import button.
    change_list_template = "admin/practices/practice/change_list.html"
    actions = [
        review_action(
            "send_to_review",
            ReviewComment.Action.SUBMIT,
            _("提交审核"),
            lambda n: ngettext("%d 个案例已提交审核。", "%d 个案例已提交审核。", n) % n,
        ),
        review_action(
            "publish",
            ReviewComment.Action.PUBLISH,
            _("发布"),
            lambda n: ngettext("%d 个案例已发布。", "%d 个案例已发布。", n) % n,
        ),
        review_action(
            "unpublish",
            ReviewComment.Action.UNPUBLISH,
            _("撤回发布（改为草稿）"),
            lambda n: ngettext("%d 个案例已撤回。", "%d 个案例已撤回。", n) % n,
        ),
        export_selected_csv,
        export_selected_xlsx,
    ]
    Media = ImageAdminMedia
    fieldsets = [
        (None, {"fields": ["completeness_report", "title", "slug", "summary"]}),
        (_("正文"), {"fields": [s.field for s in SECTIONS]}),
        (_("分类"), {"fields": ["theme", "region", "institution", "level", "stage", "tags"]}),
        (_("时间与发布"), {"fields": ["started_on", "started_precision", "status", "published_at", "featured"]}),
        (_("公开版本"), {"fields": ["public_note", "is_erratum"]}),
        (_("英文"), {"fields": ["english_missing", "title_en", "summary_en", *(s.field_en for s in SECTIONS)]}),
        (_("记录"), {"fields": ["preview_link", "created_at", "created_by", "updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("images", "key_figures").with_completeness()

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
        return allowed and (obj is None or may_edit(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        """When and whether a case is featured is the reviewer's call, even on a draft."""
        readonly = super().get_readonly_fields(request, obj)
        return readonly if may_publish(request.user) else [*readonly, *REVIEWER_FIELDS]

    def has_publish_permission(self, request):
        return may_publish(request.user)

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

    @admin.display(description=_("完整度"), ordering="completeness")
    def completeness_score(self, obj):
        return f"{obj.completeness}%"

    @admin.display(description=_("完整度"))
    def completeness_report(self, obj):
        if not obj.pk:
            return _("保存后计算。")
        report = completeness(obj)
        if not report.missing:
            return f"{report.score}%"
        return _("%(score)s%%，缺：%(missing)s") % {"score": report.score, "missing": "；".join(report.missing)}

    @admin.display(description=_("缺英文"))
    def english_missing(self, obj):
        return english_missing_text(obj) if obj.pk else "—"

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

    def take_review_step(self, request, queryset, action, done_message):
        """The review step for each selected case it applies to, with its own revision and audit entry."""
        done = 0
        for practice in queryset.filter(status__in=STEP_FROM[action]):
            try:
                take_step(request.user, practice, action)
            except WorkflowError as refused:
                self.message_user(request, f"《{practice.title}》：{refused}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, done_message(done), messages.SUCCESS)
