"""The tree of bodies: every body below a body, found in one query whatever the depth."""

import pytest

from apps.directory.models import Body


@pytest.fixture
def tree(db):
    """study group → working party → two task groups → a sub-team; and an unrelated body."""
    root = Body.objects.create(name="検討会")
    party = Body.objects.create(name="作業班", parent=root, kind=Body.Kind.WORKING_PARTY)
    mvno = Body.objects.create(name="MVNOタスクグループ", parent=party, kind=Body.Kind.TASK_GROUP)
    iot = Body.objects.create(name="IoTタスクグループ", parent=party, kind=Body.Kind.TASK_GROUP)
    team = Body.objects.create(name="技術検討チーム", parent=mvno, kind=Body.Kind.TASK_GROUP)
    other = Body.objects.create(name="別の検討会")
    return root, party, mvno, iot, team, other


def test_descendant_ids_reach_every_level_in_one_query(tree, django_assert_num_queries):
    root, party, mvno, iot, team, other = tree
    with django_assert_num_queries(1):
        ids = root.descendant_ids()
    assert ids == {root.pk, party.pk, mvno.pk, iot.pk, team.pk}
    assert mvno.descendant_ids() == {mvno.pk, team.pk}
    assert team.descendant_ids() == {team.pk}


def test_subtree_ids_of_several_bodies_and_of_a_subquery(tree, django_assert_num_queries):
    root, party, mvno, iot, team, other = tree
    with django_assert_num_queries(1):
        ids = Body.objects.filter(
            pk__in=Body.objects.filter(name__endswith="タスクグループ").values("pk")
        ).subtree_ids()
    assert ids == {mvno.pk, iot.pk, team.pk}
    assert Body.objects.filter(pk__in=[iot.pk, other.pk]).subtree_ids() == {iot.pk, other.pk}
    assert Body.objects.none().subtree_ids() == set()


def test_a_cycle_in_the_tree_still_ends(tree):
    root, party, mvno, iot, team, other = tree
    # The model forbids a body being its own parent, not longer loops; the walk must end anyway.
    Body.objects.filter(pk=root.pk).update(parent=team)
    assert root.descendant_ids() == {root.pk, party.pk, mvno.pk, iot.pk, team.pk}


def test_the_subtree_as_a_sub_select_costs_no_query_of_its_own(tree, django_assert_num_queries):
    root, party, mvno, iot, team, other = tree
    with django_assert_num_queries(1):
        below_mvno = set(Body.objects.filter(pk__in=mvno.descendant_ids_subquery()).values_list("pk", flat=True))
    assert below_mvno == {mvno.pk, team.pk}
    everything = Body.objects.filter(pk__in=Body.objects.filter(pk__in=[party.pk, other.pk]).subtree_ids_subquery())
    assert set(everything.values_list("pk", flat=True)) == {party.pk, mvno.pk, iot.pk, team.pk, other.pk}
