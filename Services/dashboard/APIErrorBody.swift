import ServiceRuntime

/// The dashboard's JSON errors (for the fragment endpoint, which scripts call).
enum APIErrorBody {
    static let missingUser = APIError.badRequest("missing_user", "Add ?user=<user_id> to follow what that user is playing.")
}
