/// A filter in the URL that cannot be used, with a sentence the page shows next to the form.
struct InvalidFilter: Error, Sendable, Equatable {
    let field: String
    let message: String
}
