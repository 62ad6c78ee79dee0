"""Celery: the real queue when REDIS_URL is set; without it every job runs inline."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.production")

app = Celery("kehoach")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
