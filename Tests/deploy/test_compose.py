"""docker-compose.yml, checked without a Docker engine, with no .env and with .env.example."""
import pytest

from compose_checks import (
    ENV_EXAMPLE, REPO_ROOT, check_dependencies, check_env_example, check_images_and_builds,
    check_internal_urls, check_interpolation, check_lake_bucket, check_ports_and_names,
    check_restart_and_health, check_schema, check_swift_services, check_volumes, environment_of,
    load_project, one_shots, read_env_file, swift_services,
)
from airflow_checks import airflow_services, check_airflow_environment

LAKE_POLICY = REPO_ROOT / "deploy" / "minio" / "lake-policy.json"
CONTRACT_CONNECTIONS = {
    "AIRFLOW_CONN_INGEST_SERVICE", "AIRFLOW_CONN_LAKE_WRITER", "AIRFLOW_CONN_WAREHOUSE_LOADER",
    "AIRFLOW_CONN_RECOMMENDER_API", "AIRFLOW_CONN_POLLER", "AIRFLOW_CONN_WAREHOUSE",
}


@pytest.fixture(scope="module", params=["no .env", ".env.example"])
def project(request):
    environment = {} if request.param == "no .env" else read_env_file(ENV_EXAMPLE)
    return load_project(environment)


def test_follows_the_compose_specification(project):
    assert check_schema(project) == []


def test_runs_without_a_env_file_and_documents_every_variable(project):
    assert check_interpolation(project, set(read_env_file(ENV_EXAMPLE))) == []


def test_every_image_is_pinned_and_every_build_and_file_exists(project):
    assert check_images_and_builds(project) == []


def test_restart_policies_and_health_checks(project):
    assert check_restart_and_health(project) == []
    # The seeding run and the init containers are the one-shots; everything else stays up.
    assert one_shots(project) == {"minio-init", "airflow-init", "seed-simulator", "seed-pipeline"}


def test_start_order_waits_for_health_and_completion(project):
    assert check_dependencies(project) == []


def test_ports_and_container_names_do_not_clash(project):
    assert check_ports_and_names(project) == []


def test_named_volumes_are_declared_and_used(project):
    assert check_volumes(project) == []


def test_every_service_gets_every_variable_its_code_reads(project):
    assert check_swift_services(project) == []
    assert set(swift_services(project).values()) == {
        "ingest-service", "lake-writer", "warehouse-loader", "recommender-api", "poller", "dashboard"}


def test_internal_addresses_name_services_and_their_ports(project):
    assert check_internal_urls(project) == []


def test_the_lake_bucket_is_created_and_granted(project):
    assert check_lake_bucket(project, LAKE_POLICY) == []


def test_airflow_gets_the_contract_connections_and_what_the_dags_read(project):
    services = airflow_services(project)
    assert {"airflow-apiserver", "airflow-scheduler", "airflow-dag-processor"} <= set(services)
    for name in services:
        assert CONTRACT_CONNECTIONS <= set(environment_of(project.services[name])), name
    assert check_airflow_environment(project) == []


def test_env_example_holds_no_secrets():
    assert check_env_example() == []


def test_no_env_and_env_example_give_the_same_warehouse():
    # The example documents the defaults: copying it to .env changes nothing but empty secrets.
    plain, example = load_project({}), load_project(read_env_file(ENV_EXAMPLE))
    for name in ("warehouse-loader", "recommender-api", "dashboard"):
        assert environment_of(plain.services[name])["POSTGRES_URL"] == environment_of(example.services[name])["POSTGRES_URL"]
        assert environment_of(plain.services[name])["POSTGRES_URL"].endswith("@postgres:5432/spotify_data")
