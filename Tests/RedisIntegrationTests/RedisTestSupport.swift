import Redis
import TestSupport

/// A client for the shared test server from `REDIS_URL`; a missing variable fails the test.
func testClient(commandTimeout: Duration = .seconds(2)) throws -> RedisClient {
    try RedisClient(url: TestEnvironment.require("REDIS_URL"), commandTimeout: commandTimeout)
}

func uniqueKey(_ prefix: String) -> String {
    TestEnvironment.uniqueName("test:\(prefix)")
}
