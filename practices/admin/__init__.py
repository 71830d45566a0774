"""The Django admin for cases, images, places and the editorial workflow."""

# Admin autodiscovery imports this package: the ModelAdmins register themselves in these modules.
from practices.admin import cases, security, tags  # noqa: E402, F401
