"""python manage.py audit_log [--since YYYY-MM-DD] [--user U] [--action A] [--json] [--verify]"""

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

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            broken = audit.verify()
            if broken is not None:
                raise CommandError(
                    f"the chain is broken at entry {broken.pk} ({broken.at:%Y-%m-%d %H:%M:%S})"
                )
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
