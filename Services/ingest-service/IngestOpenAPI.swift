import ServiceRuntime

/// The OpenAPI 3 description of ingest-service, served at `GET /openapi.json`. A contract test
/// validates the real responses against it, so it cannot drift from the code unnoticed.
enum IngestOpenAPI {
    static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "ingest-service",
        "version": "1.0.0",
        "description": "The platform's front door: listening events in over HTTP, acknowledged by Kafka before the reply. Rejected events go to the events_dlq topic with their reason."
      },
      "paths": {
        "/v1/events": {
          "post": {
            "summary": "Ingest one event, a JSON array of events, or NDJSON",
            "security": [{"bearer": []}, {}],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/Event"}, {"type": "array", "items": {"$ref": "#/components/schemas/Event"}, "maxItems": 10000}]}},
                "application/x-ndjson": {"schema": {"type": "string", "description": "One event per line; blank lines are ignored."}}
              }
            },
            "responses": {
              "202": {"description": "At least one event was accepted and acknowledged by Kafka.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestOutcome"}}}},
              "400": {"description": "No event was accepted (per-event errors), or the body is not valid JSON/NDJSON (error body naming line and column).", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/IngestOutcome"}, {"$ref": "#/components/schemas/Error"}]}}}},
              "401": {"description": "INGEST_TOKEN is set and the bearer token is missing or wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "413": {"description": "The body is over the size limit, or holds more events than the batch limit.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "415": {"description": "Content-Type is neither application/json nor application/x-ndjson.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "503": {"description": "Kafka did not acknowledge the events in time; retry after Retry-After seconds.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        "/v1/simulate": {
          "post": {
            "summary": "Start simulated listening traffic through this service's own ingestion path",
            "description": "Runs in the background (one simulation at a time); GET /v1/simulate reports progress. Requires ADMIN_TOKEN when it is configured.",
            "security": [{"bearer": []}, {}],
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationRequest"}}}
            },
            "responses": {
              "202": {"description": "The simulation started.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationStatus"}}}},
              "400": {"description": "The body is not JSON of this shape, or the settings are impossible (the message names the setting).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "409": {"description": "A simulation is already running.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "413": {"description": "The body is over 64 KiB.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          },
          "get": {
            "summary": "The running or last simulation",
            "security": [{"bearer": []}, {}],
            "responses": {
              "200": {"description": "State and progress.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimulationStatus"}}}},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        \#(OperationalOpenAPI.paths(readiness: "Readiness: every dependency answers"))
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
          "Event": {
            "type": "object",
            "description": "A listening event, schema version 1. Unknown fields are ignored.",
            "required": ["event_id", "user_id", "event_type", "track_id", "played_at"],
            "properties": {
              "event_id": {"type": "string", "format": "uuid"},
              "user_id": {"type": "string", "minLength": 1, "maxLength": 128},
              "event_type": {"type": "string", "enum": ["play", "skip", "like", "now_playing"]},
              "track_id": {"type": "string", "pattern": "^[A-Za-z0-9:_-]{1,64}$"},
              "played_at": {"type": "string", "format": "date-time"},
              "track_name": {"type": "string", "maxLength": 1024, "description": "Required for play."},
              "artist_name": {"type": "string", "maxLength": 1024, "description": "Required for play."},
              "album_name": {"type": "string", "maxLength": 1024},
              "duration_ms": {"type": "integer", "description": "Required for play."},
              "device_type": {"type": "string", "maxLength": 64},
              "ms_played": {"type": "integer"},
              "position_ms": {"type": "integer"},
              "context_type": {"type": "string", "enum": ["playlist", "album", "artist", "radio", "search", "other"]},
              "artist_id": {"type": "string"},
              "album_id": {"type": "string"},
              "album_image_url": {"type": "string", "maxLength": 2048},
              "source": {"type": "string", "enum": ["simulator", "spotify_recently_played", "spotify_currently_playing", "api"]},
              "schema_version": {"type": "integer", "enum": [1]}
            }
          },
          "IngestOutcome": {
            "type": "object",
            "required": ["accepted", "rejected", "errors"],
            "additionalProperties": false,
            "properties": {
              "accepted": {"type": "integer", "minimum": 0},
              "rejected": {"type": "integer", "minimum": 0},
              "errors": {"type": "array", "items": {
                "type": "object",
                "required": ["index", "event_id", "field", "message"],
                "additionalProperties": false,
                "properties": {
                  "index": {"type": "integer", "minimum": 0},
                  "event_id": {"type": "string", "nullable": true},
                  "field": {"type": "string"},
                  "message": {"type": "string"}
                }
              }}
            }
          },
          "SimulationRequest": {
            "type": "object",
            "required": ["events", "users"],
            "properties": {
              "events": {"type": "integer", "minimum": 1, "maximum": 100000000},
              "users": {"type": "integer", "minimum": 1, "maximum": 1000000, "description": "At most events; at most 300 events per user per day."},
              "seed": {"type": "integer", "minimum": 0, "description": "Same seed, same events (default 42)."},
              "rate": {"type": "number", "minimum": 0, "description": "Events per second; 0 = as fast as possible (default)."},
              "days": {"type": "integer", "minimum": 1, "maximum": 3660, "description": "Days of history the events cover, ending now (default 7)."},
              "dirty_share": {"type": "number", "minimum": 0, "maximum": 0.5, "description": "Share of deliberately dirty events (default 0.03)."}
            }
          },
          "SimulationStatus": {
            "type": "object",
            "required": ["state"],
            "additionalProperties": false,
            "properties": {
              "state": {"type": "string", "enum": ["idle", "running", "finished", "failed"]},
              "events": {"type": "integer"},
              "users": {"type": "integer"},
              "seed": {"type": "integer"},
              "rate": {"type": "number"},
              "report": {
                "type": "object",
                "required": ["sent", "accepted", "rejected", "seconds"],
                "additionalProperties": false,
                "properties": {
                  "sent": {"type": "integer", "minimum": 0},
                  "accepted": {"type": "integer", "minimum": 0},
                  "rejected": {"type": "integer", "minimum": 0},
                  "seconds": {"type": "number", "minimum": 0}
                }
              },
              "error": {"type": "string"}
            }
          },
          \#(OperationalOpenAPI.schemas)
        }
      }
    }
    """#
}
