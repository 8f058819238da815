import ServiceRuntime

@main
enum IngestServiceMain {
    static func main() async {
        // `ingest-service simulate ...` runs the simulator; anything else runs the service.
        if CommandLine.arguments.dropFirst().first == "simulate" {
            await SimulateCommand.main(Array(CommandLine.arguments.dropFirst(2)))
            return
        }
        await ServiceMain.run(service: "ingest-service") { env, logger in
            try buildIngestApplication(IngestConfiguration(env), logger: logger)
        }
    }
}
