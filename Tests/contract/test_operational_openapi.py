"""lake-writer's, warehouse-loader's and the poller's real responses checked against the OpenAPI
documents they serve: the endpoints Airflow and `deploy/stack` call (`/status`, `/flush`, `/load`,
`/sync`) and the operational ones.

Runs in `deploy/stack test` against the test stack (LAKE_WRITER_PORT, WAREHOUSE_LOADER_PORT,
POLLER_PORT, ADMIN_TOKEN). The test stack connects no Spotify account, so `POST /sync` is a 409.
"""
import os

import pytest
import requests
from openapi_spec_validator import validate

from openapi_contract import check_against_document

SERVICES = {
    "lake-writer": "LAKE_WRITER_PORT",
    "warehouse-loader": "WAREHOUSE_LOADER_PORT",
    "poller": "POLLER_PORT",
}
# The admin endpoint (POST, ADMIN_TOKEN) of each service, as (path, JSON body or None).
ADMIN_CALLS = {
    "lake-writer": ("/flush", None),
    "warehouse-loader": ("/load", {}),
    "poller": ("/sync", None),
}


def _require(name):
    value = os.environ.get(name)
    if not value:
        # A missing stack is a failure, never a skip: run these through `deploy/stack test`.
        pytest.fail(f"{name} is not set: run the contract tests through `deploy/stack test`")
    return value


def base_url(service):
    return f"http://127.0.0.1:{_require(SERVICES[service])}"


@pytest.fixture(scope="module")
def admin_headers():
    return {"Authorization": f"Bearer {_require('ADMIN_TOKEN')}"}


@pytest.fixture(scope="module")
def documents():
    """Each service's document, fetched once (lazily: a missing port fails only its own tests)."""
    cache = {}

    def document(service):
        if service not in cache:
            response = requests.get(f"{base_url(service)}/openapi.json", timeout=5)
            assert response.status_code == 200, response.text
            assert response.headers["Content-Type"].split(";")[0].strip() == "application/json"
            cache[service] = response.json()
        return cache[service]

    return document


@pytest.mark.parametrize("service", list(SERVICES))
def test_document_is_valid_openapi(documents, service):
    document = documents(service)
    validate(document)
    assert document["info"]["title"] == service
    admin_path, _ = ADMIN_CALLS[service]
    for path in ["/status", admin_path, "/health", "/ready", "/metrics", "/openapi.json"]:
        assert path in document["paths"], f"{service} does not describe {path}"


@pytest.mark.parametrize("service", list(SERVICES))
@pytest.mark.parametrize("path", ["/status", "/health", "/ready", "/metrics", "/openapi.json"])
def test_get_endpoints_match_document(documents, service, path):
    response = requests.get(f"{base_url(service)}{path}", timeout=30)
    assert response.status_code == 200, response.text
    check_against_document(documents(service), path, "get", response)


@pytest.mark.parametrize("service", list(SERVICES))
def test_admin_endpoint_without_the_token_is_a_documented_401(documents, admin_headers, service):
    # admin_headers is unused but required: without ADMIN_TOKEN the services answer unauthenticated.
    path, body = ADMIN_CALLS[service]
    response = requests.post(f"{base_url(service)}{path}", json=body, timeout=30)
    assert response.status_code == 401, response.text
    assert response.json()["error"] == "unauthorized"
    check_against_document(documents(service), path, "post", response)
    wrong = requests.post(f"{base_url(service)}{path}", json=body, headers={"Authorization": "Bearer not-the-token"}, timeout=30)
    assert wrong.status_code == 401, wrong.text
    check_against_document(documents(service), path, "post", wrong)


def test_flush_matches_document(documents, admin_headers):
    url = base_url("lake-writer")
    response = requests.post(f"{url}/flush", headers=admin_headers, timeout=120)
    assert response.status_code == 200, response.text
    check_against_document(documents("lake-writer"), "/flush", "post", response)
    status = requests.get(f"{url}/status", timeout=10)
    assert status.status_code == 200
    check_against_document(documents("lake-writer"), "/status", "get", status)


def test_load_matches_document(documents, admin_headers):
    url = base_url("warehouse-loader")
    document = documents("warehouse-loader")
    response = requests.post(f"{url}/load", json={}, headers=admin_headers, timeout=300)
    assert response.status_code == 200, response.text
    check_against_document(document, "/load", "post", response)
    assert response.json()["files_loaded_count"] == len(response.json()["files_loaded"])
    # After a load, /status reports it as last_load (the non-null branch of the schema).
    status = requests.get(f"{url}/status", timeout=30)
    assert status.status_code == 200
    assert status.json()["last_load"] is not None
    check_against_document(document, "/status", "get", status)


def test_load_with_a_body_of_another_shape_is_a_documented_400(documents, admin_headers):
    response = requests.post(f"{base_url('warehouse-loader')}/load", json={"retry_failed": "yes"}, headers=admin_headers, timeout=30)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_body"
    check_against_document(documents("warehouse-loader"), "/load", "post", response)


def test_sync_without_a_connected_account_is_a_documented_409(documents, admin_headers):
    url = base_url("poller")
    response = requests.post(f"{url}/sync", headers=admin_headers, timeout=60)
    assert response.status_code == 409, response.text
    assert response.json()["error"] == "not_authorized"
    check_against_document(documents("poller"), "/sync", "post", response)
    status = requests.get(f"{url}/status", timeout=10)
    assert status.json()["auth_state"] == "not_authorized"
    check_against_document(documents("poller"), "/status", "get", status)
