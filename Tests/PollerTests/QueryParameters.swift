import Foundation

/// The decoded query parameters of a URL.
struct QueryParameters {
    let items: [String: String]

    init(_ url: String) {
        items = Dictionary((URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
    }

    subscript(name: String) -> String? { items[name] }
}
