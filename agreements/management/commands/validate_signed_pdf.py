"""manage.py validate_signed_pdf FILE [--agreement ID]: the validation report of a PAdES-signed PDF
(#30). Exit status 0 when every signature in it is valid (and, with --agreement, signed that
agreement's latest version's signing copy), 1 when not, 2 when the file or the agreement is not found."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agreements import evidence, pades
from agreements.models import Agreement


class Command(BaseCommand):
    help = "Print the validation report of a PAdES-signed PDF; exit 1 when it is not a valid signature."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the signed PDF")
        parser.add_argument(
            "--agreement", type=int, help="compare with this agreement's latest version's signing copy"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=2)
        expected = None
        if options["agreement"] is not None:
            agreement = Agreement.objects.filter(pk=options["agreement"]).first()
            if agreement is None:
                raise CommandError(f"no agreement {options['agreement']}", returncode=2)
            expected = pades.signing_copy(agreement)
        data = path.read_bytes()
        try:
            evidence.check_signed_pdf(data)  # the upload's own checks: size, PDF, encryption, active content
        except ValidationError as error:
            for message in error.messages:
                self.stdout.write(f"✗ {message}")
            raise CommandError("NOT VALID", returncode=1) from None
        report = pades.validate(data, expected=expected)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError("NOT VALID", returncode=1)
