"""deploy/Dockerfile and deploy/airflow/Dockerfile, checked without a Docker engine."""
import pytest

from compose_checks import load_project, swift_services
from dockerfile_checks import (
    AIRFLOW_DOCKERFILE, SERVICE_DOCKERFILE, check_airflow_image, check_copy_sources, check_librdkafka,
    check_non_root, check_package_sources_copied, check_runtime_has, check_service_names,
    check_stages_and_bases, check_system_libraries, parse_dockerfile,
)
from platform_sources import REPO_ROOT, read_package, service_executables


@pytest.fixture(scope="module")
def service_image():
    return parse_dockerfile(SERVICE_DOCKERFILE)


@pytest.fixture(scope="module")
def airflow_image():
    return parse_dockerfile(AIRFLOW_DOCKERFILE)


@pytest.fixture(scope="module")
def package():
    return read_package()


def test_service_image_is_multi_stage_on_pinned_bases(service_image):
    assert check_stages_and_bases(service_image, minimum_stages=3) == []
    assert [s.name for s in service_image.stages] == ["librdkafka", "build", "runtime"]


def test_service_image_runs_as_an_unprivileged_user(service_image):
    assert check_non_root(service_image) == []


def test_every_copy_source_is_in_the_build_context(service_image, airflow_image):
    assert check_copy_sources(service_image) == []
    assert check_copy_sources(airflow_image) == []


def test_every_package_target_is_copied_into_the_build(service_image, package):
    assert check_package_sources_copied(service_image, package) == []


def test_each_c_library_is_installed_to_build_and_to_run(service_image, package):
    assert check_system_libraries(service_image, package) == []


def test_librdkafka_is_new_enough_and_shipped(service_image):
    assert check_librdkafka(service_image) == []


def test_the_service_argument_accepts_exactly_the_six_services(service_image, package):
    assert check_service_names(service_image, set(service_executables(package))) == []


def test_runtime_image_has_what_the_health_checks_run(service_image):
    project = load_project()
    commands = set()
    for name in swift_services(project):
        test = (project.services[name].get("healthcheck") or {}).get("test") or []
        if test and test[0] == "CMD":
            commands.add(test[1])
    assert commands == {"curl"}
    assert check_runtime_has(service_image, commands) == []


def test_airflow_image_matches_the_pinned_airflow_and_dbt(airflow_image):
    assert check_stages_and_bases(airflow_image) == []
    assert check_airflow_image(airflow_image, REPO_ROOT / "airflow" / "requirements.txt",
                               REPO_ROOT / "deploy" / "lib" / "install.sh") == []
    assert check_non_root(airflow_image) == []


def test_no_dockerfile_asks_a_registry_for_its_frontend():
    """A `# syntax=` directive makes BuildKit pull a frontend image, which fails where no registry is
    reachable (deploy/compose/offline.yml); the built-in frontend handles every instruction used."""
    for path in (SERVICE_DOCKERFILE, AIRFLOW_DOCKERFILE, *sorted((REPO_ROOT / "deploy" / "compose" / "images").glob("*/Dockerfile"))):
        first = path.read_text().splitlines()[0]
        assert not first.lower().replace(" ", "").startswith("#syntax="), f"{path}: {first}"
