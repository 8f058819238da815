import ServiceRuntime
import Testing

@Suite("configuration from the environment")
struct ServiceEnvironmentTests {
    @Test("defaults apply when a variable is unset or empty")
    func defaults() throws {
        let env = ServiceEnvironment(["PORT": ""])
        #expect(try env.port(default: 8081) == 8081)
        #expect(env.string("LOG_LEVEL", default: "info") == "info")
    }

    @Test("a bad value is one line naming the variable, the value and what was expected",
          arguments: [("PORT", "eighty"), ("PORT", "70000"), ("KAFKA_BROKERS", "localhost"), ("KAFKA_BROKERS", "a:1,b"),
                      ("POSTGRES_URL", "mysql://x"), ("REDIS_URL", "http://x"), ("LAKE_URI", "/tmp/lake"),
                      ("INGEST_URL", "ftp://host"), ("ADMIN_TOKEN", "short")])
    func invalid(variable: String, value: String) throws {
        let env = ServiceEnvironment([variable: value])
        let error = #expect(throws: ConfigurationError.self) {
            switch variable {
            case "PORT": _ = try env.port(default: 1)
            case "KAFKA_BROKERS": _ = try env.kafkaBrokers()
            case "POSTGRES_URL": _ = try env.postgresURL()
            case "REDIS_URL": _ = try env.redisURL()
            case "LAKE_URI": _ = try env.lakeURI()
            case "INGEST_URL": _ = try env.httpURL("INGEST_URL")
            default: _ = try env.token(variable)
            }
        }
        #expect(error?.variable == variable)
        #expect(error?.description.contains(variable) == true)
        #expect(error?.description.contains("\n") == false)
        if variable != "ADMIN_TOKEN" { #expect(error?.description.contains(value) == true) }
    }

    @Test("a token's value never appears in its error")
    func tokenNotLeaked() {
        let error = #expect(throws: ConfigurationError.self) { try ServiceEnvironment(["ADMIN_TOKEN": "abc12"]).token("ADMIN_TOKEN") }
        #expect(error?.description.contains("abc12") == false)
    }

    @Test("a required variable that is missing says what to set")
    func missing() {
        let error = #expect(throws: ConfigurationError.self) { try ServiceEnvironment([:]).kafkaBrokers() }
        #expect(error?.description == "missing configuration: KAFKA_BROKERS must be set to a comma-separated host:port list, e.g. 127.0.0.1:9092")
    }

    @Test("lake URIs", arguments: [
        ("s3://bucket/some/prefix/", LakeURI.s3(bucket: "bucket", prefix: "some/prefix")),
        ("s3://bucket", LakeURI.s3(bucket: "bucket", prefix: "")),
        ("file:///var/lake/", LakeURI.file(path: "/var/lake")),
    ])
    func lakeURIs(raw: String, expected: LakeURI) throws {
        #expect(try ServiceEnvironment(["LAKE_URI": raw]).lakeURI() == expected)
    }
}
