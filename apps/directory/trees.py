"""Bodies as a tree (study group → working party → task group), for lists and choice fields."""

from collections import defaultdict
from collections.abc import Iterable

from apps.directory.models import Body


def body_tree(bodies: Iterable[Body]) -> list[tuple[Body, int]]:
    """The bodies in tree order with their depth; a body whose parent is not among them is a root."""
    bodies = list(bodies)
    known = {body.pk for body in bodies}
    children: dict[int | None, list[Body]] = defaultdict(list)
    for body in bodies:
        children[body.parent_id if body.parent_id in known else None].append(body)
    ordered: list[tuple[Body, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for body in sorted(children[parent_id], key=lambda b: (b.name, b.pk)):
            ordered.append((body, depth))
            walk(body.pk, depth + 1)

    walk(None, 0)
    return ordered


def tree_choice_label(body: Body, depth: int) -> str:
    """A body's label in a select, indented by its depth (a select has no nesting of its own)."""
    return f"{'　' * depth}{'└ ' if depth else ''}{body.name}"
