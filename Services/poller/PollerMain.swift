import ServiceRuntime

@main
enum PollerMain {
    static func main() async {
        await ServiceMain.run(service: "poller") { env, logger in
            try buildPollerApplication(PollerConfiguration(env), logger: logger)
        }
    }
}
