import CCurl

/// `curl_global_init` must run once per process before any handle exists, and is not thread-safe
/// itself; a static `let` gives exactly-once initialisation.
enum CurlGlobal {
    private static let initialised: Bool = ccurl_global_init_default() == CURLE_OK

    static func ensureInitialised() {
        precondition(initialised, "curl_global_init failed")
    }
}
