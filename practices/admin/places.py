"""The admin for the shared records cases point to: themes, regions and institutions."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from practices.editorial.rules import may_change_shared
from practices.models import Institution, Region, Theme

# Editors paste bare domains ("court.gov.cn"); assume https, as Django 6 will.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class SharedRecordAdmin(admin.ModelAdmin):
    """A theme, region or institution that published cases show is the reviewers' to change or delete."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_shared(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_shared(request.user, obj))


@admin.register(Theme)
class ThemeAdmin(SharedRecordAdmin):
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
class RegionAdmin(SharedRecordAdmin):
    list_display = ["code", "name", "name_en", "parent"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Institution)
class InstitutionAdmin(SharedRecordAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "region", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
