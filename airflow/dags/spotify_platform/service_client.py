"""Calls to the platform's services over HTTP, through the deployment's Airflow connections."""
import logging
from typing import Any

from airflow.providers.http.hooks.http import HttpHook

from spotify_platform import settings

log = logging.getLogger(__name__)


class ServiceCallFailed(RuntimeError):
    """A service answered with an error status; the message carries its error body."""

    def __init__(self, conn_id: str, method: str, endpoint: str, status: int, body: str):
        self.status = status
        super().__init__(f"{method} {endpoint} on {conn_id} answered {status}: {body[:500]}")


def call_service(conn_id: str, method: str, endpoint: str, body: Any = None, timeout: float = 60) -> Any:
    """One request, admin token attached; returns the decoded JSON answer (None when empty).

    No retrying here: a failed call fails the task, and the task's retries (with their delay)
    are what give a restarting service time to come back."""
    headers = {"Accept": "application/json"}
    token = settings.admin_token()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    hook = HttpHook(method=method, http_conn_id=conn_id)
    kwargs = {"json": body} if body is not None else {}
    response = hook.run(endpoint, headers=headers, extra_options={"timeout": timeout, "check_response": False}, **kwargs)
    if response.status_code >= 300:
        raise ServiceCallFailed(conn_id, method, endpoint, response.status_code, response.text)
    log.info("%s %s on %s answered %s", method, endpoint, conn_id, response.status_code)
    return response.json() if response.content else None
