"""What the Airflow containers must be given: every variable the DAGs read (discovered from
airflow/dags at test time) unless the Airflow image sets it itself."""
import re
from pathlib import Path

from compose_checks import ComposeProject, environment_of
from dockerfile_checks import AIRFLOW_DOCKERFILE, parse_dockerfile
from platform_sources import REPO_ROOT

DAGS_FOLDER = REPO_ROOT / "airflow" / "dags"
# os.environ.get("X"), os.environ["X"], os.getenv("X"), and the DAGs' settings.required/optional("X").
DAG_READS = re.compile(
    r'(?:environ\.get|environ\[|getenv|\brequired|\boptional)\(?\s*["\']([A-Z][A-Z0-9_]*)["\']')
# Set by the official Airflow image for every process.
IMAGE_PROVIDED = {"AIRFLOW_HOME", "AIRFLOW_UID", "AIRFLOW_VERSION", "HOME", "PATH"}


def dag_variables(folder: Path = DAGS_FOLDER) -> dict:
    """Variable -> first place it is read, over airflow/dags/**/*.py."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text()
        for match in DAG_READS.finditer(text):
            found.setdefault(match.group(1), f"{path.relative_to(REPO_ROOT)}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


def image_environment(dockerfile: Path = AIRFLOW_DOCKERFILE) -> set:
    names = set()
    for instruction in parse_dockerfile(dockerfile).final.of("ENV"):
        names |= set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", instruction.arguments))
    return names


def airflow_services(project: ComposeProject) -> list:
    """The long-running Airflow containers (those built from deploy/airflow/Dockerfile, not one-shots)."""
    result = []
    for name, service in project.services.items():
        build = service.get("build") or {}
        dockerfile = build.get("dockerfile", "") if isinstance(build, dict) else ""
        command = service.get("command") or []
        if dockerfile.endswith("airflow/Dockerfile") and command and command[0] in ("api-server", "scheduler", "dag-processor", "triggerer"):
            result.append(name)
    return result


def check_airflow_environment(project: ComposeProject, folder: Path = DAGS_FOLDER) -> list:
    problems = []
    if not folder.is_dir():
        return [f"{folder} does not exist: no DAGs to deploy"]
    wanted = dag_variables(folder)
    provided_by_image = image_environment() | IMAGE_PROVIDED
    for name in airflow_services(project):
        env = environment_of(project.services[name])
        for variable, place in sorted(wanted.items()):
            if variable not in env and variable not in provided_by_image:
                problems.append(f"{name}: the DAGs read {variable} ({place}) but the container does not set it")
    return problems
