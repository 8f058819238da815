import CCurl

/// One libcurl easy handle. Reused across transfers by its worker thread (never shared between
/// threads), which keeps connections alive between requests to the same host.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer

    init() {
        CurlGlobal.ensureInitialised()
        guard let raw = curl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
        self.raw = raw
    }

    deinit { curl_easy_cleanup(raw) }
}
