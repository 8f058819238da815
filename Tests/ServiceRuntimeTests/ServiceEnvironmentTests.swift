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
            case "LAKE_URI": _ = try env.parsed(variable, expected: "an s3:// URI") { $0.hasPrefix("s3://") ? $0 : nil }
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

    @Test("a value of a type from another library, parsed or refused with what was expected")
    func parsedValues() throws {
        let parse: (String) -> Int? = { $0.hasPrefix("n=") ? Int($0.dropFirst(2)) : nil }
        #expect(try ServiceEnvironment(["N": "n=4"]).parsed("N", expected: "n=<integer>", parse) == 4)
        #expect(try ServiceEnvironment([:]).parsed("N", default: "n=7", expected: "n=<integer>", parse) == 7)
        let bad = #expect(throws: ConfigurationError.self) {
            try ServiceEnvironment(["N": "https://user:secret@host/"]).parsed("N", expected: "n=<integer>", parse)
        }
        #expect(bad?.variable == "N")
        #expect(bad?.expected == "n=<integer>")
        #expect(bad?.description.contains("secret") == false)
        let missing = #expect(throws: ConfigurationError.self) { try ServiceEnvironment([:]).parsed("N", expected: "n=<integer>", parse) }
        #expect(missing?.description == "missing configuration: N must be set to n=<integer>")
    }

    @Test("a library's refusal becomes a configuration error of the variable it came from")
    func judgedSettings() throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "S3_FORCE_PATH_STYLE must be true or false, got maybe" } }
        #expect(try ConfigurationError.judged(variable: "LAKE_URI", value: "s3://b") { 5 } == 5)
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigurationError.judged(variable: "LAKE_URI", value: "s3://b") { () throws -> Int in throw Refused() }
        }
        #expect(error?.description == "invalid configuration: LAKE_URI=\"s3://b\" — expected S3_FORCE_PATH_STYLE must be true or false, got maybe")
        let own = ConfigurationError(variable: "AWS_REGION", value: "x", expected: "a region")
        #expect(throws: own) { try ConfigurationError.judged(variable: "LAKE_URI", value: "s3://b") { () throws -> Int in throw own } }
    }
}
