"""Test runs: fast hashing, in-memory e-mail, plain static storage."""

import tempfile

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="kehoach-test-media-")
# Serve static files from the app folders: tests do not run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Whatever the developer's environment says (REDIS_URL…), tests run jobs inline and cache in memory.
# Only the worker processes a test starts itself (the real Celery worker tests) get a broker, by
# a variable of their own.
REDIS_URL = env_str("KEHOACH_TEST_REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# As with Redis in production: a test is one process, so the in-memory cache is the shared one.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Whatever the developer's environment says (LDAP_SERVER_URI…), local accounts only: the directory
# tests start their own slapd and switch the directory on themselves.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LDAP_GROUP_ROLES = []
# Jobs run inline in tests: a preview drawn by LibreOffice for every document a test generates would
# cost seconds each. The tests of the automatic preview switch it on themselves.
DOCUMENT_PREVIEW_ON_GENERATE = False
