import ServiceRuntime

@main
enum RecommenderAPIMain {
    static func main() async {
        await ServiceMain.run(service: "recommender-api") { env, logger in
            try buildRecommenderAPIApplication(RecommenderAPIConfiguration(env), logger: logger)
        }
    }
}
