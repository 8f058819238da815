import Foundation
import Testing

@testable import WarehouseLoader

/// `GET /status` before the first load: every documented key is present, null when unknown.
/// Encoding only, so no warehouse is needed.
@Suite("warehouse-loader /status keys")
struct LoaderStatusEncodingTests {
    @Test("unknown values are null, not missing")
    func nullsArePresent() throws {
        let status = LoaderStatus(lastLoad: nil, lastError: nil, filesPending: nil, failures: [], changedFiles: [], pollSeconds: 60)
        let body = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(status)) as? [String: Any])
        for key in ["last_load", "last_error", "files_pending"] {
            #expect(body.keys.contains(key), "\(key) is missing")
            #expect(body[key] is NSNull, "\(key) should be null")
        }
        #expect(body["poll_seconds"] as? Int == 60)
    }
}
