import Metrics
import Prometheus

/// The process-wide Prometheus registry behind swift-metrics.
///
/// swift-metrics can be bootstrapped once per process, and tests build many applications in
/// one process, so the bootstrap happens here, once, whoever asks first.
public enum ServiceMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Prometheus names allow [a-zA-Z0-9_:]; swift-metrics labels often use dots.
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Makes sure the registry exists before the first metric is created.
    public static func bootstrap() { _ = registry }

    /// The exposition text of every metric, for `GET /metrics`.
    public static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") ? $0 : "_" })
    }
}
