"""The checks fail on real mistakes: each test breaks a copy of the compose data, a Dockerfile or a
service's source in one way and asserts the matching check names the problem."""
import shutil
from pathlib import Path

import pytest

from compose_checks import (
    ENV_EXAMPLE, check_dependencies, check_env_example, check_images_and_builds, check_internal_urls,
    check_interpolation, check_lake_bucket, check_ports_and_names, check_restart_and_health,
    check_schema, check_swift_services, check_volumes, load_project, read_env_file,
)
from airflow_checks import check_airflow_environment
from dockerfile_checks import (
    SERVICE_DOCKERFILE, check_copy_sources, check_librdkafka, check_non_root,
    check_package_sources_copied, check_service_names, check_stages_and_bases,
    check_system_libraries, dockerignored, parse_dockerfile,
)
from platform_sources import REPO_ROOT, SwiftPackage, read_package, service_executables

DOCUMENTED = set(read_env_file(ENV_EXAMPLE))


@pytest.fixture(scope="module")
def project():
    return load_project()


def problems_of(check, project, change, *args):
    broken = project.mutated(change)
    return check(broken, *args)


def assert_named(problems, *words):
    assert problems, "the check accepted a broken file"
    assert any(all(w in p for w in words) for p in problems), problems


# ------------------------------------------------------------------ compose


def test_unknown_key_breaks_the_schema(project):
    def change(raw):
        raw["services"]["redis"]["heathcheck"] = raw["services"]["redis"].pop("healthcheck")
    assert_named(problems_of(check_schema, project, change), "heathcheck")


def test_bad_depends_on_condition_breaks_the_schema(project):
    def change(raw):
        raw["services"]["dashboard"]["depends_on"]["postgres"]["condition"] = "service_ready"
    assert_named(problems_of(check_schema, project, change), "depends_on")


def test_variable_without_default_is_rejected(project):
    def change(raw):
        raw["services"]["redis"]["command"][-1] = "${REDIS_POLICY}"
    assert_named(problems_of(check_interpolation, project, change, DOCUMENTED | {"REDIS_POLICY"}), "REDIS_POLICY", "no default")


def test_undocumented_variable_is_rejected(project):
    def change(raw):
        raw["services"]["redis"]["command"][-1] = "${REDIS_POLICY:-allkeys-lru}"
    assert_named(problems_of(check_interpolation, project, change, DOCUMENTED), "REDIS_POLICY", ".env.example")


def test_lone_dollar_is_rejected(project):
    def change(raw):
        raw["services"]["minio-init"]["command"] = ["echo $ 5"]
    assert_named(problems_of(check_interpolation, project, change, DOCUMENTED), "lone")


@pytest.mark.parametrize("image, words", [
    ("redis:latest", ("redis:latest", "not pinned")),
    ("postgres", ("postgres", "no tag")),
    ("apache/kafka:stable", ("apache/kafka:stable", "no version")),
])
def test_unpinned_image_is_rejected(project, image, words):
    def change(raw):
        raw["services"]["redis"]["image"] = image
    assert_named(problems_of(check_images_and_builds, project, change), *words)


def test_service_without_image_or_build_is_rejected(project):
    def change(raw):
        del raw["services"]["lake-writer"]["image"]
        del raw["services"]["lake-writer"]["build"]
    assert_named(problems_of(check_images_and_builds, project, change), "lake-writer", "neither image nor build")


def test_missing_build_context_and_dockerfile_are_rejected(project):
    def context(raw):
        raw["services"]["poller"]["build"]["context"] = "./no-such-folder"
    def dockerfile(raw):
        raw["services"]["poller"]["build"]["dockerfile"] = "deploy/Dockerfile.missing"
    assert_named(problems_of(check_images_and_builds, project, context), "poller", "context")
    assert_named(problems_of(check_images_and_builds, project, dockerfile), "poller", "Dockerfile.missing")


def test_missing_bind_mount_is_rejected(project):
    def change(raw):
        raw["services"]["minio-init"]["volumes"] = ["./deploy/minio/no-policy.json:/etc/platform/lake-policy.json:ro"]
    assert_named(problems_of(check_images_and_builds, project, change), "minio-init", "no-policy.json")


def test_missing_health_check_is_rejected(project):
    def change(raw):
        del raw["services"]["recommender-api"]["healthcheck"]
    assert_named(problems_of(check_restart_and_health, project, change), "recommender-api", "health check")


def test_missing_restart_policy_is_rejected(project):
    def change(raw):
        raw["services"]["kafka"].pop("restart")
    assert_named(problems_of(check_restart_and_health, project, change), "kafka", "restart")


def test_one_shot_that_restarts_forever_is_rejected(project):
    def change(raw):
        raw["services"]["seed-simulator"]["restart"] = "always"
    assert_named(problems_of(check_restart_and_health, project, change), "seed-simulator", "again and again")


def test_waiting_for_health_without_a_health_check_is_rejected(project):
    def change(raw):
        del raw["services"]["redis"]["healthcheck"]
    assert_named(problems_of(check_dependencies, project, change), "recommender-api", "redis", "no health check")


def test_unknown_dependency_and_cycle_are_rejected(project):
    def unknown(raw):
        raw["services"]["dashboard"]["depends_on"]["warehouse"] = {"condition": "service_healthy"}
    def cycle(raw):
        raw["services"]["kafka"]["depends_on"] = {"ingest-service": {"condition": "service_healthy"}}
    assert_named(problems_of(check_dependencies, project, unknown), "unknown service warehouse")
    assert_named(problems_of(check_dependencies, project, cycle), "cycle")


def test_clashing_host_ports_and_container_names_are_rejected(project):
    def ports(raw):
        raw["services"]["dashboard"]["ports"] = ["127.0.0.1:${POLLER_PORT:-8085}:8086"]
    def names(raw):
        raw["services"]["redis"]["container_name"] = "platform-cache"
        raw["services"]["postgres"]["container_name"] = "platform-cache"
    assert_named(problems_of(check_ports_and_names, project, ports), "8085", "also published")
    assert_named(problems_of(check_ports_and_names, project, names), "platform-cache")


def test_wrong_service_port_is_rejected(project):
    def change(raw):
        raw["services"]["lake-writer"]["environment"]["PORT"] = "9999"
    problems = problems_of(check_ports_and_names, project, change)
    assert_named(problems, "lake-writer", "PORT=9999")
    assert_named(problems, "lake-writer", "health check")


def test_undeclared_and_unused_volumes_are_rejected(project):
    def change(raw):
        raw["services"]["redis"]["volumes"] = ["redis-cache:/data"]
    problems = problems_of(check_volumes, project, change)
    assert_named(problems, "redis-cache", "not declared")
    assert_named(problems, "redis-data", "never used")


def test_missing_variable_of_a_service_is_rejected(project):
    def change(raw):
        del raw["services"]["lake-writer"]["environment"]["KAFKA_BROKERS"]
        del raw["services"]["poller"]["environment"]["POLLER_RETRY_ATTEMPTS"]
    problems = problems_of(check_swift_services, project, change)
    assert_named(problems, "lake-writer", "KAFKA_BROKERS", "LakeWriterConfiguration.swift")
    assert_named(problems, "poller", "POLLER_RETRY_ATTEMPTS")


def test_credential_chain_and_sdk_variables_are_needed_once_their_alternative_is_gone(project):
    """The AWS chain's later sources may go unset only while the key pair is set, and the SDKs'
    region and endpoint variables only while their S3_* aliases are (compose_checks.ALTERNATIVES)."""
    def change(raw):
        del raw["services"]["lake-writer"]["environment"]["AWS_SECRET_ACCESS_KEY"]
        del raw["services"]["warehouse-loader"]["environment"]["S3_REGION"]
    problems = problems_of(check_swift_services, project, change)
    assert_named(problems, "lake-writer", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWSCredentialChain.swift")
    assert_named(problems, "lake-writer", "AWS_CONTAINER_CREDENTIALS_FULL_URI")
    assert_named(problems, "warehouse-loader", "AWS_REGION")
    assert not [p for p in problems if "warehouse-loader" in p and "AWS_ROLE_ARN" in p], problems


def test_empty_required_variable_is_rejected(project):
    def change(raw):
        raw["services"]["dashboard"]["environment"]["RECOMMENDER_URL"] = "${RECOMMENDER_URL:-}"
    assert_named(problems_of(check_swift_services, project, change), "dashboard", "RECOMMENDER_URL", "empty")


def test_missing_service_is_rejected(project):
    def change(raw):
        del raw["services"]["dashboard"]
    assert_named(problems_of(check_swift_services, project, change), "dashboard")


def test_new_variable_in_a_service_source_is_caught(tmp_path, project):
    """A helper adds `env.int("DASHBOARD_NEW_SETTING", ...)`: the compose file must follow."""
    root = tmp_path / "repo"
    root.mkdir()
    for part in ("Package.swift", "Shared", "Services"):
        source = REPO_ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    shutil.copy(REPO_ROOT / "docker-compose.yml", root / "docker-compose.yml")
    configuration = root / "Services" / "dashboard" / "DashboardConfiguration.swift"
    configuration.write_text(configuration.read_text().replace(
        "port = try env.port(default: 8086)",
        'port = try env.port(default: 8086)\n        _ = try env.int("DASHBOARD_NEW_SETTING", default: 1)'))
    assert "DASHBOARD_NEW_SETTING" in configuration.read_text()
    copied = load_project({}, root / "docker-compose.yml")
    assert_named(check_swift_services(copied), "dashboard", "DASHBOARD_NEW_SETTING", "DashboardConfiguration.swift")


def test_address_of_a_missing_service_or_wrong_port_is_rejected(project):
    def host(raw):
        raw["services"]["dashboard"]["environment"]["RECOMMENDER_URL"] = "http://recommender:8084"
    def port(raw):
        raw["services"]["poller"]["environment"]["INGEST_URL"] = "http://ingest-service:8080"
    def loopback(raw):
        raw["services"]["lake-writer"]["environment"]["KAFKA_BROKERS"] = "localhost:9092"
    def kafka_port(raw):
        raw["services"]["lake-writer"]["environment"]["KAFKA_BROKERS"] = "kafka:9094"
    assert_named(problems_of(check_internal_urls, project, host), "recommender", "no service")
    assert_named(problems_of(check_internal_urls, project, port), "ingest-service:8080", "8081")
    assert_named(problems_of(check_internal_urls, project, loopback), "container itself")
    assert_named(problems_of(check_internal_urls, project, kafka_port), "kafka:9094", "9092")


def test_lake_bucket_that_nobody_creates_is_rejected(project):
    def change(raw):
        for name in ("lake-writer", "warehouse-loader"):
            raw["services"][name]["environment"]["LAKE_URI"] = "s3://other-lake"
    problems = problems_of(check_lake_bucket, project, change, REPO_ROOT / "deploy" / "minio" / "lake-policy.json")
    assert_named(problems, "other-lake", "not created")
    assert_named(problems, "other-lake", "not granted")


def test_airflow_variable_the_dags_read_must_be_set(project):
    def change(raw):
        del raw["x-airflow"]["environment"]["LAKE_URI"]
    assert_named(problems_of(check_airflow_environment, project, change), "airflow-scheduler", "LAKE_URI")


def test_secret_in_env_example_is_rejected(tmp_path):
    example = tmp_path / ".env.example"
    example.write_text(ENV_EXAMPLE.read_text().replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=hunter2hunter2\n"))
    assert_named(check_env_example(example), "POSTGRES_PASSWORD")


# ------------------------------------------------------------------ Dockerfiles


def broken_dockerfile(old, new):
    text = SERVICE_DOCKERFILE.read_text()
    assert old in text, old
    return parse_dockerfile(SERVICE_DOCKERFILE, text.replace(old, new))


def test_dockerfile_running_as_root_is_rejected():
    assert_named(check_non_root(broken_dockerfile("USER platform\n", "")), "root")
    assert_named(check_non_root(broken_dockerfile("USER platform\n", "USER root\n")), "root")


def test_dockerfile_unpinned_base_is_rejected():
    assert_named(check_stages_and_bases(broken_dockerfile("ARG RUNTIME_IMAGE=debian:12.11-slim", "ARG RUNTIME_IMAGE=debian"), 3), "debian", "no tag")
    assert_named(check_stages_and_bases(broken_dockerfile("ARG SWIFT_IMAGE=swift:6.3.1-bookworm", "ARG SWIFT_IMAGE=swift:latest"), 3), "swift:latest")


def test_dockerfile_copy_of_missing_or_ignored_source_is_rejected():
    missing = broken_dockerfile("COPY Services ./Services", "COPY Servics ./Services")
    assert_named(check_copy_sources(missing), "Servics")
    ignored = broken_dockerfile("COPY Package.* ./", "COPY Package.resolved ./")
    assert_named(check_copy_sources(ignored), "Package.resolved", ".gitignore")
    stage = broken_dockerfile("COPY --from=librdkafka /opt/librdkafka /opt/librdkafka", "COPY --from=rdkafka /opt/librdkafka /opt/librdkafka")
    assert_named(check_copy_sources(stage), "rdkafka", "no earlier stage")


def test_dockerfile_missing_target_folder_is_rejected():
    assert_named(check_package_sources_copied(broken_dockerfile("COPY Tests ./Tests\n", ""), read_package()), "Tests/")


def test_dockerfile_missing_runtime_library_is_rejected():
    package = read_package()
    assert_named(check_system_libraries(broken_dockerfile("libpq5 ", ""), package), "libpq5", "CLibPQ")
    assert_named(check_system_libraries(broken_dockerfile("libsnappy-dev ", ""), package), "libsnappy-dev")
    newer = SwiftPackage(package.executables, package.target_paths, {**package.system_libraries, "CLibXML": "libxml-2.0"})
    assert_named(check_system_libraries(parse_dockerfile(SERVICE_DOCKERFILE), newer), "CLibXML")


def test_dockerfile_old_librdkafka_is_rejected():
    assert_named(check_librdkafka(broken_dockerfile("LIBRDKAFKA_VERSION=2.8.0-1", "LIBRDKAFKA_VERSION=2.0.2-1")), "older than 2.2")


def test_dockerfile_service_guard_must_match_the_package():
    package = read_package()
    services = set(service_executables(package))
    assert_named(check_service_names(parse_dockerfile(SERVICE_DOCKERFILE), services | {"new-service"}), "new-service")
    assert_named(check_service_names(broken_dockerfile("|poller|", "|"), services), "lacks poller")
    assert_named(check_service_names(broken_dockerfile("recommender-api poller dashboard\"", "recommender-api dashboard\""), services),
                 "does not build poller")


def test_dockerignore_rules():
    patterns = [".build", "**/__pycache__", "dbt/target", "*.log", "!keep.log"]
    assert dockerignored(".build/release/x", patterns)
    assert dockerignored("Tests/deploy/__pycache__/a.pyc", patterns)
    assert dockerignored("dbt/target/run.json", patterns)
    assert dockerignored("build.log", patterns) and not dockerignored("keep.log", patterns)
    assert not dockerignored("dbt/models/a.sql", patterns) and not dockerignored("Shared/x.swift", patterns)
