"""python manage.py prune_documents [--days N] [--dry-run]: what the hourly beat task does, now."""

from django.core.management.base import BaseCommand, CommandParser

from apps.reports.retention import documents_prune, expired_documents, orphan_files


class Command(BaseCommand):
    help = (
        "Remove generated documents superseded by a newer one, failed, or older than REPORTS_RETENTION_DAYS "
        "(never the latest of a subject, never one being rendered), with their files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, help="Keep documents this many days (default REPORTS_RETENTION_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            for document in expired_documents(keep_days=options["days"]):
                self.stdout.write(f"{document.pk}\t{document.kind}\t{document.status}\t{document.file.name or '-'}")
            for name in orphan_files():
                self.stdout.write(f"-\torphan\t-\t{name}")
            return
        pruned = documents_prune(keep_days=options["days"])
        self.stdout.write(f"Removed {pruned['documents']} documents and {pruned['orphan_files']} orphan files.")
