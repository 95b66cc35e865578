"""Celery tasks of the reports: they take primary keys and call the services."""

from celery import shared_task

from apps.core.tasks import ShingiTask

from . import retention, services


@shared_task(base=ShingiTask, bind=True, max_retries=20)
def render_document(self, document_id: int) -> None:
    try:
        services.document_render(document_id=document_id)
    except services.DocumentBusy as exc:
        if self.request.is_eager:
            return  # in-process: the request holding the job is rendering it right now
        # Another worker holds the job: look again once its heartbeat would have gone stale.
        raise self.retry(exc=exc, countdown=services.STALE_AFTER.total_seconds()) from exc


@shared_task(base=ShingiTask)
def requeue_stale_documents() -> int:
    """For the beat schedule: resend jobs whose worker died or whose message was lost."""
    return services.documents_requeue_stale()


@shared_task(base=ShingiTask)
def prune_documents() -> dict[str, int]:
    """For the beat schedule: remove superseded, failed and old documents with their files."""
    return retention.documents_prune()
