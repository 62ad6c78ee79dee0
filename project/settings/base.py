"""Settings shared by every environment; differences come from env vars."""

import datetime as dt
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from core.sheets import SafeCSV, SafeXLSX

from .env import env_bool, env_database, env_int, env_list, env_str
from .ldap import ldap_settings, with_directory

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "core",
    "simple_history",
    "units",
    "plans",
    "tasks",
    "surveys",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (below: CONTENT_SECURITY_POLICY).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "project.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Edit history records the signed-in user as the author of every change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "project.middleware.OutOfRangeIdMiddleware",
    # Last: it answers a locked-out login with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"
ASGI_APPLICATION = "project.asgi.application"

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
                "django.template.context_processors.i18n",
                "units.context_processors.access",
                "tasks.context_processors.notifications",
            ],
        },
    },
    # Only the row partials of long lists (``*.jinja``, core/jinja.py); pages stay Django templates.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja.environment"},
    },
]

DATABASES = {"default": env_database(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes) comes first and refuses a locked-out login before any password is
# checked; then the office directory when configured (project/settings/ldap.py); local accounts last.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LDAP_GROUP_ROLES: list[tuple[str, str, str]] = []
DIRECTORY = ldap_settings()
if DIRECTORY:
    globals().update(DIRECTORY)
    AUTHENTICATION_BACKENDS = with_directory(AUTHENTICATION_BACKENDS)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Day-first dates and "." thousands for both languages (project/formats/).
FORMAT_MODULE_PATH = ["project.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files (evidence, imports, letters, archive, PDF, templates) go through
# the storage API only: the local disk by default, S3-compatible object storage (MinIO, a
# government cloud's) with STORAGE_BACKEND=s3, so every app server sees the same files.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local").strip().lower()
if STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY") or None,
            "secret_key": env_str("S3_SECRET_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "location": env_str("S3_PREFIX"),
            "addressing_style": "path",  # MinIO and most private clouds
            "default_acl": None,
            "file_overwrite": False,
            # Files are streamed through views that check access; no public or signed links.
            "querystring_auth": True,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Evidence files are never served from MEDIA_URL: a view checks access first.
MEDIA_URL = "/media-not-served/"
# Several app servers behind a load balancer: the deployment checks then ask for shared files
# (S3, or MEDIA_SHARED=true for a shared mount) and Redis.
DEPLOYMENT_SERVERS = env_int("DEPLOYMENT_SERVERS", 1)
MEDIA_SHARED = env_bool("MEDIA_SHARED", False)
# Sessions in the database: any app server reads them (with Redis, through the shared cache below).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The admin's spreadsheet exports: .xlsx and .csv only, each cell written by core/sheets.py
# (a text that starts like a formula stays text, control characters go).
EXPORT_FORMATS = [SafeXLSX, SafeCSV]

EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kehoach@localhost")

# Days before a due date that count as "sắp đến hạn" on dashboards.
DUE_SOON_DAYS = env_int("DUE_SOON_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Plan imports (.docx/.xlsx/.csv): the upload and what it may unpack to.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
# The public survey form: proxies in front of the app (nginx: 1), accepted forms per client
# address and per counter kiosk, and how long an identical form counts as sent twice.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SURVEY_PUBLIC_RATE = env_str("SURVEY_PUBLIC_RATE", "10/10m")
SURVEY_KIOSK_RATE = env_str("SURVEY_KIOSK_RATE", "120/h")
SURVEY_SAME_FORM_SECONDS = env_int("SURVEY_SAME_FORM_SECONDS", 300)
# A survey spreadsheet is a large table: about 30 XML elements a row, so 200 000 rows.
SURVEY_IMPORT_MAX_XML_ELEMENTS = env_int("SURVEY_IMPORT_MAX_XML_ELEMENTS", 6_000_000)

# Content-Security-Policy: everything from this site only; a script runs only from a file of this
# site or with the page's nonce (``nonce="{{ request.csp_nonce }}"``), never from an inline handler.
# Inline styles stay allowed: the admin and Swagger UI write some, and CSS cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one account from one address the
# login is refused for AXES_COOLOFF_MINUTES (0: until Nội vụ unlocks it on the person's page).
# The address is the one the trusted proxies saw (core.http, as for the public form).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 30)
AXES_COOLOFF_TIME = dt.timedelta(minutes=AXES_COOLOFF_MINUTES) if AXES_COOLOFF_MINUTES > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.http.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.login.login_locked_response"

# API (/api/v1/): tokens bound to a unit for other systems, sessions for the browser.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "units.apis.authentication.UnitTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "project.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "project.api_schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_RATE_ANON", "60/min"),
        "user": env_str("API_RATE_USER", "600/min"),
    },
    "EXCEPTION_HANDLER": "project.api.exception_handler",
}
# The API's schema and docs page: for signed-in people only, unless the office publishes them.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)
SPECTACULAR_SETTINGS = {
    "TITLE": "kehoach API",
    "DESCRIPTION": "Kế hoạch, nhiệm vụ, nghĩa vụ báo cáo, khảo sát sự hài lòng.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page works offline: Swagger UI and Redoc come from drf-spectacular-sidecar.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Notifications: in-app always; these channels too (e-mail; SMS/Zalo senders plug in here).
NOTIFICATION_CHANNELS = env_list("NOTIFICATION_CHANNELS", "core.channels.EmailChannel")
# Absolute address of the site, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Background jobs: Celery with Redis when REDIS_URL is set, otherwise run inline (nothing to start).
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
if REDIS_URL:
    # One cache for every worker process: the public survey form's rate limit counts across them.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # A request reads its session from Redis and the database only on a miss: one query fewer
    # per request. Without Redis the cache would be per process (a logout on one worker unseen by
    # the next), so the plain database store stays.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# A worker killed mid-task gives its message back, and the job runner's lease decides what runs.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# How long a running job holds its claim without reporting progress before it counts as abandoned.
JOB_LEASE_SECONDS = env_int("JOB_LEASE_SECONDS", 600)
# Document previews (documents.preview): "auto" draws page images with LibreOffice when it is
# installed, "html" always gives the HTML rendering; the conversion is stopped after the time limit.
DOCUMENT_PREVIEW = env_str("DOCUMENT_PREVIEW", "auto")
DOCUMENT_PREVIEW_TIMEOUT = env_int("DOCUMENT_PREVIEW_TIMEOUT", 90)
DOCUMENT_PREVIEW_MAX_PAGES = env_int("DOCUMENT_PREVIEW_MAX_PAGES", 40)
# Draw the preview as soon as a document is generated or registered (a job, after the commit).
DOCUMENT_PREVIEW_ON_GENERATE = env_bool("DOCUMENT_PREVIEW_ON_GENERATE", True)
CELERY_BEAT_SCHEDULE = {
    "nightly-dashboard-counts": {
        "task": "tasks.jobs.summaries_rebuild_task",
        "schedule": crontab(hour=0, minute=2),
        "options": {"expires": 60 * 60 * 6},
    },
    "daily-reminders": {
        "task": "tasks.jobs.send_reminders_task",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 60 * 60 * 12},
    },
}
