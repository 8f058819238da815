import ServiceRuntime

@main
enum IngestServiceMain {
    static func main() async {
        await ServiceMain.run(service: "ingest-service") { env, logger in
            try buildIngestApplication(IngestConfiguration(env), logger: logger)
        }
    }
}
