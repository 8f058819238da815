"""dbt steps of dbt_transformation: the repository's dbt/run-dbt (which derives the DBT_*
connection settings from POSTGRES_URL) run as a subprocess with its output in the task log."""
import logging
import os
import subprocess
from datetime import datetime, timedelta

from spotify_platform import settings

log = logging.getLogger(__name__)

RECOMMENDATION_MODELS = ("track_cooccurrence", "artist_affinity", "track_recommendations", "track_neighbours")
# The data tests written beside those models (`path:` also selects the tests defined in a file):
# they belong to the recommendations stage even when another parent is a gold model, so that
# gold's tests never read a recommendation table that this run did not build (or that a new
# warehouse does not have yet).
RECOMMENDATION_TESTS = tuple(f"path:models/gold/{model}.yml" for model in RECOMMENDATION_MODELS)
# Which models each stage builds. Tests are picked with `--indirect-selection buildable`: a test
# runs in the stage that builds the last of its parents (a gold→recommendation relationship runs
# with the recommendations). `dbt build` runs each model's tests right after it and skips what a
# failing test feeds; the DAG leaves the unit tests out (CI runs them). Silver and gold are one
# stage, one dbt process: each start costs seconds (imports, parsing, connecting) that every play
# would wait for, and dbt's threads then start a gold model as soon as its silver parents pass.
# The staging views (models/staging: bronze renamed, cast and checked) are silver's parents: the
# stage makes them first, which costs milliseconds (a view holds no rows). Their data tests are
# left to CI with the unit tests: through a view, a test reads all of bronze (stg_plays' took
# 1.6-2.0 s at 686,000 plays, before silver_plays could start), while the rules they check are
# code, which does not change between runs.
STAGING_TESTS = "path:models/staging,resource_type:test"
SELECTIONS = {
    "silver_gold": ("--select", "path:models/staging", "path:models/silver", "path:models/gold",
                    "--exclude", *RECOMMENDATION_MODELS, *RECOMMENDATION_TESTS, STAGING_TESTS),
    "recommendations": ("--select", *RECOMMENDATION_MODELS, *RECOMMENDATION_TESTS),
}
# The stages of every run; the others follow their own cadence (recommendations_due).
EVERY_RUN = ("silver_gold",)


def recommendations_due(last_built: datetime | None, now: datetime, interval: timedelta, forced: bool = False,
                        missing: tuple[str, ...] = ()) -> tuple[bool, str]:
    """Whether this run rebuilds the recommendation models, and why (for the task log).

    `missing` names recommendation models the warehouse has no relation for: after an upgrade
    that adds one (gold.track_neighbours), readers of it fail until it is built, so it is built
    in the next run instead of up to an interval later."""
    if forced:
        return True, "rebuild_recommendations was asked for"
    if missing:
        return True, f"the warehouse has no {', '.join(missing)} yet"
    if last_built is None:
        return True, "the recommendation models were never built by this Airflow"
    age = now - last_built
    if age >= interval:
        return True, f"last built {age.total_seconds() / 60:.1f} min ago (interval {interval.total_seconds() / 60:.0f} min)"
    return False, f"last built {age.total_seconds() / 60:.1f} min ago, within the interval of {interval.total_seconds() / 60:.0f} min"


def missing_recommendation_models(connection, schema: str = "gold") -> tuple[str, ...]:
    """The recommendation models without a relation in `schema` (dbt's gold), in model order."""
    with connection.cursor() as cursor:
        cursor.execute("select model from unnest(%s::text[]) with ordinality as m(model, position)"
                       " where to_regclass(format('%%I.%%I', %s::text, model)) is null order by position",
                       (list(RECOMMENDATION_MODELS), schema))
        return tuple(row[0] for row in cursor.fetchall())


class DbtFailed(RuntimeError):
    pass


def dbt_command(command: str, stage: str) -> list[str]:
    project = settings.dbt_project_dir()
    runner = project / "run-dbt"
    selection = list(SELECTIONS[stage])
    if command in ("test", "build"):
        selection += ["--indirect-selection", "buildable"]
    if command == "build":
        selection += ["--exclude-resource-type", "unit_test"]
    if runner.is_file():
        return [str(runner), command, *selection]
    # Outside the repository (e.g. an image with dbt on PATH): plain dbt with the project folder.
    return ["dbt", command, "--project-dir", str(project), *selection]


def dbt_environment() -> dict:
    # Imported here: the stage selections above are also read outside Airflow (Tests/stack_bench).
    from spotify_platform.warehouse import warehouse_dsn

    environment = dict(os.environ)
    environment["POSTGRES_URL"] = warehouse_dsn()
    environment.setdefault("DBT_TARGET_PATH", str(settings.airflow_home() / "dbt" / "target"))
    environment.setdefault("DBT_LOG_PATH", str(settings.airflow_home() / "dbt" / "logs"))
    if settings.dbt_profiles_dir():
        environment["DBT_PROFILES_DIR"] = settings.dbt_profiles_dir()
    return environment


def run_dbt(command: str, stage: str) -> None:
    arguments = dbt_command(command, stage)
    log.info("running %s", " ".join(arguments))
    process = subprocess.Popen(arguments, env=dbt_environment(), cwd=str(settings.dbt_project_dir()),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        log.info("dbt: %s", line.rstrip())
    if process.wait() != 0:
        raise DbtFailed(f"dbt {command} ({stage}) exited with status {process.returncode}")
