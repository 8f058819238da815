"""The failure alert every task of the platform's DAGs carries (on_failure_callback)."""
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from spotify_platform import settings

log = logging.getLogger(__name__)

ALERT_TIMEOUT_SECONDS = 10


def alert_message(context) -> dict:
    """The JSON body posted to ALERT_WEBHOOK_URL; `text` suits Slack-style incoming webhooks."""
    task_instance = context.get("task_instance") or context.get("ti")
    dag_run = context.get("dag_run")
    dag_id = getattr(task_instance, "dag_id", None) or getattr(dag_run, "dag_id", None)
    task_id = getattr(task_instance, "task_id", None)
    run_id = getattr(task_instance, "run_id", None) or getattr(dag_run, "run_id", None)
    exception = context.get("exception")

    def iso(name):
        value = context.get(name)
        return value.isoformat() if value is not None else None

    return {
        "text": f"Airflow: task {dag_id}.{task_id} failed in run {run_id}: {exception}",
        "state": "failed",
        "dag_id": dag_id,
        "task_id": task_id,
        "run_id": run_id,
        "try_number": getattr(task_instance, "try_number", None),
        "logical_date": iso("logical_date"),
        "data_interval_start": iso("data_interval_start"),
        "data_interval_end": iso("data_interval_end"),
        "exception": str(exception) if exception is not None else None,
    }


def webhook_origin(url: str) -> str:
    """Only `scheme://host[:port]` of the webhook, for logs: incoming-webhook URLs carry their
    secret in the path (Slack's /services/T../B../secret) or the query, and logs are widely read."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or "?"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable URL>"
    return f"{parts.scheme or '?'}://{host}{port}"


def describe_failure(error: Exception) -> str:
    """The error's type and, for an HTTP answer, its status; never str(error), which may quote
    the URL (ValueError: unknown url type '...', http.client.InvalidURL, ...)."""
    if isinstance(error, urllib.error.HTTPError):
        return f"{type(error).__name__} (HTTP {error.code})"
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        # e.g. URLError (ConnectionRefusedError): the cause's type says enough.
        return f"{type(error).__name__} ({type(error.reason).__name__})"
    return type(error).__name__


def alert_on_failure(context) -> None:
    """Logs the failure and, when ALERT_WEBHOOK_URL is set, posts it there. Never raises: a
    broken alert channel must not hide the failure it reports."""
    message = alert_message(context)
    log.error("ALERT %s", message["text"])
    url = settings.alert_webhook_url()
    if not url:
        return
    try:
        # Built inside the try: a malformed URL raises here, and must not raise out of the callback.
        request = urllib.request.Request(url, data=json.dumps(message).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=ALERT_TIMEOUT_SECONDS) as response:
            log.info("alert posted to the webhook at %s (HTTP %s)", webhook_origin(url), response.status)
    except Exception as error:  # noqa: BLE001 - any failure of the channel is only logged
        log.error("the alert could not be posted to ALERT_WEBHOOK_URL (%s): %s", webhook_origin(url), describe_failure(error))
