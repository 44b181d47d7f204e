"""Chain the access log per office (clients/accesslog.py).

The new columns come in nullable, the existing entries of each office are
numbered and chained in (at, id) order and the heads made; 0003 then makes
the columns required. Backwards, entries of erased persons go (the old
schema needs the person), the rest keep their rows without the chain.
"""

import django.db.models.deletion
from django.db import migrations, models

from clients.accesslog import entry_digest

GENESIS_DIGEST = "0" * 64
BATCH = 1000


def chain_existing(apps, schema_editor):
    access_model = apps.get_model("clients", "PersonAccess")
    chain_model = apps.get_model("clients", "AccessChain")
    office_ids = (
        access_model.objects.order_by("office_id")
        .values_list("office_id", flat=True)
        .distinct()
    )
    for office_id in list(office_ids):
        entries = access_model.objects.filter(office_id=office_id).order_by("at", "id")
        sequence, digest, batch = 0, GENESIS_DIGEST, []
        for entry in entries.iterator(chunk_size=BATCH):
            sequence += 1
            entry.sequence = sequence
            entry.person_number = entry.person_id
            digest = entry_digest(
                digest,
                sequence,
                entry.office_id,
                entry.user_id,
                entry.person_number,
                entry.at,
                entry.path,
            )
            entry.digest = digest
            batch.append(entry)
            if len(batch) == BATCH:
                _save(access_model, batch)
                batch = []
        _save(access_model, batch)
        chain_model.objects.create(
            office_id=office_id, last_sequence=sequence, last_digest=digest
        )


def _save(access_model, batch):
    access_model.objects.bulk_update(batch, ["sequence", "person_number", "digest"])


def unchain(apps, schema_editor):
    access_model = apps.get_model("clients", "PersonAccess")
    access_model.objects.filter(person__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("clients", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessChain",
            fields=[
                (
                    "office",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="accounts.office",
                    ),
                ),
                ("last_sequence", models.PositiveBigIntegerField(default=0)),
                (
                    "last_digest",
                    models.CharField(default=GENESIS_DIGEST, max_length=64),
                ),
                ("anchor_sequence", models.PositiveBigIntegerField(default=0)),
                (
                    "anchor_digest",
                    models.CharField(default=GENESIS_DIGEST, max_length=64),
                ),
            ],
            options={
                "verbose_name": "access log chain",
                "verbose_name_plural": "access log chains",
            },
        ),
        migrations.AddField(
            model_name="personaccess",
            name="digest",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="personaccess",
            name="person_number",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="personaccess",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="personaccess",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="accesses",
                to="clients.person",
            ),
        ),
        migrations.RunPython(chain_existing, unchain, elidable=False),
    ]
