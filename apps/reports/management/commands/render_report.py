"""python manage.py render_report BODY_ID --out PATH: the progress report PDF of a body."""

from apps.directory.models import Body
from apps.reports.models import GeneratedDocument

from ._render import RenderCommand


class Command(RenderCommand):
    help = "Render the progress report PDF of a body and print the path written."
    kind = GeneratedDocument.Kind.PROGRESS_REPORT_PDF
    model = Body
    subject_name = "body"
