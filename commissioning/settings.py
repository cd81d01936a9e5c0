"""Settings, all from environment variables (12-factor). See `.env.example` for every variable.

With nothing configured the app runs on SQLite with a filesystem-backed Celery queue, so `make run`
works on a machine that has only Python. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=off.
"""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# A development key is allowed only while DEBUG is on; production must set SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="") or ("dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=on for local development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "allauth.usersessions",
    "guardian",
    "simple_history",
    "commissioning",
    "strategies",
    "plans",
    "gateway",
    "members",
    "delivery",
    "meetings",
    "public",  # the public site: meetings, agendas and reports as published, with no sign-in
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our own static files (no CDN)
    "api",
    "demo",  # the demo council (seed_demo): depends on every app above, none on it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "commissioning.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "commissioning.second_factor.SecondFactorRequiredMiddleware",
    "commissioning.middleware.UserSessionActivityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "commissioning.urls"
WSGI_APPLICATION = "commissioning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commissioning.context_processors.app",
            ],
            # One way to write quantities, dates and times in every template (commissioning/formatting.py).
            "builtins": ["commissioning.templatetags.formatting"],
        },
    },
]

# Database: PostgreSQL in production and CI; SQLite (a file under var/) when DATABASE_URL is unset.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file-backed test database, so a Celery worker in another process sees the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "commissioning.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling first: refuses locked-out attempts
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: anonymous people see only the login page
GUARDIAN_MONKEY_PATCH_USER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle, 12 hours in all (commissioning.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env.int("SESSION_ABSOLUTE_HOURS", default=12))
SESSION_WARNING_BEFORE = timedelta(minutes=2)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): five failures lock that username from that address for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# How many proxies of the council's own stand in front of the app, each appending to X-Forwarded-For. Only
# the addresses they wrote are believed (commissioning.clientip): 0 (no proxy) uses the connection's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "commissioning.clientip.client_ip"

# Single sign-on with OpenID Connect (django-allauth; commissioning/sso.py reads these). OIDC_PROVIDERS names
# the council's providers ("entra,okta"); each has OIDC_<NAME>_ISSUER, OIDC_<NAME>_CLIENT_ID,
# OIDC_<NAME>_SECRET and optionally OIDC_<NAME>_LABEL (the button's words). Users are matched by the
# provider's stable subject id ("sub"), never by e-mail, which a directory may reuse.
from commissioning import sso  # noqa: E402  (plain functions of the environment; no Django imports)

SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"APPS": sso.apps_from_environment(env), "OAUTH_PKCE_ENABLED": True}
}
# Roles from the provider's groups claim: "provider-group=Role,..." (roles as in commissioning/roles.py).
OIDC_GROUP_ROLES = sso.parse_group_roles(env.str("OIDC_GROUP_ROLES", default=""))
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
# Whether someone the provider knows but this app does not gets an account at first sign-in.
SSO_CREATE_USERS = env.bool("SSO_CREATE_USERS", default=False)
# Local usernames and passwords; a council signing everyone in through its provider switches them off.
LOCAL_PASSWORDS = env.bool("LOCAL_PASSWORDS", default=True)
ACCOUNT_ADAPTER = "commissioning.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "commissioning.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_FORMS = {"login": "commissioning.forms.LoginForm"}
ACCOUNT_SESSION_REMEMBER = True  # the session lasts as SessionTimeoutMiddleware says, no "remember me"
# Failed passwords are locked out by django-axes (per username and address, AXES_* below). allauth's own
# "login_failed" limit, above axes' so axes locks passwords out first, also throttles second-factor codes: 10
# wrong codes in 5 minutes per account.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip,10/300s/key"}
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # never join a provider's account to a local one by e-mail
SOCIALACCOUNT_LOGIN_ON_GET = False  # the sign-in button posts (a link could be forged to sign someone in)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = not LOCAL_PASSWORDS

# Two-factor authentication (allauth.mfa): an authenticator app (TOTP, shown as a QR code) or a passkey
# (WebAuthn: a security key, or a phone's or laptop's own), with recovery codes. Required for these roles
# (commissioning/roles.py names; administrators manage rights) and superusers, or for everyone; they are sent
# to set one up first, and asked again before creating an API token.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# Signing in with a passkey alone (it proves possession and, by PIN or biometrics, the person). Off when local
# passwords are: then everyone signs in through the council's provider, which refreshes their roles.
MFA_PASSKEY_LOGIN_ENABLED = env.bool("PASSKEY_LOGIN", default=LOCAL_PASSWORDS)
# Passkey sign-ins per address, which a council office behind one address shares: allauth's 10 a minute
# raised to 30, as many as failed passwords (ACCOUNT_RATE_LIMITS); a passkey has no secret to guess.
MFA_RATE_LIMITS = {"webauthn_login": "30/m/ip"}
# MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN stays off (allauth's default): its WebAuthn library (fido2) already
# accepts http://localhost, which browsers treat as secure (the browser tests; `make run` opened as localhost).
# allauth's forms in the site's words (commissioning/forms.py).
MFA_FORMS = {
    "authenticate": "commissioning.forms.SecondFactorCodeForm",
    "add_webauthn": "commissioning.forms.AddPasskeyForm",
    "edit_webauthn": "commissioning.forms.RenamePasskeyForm",
}
MFA_TOTP_ISSUER = env.str("APP_NAME", default="Commissioning")
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=["Administrator"])
MFA_REQUIRED_FOR_ALL = env.bool("MFA_REQUIRED_FOR_ALL", default=False)

# The sign-in audit (commissioning.SignInEvent, in the admin): kept this many days, then purged daily.
SIGN_IN_AUDIT_DAYS = env.int("SIGN_IN_AUDIT_DAYS", default=365)
# One's own sessions (allauth.usersessions): device, address, last seen; end one or all the others.
USERSESSIONS_TRACK_ACTIVITY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The en-GB locale's own formats ('5 Dec 2026', '12:29 p.m.') would win over these without a format module.
FORMAT_MODULE_PATH = ["commissioning.formats"]
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are served only through views that check rights
# Fingerprinted names whenever DEBUG is off; gzip and Brotli copies too unless STATIC_COMPRESS is off (the
# test run: compressing ~1,300 files takes 40 s of CPU, and no test reads a compressed copy).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_COMPRESS", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# Uploads and built meeting packs go to default storage: files under MEDIA_ROOT, or an S3-compatible bucket
# (AWS S3, MinIO, Ceph...) when AWS_STORAGE_BUCKET_NAME is set; boto3 reads AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY from the environment. Files are private and served only through views that check rights.
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
# Size limits (commissioning.limits has the text limits). A form's fields without its files: past
# FORM_MAX_BYTES the request is refused with a page that explains the limit (commissioning.views.bad_request).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("FORM_MAX_BYTES", default=5 * 1024 * 1024)
# The largest uploaded file (evidence, an agenda item's PDF), refused while it streams in
# (commissioning.uploads), so a 1 GB upload is stopped at the limit rather than read in full first.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "commissioning.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The most pages an agenda item's PDF may have: each page is laid into the meeting pack.
APPENDIX_MAX_PAGES = env.int("APPENDIX_MAX_PAGES", default=200)

# A board's quorum unless it sets its own (meetings.models.BoardQuorum): this fraction of its members, and never
# fewer than this many. The council's constitution says it (Council Procedure Rules); the default follows the
# Local Government Act 1972, Sch.12 para 6 (a quarter) and the usual committee minimum of three.
MEETING_QUORUM_FRACTION = env.str("MEETING_QUORUM_FRACTION", default="1/4")
MEETING_QUORUM_MINIMUM = env.int("MEETING_QUORUM_MINIMUM", default=3)
# The municipal year starts at the annual meeting of the council, in May (Local Government Act 1972, Sch.12
# para 1): attendance is counted per municipal year from this month and day.
MUNICIPAL_YEAR_STARTS = env.str("MUNICIPAL_YEAR_STARTS", default="05-01")

# Background jobs: Redis when REDIS_URL is set; otherwise an embedded filesystem queue under var/,
# still run by a separate worker process (never inside the web request).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # A job whose worker vanished (kill -9, a lost machine) is delivered again after this many seconds.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        # How often a worker looks for such jobs (one scan of Redis's unacked index each time).
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=60),
        "unacked_restore_throttle": 1,
        # A web request that writes a job never waits long on a Redis that is down or unreachable: the
        # job is in the outbox and the relay publishes it later (commissioning.outbox).
        "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=2),
    }
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=2)
else:
    _queue = Path(env.str("QUEUE_DIR", default=str(VAR_DIR / "queue")))
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "out"),
        "data_folder_out": str(_queue / "out"),
        "processed_folder": str(_queue / "processed"),
        "control_folder": str(_queue / "control"),  # kombu's default is ./control in the working folder
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_queue / 'results'}"
    for _folder in ("out", "processed", "results", "control"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is delivered again (tasks are safe to run twice)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=2)
# A running pack build renews its heartbeat as it works; one whose heartbeat is older than this has lost its
# worker, and the meeting page says it stalled and offers to restart it (well within two minutes).
PACK_BUILD_HEARTBEAT_TIMEOUT = timedelta(seconds=env.int("PACK_BUILD_HEARTBEAT_SECONDS", default=90))
# A build still waiting for a worker after this long (its job lost with the queue) may be started again.
PACK_BUILD_STALLED_AFTER = timedelta(minutes=env.int("PACK_BUILD_STALLED_MINUTES", default=30))
# Fault injection for the kill -9 test only: the worker waits this long before laying out each part.
PACK_BUILD_PAUSE_SECONDS = env.float("PACK_BUILD_PAUSE_SECONDS", default=0)
# An agenda item's PDF that no meeting's newest pack uses is deleted after this many days (it is kept that
# long so an agenda changed back and forth is not laid out again).
PACK_ITEM_CACHE_DAYS = env.int("PACK_ITEM_CACHE_DAYS", default=14)
# A contract ending within this many days flags its strategy for recommissioning (the contract renewal
# trigger) on the dashboard, and its commissioners are told.
# The statutory timetable of agendas (Local Government Act 1972 s.100B(3)): an agenda and its reports are open to
# the public this many clear working days before the meeting (the day of publication and the day of the meeting
# not counted; weekends and bank holidays skipped). Later, only with the chair's reasons for urgency.
AGENDA_NOTICE_CLEAR_DAYS = env.int("AGENDA_NOTICE_CLEAR_DAYS", default=5)
# Whose bank holidays are not working days: the `holidays` package's subdivision of the UK (ENG, WLS, SCT, NIR).
BANK_HOLIDAYS_SUBDIVISION = env.str("BANK_HOLIDAYS_SUBDIVISION", default="ENG")
# E-mail subscriptions to a board's publications: requests allowed from one address (and to one e-mail) per hour,
# and how long a confirmation link stays good.
SUBSCRIBE_RATE_PER_HOUR = env.int("SUBSCRIBE_RATE_PER_HOUR", default=5)
SUBSCRIBE_CONFIRM_DAYS = env.int("SUBSCRIBE_CONFIRM_DAYS", default=7)
# How long a public page is kept in the cache (it is keyed by the publication it shows, so never stale).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=3600)

RECOMMISSION_HORIZON_DAYS = env.int("RECOMMISSION_HORIZON_DAYS", default=270)
# The council's financial year starts on the 1st of this month (April in English local government): annual KPIs
# report for the year ending the day before, quarterly ones for the quarters of that year (delivery.periods).
FINANCIAL_YEAR_START_MONTH = env.int("FINANCIAL_YEAR_START_MONTH", default=4)
# Members' register of interests (members.interests). Gifts and hospitality at or over this value (£) are
# registered (the council's code of conduct); each member is reminded to review their register this many days
# after a change to it (the 28 days of the Localism Act 2011, s.30), and at the start of each municipal year,
# which starts on the 1st of this month (the annual meeting, usually in May).
INTERESTS_GIFT_THRESHOLD = Decimal(env.str("INTERESTS_GIFT_THRESHOLD", default="50"))
INTERESTS_REVIEW_DAYS = env.int("INTERESTS_REVIEW_DAYS", default=28)
MUNICIPAL_YEAR_START_MONTH = env.int("MUNICIPAL_YEAR_START_MONTH", default=5)
# A dispensation has effect for at most this many years (Localism Act 2011, s.33(3)).
DISPENSATION_MAX_YEARS = env.int("DISPENSATION_MAX_YEARS", default=4)
# Any date a person types must fall between 1 January of this year and this many years from today
# (commissioning.dates): a typo such as 2206 or 1026 is refused instead of saved.
DATE_BOUNDS_EARLIEST_YEAR = env.int("DATE_BOUNDS_EARLIEST_YEAR", default=1990)
DATE_BOUNDS_FUTURE_YEARS = env.int("DATE_BOUNDS_FUTURE_YEARS", default=30)

# Bank holidays for working days (commissioning.dates): the `holidays` package's subdivision of GB
# ("ENG" England, "WLS" Wales, "SCT" Scotland, "NIR" Northern Ireland).
BANK_HOLIDAYS_SUBDIVISION = env.str("BANK_HOLIDAYS_SUBDIVISION", default="ENG")
# Key decisions and call-in: the Local Authorities (Executive Arrangements) (Meetings and Access to
# Information) (England) Regulations 2012 (SI 2012/2089), as a council's constitution applies them.
# reg. 9: a key decision is on the forward plan this many clear days before it is taken.
KEY_DECISION_NOTICE_CLEAR_DAYS = env.int("KEY_DECISION_NOTICE_CLEAR_DAYS", default=28)
# reg. 10 (general exception): notice to the chair of scrutiny, made public, then this many clear days.
GENERAL_EXCEPTION_CLEAR_DAYS = env.int("GENERAL_EXCEPTION_CLEAR_DAYS", default=5)
# The regulation says "clear days"; a constitution that counts them as working days says so here.
GENERAL_EXCEPTION_WORKING_DAYS = env.bool("GENERAL_EXCEPTION_WORKING_DAYS", default=False)
# reg. 5: notice of intention to meet in private, this many clear days before.
PRIVATE_MEETING_NOTICE_CLEAR_DAYS = env.int("PRIVATE_MEETING_NOTICE_CLEAR_DAYS", default=28)
# Call-in (Local Government Act 2000 s.9F and the council's scrutiny procedure rules): an executive
# decision may be called in for this many working days after its notice is published (reg. 12), by this
# many members of scrutiny boards.
CALL_IN_WORKING_DAYS = env.int("CALL_IN_WORKING_DAYS", default=5)
CALL_IN_MEMBERS_NEEDED = env.int("CALL_IN_MEMBERS_NEEDED", default=2)
# How many call-ins (and attempts) one person may submit in an hour.
CALL_IN_RATE_PER_HOUR = env.int("CALL_IN_RATE_PER_HOUR", default=10)
# Periodic jobs (the `beat` service in docker-compose.yml).
CELERY_BEAT_SCHEDULE = {
    # The outbox relay (commissioning.outbox): e-mails and jobs written while the queue was down, and any
    # whose kick was lost. A run not started within its interval is dropped (the next one does its work).
    "relay-outbox": {
        "task": "commissioning.outbox.relay_outbox",
        "schedule": env.int("OUTBOX_RELAY_SECONDS", default=30),
        "options": {"expires": env.int("OUTBOX_RELAY_SECONDS", default=30)},
    },
    "notify-contracts-ending": {"task": "delivery.tasks.notify_contracts_ending", "schedule": 24 * 60 * 60},
    "purge-sign-in-audit": {"task": "commissioning.tasks.purge_sign_in_audit", "schedule": 24 * 60 * 60},
    "remind-interest-reviews": {"task": "members.tasks.remind_interest_reviews", "schedule": 24 * 60 * 60},
    "send-reminders": {"task": "commissioning.reminders.send_reminders", "schedule": 60 * 60},
    "send-daily-digests": {"task": "commissioning.digest.send_digests", "schedule": 24 * 60 * 60},
    "remind-overdue-gateway-actions": {
        "task": "gateway.tasks.remind_overdue_actions",
        "schedule": 24 * 60 * 60,
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_FILE_PATH = env.str(
    "EMAIL_FILE_PATH", default=EMAIL_CONFIG.get("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="commissioning@localhost")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

APP_NAME = env.str("APP_NAME", default="Commissioning")
COUNCIL_NAME = env.str("COUNCIL_NAME", default="Demo County Council")

# The accessibility statement (/accessibility/), which the Public Sector Bodies (Websites and Mobile
# Applications) (No. 2) Accessibility Regulations 2018 require, in the structure of GOV.UK's model statement.
# The enforcement body follows the nation: the Equality and Human Rights Commission in Great Britain, the
# Equality Commission for Northern Ireland there.
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="accessibility@example.gov.uk")
ACCESSIBILITY_CONTACT_PHONE = env.str("ACCESSIBILITY_CONTACT_PHONE", default="01234 567890")
ACCESSIBILITY_RESPONSE_DAYS = env.int("ACCESSIBILITY_RESPONSE_DAYS", default=10)
ACCESSIBILITY_NATION = env.str(
    "ACCESSIBILITY_NATION", default="england"
)  # england, scotland, wales, northern-ireland
# Dates read here, so a mistyped one stops start-up rather than the page.
ACCESSIBILITY_STATEMENT_PREPARED = date.fromisoformat(
    env.str("ACCESSIBILITY_STATEMENT_PREPARED", default="2026-12-05")
)
ACCESSIBILITY_LAST_TESTED = date.fromisoformat(env.str("ACCESSIBILITY_LAST_TESTED", default="2026-12-05"))
if ACCESSIBILITY_NATION not in {"england", "scotland", "wales", "northern-ireland"}:
    raise ImproperlyConfigured("ACCESSIBILITY_NATION is one of england, scotland, wales, northern-ireland")

# Security headers. In production (DEBUG off) cookies are secure, HSTS is on and HTTP redirects to HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp 4): only our own scripts and styles, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The REST API (api/): personal tokens or the browser session, the same rights as the pages (each app's
# permissions module), JSON only, paginated, and rate-limited per token (api.throttling). The limits
# are counted in the cache: local memory per process unless CACHE_URL (e.g. Redis) shares them.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # A Redis that is down or unreachable answers within a second; the limits then count in each process
    # (api.throttling.FallbackCache) rather than fail the request.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=env.float("REDIS_CONNECT_TIMEOUT", default=2), socket_timeout=1
    )
# Signed-in pages kept as rendered per session until the council's data changes (commissioning.pagecache):
# each process's own memory unless PAGE_CACHE_URL names a shared cache; kept at most PAGE_CACHE_SECONDS
# (0 turns it off; off by default with DEBUG, where templates change under a running server).
CACHES["pages"] = env.cache_url("PAGE_CACHE_URL", default="locmemcache://pages")
CACHES["pages"].setdefault("OPTIONS", {}).setdefault(
    "MAX_ENTRIES", env.int("PAGE_CACHE_ENTRIES", default=2000)
)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_TOKEN_RATE", default="600/minute"),
        "session": env.str("API_SESSION_RATE", default="600/minute"),
        "anon": env.str("API_OPEN_DATA_RATE", default="60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{env.str('APP_NAME', default='Commissioning')} API",
    "DESCRIPTION": "Strategies, plans, contracts, KPIs and their actuals, gateway reviews, decisions and "
    "meetings, with the same rights as the pages. Send `Authorization: Bearer <token>` with a personal "
    "token from your profile page. Updates need `If-Match` with the ETag you read.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Record ids in paths (`<id:pk>`, commissioning/converters.py): their range, stated for clients and fuzzers.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "strategies.models.Stage",
        "ScaleOneToFiveEnum": [(n, str(n)) for n in range(1, 6)],
        # An approval request's status, read as a request's status and as a decision record's result.
        "ApprovalStatusEnum": "members.models.ApprovalRequest.Status",
        "ApprovalDecisionKindEnum": "members.models.ApprovalDecision.Kind",
    },
}
# Open data: the prefix of this council's OCDS ids (registered with the Open Contracting Partnership).
OCDS_PREFIX = env.str("OCDS_PREFIX", default="ocds-dcc000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every step of every pack, and fontTools every font it subsets: warnings are enough.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# "Your tasks" (commissioning.worklist): the due dates the records do not hold themselves.
# A scrutiny comment on one's strategy is to be answered within this many days.
TASKS_COMMENT_ANSWER_DAYS = env.int("TASKS_COMMENT_ANSWER_DAYS", default=10)
# A KPI's actual is due this many days after its period ends (the data takes time to come in).
TASKS_KPI_ACTUAL_GRACE_DAYS = env.int("TASKS_KPI_ACTUAL_GRACE_DAYS", default=20)
# An actual not yet due is listed from this many days before its due date.
TASKS_UPCOMING_DAYS = env.int("TASKS_UPCOMING_DAYS", default=30)
# An administrator is asked to settle a request to assign a portfolio holder or a board within this many days.
TASKS_ASSIGNMENT_REQUEST_DAYS = env.int("TASKS_ASSIGNMENT_REQUEST_DAYS", default=5)

# Notifications (commissioning.notifications): kinds always e-mailed at once, whatever a person chose (besides
# those registered as safety-relevant), and the hour (local time) the daily digest goes.
NOTIFICATIONS_ALWAYS_EMAILED = env.list("NOTIFICATIONS_ALWAYS_EMAILED", default=[])
# Reminders (commissioning.reminders), by the beat: this many days before a due date, when overdue, and escalated
# to the accountable commissioner or the chair when still not done this many days after it fell due.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=3)
REMINDER_ESCALATE_AFTER_DAYS = env.int("REMINDER_ESCALATE_AFTER_DAYS", default=7)
