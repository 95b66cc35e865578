"""`manage.py score_corpus [FOLDER]`: the parser's score on a corpus of minutes read by hand."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.importer.corpus import load_expected, misses, score_corpus, table

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "importer" / "corpus"


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Parse every document of a corpus and print, per field and overall, the share read right."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
        parser.add_argument("--misses", action="store_true", dest="show_misses", help="list every field read wrong")

    def handle(self, *args, folder: str, show_misses: bool = False, **options):
        path = Path(folder)
        score = score_corpus(path)
        self.stdout.write(table(score))
        self.stdout.write(f"{len(score.documents)} documents parsed in {score.seconds * 1000:.0f} ms")
        if show_misses:
            for line in misses(score, load_expected(path)):
                self.stdout.write(line)
