import Lake

/// The bronze schema's history. Append only.
enum BronzeMigrations {
    static let all: [BronzeMigration] = [
        BronzeMigration(version: 1, name: "event tables and load history") { schema in
            let eventTables = BronzeDataset.allCases.map { dataset in
                let table = "\(schema).\(PostgresIdentifier.quote(dataset.table))"
                return """
                    CREATE TABLE IF NOT EXISTS \(table) (
                        \(eventColumnDefinitions),
                        \(BronzeTable.sourceFileColumn) text NOT NULL,
                        \(BronzeTable.loadedAtColumn) timestamptz NOT NULL DEFAULT now()
                    );
                    """
            }
            return eventTables.joined(separator: "\n") + """

                CREATE TABLE IF NOT EXISTS \(schema).load_history (
                    key text PRIMARY KEY,
                    dataset text NOT NULL,
                    size bigint NOT NULL,
                    fingerprint text NOT NULL,
                    row_count bigint,
                    status text NOT NULL CHECK (status IN ('loaded', 'failed')),
                    error text,
                    attempts integer NOT NULL DEFAULT 1,
                    loaded_at timestamptz,
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    changed_fingerprint text,
                    changed_at timestamptz,
                    note text
                );
                """
        },
        BronzeMigration(version: 2, name: "indexes for dbt and the APIs") { schema in
            var statements: [String] = []
            for dataset in BronzeDataset.allCases {
                let table = PostgresIdentifier.quote(dataset.table)
                for column in ["event_id", "played_at", "user_id", "track_id", "_source_file"] {
                    let index = PostgresIdentifier.quote("\(dataset.table)_\(column.trimmingPrefix("_"))_idx")
                    statements.append("CREATE INDEX IF NOT EXISTS \(index) ON \(schema).\(table) (\(column));")
                }
            }
            statements.append("CREATE INDEX IF NOT EXISTS load_history_status_idx ON \(schema).load_history (status) WHERE status <> 'loaded';")
            return statements.joined(separator: "\n")
        },
        // Exactly once per Kafka record, whatever files hold it: lake-writer's compaction rewrites
        // an hour's rolls into one file, and a replay after a crash can write a record into two.
        // The event id is part of the key so that a broker whose offsets start again (memory
        // storage, a recreated topic) cannot make a new event look like a loaded one.
        BronzeMigration(version: 3, name: "each Kafka record once in bronze") { schema in
            var statements: [String] = []
            for dataset in BronzeDataset.allCases {
                let table = "\(schema).\(PostgresIdentifier.quote(dataset.table))"
                let index = PostgresIdentifier.quote("\(dataset.table)_kafka_record_key")
                // Copies loaded before this migration (from two files of one range): keep the first.
                statements.append("""
                    DELETE FROM \(table) AS later USING \(table) AS earlier
                    WHERE later._kafka_partition = earlier._kafka_partition AND later._kafka_offset = earlier._kafka_offset
                      AND later.event_id = earlier.event_id AND later.ctid > earlier.ctid;
                    CREATE UNIQUE INDEX IF NOT EXISTS \(index) ON \(table) (\(BronzeTable.kafkaRecordKey.joined(separator: ", ")));
                    """)
            }
            statements.append("ALTER TABLE \(schema).load_history ADD COLUMN IF NOT EXISTS rows_added bigint;")
            return statements.joined(separator: "\n")
        },
        // dbt's incremental silver models read the rows loaded since their watermark: a range of
        // _loaded_at, which without an index is a scan of the whole table on every run.
        BronzeMigration(version: 4, name: "index on _loaded_at for incremental reads") { schema in
            BronzeDataset.allCases.map { dataset in
                let table = PostgresIdentifier.quote(dataset.table)
                let index = PostgresIdentifier.quote("\(dataset.table)_loaded_at_idx")
                return "CREATE INDEX IF NOT EXISTS \(index) ON \(schema).\(table) (_loaded_at);"
            }.joined(separator: "\n")
        },
    ]

    private static let eventColumnDefinitions = BronzeColumn.allCases
        .map { "\(PostgresIdentifier.quote($0.name)) \($0.kind.sqlType)" }
        .joined(separator: ",\n    ")
}
