"""`manage.py parse_minutes PATH`: print the structure read from a minutes file as JSON, write nothing.

The JSON goes to stdout; a one-line summary of the line accounting goes to stderr: the share
of the source's non-blank characters that landed in a field, and the lines that did not.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from apps.importer.parser import MinutesError, parse_minutes
from apps.importer.sources import read_minutes_text


class Command(BaseCommand):
    # Bad input must produce exactly one line on stderr; the system checks have their own command.
    requires_system_checks: list[str] = []
    help = "Parse a minutes file (.txt, .docx, .pdf) and print its structure as one JSON object."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        try:
            parsed = parse_minutes(read_minutes_text(path))
        except MinutesError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from exc
        self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False))
        unplaced = ", ".join(str(u.line) for u in parsed.unplaced) or "none"
        placed = parsed.line_count - len(parsed.unplaced)
        self.stderr.write(
            f"layout {parsed.layout}; coverage {parsed.coverage:.1%} of non-blank characters; "
            f"{placed} of {parsed.line_count} lines placed; unplaced lines: {unplaced}"
        )
