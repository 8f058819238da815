import ServiceRuntime

/// The OpenAPI 3 description of recommender-api, served at `GET /openapi.json`. A contract test
/// validates the real responses against it, so it cannot drift from the code unnoticed.
enum RecommenderOpenAPI {
    static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "recommender-api",
        "version": "1.0.0",
        "description": "Track recommendations from the warehouse's gold tables, cached in Redis (keys rec:{track_id}:{limit} and rec:{track_id}:u:{user_id}:{limit}, TTL 3600 s), and each user's current track from the now_playing topic. Without Redis every answer comes from PostgreSQL with cache_hit false."
      },
      "paths": {
        "/recommendations/{track_id}": {
          "get": {
            "summary": "Tracks to play after this one",
            "description": "Co-occurring tracks scored (cooccurrence × 0.7 + affinity/100 × 0.3) × 100, where affinity is the user's artist affinity, or the artist's global popularity (0–100) without user_id. With user_id, tracks that user already played are left out.",
            "parameters": [
              {"name": "track_id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9:_-]{1,64}$"}},
              {"$ref": "#/components/parameters/UserQuery"},
              {"$ref": "#/components/parameters/Limit"}
            ],
            "responses": {
              "200": {"description": "Recommendations, best first.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TrackRecommendations"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "404": {"description": "The warehouse does not know this track.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/users/{user_id}/recommendations": {
          "get": {
            "summary": "A user's precomputed recommendations (gold.track_recommendations)",
            "parameters": [{"$ref": "#/components/parameters/UserPath"}, {"$ref": "#/components/parameters/Limit"}],
            "responses": {
              "200": {"description": "Recommendations by rank; empty for a user without history.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UserRecommendations"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/users/{user_id}/now-playing": {
          "get": {
            "summary": "The user's current track (from now_playing events) and what to play next",
            "parameters": [{"$ref": "#/components/parameters/UserPath"}, {"$ref": "#/components/parameters/Limit"}],
            "responses": {
              "200": {"description": "now_playing is null and recommendations empty when nothing is playing.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NowPlayingResponse"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "503": {"$ref": "#/components/responses/Unavailable"}
            }
          }
        },
        "/now-playing": {
          "get": {
            "summary": "Live activity: every user with a current track (from now_playing events within the TTL), the latest played_at first",
            "parameters": [{"$ref": "#/components/parameters/Limit"}],
            "responses": {
              "200": {"description": "listeners is empty when nobody played anything within the TTL; each track says whether it is still live.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LiveActivity"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"}
            }
          }
        },
        "/cache/invalidate": {
          "post": {
            "summary": "Drop cached recommendations (after a gold rebuild)",
            "security": [{"bearer": []}, {}],
            "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"track_id": {"type": "string", "pattern": "^[A-Za-z0-9:_-]{1,64}$"}}, "description": "With track_id only that track's keys; without a body every rec:* key."}}}},
            "responses": {
              "200": {"description": "Keys deleted.", "content": {"application/json": {"schema": {"type": "object", "required": ["invalidated"], "properties": {"invalidated": {"type": "integer", "minimum": 0}}}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "503": {"description": "Redis cannot be reached; nothing was invalidated.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        "/cache/stats": {
          "get": {
            "summary": "Cache hits and misses since the process started",
            "responses": {"200": {"description": "Counts.", "content": {"application/json": {"schema": {"type": "object", "required": ["hits", "misses", "hit_ratio", "redis_up"], "additionalProperties": false, "properties": {
              "hits": {"type": "integer", "minimum": 0}, "misses": {"type": "integer", "minimum": 0},
              "hit_ratio": {"type": "number", "minimum": 0, "maximum": 1}, "redis_up": {"type": "boolean"}}}}}}}
          }
        },
        \#(OperationalOpenAPI.paths(readiness: "Readiness: PostgreSQL and Kafka answer (Redis is optional)"))
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "UserQuery": {"name": "user_id", "in": "query", "required": false, "schema": {"type": "string", "minLength": 1, "maxLength": 128}},
          "UserPath": {"name": "user_id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 128}},
          "Limit": {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}
        },
        "responses": {
          "BadRequest": {"description": "A malformed track_id or user_id, or limit outside 1–50.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unavailable": {"description": "PostgreSQL cannot be reached or its gold tables cannot be read; retry after Retry-After seconds.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Recommendation": {
            "type": "object", "additionalProperties": false,
            "required": ["track_id", "track_name", "artist_name", "recommendation_score", "reason", "cooccurrence_score", "artist_affinity"],
            "properties": {
              "track_id": {"type": "string"}, "track_name": {"type": "string"}, "artist_name": {"type": "string"},
              "recommendation_score": {"type": "number", "minimum": 0, "maximum": 100},
              "reason": {"type": "string", "minLength": 1},
              "cooccurrence_score": {"type": "number", "minimum": 0, "maximum": 1},
              "artist_affinity": {"type": "number", "minimum": 0, "maximum": 100}
            }
          },
          "RankedRecommendation": {
            "type": "object", "additionalProperties": false,
            "required": ["rank", "track_id", "track_name", "artist_name", "recommendation_score", "reason", "cooccurrence_score", "artist_affinity"],
            "properties": {
              "rank": {"type": "integer", "minimum": 1},
              "track_id": {"type": "string"}, "track_name": {"type": "string"}, "artist_name": {"type": "string"},
              "recommendation_score": {"type": "number", "minimum": 0, "maximum": 100},
              "reason": {"type": "string"},
              "cooccurrence_score": {"type": "number", "minimum": 0, "maximum": 1},
              "artist_affinity": {"type": "number", "minimum": 0, "maximum": 100}
            }
          },
          "TrackRecommendations": {
            "type": "object", "additionalProperties": false,
            "required": ["track_id", "track_name", "artist_name", "recommendations", "generated_at", "cache_hit"],
            "properties": {
              "track_id": {"type": "string"}, "track_name": {"type": "string"}, "artist_name": {"type": "string"},
              "recommendations": {"type": "array", "maxItems": 50, "items": {"$ref": "#/components/schemas/Recommendation"}},
              "generated_at": {"type": "string", "format": "date-time"},
              "cache_hit": {"type": "boolean"}
            }
          },
          "UserRecommendations": {
            "type": "object", "additionalProperties": false,
            "required": ["user_id", "recommendations", "generated_at", "cache_hit"],
            "properties": {
              "user_id": {"type": "string"},
              "recommendations": {"type": "array", "maxItems": 50, "items": {"$ref": "#/components/schemas/RankedRecommendation"}},
              "generated_at": {"type": "string", "format": "date-time"},
              "cache_hit": {"type": "boolean"}
            }
          },
          "NowPlaying": {
            "type": "object", "nullable": true, "additionalProperties": false,
            "description": "The user's current track; null when nothing played within the TTL. live is false once the track's duration (10 minutes when the event did not give duration_ms) plus 60 s has passed since played_at: it is then the user's last play, not what is playing.",
            "required": ["track_id", "track_name", "artist_name", "album_name", "album_image_url", "device_type", "duration_ms", "played_at", "received_at", "live"],
            "properties": {
              "track_id": {"type": "string"},
              "track_name": {"type": "string", "nullable": true}, "artist_name": {"type": "string", "nullable": true},
              "album_name": {"type": "string", "nullable": true}, "album_image_url": {"type": "string", "nullable": true},
              "device_type": {"type": "string", "nullable": true}, "duration_ms": {"type": "integer", "nullable": true},
              "played_at": {"type": "string", "format": "date-time"}, "received_at": {"type": "string", "format": "date-time"},
              "live": {"type": "boolean"}
            }
          },
          "LiveActivity": {
            "type": "object", "additionalProperties": false,
            "required": ["listeners", "generated_at"],
            "properties": {
              "listeners": {"type": "array", "maxItems": 50, "items": {
                "type": "object", "additionalProperties": false, "required": ["user_id", "now_playing"],
                "properties": {"user_id": {"type": "string"}, "now_playing": {"$ref": "#/components/schemas/NowPlaying"}}}},
              "generated_at": {"type": "string", "format": "date-time"}
            }
          },
          "NowPlayingResponse": {
            "type": "object", "additionalProperties": false,
            "required": ["user_id", "now_playing", "recommendations", "cache_hit", "generated_at"],
            "properties": {
              "user_id": {"type": "string"},
              "now_playing": {"$ref": "#/components/schemas/NowPlaying"},
              "recommendations": {"type": "array", "items": {"$ref": "#/components/schemas/Recommendation"}},
              "cache_hit": {"type": "boolean"},
              "generated_at": {"type": "string", "format": "date-time"}
            }
          },
          \#(OperationalOpenAPI.schemas)
        }
      }
    }
    """#
}
