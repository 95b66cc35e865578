"""`manage.py load_demo [--if-empty]`: the reference meeting, imported through the importer, and demo users.

Each step is a function so that other parts (issue register, portal) can add theirs: append to
DEMO_STEPS or call the functions from their own command.
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.access.roles import make_secretariat
from apps.demo.register import load_register_demo
from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.parser import MinutesError
from apps.importer.services import minutes_file_import
from apps.meetings.models import Meeting
from apps.minutes.models import Minutes

DEMO_MINUTES = Path(__file__).resolve().parents[2] / "data" / "roaming-6th-minutes.txt"
BODY_NAME = "非常時における事業者間ローミング等に関する検討会"
DEMO_ROLES = {
    "secretariat": "secretariat 事務局",
    "chair": "chair 座長",
    "member": "member 構成員",
    "operator": "operator 関係事業者",
    "observer": "observer オブザーバー",
}
DEMO_PASSWORD = "shingi-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass
class DemoLogin:
    role: str
    username: str
    password: str
    person: str


def demo_organizations() -> tuple[Organization, Organization]:
    ministry, _ = Organization.objects.get_or_create(
        name_normalized="総務省", defaults={"name": "総務省", "kind": Organization.Kind.MINISTRY}
    )
    bureau, _ = Organization.objects.get_or_create(
        name_normalized="総合通信基盤局",
        defaults={"name": "総合通信基盤局", "kind": Organization.Kind.BUREAU, "parent": ministry},
    )
    return ministry, bureau


def demo_body(host: Organization) -> Body:
    body, _ = Body.objects.get_or_create(
        name=BODY_NAME, defaults={"short_name": "ローミング検討会", "kind": Body.Kind.STUDY_GROUP, "host": host}
    )
    return body


def demo_meeting(body: Body) -> Meeting:
    """The 6th meeting, read from the published minutes by the importer."""
    meeting = minutes_file_import(path=DEMO_MINUTES, body_name=body.name)
    Minutes.objects.get_or_create(meeting=meeting, defaults={"status": Minutes.Status.DRAFT})
    return meeting


def _login(username: str, person: Person) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.jp"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    if person.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    return user


def _person(family_name: str, *, organization: Organization | None = None, **defaults) -> Person:
    """The imported person if the minutes named them, otherwise a new one."""
    people = Person.objects.filter(family_name=family_name, organization=organization).order_by("id")
    return people.first() or Person.objects.create(family_name=family_name, organization=organization, **defaults)


def _membership(person: Person, body: Body, role: str, on_behalf_of: Organization | None = None) -> None:
    Membership.objects.get_or_create(
        person=person, body=body, role=role, end__isnull=True, defaults={"on_behalf_of": on_behalf_of}
    )


def demo_users(body: Body, bureau: Organization) -> list[DemoLogin]:
    """One login per role, linked to the people the minutes name."""
    logins: list[DemoLogin] = []

    secretariat = _person("事務局", organization=bureau, given_name="担当", title="事務局")
    user = _login("secretariat", secretariat)
    make_secretariat(user)
    _membership(secretariat, body, Membership.Role.SECRETARIAT, bureau)
    logins.append(DemoLogin(DEMO_ROLES["secretariat"], user.username, DEMO_PASSWORD, str(secretariat)))

    chair = _person("相田")
    _membership(chair, body, Membership.Role.CHAIR)
    logins.append(DemoLogin(DEMO_ROLES["chair"], _login("chair", chair).username, DEMO_PASSWORD, str(chair)))

    member = _person("藤井")
    _membership(member, body, Membership.Role.MEMBER)
    logins.append(DemoLogin(DEMO_ROLES["member"], _login("member", member).username, DEMO_PASSWORD, str(member)))

    docomo = Organization.objects.filter(name_normalized="株式会社NTTドコモ").first()
    if docomo is None:
        docomo = Organization.objects.create(name="株式会社NTTドコモ", kind=Organization.Kind.OPERATOR)
    operator = _person("小林", organization=docomo)
    _membership(operator, body, Membership.Role.OPERATOR_REPRESENTATIVE, docomo)
    logins.append(
        DemoLogin(DEMO_ROLES["operator"], _login("operator", operator).username, DEMO_PASSWORD, str(operator))
    )

    police = Organization.objects.filter(name_normalized="警察庁").first()
    observer = _person("オブザーバー", organization=police, given_name="担当")
    _membership(observer, body, Membership.Role.OBSERVER, police)
    logins.append(
        DemoLogin(DEMO_ROLES["observer"], _login("observer", observer).username, DEMO_PASSWORD, str(observer))
    )
    return logins


def existing_demo_logins() -> list[DemoLogin]:
    """The demo logins of an earlier load that still work, for `make run` to print again."""
    logins = []
    for user in User.objects.filter(username__in=DEMO_ROLES).select_related("person"):
        if user.check_password(DEMO_PASSWORD):
            person = getattr(user, "person", None)
            logins.append(DemoLogin(DEMO_ROLES[user.username], user.username, DEMO_PASSWORD, str(person or "")))
    return sorted(logins, key=lambda login: list(DEMO_ROLES).index(login.username))


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    ministry, bureau = demo_organizations()
    body = demo_body(host=bureau)
    meeting = demo_meeting(body)
    logins = demo_users(body, bureau)
    load_register_demo(meeting=meeting, by=User.objects.filter(username="secretariat").first())
    return logins


class Command(BaseCommand):
    help = "Load the demo: the 6th roaming meeting imported from its minutes, and one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database holds a body.")

    def handle(self, *args, if_empty: bool, **options):
        if if_empty and Body.objects.exists():
            self.stdout.write("Demo data not loaded: the database is not empty.")
            self._print_logins(existing_demo_logins())
            return
        try:
            logins = load_demo()
        except MinutesError as exc:
            raise CommandError(f"{DEMO_MINUTES.name}: {exc}", returncode=2) from exc
        meeting = Meeting.objects.get(body__name=BODY_NAME, number=6)
        self.stdout.write(f"Demo meeting: {meeting} (id {meeting.pk})")
        self._print_logins(logins)

    def _print_logins(self, logins: list[DemoLogin]) -> None:
        if not logins:
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<12} {login.role} — {login.person}")
