from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("实践案例")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            image_files,  # noqa: F401  (connects the picture file signals)
            search_signals,
        )
        from .caching import connect_signals
        from .history import register_history

        register_history()
        search_signals.connect()
        connect_signals()
