import ServiceRuntime

@main
enum WarehouseLoaderMain {
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "load" {
            await LoadOnceCommand.run()
        }
        await ServiceMain.run(service: "warehouse-loader") { env, logger in
            try buildWarehouseLoaderApplication(WarehouseLoaderConfiguration(env), logger: logger)
        }
    }
}
