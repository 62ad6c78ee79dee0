import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from core.jobs import job_run
from core.models import Job


class Command(BaseCommand):
    help = "Gửi nhắc việc, đôn đốc trong ngày (dùng với cron; chạy lại trong ngày không gửi trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="Ngày xét, YYYY-MM-DD (mặc định: hôm nay).")

    def handle(self, *args, **options):
        if options["day"]:
            try:
                dt.date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError(
                    f"Ngày «{options['day']}» không hợp lệ; ghi theo dạng YYYY-MM-DD."
                ) from None
        job = Job.objects.create(
            kind="send_reminders", arguments={"day": options["day"]} if options["day"] else {}
        )
        job_run(job.pk)
        job.refresh_from_db()
        if job.state != Job.State.DONE:
            raise CommandError("; ".join(job.errors) or "Gửi nhắc việc không thành công.")
        result = job.result
        self.stdout.write(
            f"Ngày {result['day']}: {result['steps']} lượt nhắc, {result['notifications']} thông báo mới, "
            f"{result['escalated_units']} đơn vị bị đôn đốc."
        )
