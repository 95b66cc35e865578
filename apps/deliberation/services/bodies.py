"""Setting up a working party (作業班) with its task groups and working groups."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.history import save_checked
from apps.directory.models import Body


@dataclass(frozen=True)
class SubGroupSpec:
    name: str
    kind: str = Body.Kind.TASK_GROUP
    short_name: str = ""
    mandate: str = ""


@transaction.atomic
def working_party_create(
    *,
    parent: Body,
    name: str,
    by: User | None,
    short_name: str = "",
    mandate: str = "",
    established_on: date | None = None,
    sub_groups: Iterable[SubGroupSpec] = (),
) -> Body:
    """A working party (作業班) under a study group, with its task and working groups, in one go."""
    if parent.kind not in {Body.Kind.STUDY_GROUP, Body.Kind.COUNCIL, Body.Kind.COMMITTEE}:
        raise ValidationError({"parent": _("A working party is set up under a study group, council or committee.")})
    party = Body(
        name=name.strip(),
        short_name=short_name.strip(),
        kind=Body.Kind.WORKING_PARTY,
        parent=parent,
        host=parent.host,
        established_on=established_on,
        mandate=mandate.strip(),
    )
    save_checked(party, by)
    for line, spec in enumerate(sub_groups, start=1):
        if spec.kind not in {Body.Kind.TASK_GROUP, Body.Kind.WORKING_GROUP}:
            raise ValidationError(_("Sub-group %(line)d: a task group or a working group.") % {"line": line})
        group = Body(
            name=spec.name.strip(),
            short_name=spec.short_name.strip(),
            kind=spec.kind,
            parent=party,
            host=parent.host,
            established_on=established_on,
            mandate=spec.mandate.strip(),
        )
        try:
            save_checked(group, by)
        except ValidationError as error:
            raise ValidationError(
                _("Sub-group %(line)d (%(name)s): %(error)s")
                % {"line": line, "name": spec.name, "error": "; ".join(error.messages)}
            ) from error
    return party
