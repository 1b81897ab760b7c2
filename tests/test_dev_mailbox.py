"""With `make run` the portal's e-mail is kept as files in var/mail/ and administrators read it at
/dev/mail/ (#29 item 6): only with DEBUG and the file-based backend; otherwise the page does not exist."""

import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import override_settings

URL = "/dev/mail/"


@pytest.fixture
def mail_folder(tmp_path):
    with override_settings(
        DEBUG=True,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    ):
        yield tmp_path


def _send(subject, to, text):
    message = EmailMultiAlternatives(subject, text, "tym@localhost", [to])
    message.attach_alternative(f"<p>{text}</p>", "text/html")
    message.send()


def test_an_administrator_reads_the_mail_sent_newest_first(mail_folder, as_secretary):
    _send("TYM-hallinta: kokouskutsu", "jasen@example.fi", "Kokouskutsu: johtoryhmä kokoontuu.")
    _send("TYM-hallinta: määräpäivä", "jamsa@example.fi", "Määräpäivä: 12.5.2026")
    assert list(mail_folder.glob("*.log"))  # kept as files
    page = as_secretary.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "jasen@example.fi" in text
    assert "Kokouskutsu: johtoryhmä kokoontuu." in text
    assert text.index("Määräpäivä: 12.5.2026") < text.index("Kokouskutsu: johtoryhmä kokoontuu.")


def test_others_and_production_never_see_it(mail_folder, as_member, as_secretary, client):
    assert as_member.get(URL).status_code == 302  # to the admin login: not an administrator
    assert client.get(URL).status_code == 302
    with override_settings(DEBUG=False):
        assert as_secretary.get(URL).status_code == 404
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert as_secretary.get(URL).status_code == 404
