from django.core.management.base import BaseCommand, CommandParser

from demo import build
from demo.data import ALL_STAFF, DEMO_PASSWORD, totp_secret


class Command(BaseCommand):
    help = (
        "Create the demo offices, staff, partners and invented clients and "
        "concerns. Running it again creates nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--small",
            action="store_true",
            help="Generate a tenth of the clients and concerns (for tests).",
        )

    def handle(self, *args, small: bool = False, **options) -> None:
        summary = build.load(small=small)
        if summary.generated_for:
            generated = ", ".join(summary.generated_for)
            self.stdout.write(f"Generated clients and concerns for: {generated}")
        else:
            self.stdout.write("Every office had clients already; none generated.")
        self.stdout.write(
            f"{summary.offices} offices, {summary.users} users, "
            f"{summary.persons} persons, {summary.concerns} concerns."
        )
        self.stdout.write(f"Demo users (password {DEMO_PASSWORD}, TOTP secret):")
        for staff in ALL_STAFF:
            roles = ", ".join(staff.roles)
            secret = totp_secret(staff.username)
            self.stdout.write(f"  {staff.username:<18} {roles:<14} {secret}")
