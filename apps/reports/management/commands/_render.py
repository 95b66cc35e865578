"""What render_minutes and render_report share: request, render here, copy to --out."""

import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core.tasks import ExpectedTaskFailure
from apps.directory.models import Body
from apps.meetings.models import Meeting
from apps.reports.models import GeneratedDocument
from apps.reports.services import DocumentBusy, document_render, document_request


class RenderCommand(BaseCommand):
    kind: str
    model: type[Meeting] | type[Body]
    subject_name: str

    def add_arguments(self, parser):
        parser.add_argument(f"{self.subject_name}_id", type=int)
        parser.add_argument("--out", required=True, type=Path, help="Where to write the PDF.")

    def handle(self, *args, **options):
        subject_id = options[f"{self.subject_name}_id"]
        subject = self.model._default_manager.filter(pk=subject_id).first()
        if subject is None:
            raise CommandError(f"No {self.subject_name} with id {subject_id}.")
        document = document_request(kind=self.kind, subject=subject, by=None)
        # The same service the worker runs, here and now; a no-op if a worker got there first.
        deadline = time.monotonic() + 300
        while document.status not in {GeneratedDocument.Status.DONE, GeneratedDocument.Status.FAILED}:
            try:
                rendered = document_render(document_id=document.pk)
            except DocumentBusy:
                if time.monotonic() > deadline:
                    raise CommandError("Another worker has been rendering this document for too long.") from None
                time.sleep(0.5)
                document.refresh_from_db()
            except ExpectedTaskFailure as failure:
                raise CommandError(str(failure)) from failure
            else:
                if rendered is None:
                    raise CommandError("The document was deleted while it was being rendered.")
                document = rendered
        if document.status == GeneratedDocument.Status.FAILED:
            raise CommandError(document.error)
        out: Path = options["out"]
        out.parent.mkdir(parents=True, exist_ok=True)
        with document.file.open("rb") as source, out.open("wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(str(out.resolve()))
