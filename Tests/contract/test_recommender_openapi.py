"""recommender-api's real responses checked against the OpenAPI document it serves.

Runs in `deploy/stack test` against the test stack (RECOMMENDER_URL, POSTGRES_URL, ADMIN_TOKEN).
Track and user ids are picked from the warehouse at run time: dbt rebuilds it.
"""
import os
import uuid

import psycopg2
import pytest
import requests
from openapi_spec_validator import validate

from openapi_contract import check_against_document


def _require(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the contract tests through `deploy/stack test`")
    return value


@pytest.fixture(scope="module")
def rec_url():
    return _require("RECOMMENDER_URL").rstrip("/")


@pytest.fixture(scope="module")
def rec_openapi(rec_url):
    response = requests.get(f"{rec_url}/openapi.json", timeout=5)
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def gold_ids():
    """A track with co-occurring tracks and a user with precomputed recommendations."""
    with psycopg2.connect(_require("POSTGRES_URL")) as connection, connection.cursor() as cursor:
        cursor.execute("select track_a from gold.track_cooccurrence group by track_a order by count(*) desc, track_a limit 1")
        track = cursor.fetchone()
        cursor.execute("select user_id from gold.track_recommendations group by user_id order by count(*) desc, user_id limit 1")
        user = cursor.fetchone()
    assert track and user, "gold is empty: the test stack seeds events and runs dbt before the tests"
    return {"track": track[0], "user": user[0]}


def test_document_is_valid_openapi(rec_openapi):
    validate(rec_openapi)


def test_track_recommendations_match_document(rec_openapi, rec_url, gold_ids):
    track = gold_ids["track"]
    for query in ["", "?limit=50", f"?user_id={gold_ids['user']}&limit=5", f"?user_id=new-{uuid.uuid4()}"]:
        response = requests.get(f"{rec_url}/recommendations/{track}{query}", timeout=5)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["track_id"] == track and body["recommendations"], body
        check_against_document(rec_openapi, "/recommendations/{track_id}", "get", response)
    again = requests.get(f"{rec_url}/recommendations/{track}?limit=50", timeout=5).json()
    assert again["cache_hit"] is True


@pytest.mark.parametrize("path,status,code", [
    ("/recommendations/{track}?limit=0", 400, "invalid_limit"),
    ("/recommendations/{track}?limit=51", 400, "invalid_limit"),
    ("/recommendations/bad%20id", 400, "invalid_track_id"),
    ("/recommendations/no_such_track_0000", 404, "unknown_track"),
])
def test_track_errors_match_document(rec_openapi, rec_url, gold_ids, path, status, code):
    response = requests.get(rec_url + path.format(track=gold_ids["track"]), timeout=5)
    assert response.status_code == status, response.text
    assert response.json()["error"] == code
    check_against_document(rec_openapi, "/recommendations/{track_id}", "get", response)


def test_user_endpoints_match_document(rec_openapi, rec_url, gold_ids):
    known = requests.get(f"{rec_url}/users/{gold_ids['user']}/recommendations?limit=3", timeout=5)
    assert known.status_code == 200 and len(known.json()["recommendations"]) == 3
    check_against_document(rec_openapi, "/users/{user_id}/recommendations", "get", known)
    unknown = requests.get(f"{rec_url}/users/new-{uuid.uuid4()}/recommendations", timeout=5)
    assert unknown.status_code == 200 and unknown.json()["recommendations"] == []
    check_against_document(rec_openapi, "/users/{user_id}/recommendations", "get", unknown)
    idle = requests.get(f"{rec_url}/users/new-{uuid.uuid4()}/now-playing", timeout=5)
    assert idle.status_code == 200 and idle.json()["now_playing"] is None
    check_against_document(rec_openapi, "/users/{user_id}/now-playing", "get", idle)
    bad = requests.get(f"{rec_url}/users/u1/now-playing?limit=x", timeout=5)
    assert bad.status_code == 400
    check_against_document(rec_openapi, "/users/{user_id}/now-playing", "get", bad)


def test_cache_endpoints_match_document(rec_openapi, rec_url, gold_ids):
    stats = requests.get(f"{rec_url}/cache/stats", timeout=5)
    assert stats.status_code == 200
    check_against_document(rec_openapi, "/cache/stats", "get", stats)
    token = os.environ.get("ADMIN_TOKEN")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    one = requests.post(f"{rec_url}/cache/invalidate", json={"track_id": gold_ids["track"]}, headers=headers, timeout=5)
    assert one.status_code == 200 and one.json()["invalidated"] >= 1, one.text
    check_against_document(rec_openapi, "/cache/invalidate", "post", one)
    if token:
        refused = requests.post(f"{rec_url}/cache/invalidate", timeout=5)
        assert refused.status_code == 401
        check_against_document(rec_openapi, "/cache/invalidate", "post", refused)


@pytest.mark.parametrize("path", ["/health", "/ready", "/openapi.json"])
def test_operational_endpoints_match_document(rec_openapi, rec_url, path):
    response = requests.get(f"{rec_url}{path}", timeout=5)
    check_against_document(rec_openapi, path, "get", response)


def test_now_playing_with_a_track_matches_document(rec_openapi, rec_url, gold_ids):
    """A now_playing event through ingest-service; the answer with a track validates too."""
    import datetime
    import time

    ingest = _require("INGEST_URL").rstrip("/")
    headers = {"Authorization": f"Bearer {_require('INGEST_TOKEN')}"}
    user = f"contract-{uuid.uuid4()}"
    deadline = time.monotonic() + 20
    body = {}
    # The service's consumer starts at the topic's end; repeat the event until it is seen.
    while time.monotonic() < deadline and not body.get("now_playing"):
        event = {"event_id": str(uuid.uuid4()), "user_id": user, "event_type": "now_playing",
                 "track_id": gold_ids["track"], "device_type": "web",
                 "played_at": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
        assert requests.post(f"{ingest}/v1/events", json=event, headers=headers, timeout=10).status_code == 202
        for _ in range(10):
            response = requests.get(f"{rec_url}/users/{user}/now-playing", timeout=5)
            body = response.json()
            if body.get("now_playing"):
                break
            time.sleep(0.1)
    assert body.get("now_playing", {}).get("track_id") == gold_ids["track"], body
    assert body["recommendations"]
    check_against_document(rec_openapi, "/users/{user_id}/now-playing", "get", response)
    assert body["now_playing"]["live"] is True, "a track that just started is live"

    # Live activity lists the same listener, newest first, and validates too.
    activity = requests.get(f"{rec_url}/now-playing?limit=50", timeout=5)
    assert activity.status_code == 200, activity.text
    check_against_document(rec_openapi, "/now-playing", "get", activity)
    listeners = activity.json()["listeners"]
    assert user in [entry["user_id"] for entry in listeners], listeners
    played = [datetime.datetime.fromisoformat(entry["now_playing"]["played_at"].replace("Z", "+00:00")) for entry in listeners]
    assert played == sorted(played, reverse=True), "newest first"
    bad = requests.get(f"{rec_url}/now-playing?limit=0", timeout=5)
    assert bad.status_code == 400
    check_against_document(rec_openapi, "/now-playing", "get", bad)
