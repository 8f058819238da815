import ServiceRuntime

@main
enum WarehouseLoaderMain {
    static func main() async {
        await ServiceMain.run(service: "warehouse-loader") { env, logger in
            try buildWarehouseLoaderApplication(WarehouseLoaderConfiguration(env), logger: logger)
        }
    }
}
