"""python manage.py render_minutes MEETING_ID --out PATH: the 議事要旨 PDF of a meeting."""

from apps.meetings.models import Meeting
from apps.reports.models import GeneratedDocument

from ._render import RenderCommand


class Command(RenderCommand):
    help = "Render the minutes (議事要旨) PDF of a meeting and print the path written."
    kind = GeneratedDocument.Kind.MINUTES_PDF
    model = Meeting
    subject_name = "meeting"
