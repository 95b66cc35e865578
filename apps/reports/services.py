"""Documents: request one (same inputs → the same document), render it in a worker, safely.

The GeneratedDocument row is the job: queued → running (progress %, heartbeat) → done | failed.
A worker claims a job with a conditional UPDATE, so two deliveries of one task never render
at once; a job whose worker died (heartbeat gone stale) can be claimed again. The PDF is
written to a temporary file and moved into place under a name derived from the content hash,
so rendering twice leaves the same file.
"""

import datetime as dt
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import kombu.exceptions
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from apps.access.documents import can_request
from apps.access.permissions import sees_speaker_names
from apps.core.tasks import ExpectedTaskFailure
from apps.directory.models import Body
from apps.meetings.models import Meeting

from .models import GeneratedDocument
from .rendering import content_hash, html_to_pdf, render_html
from .selectors import minutes_snapshot, progress_report_snapshot

logger = logging.getLogger(__name__)

Kind = GeneratedDocument.Kind
Status = GeneratedDocument.Status

SUBJECTS: dict[str, tuple[type, Callable[[int], dict[str, Any]]]] = {
    Kind.MINUTES_PDF: (Meeting, minutes_snapshot),
    Kind.PROGRESS_REPORT_PDF: (Body, progress_report_snapshot),
}
HEARTBEAT_SECONDS = float(getattr(settings, "REPORTS_HEARTBEAT_SECONDS", 5))
# A running job whose heartbeat is older than this lost its worker and may be claimed again.
STALE_AFTER = dt.timedelta(seconds=float(getattr(settings, "REPORTS_STALE_AFTER_SECONDS", 30)))
# A queued job nobody picked up within this time lost its message (broker restart) and is sent again.
QUEUED_GRACE = dt.timedelta(minutes=2)

CRASH_MESSAGE = (
    "PDF の作成中に予期しないエラーが発生しました（{error}）。管理者にお問い合わせください。"
    " / An unexpected error stopped the rendering; please tell the administrator."
)
TIMEOUT_MESSAGE = (
    "PDF の作成が制限時間内に終わりませんでした。時間をおいて再度お試しください。"
    " / Rendering took too long; please try again later."
)


QUEUE_UNAVAILABLE_MESSAGE = (
    "文書作成の受付ができません（ジョブキューに接続できません）。しばらくしてから再度お試しください。"
    " / The document queue cannot be reached; nothing was recorded, please try again in a few minutes."
)


class DocumentBusy(Exception):
    """Another worker is rendering this document right now (its heartbeat is fresh)."""


class DocumentQueueUnavailable(Exception):
    """The broker cannot be reached: nothing was recorded, and the request may simply be repeated."""


def document_request(
    *, kind: str, subject: Meeting | Body, by: User | None, public_version: bool = False
) -> GeneratedDocument:
    """Ask for a document; returns at once with its job row, rendering happens in a worker.

    kind:    GeneratedDocument.Kind.MINUTES_PDF with a Meeting as subject, or
             GeneratedDocument.Kind.PROGRESS_REPORT_PDF with a Body as subject.
    subject: the Meeting or Body the document is about.
    by:      the requesting user; PermissionDenied if they may not ask for it (draft minutes
             and every progress report: participants and secretariat of the body).
             None for the system itself (management commands).
    public_version: minutes as the meeting's public version names speakers (apps.meetings.naming),
             for readers who are not participants; a user who may not see the names gets it anyway.

    The same inputs give the same row: a document already done is returned as is (check
    `status`, then `file`), a failed one is queued again, a changed meeting gives a new row.
    The render task is sent after the surrounding transaction commits; without a broker it
    runs in-process at that point.
    """
    entry = SUBJECTS.get(kind)
    if entry is None or not isinstance(subject, entry[0]):
        raise ValidationError({"kind": f"{kind!r} is not a document of a {type(subject).__name__}"})
    build_snapshot = entry[1]
    if by is not None and not can_request(by, kind, subject):
        raise PermissionDenied("You may not read this document.")
    if isinstance(subject, Meeting):
        public_version = public_version or (by is not None and not sees_speaker_names(by, subject))
        snapshot = minutes_snapshot(subject.pk, public=public_version)
    else:
        snapshot = build_snapshot(subject.pk)
    digest = content_hash(kind, snapshot)
    document = GeneratedDocument.objects.filter(kind=kind, content_hash=digest).first()
    if document is None:
        _require_queue()
        document = GeneratedDocument(kind=kind, subject=subject, inputs=snapshot, content_hash=digest, requested_by=by)
        document.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            # Someone asked for the same document a moment ago: theirs is ours.
            return GeneratedDocument.objects.get(kind=kind, content_hash=digest)
        _enqueue(document.pk)
        return document
    if document.status == Status.FAILED or (document.status == Status.DONE and not _file_exists(document)):
        _require_queue()
        requeued = GeneratedDocument.objects.filter(pk=document.pk, status=document.status).update(
            status=Status.QUEUED, progress=0, error="", requested_by=by, modified=timezone.now()
        )
        if requeued:
            _enqueue(document.pk)
        document.refresh_from_db()
    return document


def _file_exists(document: GeneratedDocument) -> bool:
    name = document.file.name
    return name is not None and name != "" and document.file.storage.exists(name)


def _require_queue() -> None:
    """Refuse before writing anything when the broker is down, rather than leave a job no one will get.

    A broker that fails between this check and the send after commit leaves a queued row;
    the beat schedule sends it again once the broker is back (QUEUED_GRACE).
    """
    from .tasks import render_document

    app = render_document.app
    if app.conf.task_always_eager:
        return
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0, timeout=2)
    except (OSError, kombu.exceptions.OperationalError) as exc:
        logger.warning("document queue unavailable: %s", exc)
        raise DocumentQueueUnavailable(QUEUE_UNAVAILABLE_MESSAGE) from exc


def _enqueue(document_id: int) -> None:
    from .tasks import render_document

    # robust: without a broker the task runs right here; its failure is recorded on the
    # document and must not turn the request that asked for it into an error page.
    transaction.on_commit(partial(render_document.delay, document_id), robust=True)


def documents_requeue_stale() -> int:
    """Send again every job whose worker died or whose message was lost; returns how many."""
    now = timezone.now()
    stale = GeneratedDocument.objects.filter(
        Q(status=Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
        | Q(status=Status.QUEUED, modified__lt=now - QUEUED_GRACE)
    ).values_list("pk", flat=True)
    ids = list(stale)
    for document_id in ids:
        _enqueue(document_id)
    return len(ids)


def document_render(*, document_id: int) -> GeneratedDocument | None:
    """Render a queued document (the task's body). Safe to call twice for the same job.

    Returns the document, or None if it was deleted meanwhile. Raises DocumentBusy if another
    worker holds it, ExpectedTaskFailure (after recording the message) for failures the user
    can act on; any other exception is a crash, recorded in general terms and re-raised.
    """
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    claimed = GeneratedDocument.objects.filter(claimable, pk=document_id).update(
        status=Status.RUNNING,
        progress=0,
        error="",
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
        modified=now,
    )
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    if not claimed:
        if document.status == Status.RUNNING:
            raise DocumentBusy(f"document {document_id} is being rendered by another worker")
        return document  # done or failed already: nothing left to do
    job = _Job(document.pk, document.attempts)
    try:
        with _heartbeat(job):
            html, generated = render_html(document.kind, document.inputs)
            job.progress(20)
            # Laying out the pages is most of the work; writing the PDF is the rest.
            pdf = html_to_pdf(html, generated=generated, on_layout=lambda: job.progress(75))
            name = _store(document, pdf)
    except ExpectedTaskFailure as exc:
        job.fail(str(exc))
        raise
    except SoftTimeLimitExceeded as exc:
        job.fail(TIMEOUT_MESSAGE)
        raise ExpectedTaskFailure(TIMEOUT_MESSAGE) from exc
    except Exception as exc:
        job.fail(CRASH_MESSAGE.format(error=type(exc).__name__))
        raise
    job.finish(name)
    document.refresh_from_db()
    return document


class _Job:
    """Writes to one attempt of a job; a later attempt (after a reclaim) silences this one."""

    def __init__(self, document_id: int, attempt: int):
        self.document_id = document_id
        self.attempt = attempt

    def _mine(self):
        return GeneratedDocument.objects.filter(pk=self.document_id, status=Status.RUNNING, attempts=self.attempt)

    def beat(self) -> None:
        self._mine().update(heartbeat_at=timezone.now())

    def progress(self, percent: int) -> None:
        now = timezone.now()
        self._mine().update(progress=percent, heartbeat_at=now, modified=now)

    def fail(self, message: str) -> None:
        now = timezone.now()
        self._mine().update(status=Status.FAILED, error=message, finished_at=now, modified=now)

    def finish(self, file_name: str) -> None:
        now = timezone.now()
        self._mine().update(status=Status.DONE, progress=100, file=file_name, finished_at=now, modified=now)


@contextmanager
def _heartbeat(job: _Job):
    """Beat every few seconds while WeasyPrint lays out a long document."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                job.beat()
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-{job.document_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def document_file_name(document: GeneratedDocument) -> str:
    return f"documents/{document.kind}/{document.content_hash}.pdf"


def _store(document: GeneratedDocument, pdf: bytes) -> str:
    """Write next to the final place, then rename: a reader never sees half a PDF."""
    name = document_file_name(document)
    final = Path(default_storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=final.parent, prefix=".", suffix=".part", delete=False) as temporary:
        try:
            temporary.write(pdf)
            temporary.flush()
            os.fsync(temporary.fileno())
            os.chmod(temporary.name, 0o644)
            os.replace(temporary.name, final)
        except BaseException:
            Path(temporary.name).unlink(missing_ok=True)
            raise
    return name
