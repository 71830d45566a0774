from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("实践案例")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The one place where receivers are connected (each listening sub-package's signals.register())
        and the case models are put under revision control."""
        from practices.editorial.history import register_history
        from practices.images import signals as image_signals
        from practices.public import signals as public_signals
        from practices.search import signals as search_signals

        register_history()
        image_signals.register()
        search_signals.register()
        public_signals.register()
