import ServiceRuntime
import Testing

/// A bad URL is echoed so the operator can see what is wrong; its secrets must not be.
@Suite("secrets in printed URLs")
struct RedactedURLTests {
    static let secret = "planted-S3cret-9f2c"

    @Test("an invalid POSTGRES_URL names the variable but never prints its password")
    func postgresPasswordNotLeaked() {
        // `mysql://` fails validation, so the value is echoed in the error.
        let env = ServiceEnvironment(["POSTGRES_URL": "mysql://loader:\(Self.secret)@db.internal:5432/spotify_data"])
        let error = #expect(throws: ConfigurationError.self) { try env.postgresURL() }
        #expect(error?.variable == "POSTGRES_URL")
        #expect(error?.description.contains("POSTGRES_URL") == true)
        #expect(error?.description.contains(Self.secret) == false)
        #expect(error?.value?.contains(Self.secret) == false)
        // Still useful for diagnosis: the non-secret parts stay.
        #expect(error?.description.contains("mysql://loader:***@db.internal:5432/spotify_data") == true)
    }

    @Test("invalid URL variables never print a password or a secret query value", arguments: [
        ("REDIS_URL", "http://:\(secret)@cache:6379/0"),
        ("INGEST_URL", "ftp://user:\(secret)@host/x"),
        ("INGEST_URL", "ftp://host/x?token=\(secret)&debug=1"),
        ("LAKE_URI", "/lake?secret=\(secret)"),
        ("REDIS_URL", "rediss://u:\(secret)@cache:6379/0?password=\(secret)"),
    ])
    func urlVariables(variable: String, value: String) {
        let env = ServiceEnvironment([variable: value])
        let error = #expect(throws: ConfigurationError.self) {
            switch variable {
            case "REDIS_URL": _ = try env.redisURL()
            case "LAKE_URI": _ = try env.parsed(variable, expected: "an s3:// URI") { $0.hasPrefix("s3://") ? $0 : nil }
            case "POSTGRES_URL": _ = try env.postgresURL()
            default: _ = try env.httpURL(variable)
            }
        }
        #expect(error?.description.contains(variable) == true)
        #expect(error?.description.contains(Self.secret) == false)
    }

    @Test("redaction keeps everything but the secrets", arguments: [
        ("postgresql://postgres@127.0.0.1:5433/spotify_data", "postgresql://postgres@127.0.0.1:5433/spotify_data"),
        ("postgresql://u:p%40ss@h:1/db?sslmode=require", "postgresql://u:***@h:1/db?sslmode=require"),
        ("redis://:pw@h:6379/0", "redis://:***@h:6379/0"),
        ("https://h/hook?x=1&Token=abc&y=2", "https://h/hook?x=1&Token=***&y=2"),
        ("host=db user=u password=abc dbname=x", "host=db user=u password=*** dbname=x"),
        ("host=db password='a b\\'c' dbname=x", "host=db password=*** dbname=x"),
        ("s3://bucket/prefix", "s3://bucket/prefix"),
    ])
    func redaction(raw: String, expected: String) {
        #expect(RedactedURL.redact(raw) == expected)
    }
}
