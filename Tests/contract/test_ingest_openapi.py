"""ingest-service's real responses checked against the OpenAPI document it serves."""
import json
import os
import time
import uuid

import pytest
import requests
from openapi_spec_validator import validate

from openapi_contract import check_against_document

SAMPLE = {
    "user_id": "user_0042", "event_type": "play", "track_id": "0VjIjW4GlUZAMYd2vXMi3b",
    "track_name": "Blinding Lights", "artist_name": "The Weeknd", "album_name": "After Hours",
    "duration_ms": 200040, "played_at": "2025-11-18T14:23:15Z", "device_type": "desktop",
}


def event(**overrides):
    return {"event_id": str(uuid.uuid4()), **SAMPLE, **overrides}


def test_document_is_valid_openapi(openapi):
    validate(openapi)


CASES = [
    ("one event", "application/json", lambda: json.dumps(event()), 202),
    ("an array", "application/json", lambda: json.dumps([event(), event(event_type="skip", position_ms=1000)]), 202),
    ("NDJSON with a bad line", "application/x-ndjson", lambda: json.dumps(event()) + "\n{\"event_id\": 1}\n", 202),
    ("nothing valid", "application/json", lambda: json.dumps([{"event_type": "play"}]), 400),
    ("malformed JSON", "application/json", lambda: "[{\"event_id\": ", 400),
    ("wrong content type", "text/plain", lambda: json.dumps(event()), 415),
    ("over the size limit", "application/json", lambda: " " * (6 * 1024 * 1024) + "{}", 413),
]


@pytest.mark.parametrize("name,content_type,body,status", CASES, ids=[c[0] for c in CASES])
def test_ingest_responses_match_document(openapi, ingest_url, ingest_headers, name, content_type, body, status):
    response = requests.post(f"{ingest_url}/v1/events", data=body().encode(),
                             headers={**ingest_headers, "Content-Type": content_type}, timeout=30)
    assert response.status_code == status, response.text
    check_against_document(openapi, "/v1/events", "post", response)


def test_missing_token_is_documented_401(openapi, ingest_url):
    response = requests.post(f"{ingest_url}/v1/events", data=json.dumps(event()),
                             headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 401
    check_against_document(openapi, "/v1/events", "post", response)


@pytest.mark.parametrize("path", ["/health", "/ready", "/openapi.json"])
def test_operational_endpoints_match_document(openapi, ingest_url, path):
    response = requests.get(f"{ingest_url}{path}", timeout=5)
    check_against_document(openapi, path, "get", response)


@pytest.fixture(scope="module")
def admin_headers():
    token = os.environ.get("ADMIN_TOKEN")
    if not token:
        pytest.fail("ADMIN_TOKEN is not set: run the contract tests through `deploy/stack test`")
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


SIMULATE_REFUSALS = [
    ("more users than events", {"events": 10, "users": 50}, "users"),
    ("a billion listeners", {"events": 2_000_000_000, "users": 2_000_000_000, "days": 3660}, "events must be at most"),
    ("not the documented shape", {"events": "many"}, "body must be JSON"),
]


@pytest.mark.parametrize("name,body,mentioning", SIMULATE_REFUSALS, ids=[r[0] for r in SIMULATE_REFUSALS])
def test_impossible_simulations_are_documented_400s(openapi, ingest_url, admin_headers, name, body, mentioning):
    response = requests.post(f"{ingest_url}/v1/simulate", data=json.dumps(body), headers=admin_headers, timeout=10)
    assert response.status_code == 400, response.text
    assert mentioning in response.json()["message"]
    check_against_document(openapi, "/v1/simulate", "post", response)


def test_simulate_without_the_admin_token_is_a_documented_401(openapi, ingest_url):
    response = requests.post(f"{ingest_url}/v1/simulate", data=json.dumps({"events": 10, "users": 1}), timeout=10)
    assert response.status_code == 401
    check_against_document(openapi, "/v1/simulate", "post", response)


def test_a_simulation_runs_and_reports_as_documented(openapi, ingest_url, admin_headers):
    started = requests.post(f"{ingest_url}/v1/simulate", data=json.dumps({"events": 40, "users": 4, "seed": 7}),
                            headers=admin_headers, timeout=10)
    assert started.status_code == 202, started.text
    check_against_document(openapi, "/v1/simulate", "post", started)
    assert started.json()["state"] == "running"
    deadline = time.time() + 30
    while True:
        status = requests.get(f"{ingest_url}/v1/simulate", headers=admin_headers, timeout=10)
        assert status.status_code == 200
        check_against_document(openapi, "/v1/simulate", "get", status)
        if status.json()["state"] != "running" or time.time() > deadline:
            break
        time.sleep(0.2)
    report = status.json()
    assert report["state"] == "finished", report
    assert report["report"]["sent"] == 40
    assert report["report"]["accepted"] + report["report"]["rejected"] == 40
