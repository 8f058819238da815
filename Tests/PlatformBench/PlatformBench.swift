import ArgumentParser

/// `swift run -c release platform-bench <benchmark>`: each benchmark measures this project's code
/// and a reference (pyarrow, psql, librdkafka without the wrapper) in the same run and reports
/// medians and the ratio between them, so the figure means something on a noisy shared machine.
@main
struct PlatformBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform-bench",
        abstract: "Benchmarks of the platform's shared libraries against reference tools.",
        subcommands: [
            EventSchemaBenchmark.self,
            ParquetBenchmark.self,
            KafkaProduceBenchmark.self,
            CopyBenchmark.self,
            IngestBenchmark.self,
            WarehouseLoaderBenchmark.self,
            LakeWriterBenchmark.self,
        ]
    )
}
