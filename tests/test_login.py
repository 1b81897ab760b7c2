from django.test import Client
from django.urls import reverse


def test_a_user_logs_in_with_the_form_and_out_with_a_post(user):
    client = Client()
    response = client.post(reverse("login"), {"username": "member", "password": "password"})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_wrong_password_is_refused_in_finnish(user):
    response = Client().post(reverse("login"), {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.text


def test_repeated_failures_lock_the_account_out(user, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "member", "password": "password"})
    assert response.status_code == 429
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_health_check_answers(db, client):
    assert client.get(reverse("healthz")).json()["status"] == "ok"


def test_a_refused_login_has_the_error_summary_that_takes_the_focus(client, user):
    """The login page's errors read as every form's (#29 item 4): a summary that takes the focus and
    links to each field, headed for a login rather than "nothing was saved"."""
    page = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert "data-error-summary" in page
    assert "Kirjautuminen ei onnistunut" in page
    assert 'href="#id_username"' in page
    wrong = client.post("/accounts/login/", {"username": "member", "password": "wrong"}).content.decode()
    assert "data-error-summary" in wrong
    assert "Nothing was saved" not in wrong
    assert "Mitään ei tallennettu" not in wrong
