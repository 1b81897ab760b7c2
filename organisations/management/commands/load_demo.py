from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisations import access
from tym.demo import DemoContext, run_steps, upsert

# Demo logins for `make run`. Never created unless asked for, and never with DEBUG off.
DEMO_PASSWORD = "tym-demo-2025"  # noqa: S105
DEMO_USERS = [
    # username, person key, role, organisation key
    ("sihteeri", "uosukainen", "secretary", "jamsa"),
    ("jamsa", "soutolahti", "editor", "jamsa"),
    ("kela", "martikainen", "editor", "kela"),
    ("jasen", "pakarinen", "viewer", "pirha"),
]


class Command(BaseCommand):
    help = "Load the first real case (board decision § 16/2025 and its agreement). Safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=f"Also create demo logins with the password {DEMO_PASSWORD!r} (only with DEBUG on).",
        )

    def handle(self, *args, demo_users: bool = False, **options) -> None:
        if demo_users and not settings.DEBUG:
            raise CommandError("Demo logins have a published password: they are only created with DEBUG on.")
        ctx = DemoContext()
        with transaction.atomic():
            run_steps(ctx, access.DOMAIN_APPS)
            if demo_users:
                self._demo_users(ctx)
        if options.get("verbosity", 1) < 1:
            return
        self.stdout.write(f"Demo data loaded: {ctx.created} created, {ctx.updated} updated.")
        if demo_users:
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
            for username, person_key, role, _org in DEMO_USERS:
                person = ctx["people"][person_key]
                self.stdout.write(f"  {username:10} {role:10} {person.full_name}, {person.organisation}")

    def _demo_users(self, ctx: DemoContext) -> None:
        User = get_user_model()
        for username, person_key, role, org_key in DEMO_USERS:
            person = ctx["people"][person_key]
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=DEMO_PASSWORD,
                    first_name=person.first_name,
                    last_name=person.last_name,
                )
            upsert(ctx, type(person), {"pk": person.pk}, {"user": user})
            if role == "secretary":
                access.make_secretary(user)
            elif role == "editor":
                access.make_editor(user, ctx["organisations"][org_key])
            else:
                access.grant_area_view(user, ctx["area"])
