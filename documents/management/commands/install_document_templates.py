"""Install (or update) the built-in .docx templates as rows: run once after deploying a new version.

    python manage.py install_document_templates

Documents drafted before this runs install the template they need themselves; the template list
never writes (it shows built-ins not yet installed from their files).
"""

from django.core.management.base import BaseCommand

from documents.services import builtin_templates_sync


class Command(BaseCommand):
    help = "Cài đặt (hoặc cập nhật) các mẫu văn bản chung theo Nghị định 30/2020/NĐ-CP."

    def handle(self, *args, **options):
        for template in builtin_templates_sync():
            self.stdout.write(f"{template.kind}: {template.name} (v{template.version})")
