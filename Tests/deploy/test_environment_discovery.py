"""The discovery of the variables a Swift service reads: on the real sources and on made-up ones,
so a variable added by a new accessor call cannot slip past the compose check."""
from swift_environment import read_accessors, service_variables, variables_in_source


def test_accessors_map_to_their_variables():
    accessors = read_accessors()
    assert accessors["kafkaBrokers"].variable == "KAFKA_BROKERS"
    assert accessors["postgresURL"].variable == "POSTGRES_URL"
    assert accessors["port"].variable == "PORT" and not accessors["port"].throws_when_missing
    assert accessors["required"].throws_when_missing and not accessors["int"].throws_when_missing


def test_named_fixed_and_raw_reads_are_found_with_their_requiredness():
    source = '''
        port = try env.port(default: 8099)
        brokers = try env.kafkaBrokers()
        lake = try env.parsed("LAKE_URI", default: "file:///tmp/lake", expected: LakeURI.expectedForm, LakeURI.init)
        url = try env.httpURL("NEW_SERVICE_URL")
        base = try env.httpURL("NEW_BASE", default: "https://example.com")
        batch = try env.int("NEW_SERVICE_BATCH", default: 10, range: 1...(10 * 1000))
        region = environment["NEW_REGION"]
    '''
    found = variables_in_source(source, read_accessors())
    assert {name: use.required for name, use in found.items()} == {
        "PORT": False, "KAFKA_BROKERS": True, "LAKE_URI": False, "NEW_SERVICE_URL": True,
        "NEW_BASE": False, "NEW_SERVICE_BATCH": False, "NEW_REGION": False,
    }
    assert found["NEW_SERVICE_URL"].places == ["<source>:5"]


def test_shared_code_counts_only_where_a_service_reaches_it():
    lake_writer = service_variables("Services/lake-writer")
    dashboard = service_variables("Services/dashboard")
    # S3 settings are read by Shared/Lake's S3Configuration, reached through LakeStorageFactory.
    assert {"S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "LAKE_URI", "KAFKA_BROKERS", "LOG_LEVEL"} <= set(lake_writer)
    assert lake_writer["KAFKA_BROKERS"].required and lake_writer["LAKE_URI"].required
    assert "S3_ENDPOINT" not in dashboard and "KAFKA_BROKERS" not in dashboard
    assert {"POSTGRES_URL", "RECOMMENDER_URL", "LOG_LEVEL", "PORT"} <= set(dashboard)
