"""`manage.py import_minutes PATH --body NAME [--number N] [--create-body] [--confirm-directory-matches]`:
persist a minutes file, print the meeting id. The import records attendance; it never makes anyone a
member of the body. A printed name whose match is a person of other bodies only is a proposal,
printed with its line, and recorded as a new person unless --confirm-directory-matches is given."""

from django.core.management.base import BaseCommand, CommandError

from apps.directory.models import Body
from apps.importer.matching import DIRECTORY_PROPOSAL, NONE_CONFIRMED, Confirmations
from apps.importer.parser import MinutesError
from apps.importer.services import minutes_file_import


class Command(BaseCommand):
    # Bad input must produce exactly one line on stderr; the system checks have their own command.
    requires_system_checks: list[str] = []
    help = "Import a minutes file into a body's meeting (re-importing replaces the same meeting)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--body", required=True, help="Name of the body (検討会) the meeting belongs to.")
        parser.add_argument("--number", type=int, help="Meeting number (第N回) when the title does not say it.")
        parser.add_argument(
            "--create-body", action="store_true", help="Create the body if none has this name (else: refused)."
        )
        parser.add_argument(
            "--confirm-directory-matches",
            action="store_true",
            help="Record attendees under the people of other bodies proposed for them (else: new people, "
            "and each proposal is printed). Attendance only: no membership.",
        )

    def handle(
        self,
        *args,
        path: str,
        body: str,
        number: int | None,
        create_body: bool,
        confirm_directory_matches: bool,
        **options,
    ):
        if number is not None and number < 1:
            raise CommandError(f"--number: must be 1 or more, not {number}", returncode=2)
        # A misspelt name must not quietly start a new body.
        if not create_body and not Body.objects.filter(name=body.strip()).exists():
            raise CommandError(
                f"--body: no body is named “{body}”; check the spelling, or pass --create-body to create it",
                returncode=2,
            )
        confirmed = Confirmations(everyone=True) if confirm_directory_matches else NONE_CONFIRMED
        try:
            meeting = minutes_file_import(path=path, body_name=body, number=number, confirmed=confirmed)
        except MinutesError as exc:
            raise CommandError(f"{path}: {exc}", returncode=2) from exc
        self.stdout.write(str(meeting.pk))
        proposals = 0
        for warning in meeting.import_warnings:
            proposal = warning.get("kind") == DIRECTORY_PROPOSAL
            proposals += proposal
            label = "proposal" if proposal else "warning"
            self.stderr.write(f"{label}: {path}: line {warning['line']}: {warning['message']}")
        if proposals:
            self.stderr.write(
                f"{proposals} proposed match(es) to people of other bodies: import again with "
                "--confirm-directory-matches to record those attendees under them."
            )
