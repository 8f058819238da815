/// Why the fake token endpoint refused a grant (`error_description`).
struct FakeOAuthError: Error {
    let description: String
}
