import ServiceRuntime

/// The OpenAPI 3 description of lake-writer, served at `GET /openapi.json`. A contract test
/// validates the real responses against it, so it cannot drift from the code unnoticed.
enum LakeWriterOpenAPI {
    static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "lake-writer",
        "version": "1.0.0",
        "description": "Consumes the listening topics and writes them to the lake as Parquet (bronze), committing Kafka offsets only after a file is stored. Airflow calls POST /flush before loading the warehouse."
      },
      "paths": {
        "/status": {
          "get": {
            "summary": "Per-partition progress and the lake's write health",
            "responses": {
              "200": {"description": "Every key is always present; unknown values are null.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LakeWriterStatus"}}}}
            }
          }
        },
        "/flush": {
          "post": {
            "summary": "Write every buffered event to the lake now",
            "description": "Writes the buffered events as Parquet files (one per partition and event hour) and commits their offsets. A failing lake write is retried until it succeeds (GET /status shows storage_error meanwhile), so the reply waits for the lake. Requires ADMIN_TOKEN when it is configured.",
            "security": [{"bearer": []}, {}],
            "responses": {
              "200": {"description": "The files this flush wrote (empty when nothing was buffered).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FlushResult"}}}},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        \#(OperationalOpenAPI.paths(readiness: "Readiness: Kafka answers and the lake is reachable and accepts writes"))
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
          "LakeWriterStatus": {
            "type": "object",
            "required": ["partitions", "behind", "storage_error"],
            "additionalProperties": false,
            "properties": {
              "partitions": {"type": "array", "items": {"$ref": "#/components/schemas/PartitionStatus"}},
              "behind": {"type": "integer", "format": "int64", "minimum": 0, "nullable": true, "description": "Records the topics hold that lake-writer has neither buffered nor committed, over all its partitions. Null while it holds no partition or any high watermark is unknown (just after a start): never read caught-up from null."},
              "storage_error": {"type": "string", "nullable": true, "description": "The last lake write error while writes are being retried; null while the lake is healthy."}
            }
          },
          "PartitionStatus": {
            "type": "object",
            "required": ["topic", "partition", "committed_offset", "high_watermark", "lag", "buffered_events", "last_files"],
            "additionalProperties": false,
            "properties": {
              "topic": {"type": "string"},
              "partition": {"type": "integer", "format": "int32", "minimum": 0},
              "committed_offset": {"type": "integer", "format": "int64", "nullable": true, "description": "Null while nothing of the partition is committed yet."},
              "high_watermark": {"type": "integer", "format": "int64", "nullable": true, "description": "Null while unknown."},
              "lag": {"type": "integer", "format": "int64", "nullable": true, "description": "Null while committed offset or high watermark is unknown."},
              "buffered_events": {"type": "integer", "minimum": 0},
              "last_files": {"type": "array", "items": {"type": "string"}, "description": "Lake keys of the partition's most recent files."}
            }
          },
          "FlushResult": {
            "type": "object",
            "required": ["files"],
            "additionalProperties": false,
            "properties": {
              "files": {"type": "array", "items": {
                "type": "object",
                "required": ["key", "events", "bytes"],
                "additionalProperties": false,
                "properties": {
                  "key": {"type": "string", "description": "The file's lake key."},
                  "events": {"type": "integer", "minimum": 0},
                  "bytes": {"type": "integer", "minimum": 0}
                }
              }}
            }
          },
          \#(OperationalOpenAPI.schemas)
        }
      }
    }
    """#
}
