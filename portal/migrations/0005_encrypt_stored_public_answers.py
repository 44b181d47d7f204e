"""Encrypt the public answers written before 0004_encrypt_public_answer made the fields encrypted.

Batches of rows, one transaction each (lib/crypto.py): an interrupted run is
started again and goes on where it stopped; values already encrypted are
left alone. Backwards the texts are decrypted again.
"""

from django.db import migrations

from lib.crypto import decrypt_app_values, encrypt_app_values


def encrypt(apps, schema_editor):
    encrypt_app_values(apps, "portal")


def decrypt(apps, schema_editor):
    decrypt_app_values(apps, "portal")


class Migration(migrations.Migration):
    # Each batch commits on its own, so that a large office is not one long
    # transaction.
    atomic = False

    dependencies = [("portal", "0004_encrypt_public_answer")]

    operations = [migrations.RunPython(encrypt, decrypt, elidable=False)]
