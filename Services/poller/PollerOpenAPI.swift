import ServiceRuntime

/// The OpenAPI 3 description of the poller, served at `GET /openapi.json`. A contract test
/// validates the real responses against it, so it cannot drift from the code unnoticed.
enum PollerOpenAPI {
    static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "poller",
        "version": "1.0.0",
        "description": "Polls the connected Spotify account (currently playing and recently played) and posts the plays to ingest-service. Without a connected account (`poller auth`) it idles. Airflow calls POST /sync to catch up on recently played tracks."
      },
      "paths": {
        "/status": {
          "get": {
            "summary": "Authorization, last poll and sync, cursor, queue and error counts",
            "responses": {
              "200": {"description": "Every key is always present; unknown values are null.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PollerStatus"}}}}
            }
          }
        },
        "/sync": {
          "post": {
            "summary": "Fetch recently played tracks from Spotify now and post them to ingest-service",
            "description": "Pages through recently played tracks after the stored cursor, posts the new plays (and any queued leftovers) and persists the cursor. A sync already running is joined, not repeated. Requires ADMIN_TOKEN when it is configured.",
            "security": [{"bearer": []}, {}],
            "responses": {
              "200": {"description": "The sync ran.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SyncReport"}}}},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "409": {"description": "No Spotify account is connected (error not_authorized), or Spotify no longer accepts the stored authorization (error reauthorization_required): run `poller auth`.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "500": {"description": "Fetched plays could not be stored in the local queue (error queue_unwritable).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "502": {"description": "Spotify could not be reached, gave no usable answer, or the token could not be refreshed (errors spotify_unreachable, spotify_error, spotify_auth_error).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "503": {"description": "Spotify asked the poller to wait (error spotify_rate_limited); retry after Retry-After seconds.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        \#(OperationalOpenAPI.paths(readiness: "Readiness: ingest-service answers and the Spotify authorization has not been refused (no account connected yet is ready)"))
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
          "PollerStatus": {
            "type": "object",
            "required": ["auth_state", "user_id", "last_poll_at", "last_track_id", "last_sync_at", "cursor", "queued_events", "rate_limited_until", "errors"],
            "additionalProperties": false,
            "properties": {
              "auth_state": {"type": "string", "enum": ["authorized", "not_authorized", "reauthorization_required"]},
              "user_id": {"type": "string", "nullable": true, "description": "The connected account's user id; null until known."},
              "last_poll_at": {"type": "string", "format": "date-time", "nullable": true},
              "last_track_id": {"type": "string", "nullable": true, "description": "The track currently playing at the last poll; null when nothing played."},
              "last_sync_at": {"type": "string", "format": "date-time", "nullable": true},
              "cursor": {"$ref": "#/components/schemas/Cursor"},
              "queued_events": {"type": "integer", "minimum": 0, "description": "Events fetched but not yet taken by ingest-service."},
              "rate_limited_until": {"type": "string", "format": "date-time", "nullable": true},
              "errors": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}, "description": "Error counts by kind since the process started."}
            }
          },
          "SyncReport": {
            "type": "object",
            "required": ["fetched", "posted", "cursor"],
            "additionalProperties": false,
            "properties": {
              "fetched": {"type": "integer", "minimum": 0, "description": "Plays fetched from Spotify."},
              "posted": {"type": "integer", "minimum": 0, "description": "Events ingest-service took during this sync, queued leftovers included."},
              "cursor": {"$ref": "#/components/schemas/Cursor"}
            }
          },
          "Cursor": {"type": "string", "nullable": true, "description": "Spotify's recently-played cursor (Unix milliseconds of the newest play); null before any play."},
          \#(OperationalOpenAPI.schemas)
        }
      }
    }
    """#
}
