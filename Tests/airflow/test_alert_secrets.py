"""The failure alert's logs never carry the webhook's secret: incoming-webhook URLs hold it in
their path or query, and task logs are read by everyone with Airflow access. Unit-level: no
Airflow, no stack; the webhook is a closed local port, a local listener or a malformed URL."""
import logging
import socket

import pytest

SECRET = "planted-webhook-S3cret-7d1e"


def closed_port():
    """A port nothing listens on: bound once by us, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def failure_context():
    from test_task_helpers import failure_context as context

    return context()


def alert_logs(monkeypatch, caplog, capsys, url):
    from spotify_platform.alerts import alert_on_failure

    monkeypatch.setenv("ALERT_WEBHOOK_URL", url)
    with caplog.at_level(logging.DEBUG):
        alert_on_failure(failure_context())  # never raises, whatever the URL
    captured = capsys.readouterr()
    return caplog.text + captured.out + captured.err


def test_a_webhook_that_is_down_is_logged_without_its_secret(monkeypatch, caplog, capsys):
    port = closed_port()
    logs = alert_logs(monkeypatch, caplog, capsys,
                      f"http://hook:{SECRET}@127.0.0.1:{port}/services/T0/B0/{SECRET}?token={SECRET}")
    assert "could not be posted" in logs
    assert f"http://127.0.0.1:{port}" in logs, "the log still says which host failed"
    assert SECRET not in logs


def test_a_webhook_that_answers_an_error_is_logged_with_its_status_only(listener, monkeypatch, caplog, capsys):
    webhook = listener({})  # every path answers 404
    logs = alert_logs(monkeypatch, caplog, capsys, f"{webhook.url}/services/{SECRET}")
    assert len(webhook.received("POST", f"/services/{SECRET}")) == 1
    assert "HTTP 404" in logs
    assert SECRET not in logs


def test_a_webhook_that_accepts_is_logged_without_its_secret(listener, monkeypatch, caplog, capsys):
    webhook = listener({("POST", f"/hook/{SECRET}"): (200, {"ok": True})})
    logs = alert_logs(monkeypatch, caplog, capsys, f"{webhook.url}/hook/{SECRET}")
    assert "alert posted" in logs
    assert SECRET not in logs


@pytest.mark.parametrize("url", [f"htps://127.0.0.1/{SECRET}", f"{SECRET}", f"http://127.0.0.1:port{SECRET}/x"])
def test_a_malformed_webhook_url_is_not_echoed(url, monkeypatch, caplog, capsys):
    logs = alert_logs(monkeypatch, caplog, capsys, url)
    assert "could not be posted" in logs
    assert SECRET not in logs
