# Merges the minutes' migration and the rectification claim under Hallintolaki ch. 7 a (#28).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0013_minutes_and_document_language"),
        ("decisions", "0014_admin_rectification"),
    ]

    operations = []
