/// A boxed message on a page: an error a person can act on, or an empty state that says what to do.
enum Notice {
    static func error(_ title: String, _ message: String) -> String {
        "<div class=\"notice notice-error\" role=\"alert\"><strong>\(HTML.escape(title))</strong><p>\(HTML.escape(message))</p></div>"
    }

    static func empty(_ title: String, _ message: String) -> String {
        "<div class=\"notice notice-empty\"><strong>\(HTML.escape(title))</strong><p>\(HTML.escape(message))</p></div>"
    }

    static func warehouseDown(_ error: any Error) -> String {
        Self.error(
            "The warehouse (PostgreSQL) is not answering",
            "These numbers cannot be shown right now: \(error). The page will work again as soon as PostgreSQL is back; check `deploy/stack status`.")
    }
}
