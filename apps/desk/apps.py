from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The secretariat's desk: the meeting editor and the import workbench."""

    name = "apps.desk"
    verbose_name = _("Secretariat's desk")
