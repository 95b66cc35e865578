from django.urls import path

from . import api

urlpatterns = [
    path("statements/", api.StatementsTableView.as_view(), name="export-statements"),
    path("issues/", api.IssuesTableView.as_view(), name="export-issues"),
    path("matrix/", api.MatrixTableView.as_view(), name="export-matrix"),
    path("attendance/", api.AttendanceTableView.as_view(), name="export-attendance"),
]
