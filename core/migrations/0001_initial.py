"""The shared records, moved here from ``tasks`` without touching their tables.

The tables (``tasks_job``, ``tasks_notification``, ``tasks_notificationpreference``,
``tasks_calendarday``) are created by tasks' migrations 0004–0005, which run first
(tasks 0009 declares ``run_before`` this one); here they only enter core's state.
"""

import core.notification_kinds
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CalendarDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(unique=True, verbose_name='ngày')),
                        ('is_day_off', models.BooleanField(help_text='Bỏ chọn nếu đây là ngày làm việc bù (ví dụ thứ Bảy đi làm).', verbose_name='là ngày nghỉ')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='căn cứ, ghi chú')),
                    ],
                    options={
                        'verbose_name': 'ngày nghỉ / làm bù',
                        'verbose_name_plural': 'lịch nghỉ lễ, làm bù',
                        'db_table': 'tasks_calendarday',
                        'ordering': ['date'],
                    },
                ),
                migrations.CreateModel(
                    name='Job',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=60, verbose_name='loại việc')),
                        ('arguments', models.JSONField(default=dict)),
                        ('state', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang chạy'), ('done', 'Xong'), ('failed', 'Lỗi')], default='queued', max_length=10)),
                        ('rows_total', models.PositiveIntegerField(default=0)),
                        ('rows_done', models.PositiveIntegerField(default=0)),
                        ('errors', models.JSONField(default=list)),
                        ('result', models.JSONField(default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('lease_until', models.DateTimeField(blank=True, null=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'việc chạy nền',
                        'verbose_name_plural': 'việc chạy nền',
                        'db_table': 'tasks_job',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=core.notification_kinds.kind_choices, max_length=20)),
                        ('day', models.DateField(verbose_name='ngày')),
                        ('title', models.CharField(max_length=255, verbose_name='tiêu đề')),
                        ('lines', models.JSONField(default=list, verbose_name='nội dung')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'thông báo',
                        'verbose_name_plural': 'thông báo',
                        'db_table': 'tasks_notification',
                        'ordering': ['-day', '-id'],
                        'indexes': [models.Index(fields=['user', 'read_at'], name='tasks_notif_user_id_db02dd_idx')],
                        'constraints': [models.UniqueConstraint(fields=('user', 'kind', 'day'), name='one_digest_per_kind_per_day')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=core.notification_kinds.kind_choices, max_length=20)),
                        ('by_email', models.BooleanField(default=True, verbose_name='gửi thư điện tử')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'tùy chọn thông báo',
                        'verbose_name_plural': 'tùy chọn thông báo',
                        'db_table': 'tasks_notificationpreference',
                        'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='notification_preference_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
