from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("实践案例")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from practices.editorial.history import register_history
        from practices.images import files as image_files  # noqa: F401  (connects the picture file signals)
        from practices.public import signals as public_signals
        from practices.public.caching import connect_signals
        from practices.search import signals as search_signals

        register_history()
        search_signals.connect()
        connect_signals()
        public_signals.register()
