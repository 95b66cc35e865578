"""Who takes part: organizations, people, bodies (a tree of study groups) and memberships."""

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.core.text import normalize


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        BUREAU = "bureau", _("Bureau")
        AGENCY = "agency", _("Agency")
        OPERATOR = "operator", _("Mobile network operator")
        MVNO = "mvno", _("MVNO")
        ASSOCIATION = "association", _("Association")
        ACADEMIA = "academia", _("Academia")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # NFKC form of the name, for matching ＮＴＴ against NTT.
    name_normalized = models.CharField(_("normalized name"), max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name_normalized"], name="organization_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def top_level(self) -> "Organization":
        """The ministry (or other top-level organization) this one belongs to: 総合通信基盤局 → 総務省."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def save(self, *args, **kwargs):
        self.name_normalized = normalize(self.name)
        super().save(*args, **kwargs)


class Person(TimeStampedModel):
    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(_("given name"), max_length=50, blank=True)
    name_kana = models.CharField(_("name in kana"), max_length=100, blank=True)
    title = models.CharField(_("current title"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("current organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_kana", "family_name", "given_name", "id"]
        # Held by directory administrators, never by the secretariat group (apps.access.roles).
        permissions = [("link_person_user", _("Can link a user account to a person"))]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


class BodyQuerySet(models.QuerySet["Body"]):
    def subtree_ids(self) -> set[int]:
        """Ids of these bodies and of every body below them.

        One recursive query, whatever the depth: it runs on every API request and page view,
        and a round trip to the database costs more than anything else here.
        """
        try:
            sql, params = self._subtree_sql()
        except EmptyResultSet:  # e.g. pk__in=[]: nothing to start from
            return set()
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    def subtree_ids_subquery(self) -> RawSQL:
        """The ids of subtree_ids() as a sub-select, for the query that filters by them: no round trip.

        Raises EmptyResultSet, as Django's compiler does, when there are no bodies to start from.
        """
        sql, params = self._subtree_sql()
        return RawSQL(sql, params, output_field=models.IntegerField())  # noqa: S611 - the ORM's SQL, values as parameters

    def _subtree_sql(self) -> tuple[str, tuple]:
        seed, params = self.order_by().values("pk").query.sql_with_params()
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        # UNION (not UNION ALL) drops rows already seen, so even a cycle in the tree ends.
        sql = (
            f"WITH RECURSIVE tree(id) AS ({seed} UNION SELECT child.id FROM {table} child "  # noqa: S608 - names from _meta
            "JOIN tree ON child.parent_id = tree.id) SELECT id FROM tree"
        )
        return sql, params


class Body(TimeStampedModel):
    """A study group, council, working party or task group; all of them form one tree."""

    class Kind(models.TextChoices):
        STUDY_GROUP = "study_group", _("Study group (検討会)")
        WORKING_PARTY = "working_party", _("Working party (作業班)")
        WORKING_GROUP = "working_group", _("Working group")
        TASK_GROUP = "task_group", _("Task group")
        COUNCIL = "council", _("Council (審議会)")
        COMMITTEE = "committee", _("Committee")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STUDY_GROUP)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    host = models.ForeignKey(
        Organization,
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_bodies",
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    mandate = models.TextField(_("mandate"), blank=True)

    history = HistoricalRecords()

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="body_unique_name"),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(established_on__isnull=True)
                | Q(dissolved_on__gte=F("established_on")),
                name="body_dissolved_after_established",
                violation_error_message=_("A body cannot be dissolved before it is established."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="body_not_own_parent",
                violation_error_message=_("A body cannot be its own parent."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def descendant_ids(self) -> set[int]:
        """Ids of this body and of every body below it (one query)."""
        return Body.objects.filter(pk=self.pk).subtree_ids()

    def descendant_ids_subquery(self) -> RawSQL:
        """descendant_ids() as a sub-select of the query that needs them."""
        return Body.objects.filter(pk=self.pk).subtree_ids_subquery()

    def tree_ids(self) -> set[int]:
        """Ids of every body of this body's tree: its topmost ancestor and all below it."""
        root_id, seen = self.pk, {self.pk}
        parent_id = self.parent_id
        while parent_id is not None and parent_id not in seen:  # `seen`: even a cycle ends
            root_id = parent_id
            seen.add(parent_id)
            parent_id = Body.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        return Body.objects.filter(pk=root_id).subtree_ids()


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair (座長)")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair (座長代理)")
        MEMBER = "member", _("Member (構成員)")
        EXPERT = "expert", _("Expert")
        OPERATOR_REPRESENTATIVE = "operator_representative", _("Operator representative")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("Secretariat (事務局)")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.MEMBER)
    on_behalf_of = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body_id", "role", "person_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "body", "role"],
                condition=Q(end__isnull=True),
                name="membership_unique_current_role",
                violation_error_message=_("This person already holds this role in this body."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.body} ({self.get_role_display()})"
