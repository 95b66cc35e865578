"""The register of every study group: open issues, tagged statements, positions, assignments."""

import datetime as dt

from apps.deliberation.models import Assignment, Issue, IssueStatement, Position
from apps.demo.generator.plan import BATCH, BodyPlan, Generation
from apps.demo.generator.reference import ISSUE_TITLES, POSITION_SUMMARIES
from apps.directory.models import Organization


def issues_create(
    *,
    generation: Generation,
    plans: list[BodyPlan],
    statement_ids: dict[int, list[int]],
    organizations: dict[str, Organization],
) -> tuple[int, int, int, int]:
    """Every study group: open issues with tagged statements, positions and assignments.

    Returns how many issues, tagged statements, positions and assignments were created.
    """
    rng = generation.rng
    operators = [org for org in organizations.values() if org.kind in {"operator", "mvno"}]
    issues: list[Issue] = []
    for plan in plans:
        if plan.body != plan.root or not plan.meetings:
            continue
        for number, title in enumerate(rng.sample(ISSUE_TITLES, k=6), start=1):
            status = rng.choice(("open", "open", "assigned", "in_progress", "deferred"))
            if status == "assigned" and plan.task_group is None:
                status = "open"
            issues.append(
                Issue(
                    body=plan.body,
                    code=f"I-{number:03d}",
                    number=number,  # bulk_create skips Issue.save(), which would derive it
                    title=title,
                    description=rng.choice(generation.vocabulary.endings),
                    status=status,
                    priority=rng.choice((1, 2, 2, 3)),
                    raised_in=rng.choice(plan.meetings),
                )
            )
    Issue.objects.bulk_create(issues, batch_size=BATCH)

    plan_of_root = {plan.root.pk: plan for plan in plans if plan.body == plan.root}
    tags: list[IssueStatement] = []
    positions: list[Position] = []
    assignments: list[Assignment] = []
    for issue in issues:
        plan = plan_of_root[issue.body_id]
        candidates = statement_ids.get(issue.body_id, [])
        tagged = rng.sample(candidates, k=min(len(candidates), max(1, len(candidates) // 40)))
        tags.extend(IssueStatement(issue=issue, statement_id=statement_id) for statement_id in tagged)
        for meeting in rng.sample(plan.meetings, k=min(2, len(plan.meetings))):
            for operator in rng.sample(operators, k=3):
                stance = rng.choice(list(POSITION_SUMMARIES))
                positions.append(
                    Position(
                        issue=issue,
                        organization=operator,
                        meeting=meeting,
                        stance=stance,
                        summary=POSITION_SUMMARIES[stance],
                    )
                )
        raised_in = issue.raised_in
        if issue.status in {"assigned", "in_progress"} and plan.task_group is not None and raised_in:
            assignments.append(
                Assignment(
                    issue=issue,
                    task_group=plan.task_group,
                    assigned_in=raised_in,
                    due_on=raised_in.starts_at.date() + dt.timedelta(days=90),
                )
            )
    IssueStatement.objects.bulk_create(tags, batch_size=BATCH)
    Position.objects.bulk_create(positions, batch_size=BATCH)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    return len(issues), len(tags), len(positions), len(assignments)
