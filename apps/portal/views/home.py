"""The home page: each role's work first (secretariat, chair, member), then what anyone may read."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.access import permissions
from apps.directory.models import Body
from apps.directory.trees import body_tree

from .. import queues

MAX_BODIES = 500


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    published, reports = queues.recent_publications(user=user)
    report_bodies = Body.objects.in_bulk([report.subject_id for report in reports])
    bodies = permissions.visible_bodies(user).only("id", "name", "parent_id", "kind")[:MAX_BODIES]
    context = {
        "secretariat": queues.secretariat_queue(user=user),
        "chair": queues.chair_desk(user=user),
        "member": queues.member_desk(user=user),
        "published": published,
        "reports": [(report, report_bodies.get(report.subject_id)) for report in reports],
        "bodies": body_tree(bodies),
    }
    return render(request, "portal/home.html", context)
