import ServiceRuntime

@main
enum DashboardMain {
    static func main() async {
        await ServiceMain.run(service: "dashboard") { env, logger in
            try buildDashboardApplication(DashboardConfiguration(env), logger: logger)
        }
    }
}
