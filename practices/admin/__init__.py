"""The Django admin for cases, pictures, places, the editorial workflow and the audit log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Admin autodiscovery imports this package, not its modules: importing them here registers their
# ModelAdmins (the one import kept for its side effect; cases imports images and places itself).
from practices.admin import audit, cases, security, tags  # noqa: F401

admin.site.site_header = _("Casebook 案例库管理")
admin.site.site_title = _("Casebook 管理")
admin.site.index_title = _("内容管理")
