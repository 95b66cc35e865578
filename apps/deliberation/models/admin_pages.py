"""Proxies that give the register's admin pages a place of their own (no tables)."""

from django.utils.translation import gettext_lazy as _

from apps.directory.models import Body
from apps.meetings.models import Meeting, Statement


class StatementTagging(Statement):
    """Statements seen from the register: the admin page that tags them to issues, with suggestions."""

    class Meta:
        proxy = True
        verbose_name = _("statement tagging")
        verbose_name_plural = _("statement tagging")


class WorkingPartySetup(Body):
    """Working parties seen from the register: the admin flow that sets one up with its task groups."""

    class Meta:
        proxy = True
        verbose_name = _("working party set-up (作業班の設置)")
        verbose_name_plural = _("working parties (作業班)")


class MeetingAgendaOffer(Meeting):
    """Meetings seen from the register: the admin page offering still-open issues for their agenda."""

    class Meta:
        proxy = True
        verbose_name = _("carry-over of open issues (継続課題)")
        verbose_name_plural = _("carry-over of open issues (継続課題)")
