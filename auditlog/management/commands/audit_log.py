"""python manage.py audit_log [--since YYYY-MM-DD] [--user U] [--action A] [--json]
                             [--verify [--heads FILE]] [--head] [--prune]

--verify checks the chain (keyed hashes, links, and the newest row against the chain's head); with
--heads also every exported head in FILE (the daily job's AUDIT_HEAD_EXPORT, or a copy kept elsewhere).
--head prints the chain's head as one JSON line, to keep off the server. --prune removes the rows past
retention by the real clock and logs how many; on PostgreSQL only through the pruner's connection
(AUDIT_PRUNE_DATABASE_URL, a role in AUDIT_PRUNER_ROLE): the application's own role is refused."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from auditlog import audit


class Command(BaseCommand):
    help = "Print the use and disclosure log (Act 906/2019 § 17), newest first; --verify checks the chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", help="YYYY-MM-DD")
        parser.add_argument("--user", default="")
        parser.add_argument("--action", default="")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--verify", action="store_true", help="check the hash chain and exit")
        parser.add_argument("--heads", help="with --verify: a file of exported heads (JSON lines) to check")
        parser.add_argument("--head", action="store_true", help="print the chain's head (JSON) and exit")
        parser.add_argument("--prune", action="store_true", help="remove rows past retention (the pruner)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["head"]:
            self.stdout.write(json.dumps(audit.head()))
            return
        if options["prune"]:
            from django.conf import settings

            using = "audit_prune" if "audit_prune" in settings.DATABASES else "default"
            self.stdout.write(f"pruned {audit.prune(using=using)} rows")
            return
        if options["verify"]:
            broken = audit.verify()
            if broken is not None:
                raise CommandError(
                    f"the chain is broken at entry {broken.pk} ({broken.at:%Y-%m-%d %H:%M:%S})"
                )
            if options["heads"]:
                try:
                    with open(options["heads"], encoding="utf-8") as file:
                        checked = audit.verify_heads(file)
                except (OSError, ValueError, KeyError) as error:
                    raise CommandError(f"the heads cannot be read: {error}") from None
                except audit.HeadMismatch as error:
                    raise CommandError(str(error)) from None
                self.stdout.write(f"{checked} exported heads found in the chain")
            self.stdout.write("the chain is intact")
            return
        since = None
        if options["since"]:
            try:
                since = datetime.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError("--since must be YYYY-MM-DD") from None
        rows = audit.search(since=since, username=options["user"], action=options["action"])
        for event in rows:
            fields = {
                "at": event.at.isoformat(),
                "user": event.username,
                "action": event.action,
                "target": event.target,
                "right": event.right,
                "result": event.result,
                "ip": event.ip,
            }
            if options["json"]:
                self.stdout.write(json.dumps(fields, ensure_ascii=False))
            else:
                self.stdout.write("\t".join(str(v or "") for v in fields.values()))
