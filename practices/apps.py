from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("实践案例")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import search_signals

        search_signals.connect()
