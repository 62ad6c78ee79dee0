"""Deployment checks for several app servers: what would silently stay per machine or per process.

Registered for ``check --deploy``; they speak only when DEPLOYMENT_SERVERS says there is more
than one app server, so a correct one-machine configuration passes ``--fail-level WARNING``.
"""

from django.conf import settings
from django.core.checks import Warning, register

TAG = "kehoach_deployment"
# Session stores that live on one machine (files) or in one process (a cache with no Redis).
PER_MACHINE_SESSIONS = ("django.contrib.sessions.backends.file",)
CACHE_SESSIONS = ("django.contrib.sessions.backends.cache", "django.contrib.sessions.backends.cached_db")


@register(TAG, deploy=True)
def several_servers_check(app_configs=None, **kwargs):
    if getattr(settings, "DEPLOYMENT_SERVERS", 1) <= 1:
        return []
    warnings = []
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend.endswith("FileSystemStorage") and not settings.MEDIA_SHARED:
        warnings.append(
            Warning(
                "Nhiều máy chủ ứng dụng nhưng tệp lưu trên đĩa riêng của từng máy: tệp tải lên ở máy này "
                "không tải được ở máy kia.",
                hint="Đặt STORAGE_BACKEND=s3 (S3_BUCKET, S3_ENDPOINT_URL…), hoặc MEDIA_SHARED=true nếu "
                "MEDIA_ROOT là ổ dùng chung.",
                id="kehoach.W001",
            )
        )
    if not settings.REDIS_URL:
        warnings.append(
            Warning(
                "Nhiều máy chủ ứng dụng nhưng không có REDIS_URL: bộ nhớ đệm và giới hạn số lần gửi tính "
                "riêng từng tiến trình, việc nền chạy ngay trong yêu cầu web.",
                hint="Đặt REDIS_URL=redis://… và chạy celery worker, celery beat.",
                id="kehoach.W002",
            )
        )
    engine = settings.SESSION_ENGINE
    if engine in PER_MACHINE_SESSIONS or (engine in CACHE_SESSIONS and not settings.REDIS_URL):
        warnings.append(
            Warning(
                "Phiên đăng nhập không dùng chung giữa các máy chủ.",
                hint="Dùng django.contrib.sessions.backends.db, hoặc cached_db khi có REDIS_URL "
                "(mặc định của kehoach).",
                id="kehoach.W003",
            )
        )
    return warnings
