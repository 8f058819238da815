"""Contract tests against the running stack of `deploy/stack test` (its variables are exported)."""
import os

import pytest
import requests


def _require(name):
    value = os.environ.get(name)
    if not value:
        # A missing stack is a failure, never a skip: run these through `deploy/stack test`.
        pytest.fail(f"{name} is not set: run the contract tests through `deploy/stack test`")
    return value


@pytest.fixture(scope="session")
def ingest_url():
    return f"http://127.0.0.1:{_require('INGEST_SERVICE_PORT')}"


@pytest.fixture(scope="session")
def ingest_headers():
    return {"Authorization": f"Bearer {_require('INGEST_TOKEN')}"}


@pytest.fixture(scope="session")
def openapi(ingest_url):
    response = requests.get(f"{ingest_url}/openapi.json", timeout=5)
    assert response.status_code == 200
    return response.json()
