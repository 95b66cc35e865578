"""Celery tasks of the importer: they take primary keys and call the workbench."""

from celery import shared_task

from apps.core.tasks import ShingiTask

from . import workbench


@shared_task(base=ShingiTask)
def read_import_run(run_id: int) -> None:
    """Read and parse an uploaded minutes file; the run row reports the progress."""
    workbench.import_run_read(run_id=run_id)
