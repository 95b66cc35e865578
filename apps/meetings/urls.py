from django.urls import path

from . import views

app_name = "materials"

urlpatterns = [
    path("<int:pk>/file", views.material_file, name="file"),
]
