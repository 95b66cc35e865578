from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliberationConfig(AppConfig):
    name = "apps.deliberation"
    verbose_name = _("Deliberation")

    def ready(self) -> None:
        from apps.core.locking import lock_versions

        from .models import Assignment, Issue, Position

        lock_versions(Issue, Assignment, Position)
