"""The constraints of the lifecycles (#32 item 4), once 0006 has put the saved rows in their states."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("costs", "0006_lifecycle_states"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='developmentday',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['open', 'invoiced'])), name='day_status_known'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'sent', 'paid', 'void', 'credited'])), name='invoice_status_known'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['invoice', 'credit_note'])), name='invoice_kind_known'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('sent_on__isnull', True), ('status__in', ['draft', 'void'])), models.Q(('sent_on__isnull', False), ('status__in', ['sent', 'paid', 'credited'])), _connector='OR'), name='invoice_sent_on_matches_status'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('paid_on__isnull', False), ('status', 'paid')), models.Q(models.Q(('status', 'paid'), _negated=True), ('paid_on__isnull', True)), _connector='OR'), name='invoice_paid_on_matches_status'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('credits__isnull', True), ('kind', 'invoice'), ('reason', '')), models.Q(('credits__isnull', False), ('kind', 'credit_note'), models.Q(('reason', ''), _negated=True)), _connector='OR'), name='credit_note_names_invoice_and_reason'),
        ),
        migrations.AddConstraint(
            model_name='invoice',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'credit_note'), _negated=True), models.Q(('status__in', ['void', 'credited']), _negated=True), _connector='OR'), name='credit_note_never_taken_back'),
        ),
    ]
