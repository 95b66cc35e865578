from django.contrib.auth import views as auth_views
from django.urls import path

from .views import documents, home, manage, notifications, public, reviews

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("bodies/<int:pk>/", public.body_detail, name="body"),
    path("meetings/<int:pk>/", public.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/history/", public.meeting_history, name="meeting_history"),
    path("meetings/<int:pk>/pdf/", documents.request_minutes_pdf, name="request_pdf"),
    path("bodies/<int:pk>/report/", documents.request_progress_report, name="request_report"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
    path("notifications/read/", notifications.notifications_read_all, name="notifications_read_all"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
    # The reviewer
    path("reviews/", reviews.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/approve-all/", reviews.review_approve_all, name="review_approve_all"),
    path(
        "reviews/<int:pk>/statements/<int:statement_pk>/approve/",
        reviews.review_approve_statement,
        name="review_approve_statement",
    ),
    path("reviews/<int:pk>/statements/<int:statement_pk>/suggest/", reviews.review_suggest, name="review_suggest"),
    # The secretariat
    path("meetings/<int:pk>/manage/", manage.manage, name="manage"),
    path("meetings/<int:pk>/send-for-review/", manage.send_for_review, name="send_for_review"),
    path("meetings/<int:pk>/approve/", manage.approve, name="approve"),
    path("meetings/<int:pk>/publish/", manage.publish, name="publish"),
    path("meetings/<int:pk>/errata/", manage.add_erratum, name="add_erratum"),
    path("meetings/<int:pk>/record-approvals/", manage.record_approvals, name="record_approvals"),
    path("suggestions/<int:pk>/accept/", manage.accept_suggestion, name="accept_suggestion"),
    path("suggestions/<int:pk>/reject/", manage.reject_suggestion, name="reject_suggestion"),
    path("statements/<int:pk>/edit/", manage.edit_statement, name="edit_statement"),
]
