import json

from django.core.management.base import BaseCommand, CommandError

from governance import compliance
from governance.models import SteeringGroup


class Command(BaseCommand):
    help = "Check every steering group against the rules; exit 1 when an error-level finding exists."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--cooperation", help="only the groups of the cooperation with this code")
        parser.add_argument(
            "--area", help="only the groups of the cooperation of the employment area with this code"
        )
        parser.add_argument("--json", action="store_true", dest="as_json", help="machine-readable output")

    def handle(
        self, *args, cooperation: str | None = None, area: str | None = None, as_json: bool = False, **options
    ) -> None:
        groups = SteeringGroup.objects.select_related("cooperation").order_by("cooperation__code", "pk")
        if cooperation:
            groups = groups.filter(cooperation__code=cooperation)
            if not groups.exists():
                raise CommandError(f"No steering group in a cooperation with code {cooperation!r}")
        if area:
            groups = groups.filter(cooperation__areas__code=area)
            if not groups.exists():
                raise CommandError(f"No steering group in an area with code {area!r}")
        report = []
        errors = False
        found = compliance.evaluate_many(groups)  # every group's facts at once (#15)
        for group in groups:
            findings = found[group.pk]
            errors = errors or compliance.has_errors(findings)
            report.append((group, findings))
        if as_json:
            self.stdout.write(_as_json(report))
        else:
            for group, findings in report:
                self.stdout.write(f"{group.cooperation.code}: {group} ({len(findings)} findings)")
                for f in findings:
                    self.stdout.write(f"  [{f.severity}] {f.rule} {f.title}: {f.message} ({f.citation})")
        if errors:
            raise SystemExit(1)


def _as_json(report) -> str:
    return json.dumps(
        {
            "groups": [
                {
                    "cooperation": group.cooperation.code,
                    "group": group.pk,
                    "name": group.name,
                    "errors": sum(1 for f in findings if f.severity == compliance.Severity.ERROR),
                    "findings": [f.as_dict() for f in findings],
                }
                for group, findings in report
            ]
        },
        ensure_ascii=False,
        indent=2,
    )
