import ServiceRuntime

@main
enum LakeWriterMain {
    static func main() async {
        await ServiceMain.run(service: "lake-writer") { env, logger in
            try buildLakeWriterApplication(LakeWriterConfiguration(env), logger: logger)
        }
    }
}
