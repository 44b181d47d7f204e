from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.actions import create_office
from accounts.models import Office


class Command(BaseCommand):
    help = (
        "Set up a new office: its default topics and a first administrator, "
        "who gets a random initial password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="e.g. Landkreis Bautzen")
        parser.add_argument("--code", required=True, help="Case number prefix, e.g. BZ")
        parser.add_argument("--slug", required=True, help="Short name, e.g. bautzen")
        parser.add_argument("--state", required=True, help="Federal state, e.g. SN")
        parser.add_argument("--admin", required=True, help="User name of the admin")
        parser.add_argument("--admin-email", default="", help="E-mail of the admin")

    def handle(self, *args, **options) -> None:
        # accounts stands below cases (cases imports accounts, never back); only
        # this command, run by hand, reaches up, so it imports cases lazily.
        from cases.actions import seed_topics

        if Office.objects.filter(slug=options["slug"]).exists():
            raise CommandError(
                f"An office with the short name {options['slug']!r} exists "
                "already; nothing was created."
            )
        try:
            with transaction.atomic():
                office, admin, password = create_office(
                    name=options["name"],
                    code=options["code"],
                    slug=options["slug"],
                    state=options["state"],
                    admin=options["admin"],
                    admin_email=options["admin_email"],
                )
                seed_topics(office)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"Nothing was created. {problems}") from error
        self.stdout.write(f"Created office {office} ({office.code}).")
        self.stdout.write(f"Administrator: {admin.username}")
        self.stdout.write(f"Initial password (shown only now): {password}")
        self.stdout.write(
            "Hand it over in a safe way. At the first login the administrator "
            "pairs an authenticator app."
        )
