import ServiceRuntime

@main
enum PollerMain {
    static func main() async {
        // `poller auth` connects a Spotify account; `poller run` or no arguments runs the service.
        var arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "auth" {
            await AuthCommand.main(Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "run" { arguments = arguments.dropFirst() }
        await ServiceMain.run(service: "poller") { env, logger in
            try buildPollerApplication(PollerConfiguration(env), logger: logger)
        }
    }
}
