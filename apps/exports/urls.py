from django.urls import path

from . import api, feeds, views

app_name = "exports"

urlpatterns = [
    path("meetings/<int:pk>/akn.xml", views.meeting_akn_xml, name="akn"),
    path("meetings/<int:pk>/minutes.docx", views.meeting_minutes_docx, name="docx"),
    path("bodies/<int:pk>/meetings.ics", api.BodyCalendarView.as_view(), name="calendar"),
    path("bodies/<int:pk>/feed.atom", feeds.BodyFeed(), name="body_feed"),
    path("feeds/minutes.atom", feeds.PublishedFeed(), name="feed"),
]
