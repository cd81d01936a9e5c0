"""The root URLconf. The apps' URLs are included by dotted path, so the core imports no app."""

from allauth.mfa import app_settings
from allauth.mfa.webauthn.views import login_webauthn
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from . import views

urlpatterns = [
    # The REST API first: no other pattern starts with api/, and each call would otherwise be tried against
    # the ~360 page patterns before it.
    path("api/", include("api.urls")),
    path("", include("strategies.dashboard_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("tasks/", views.tasks, name="tasks"),
    path("search/", views.search_page, name="search"),
    path("notifications/", views.notice_list, name="notifications"),
    path("notifications/count/", views.notice_count, name="notification-count"),
    path("notifications/read/", views.notice_read, name="notification-read"),
    path("notifications/settings/", views.notice_settings, name="notification-settings"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("guidance/", views.guidance, name="guidance"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/sessions/<id:pk>/end/", views.end_session, name="end-session"),
    # django-allauth: single sign-on (accounts/oidc/<provider>/login/ and its callback), second factors.
    path("accounts/", include("allauth.urls")),
    path("session/status/", views.session_status, name="session-status"),
    path("session/extend/", views.session_extend, name="session-extend"),
    # Before strategies: members' pages under strategies/<pk>/ (approvals, scrutiny, councillors) would
    # otherwise be read as strategy sections.
    path("", include("members.urls")),
    path("", include("gateway.urls")),
    path("", include("delivery.urls")),
    path("", include("meetings.urls")),
    path("strategies/", include("strategies.urls")),
    path("plans/", include("plans.urls")),
    path("django-admin/", admin.site.urls),
    # The REST API's pages: personal tokens on the profile page, and the open data.
    path("account/", include("api.account_urls")),
    path("open-data/", include("api.opendata_urls")),
    # The public site: published meetings, agendas and reports, with no sign-in.
    path("public/", include("public.urls")),
]

if app_settings.PASSKEY_LOGIN_ENABLED:
    # allauth's passkey sign-in, open before signing in like the sign-in page (LoginRequiredMiddleware), and
    # matched before allauth's own pattern for the same address.
    urlpatterns.insert(
        0, path("accounts/2fa/webauthn/login/", login_not_required(login_webauthn), name="mfa_login_webauthn")
    )

handler400 = "commissioning.views.bad_request"
handler403 = "commissioning.views.forbidden"
handler404 = "commissioning.views.not_found"
handler500 = "commissioning.views.server_error"
