from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "apps.minutes"
    verbose_name = _("Minutes")

    def ready(self) -> None:
        from apps.meetings.querysets import register_bulk_write_guard

        from . import guards

        guards.connect()
        register_bulk_write_guard(guards)
