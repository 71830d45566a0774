"""Third-party apps configured for this project."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginProtectionConfig(AxesAppConfig):
    """django-axes under a Chinese name in the admin (its models' names are translated in locale/zh_Hans)."""

    verbose_name = _("登录保护")
