/// The parts of an OpenAPI document every service shares (`/health`, `/ready`, `/metrics`,
/// `/openapi.json` and the `Readiness` and `Error` schemas), as JSON fragments for the services'
/// own documents, so the operational endpoints are described the same way everywhere.
public enum OperationalOpenAPI {
    /// Path items, without surrounding braces; `readiness` says what the service's `/ready` checks.
    public static func paths(readiness: String) -> String {
        #"""
        "/health": {"get": {"summary": "Liveness", "responses": {"200": {"description": "The process runs.", "content": {"application/json": {"schema": {"type": "object", "required": ["status", "service"], "properties": {"status": {"type": "string"}, "service": {"type": "string"}}}}}}}}},
                "/ready": {"get": {"summary": "\#(readiness)", "responses": {
                  "200": {"description": "Ready.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Readiness"}}}},
                  "503": {"description": "A required dependency does not answer (an optional one only makes the status degraded, still 200).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Readiness"}}}}}}},
                "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {"200": {"description": "Prometheus text format.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
                "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3 document.", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
        """#
    }

    /// Component schemas `Readiness` and `Error` (ServiceRuntime.APIError's body), without braces.
    public static let schemas = #"""
    "Readiness": {
                "type": "object", "required": ["status", "service", "checks"],
                "properties": {"status": {"type": "string", "enum": ["ready", "degraded", "not_ready"]}, "service": {"type": "string"}, "checks": {"type": "object", "additionalProperties": {"type": "string"}}}
              },
              "Error": {
                "type": "object", "required": ["error", "message"], "additionalProperties": false,
                "properties": {"error": {"type": "string"}, "message": {"type": "string"}}
              }
    """#
}
