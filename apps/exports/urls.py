from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("meetings/<int:pk>/akn.xml", views.meeting_akn_xml, name="akn"),
    path("meetings/<int:pk>/minutes.docx", views.meeting_minutes_docx, name="docx"),
]
