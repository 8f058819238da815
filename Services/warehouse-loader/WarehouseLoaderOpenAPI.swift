import ServiceRuntime

/// The OpenAPI 3 description of warehouse-loader, served at `GET /openapi.json`. A contract test
/// validates the real responses against it, so it cannot drift from the code unnoticed.
enum WarehouseLoaderOpenAPI {
    static let document = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "warehouse-loader",
        "version": "1.0.0",
        "description": "Loads new bronze Parquet files from the lake into PostgreSQL, each file once. Airflow triggers POST /load after lake-writer's flush; the loader also polls on its own when WAREHOUSE_LOADER_POLL_SECONDS is above 0."
      },
      "paths": {
        "/status": {
          "get": {
            "summary": "The last load, pending files and quarantined failures",
            "description": "Every key is always present; unknown values are null. When PostgreSQL or the lake cannot be read, failures and changed_files are empty and files_pending is the last known count.",
            "responses": {
              "200": {"description": "The loader's state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoaderStatus"}}}}
            }
          }
        },
        "/load": {
          "post": {
            "summary": "Load every new lake file now",
            "description": "Runs one load (waiting for a load already running to finish first) and answers with its report. Files that failed before and did not change are left alone (quarantined) unless retry_failed is true. Requires ADMIN_TOKEN when it is configured.",
            "security": [{"bearer": []}, {}],
            "requestBody": {
              "required": false,
              "description": "Empty, {} or {\"retry_failed\": true}.",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoadRequest"}}}
            },
            "responses": {
              "200": {"description": "The load ran; per-file failures are listed, not an error.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LoadReport"}}}},
              "400": {"description": "The body is neither empty nor a JSON object of this shape.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "401": {"description": "ADMIN_TOKEN is set and the bearer token is missing or wrong.", "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "413": {"description": "The body is over 64 KiB.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "503": {"description": "The load could not run (PostgreSQL or the lake cannot be reached); files not loaded stay pending. Retry after Retry-After seconds.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          }
        },
        \#(OperationalOpenAPI.paths(readiness: "Readiness: PostgreSQL and the lake answer"))
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
          "LoadRequest": {
            "type": "object",
            "properties": {
              "retry_failed": {"type": "boolean", "nullable": true, "default": false, "description": "Load quarantined files again even though they did not change."}
            }
          },
          "LoadReport": {
            "type": "object",
            "required": ["started_at", "seconds", "files_loaded", "files_loaded_count", "rows_loaded", "failures", "changed_files", "skipped", "quarantined"],
            "additionalProperties": false,
            "properties": {
              "started_at": {"type": "string", "format": "date-time"},
              "seconds": {"type": "number", "minimum": 0},
              "files_loaded": {"type": "array", "items": {
                "type": "object",
                "required": ["key", "rows", "rows_in_file"],
                "additionalProperties": false,
                "properties": {
                  "key": {"type": "string"},
                  "rows": {"type": "integer", "minimum": 0, "description": "Rows added to bronze: the file's Kafka records (partition, offset, event_id) bronze did not hold yet."},
                  "rows_in_file": {"type": "integer", "minimum": 0}
                }
              }},
              "files_loaded_count": {"type": "integer", "minimum": 0},
              "rows_loaded": {"type": "integer", "minimum": 0, "description": "Rows added to bronze in this run (the sum of files_loaded[].rows)."},
              "failures": {"type": "array", "items": {"$ref": "#/components/schemas/FileFailure"}},
              "changed_files": {"type": "array", "items": {"type": "string"}, "description": "Loaded files whose content changed afterwards, first noticed in this run."},
              "skipped": {"type": "integer", "minimum": 0},
              "quarantined": {"type": "integer", "minimum": 0, "description": "Failed files left alone because they did not change."}
            }
          },
          "FileFailure": {
            "type": "object",
            "required": ["key", "error", "attempts"],
            "additionalProperties": false,
            "properties": {
              "key": {"type": "string"},
              "error": {"type": "string"},
              "attempts": {"type": "integer", "minimum": 1}
            }
          },
          "LoaderStatus": {
            "type": "object",
            "required": ["last_load", "last_error", "files_pending", "failures", "changed_files", "poll_seconds"],
            "additionalProperties": false,
            "properties": {
              "last_load": {"description": "The last successful load; null before the first one.", "anyOf": [{"$ref": "#/components/schemas/LoadReport"}, {"type": "object", "nullable": true, "enum": [null]}]},
              "last_error": {"type": "string", "nullable": true, "description": "Why the last load could not run; null after a successful one."},
              "files_pending": {"type": "integer", "minimum": 0, "nullable": true, "description": "Null while the lake has not been looked at yet."},
              "failures": {"type": "array", "items": {"$ref": "#/components/schemas/FileFailure"}},
              "changed_files": {"type": "array", "items": {"type": "string"}},
              "poll_seconds": {"type": "integer", "minimum": 0, "description": "0 when the loader only loads on POST /load."}
            }
          },
          \#(OperationalOpenAPI.schemas)
        }
      }
    }
    """#
}
