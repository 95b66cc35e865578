from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("documents/<int:pk>.pdf", views.document_download, name="download"),
    path("documents/<int:pk>/status", views.document_status, name="status"),
]
