"""`deploy/stack docs`: the generated dbt documentation covers every model, and the served site
loads in a browser.

Runs in `deploy/stack test` right after `deploy/stack docs` on the test stack (DBT_DOCS_PORT,
default 28088 there; STACK_DIR holds dbt-docs/). Nothing here is skipped: a missing server or
file fails.
"""
import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS = REPO_ROOT / "dbt" / "models"
CHROMIUM = "/usr/bin/chromium"


def _require(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run this suite through `deploy/stack test` (after `deploy/stack docs`)")
    return value


@pytest.fixture(scope="module")
def base_url():
    return f"http://127.0.0.1:{_require('DBT_DOCS_PORT')}"


@pytest.fixture(scope="module")
def manifest(base_url):
    with urllib.request.urlopen(f"{base_url}/manifest.json", timeout=10) as response:
        assert response.status == 200
        return json.load(response)


def project_models():
    """Every model file of the project: dbt/models/**/<name>.sql."""
    return sorted(path.stem for path in MODELS.rglob("*.sql"))


def test_every_model_is_in_the_manifest_with_a_description(manifest):
    documented = {node["name"]: node for node in manifest["nodes"].values()
                  if node["resource_type"] == "model" and node["package_name"] == manifest["metadata"].get("project_name", node["package_name"])}
    expected = project_models()
    assert len(expected) >= 15, f"found only {expected} under {MODELS}"
    missing = [name for name in expected if name not in documented]
    assert not missing, f"models missing from the served manifest: {missing}"
    undescribed = [name for name in expected if not documented[name].get("description", "").strip()]
    assert not undescribed, f"models without a description: {undescribed}"


def test_the_catalog_describes_the_warehouse(base_url):
    """`docs generate` read the live warehouse: gold's tables are in the catalog with their columns."""
    with urllib.request.urlopen(f"{base_url}/catalog.json", timeout=10) as response:
        catalog = json.load(response)
    tables = {node["metadata"]["name"]: node for node in catalog["nodes"].values()}
    for table in ("user_daily_listening", "track_popularity", "track_recommendations"):
        assert table in tables, f"{table} is not in catalog.json"
        assert tables[table]["columns"], f"{table} has no columns in catalog.json"


def test_lineage_is_in_the_manifest(manifest):
    """The lineage graph is drawn from each model's dependencies: gold depends on silver, silver on
    the staging views, and they (only they) on bronze's sources."""
    by_name = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    popularity = by_name["track_popularity"]["depends_on"]["nodes"]
    assert any(".silver_" in parent for parent in popularity), popularity
    silver = by_name["silver_plays"]["depends_on"]["nodes"]
    assert any(parent.endswith(".stg_plays") for parent in silver), silver
    staging = by_name["stg_plays"]["depends_on"]["nodes"]
    assert any(parent.startswith("source.") and parent.endswith(".plays") for parent in staging), staging
    readers_of_bronze = sorted(name for name, node in by_name.items()
                               if any(parent.startswith("source.") for parent in node["depends_on"]["nodes"]))
    assert readers_of_bronze == ["stg_currently_playing", "stg_likes", "stg_plays", "stg_skips"], readers_of_bronze


def test_the_site_loads_in_chromium(base_url):
    """The single-page docs app fetches the manifest and renders a model's page (description included)."""
    page = f"{base_url}/#!/model/model.{_project_name()}.track_popularity"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--virtual-time-budget=15000", "--dump-dom", page],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    dom = result.stdout
    assert "track_popularity" in dom, dom[:2000]
    description = _model_description("track_popularity")
    words = " ".join(description.split()[:4])
    assert words and words in re.sub(r"\s+", " ", dom), f"the page does not show the model's description ({words!r})"


def _project_name():
    text = (REPO_ROOT / "dbt" / "dbt_project.yml").read_text()
    return re.search(r"^name:\s*['\"]?([\w]+)", text, re.M).group(1)


def _model_description(name):
    path = Path(_require("STACK_DIR")) / "dbt-docs" / "manifest.json"
    nodes = json.loads(path.read_text())["nodes"]
    return next(node["description"] for node in nodes.values() if node["resource_type"] == "model" and node["name"] == name)
