# Separate from 0002: PostgreSQL refuses to alter a table in the transaction
# that just updated its rows.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0002_chain_the_access_log"),
    ]

    operations = [
        migrations.AlterField(
            model_name="personaccess",
            name="person_number",
            field=models.BigIntegerField(editable=False),
        ),
        migrations.AlterField(
            model_name="personaccess",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False),
        ),
        migrations.AddConstraint(
            model_name="personaccess",
            constraint=models.UniqueConstraint(
                fields=("office", "sequence"), name="access_sequence_once"
            ),
        ),
    ]
