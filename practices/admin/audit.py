"""The audit trail in the admin: the admin log, read-only, for reviewers."""

from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from practices.editorial.rules import may_publish


@admin.register(LogEntry)
class AuditLogAdmin(admin.ModelAdmin):
    """The admin log, read-only, for reviewers: who published, unpublished, deleted or restored what."""

    list_display = ["action_time", "user", "action_flag", "content_type", "object_link", "message"]
    list_filter = ["action_flag", "content_type", "user"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    list_per_page = 100

    def has_module_permission(self, request):
        return may_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return may_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("对象"), ordering="object_repr")
    def object_link(self, entry):
        if entry.action_flag != DELETION and entry.get_admin_url():
            return format_html('<a href="{}">{}</a>', entry.get_admin_url(), entry.object_repr)
        return entry.object_repr

    @admin.display(description=_("内容"))
    def message(self, entry):
        return entry.get_change_message()
