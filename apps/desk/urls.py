from django.urls import path

from .views import agenda, attendance, imports, meetings, statements

app_name = "desk"

urlpatterns = [
    path("meetings/new/", meetings.meeting_new, name="new"),
    path("meetings/<int:pk>/edit/", meetings.editor, name="edit"),
    path("meetings/<int:pk>/edit/attendance/members/", attendance.add_members, name="add_members"),
    path("meetings/<int:pk>/edit/attendance/search/", attendance.search, name="search"),
    path("meetings/<int:pk>/edit/attendance/add/", attendance.add_attendee, name="add_attendee"),
    path("meetings/<int:pk>/edit/attendance/new-person/", attendance.add_new_person, name="add_new_person"),
    path("meetings/<int:pk>/edit/agenda/", agenda.item_add, name="item_add"),
    path("desk/attendance/<int:pk>/", attendance.update, name="attendance"),
    path("desk/attendance/<int:pk>/remove/", attendance.remove, name="attendance_remove"),
    path("desk/agenda/<int:pk>/", agenda.item_update, name="item"),
    path("desk/agenda/<int:pk>/materials/", agenda.material_add, name="material_add"),
    path("desk/agenda/<int:pk>/decisions/", agenda.decision_add, name="decision_add"),
    path("desk/agenda/<int:pk>/statements/", statements.statement_add, name="statement_add"),
    # A statement's actions are sub-paths of its own URL: each row reverses one URL, not four.
    path("desk/statements/<int:pk>/", statements.statement_edit, name="statement"),
    path("desk/statements/<int:pk>/move/", statements.statement_move, name="statement_move"),
    path("desk/statements/<int:pk>/delete/", statements.statement_delete, name="statement_delete"),
    # The import workbench
    path("imports/new/", imports.import_new, name="import_new"),
    path("imports/<int:pk>/", imports.import_detail, name="import"),
    path("imports/<int:pk>/status/", imports.import_status, name="import_status"),
    path("imports/<int:pk>/correct/", imports.import_correct, name="import_correct"),
    path("imports/<int:pk>/match/", imports.import_match, name="import_match"),
    path("imports/<int:pk>/commit/", imports.import_commit, name="import_commit"),
    path("imports/batch/<uuid:batch>/", imports.import_batch, name="import_batch"),
]
