"""Retention of generated documents: what a newer document replaced, or what failed, goes with its file.

A document stays while it is queued or running, and while it is the latest one requested for
its subject (the same kind of document of the same meeting or body). Any other goes when
- a newer document of its subject is done: it was superseded (a newer one still rendering or
  failed replaces nothing, so the last good file stays until its successor is there), or
- it failed, or
- it was requested more than REPORTS_RETENTION_DAYS days ago.
Rows go first, in batches, and their files once the batch is committed, so a reader never
finds a row whose file is gone. Files no row points at (a crash between the two, a worker
killed while writing) go once they are an hour old: a render records its file a moment after
writing it. The same inputs give the same document again, so whatever went is rendered anew
if someone asks for it.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import GeneratedDocument

logger = logging.getLogger(__name__)

Status = GeneratedDocument.Status

BATCH = 500
DOCUMENTS_DIR = "documents"
ORPHAN_GRACE = dt.timedelta(hours=1)


def expired_documents(*, keep_days: int | None = None) -> QuerySet[GeneratedDocument]:
    """The documents retention removes now (see the module docstring)."""
    keep_days = settings.REPORTS_RETENTION_DAYS if keep_days is None else keep_days
    same_subject = GeneratedDocument.objects.filter(
        kind=OuterRef("kind"), subject_type=OuterRef("subject_type"), subject_id=OuterRef("subject_id")
    )
    newer = same_subject.filter(
        Q(created__gt=OuterRef("created")) | Q(created=OuterRef("created"), pk__gt=OuterRef("pk"))
    )
    superseded = Exists(newer.filter(status=Status.DONE))
    too_old = Q(created__lt=timezone.now() - dt.timedelta(days=keep_days))
    return (
        GeneratedDocument.objects.exclude(status__in=[Status.QUEUED, Status.RUNNING])
        .filter(Exists(newer))
        .filter(superseded | Q(status=Status.FAILED) | too_old)
        .order_by("pk")
    )


def orphan_files() -> Iterator[str]:
    """Files under documents/ that no document points at, older than ORPHAN_GRACE."""
    referenced = set(GeneratedDocument.objects.exclude(file="").values_list("file", flat=True))
    cutoff = timezone.now() - ORPHAN_GRACE
    for name in _files_under(DOCUMENTS_DIR):
        if name not in referenced and default_storage.get_modified_time(name) < cutoff:
            yield name


def documents_prune(*, keep_days: int | None = None) -> dict[str, int]:
    """Remove expired documents and their files, then orphan files; returns how many of each."""
    removed = 0
    while True:
        with transaction.atomic():
            # Locked and read again under the lock: a document requested again meanwhile is skipped.
            expired = expired_documents(keep_days=keep_days).select_for_update(skip_locked=True)
            batch = list(expired.values_list("pk", "file")[:BATCH])
            if not batch:
                break
            # Without their inputs (whole meetings): the deletion signals need the primary key only.
            GeneratedDocument.objects.filter(pk__in=[pk for pk, _ in batch]).only("pk").delete()
            transaction.on_commit(partial(_delete_files, [file for _, file in batch if file]))
        removed += len(batch)
        if len(batch) < BATCH:
            break
    orphans = list(orphan_files())
    _delete_files(orphans)
    if removed or orphans:
        logger.info("pruned %d generated documents and %d orphan files", removed, len(orphans))
    return {"documents": removed, "orphan_files": len(orphans)}


def _files_under(directory: str) -> Iterator[str]:
    if not default_storage.exists(directory):
        return
    directories, files = default_storage.listdir(directory)
    for name in files:
        yield f"{directory}/{name}"
    for name in directories:
        yield from _files_under(f"{directory}/{name}")


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # The row is gone: the file is an orphan now, and the next run removes it.
            logger.exception("could not delete %s", name)
