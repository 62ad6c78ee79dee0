from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from project.api import ApiDocsReaders, api_docs_page
from units.forms import PasswordResetByMailForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetByMailForm),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("ngon-ngu/", set_language, name="set_language"),
    path("api/v1/", include("project.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[ApiDocsReaders]), name="api_schema"),
    # The split view serves its start-up script as a file of its own: no inline script (CSP).
    path(
        "api/docs/",
        api_docs_page(SpectacularSwaggerSplitView.as_view(url_name="api_schema")),
        name="api_docs",
    ),
    path("", include("tasks.urls")),
    path("khao-sat/", include("surveys.urls")),
    path("van-ban/", include("documents.urls")),
    path("don-vi/", include("units.urls")),
]

handler403 = "tasks.views.errors.forbidden"
handler404 = "tasks.views.errors.not_found"
