from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from apps.core.views import healthz

admin.site.site_header = _("Shingi administration")
admin.site.site_title = _("Shingi")
admin.site.index_title = _("Secretariat")

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("apps.api.urls")),
    path("reports/", include("apps.reports.urls")),
    path("materials/", include("apps.meetings.urls")),
    path("register/", include("apps.deliberation.urls")),
    path("", include("apps.desk.urls")),
    path("", include("apps.exports.urls")),
    path("", include("apps.portal.urls")),
]
# Uploaded files have no public URL: views that check access serve them (apps.core.downloads).
