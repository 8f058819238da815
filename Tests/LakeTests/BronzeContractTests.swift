import EventSchema
import Lake
import Parquet
import Testing

/// The one bronze table (`BronzeColumn`, `BronzeDataset`) and what derives from it.
@Suite("bronze contract: one table, and what derives from it")
struct BronzeContractTests {
    @Test("every event type has one dataset, and every dataset one topic, folder and table")
    func datasetsAreOnePerEventType() {
        #expect(BronzeDataset.allCases.count == EventType.allCases.count)
        for type in EventType.allCases {
            let dataset = BronzeDataset(type)
            #expect(dataset.eventType == type)
            #expect(BronzeDataset(topic: type.kafkaTopic) == dataset)
            #expect(dataset.topic == type.kafkaTopic)
        }
        #expect(Set(BronzeDataset.allCases.map(\.topic)) == Set(EventTopics.eventTopics))
        #expect(Set(BronzeDataset.allCases.map(\.table)).count == BronzeDataset.allCases.count)
        #expect(BronzeDataset(topic: EventTopics.deadLetter) == nil)
        #expect(BronzeDataset.nowPlaying.table == "currently_playing")
        #expect(BronzeDataset.nowPlaying.lakeFolder == "now_playing")
    }

    @Test("the Parquet schema is the table: names in order, lake-writer's types, nulls only where optional")
    func parquetSchemaDerives() {
        let columns = BronzeParquetSchema.schema.columns
        #expect(columns.map(\.name) == BronzeColumn.allCases.map(\.name))
        for (file, column) in zip(columns, BronzeColumn.allCases) {
            #expect(file.type == column.kind.parquetType, "\(column.name)")
            #expect(file.nullable == (column.presence == .optional), "\(column.name)")
            #expect(column.kind.accepts(file.type), "the loader must take what lake-writer writes: \(column.name)")
        }
        #expect(columns.count == 21)
    }

    @Test("what the loader requires: identity and time; the record key is Kafka's coordinates and the id")
    func requiredAndKey() {
        #expect(BronzeColumn.allCases.filter(\.isRequiredOnLoad).map(\.name) == ["event_id", "user_id", "event_type", "track_id", "played_at"])
        #expect(BronzeColumn.kafkaRecordKey.map(\.name) == ["_kafka_partition", "_kafka_offset", "event_id"])
        #expect(BronzeColumn.kafkaRecordKey.allSatisfy { !$0.isNullableInLake })
    }

    @Test("other writers' types the loader takes, and those it refuses")
    func acceptedTypes() {
        #expect(BronzeColumnKind.text.accepts(.binary))
        #expect(BronzeColumnKind.bigint.accepts(.int32))
        #expect(BronzeColumnKind.integer.accepts(.int64))
        #expect(BronzeColumnKind.timestamptz.accepts(.timestamp(.millis, isAdjustedToUTC: true)))
        #expect(!BronzeColumnKind.text.accepts(.int64))
        #expect(!BronzeColumnKind.bigint.accepts(.string))
        #expect(!BronzeColumnKind.timestamptz.accepts(.int64))
    }

    @Test("a lake key: any Parquet file in a dataset folder; lake-writer's names also carry coordinates")
    func lakeKeys() throws {
        let own = "bronze/plays/year=2025/month=11/day=18/hour=14/part-user_plays-3-100-199.parquet"
        #expect(LakeFileKey(own)?.dataset == .plays)
        #expect(BronzeFileKey(key: own)?.dataset == .plays)
        let foreign = "bronze/likes/export/2025.parquet"
        #expect(LakeFileKey(foreign)?.dataset == .likes)
        #expect(BronzeFileKey(key: foreign) == nil)
        for stray in ["bronze/plays/year=2025/.part.parquet", "silver/plays/x.parquet", "bronze/dlq/x.parquet", "bronze/plays/x.json", "bronze/plays"] {
            #expect(LakeFileKey(stray) == nil, "\(stray)")
            #expect(BronzeFileKey(key: stray) == nil, "\(stray)")
        }
    }
}
