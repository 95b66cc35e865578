"""The secretariat's Django permissions: one group, granted to every secretariat account."""

from django.contrib.auth.models import Group, Permission, User

from apps.access.directory import LINK_USER_PERMISSION

SECRETARIAT_GROUP = "事務局"
# Apps whose records the secretariat keeps in the admin.
SECRETARIAT_APPS = ("directory", "meetings", "deliberation", "minutes", "reports", "api")


def secretariat_group() -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    # Linking accounts to people decides who acts as whom: directory administrators only.
    app_label, codename = LINK_USER_PERMISSION.split(".")
    group.permissions.set(permissions.exclude(content_type__app_label=app_label, codename=codename))
    return group


def make_secretariat(user: User) -> None:
    """Give an account admin access with the secretariat's permissions."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(secretariat_group())
