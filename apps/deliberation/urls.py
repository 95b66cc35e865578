from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("bodies/<int:pk>/", views.register, name="register"),
    path("bodies/<int:pk>/matrix/", views.matrix, name="matrix"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("search/", views.search, name="search"),
    path("statements/<int:pk>/tags/", views.tag_statement, name="tag_statement"),
]
