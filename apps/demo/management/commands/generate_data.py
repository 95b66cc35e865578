"""Synthetic data for benchmarks and load tests: `manage.py generate_data --bodies 30 --meetings 600 …`.

Bodies come in trees (a 検討会, its 作業班 and a タスクグループ), each with a chair, members,
operator representatives and a secretariat; meetings carry attendance, agenda items and
minutes; statements are Japanese text assembled from the reference minutes; every study
group gets open issues with tagged statements, stakeholder positions and assignments to its
task group. The same seed gives the same data on an empty database. Runs add to what is
there (body names get a numbered suffix when taken), so a benchmark can grow a database in
steps. Everything is bulk-inserted in one transaction; on PostgreSQL statements go in by
COPY. The parts live in apps.demo.generator; this module parses the arguments and calls
them in order (the order of random draws is what makes a seed reproducible).
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from apps.demo.generator.directory import bodies_create, organizations_ensure, speakers_create
from apps.demo.generator.meetings import agenda_items_create, attendance_create, meetings_create, minutes_create
from apps.demo.generator.plan import Generation
from apps.demo.generator.register import issues_create
from apps.demo.generator.statements import statements_create
from apps.demo.synthetic import reference_vocabulary


class Command(BaseCommand):
    help = "Generate realistic synthetic bodies, meetings and Japanese statements (deterministic for a seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bodies", type=int, default=6, help="bodies, in trees of study group → 作業班 → TG")
        parser.add_argument("--meetings", type=int, default=60)
        parser.add_argument("--statements", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, bodies: int, meetings: int, statements: int, seed: int, **options) -> None:
        if bodies < 1 or meetings < bodies or statements < 0:
            raise CommandError("Need --bodies ≥ 1, --meetings ≥ --bodies and --statements ≥ 0.")
        started = time.perf_counter()
        generation = Generation.seeded(seed=seed, vocabulary=reference_vocabulary())
        with transaction.atomic():
            counts = _generate(generation=generation, bodies=bodies, meetings=meetings, statements=statements)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Generated {summary} in {time.perf_counter() - started:.1f} s (seed {seed}).")


def _generate(*, generation: Generation, bodies: int, meetings: int, statements: int) -> dict[str, int]:
    """Every part in turn; returns how many rows of each kind were created."""
    organizations = organizations_ensure()
    plans = bodies_create(generation=generation, count=bodies, organizations=organizations)
    people = speakers_create(generation=generation, plans=plans, organizations=organizations)
    meetings_create(generation=generation, plans=plans, count=meetings)
    attendance = attendance_create(generation=generation, plans=plans)
    agenda_items = agenda_items_create(generation=generation, plans=plans)
    statement_ids = statements_create(generation=generation, plans=plans, agenda_items=agenda_items, count=statements)
    issues, tags, positions, assignments = issues_create(
        generation=generation, plans=plans, statement_ids=statement_ids, organizations=organizations
    )
    minutes = minutes_create(plans=plans)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # search picks its strategy from fresh statistics
            cursor.execute("ANALYZE meetings_meeting, meetings_agendaitem, meetings_statement")
    return {
        "bodies": len(plans),
        "people": people,
        "meetings": sum(len(plan.meetings) for plan in plans),
        "attendance rows": attendance,
        "agenda items": sum(len(items) for items in agenda_items.values()),
        "statements": statements,
        "issues": issues,
        "tagged statements": tags,
        "positions": positions,
        "assignments": assignments,
        "minutes": minutes,
    }
