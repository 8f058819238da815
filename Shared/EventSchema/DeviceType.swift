/// The device a track was played on.
///
/// Not an enum on purpose: docs/CONTRACT.md counts an unknown device as a semantic oddity that bronze
/// keeps (raw stays raw), so any bounded string is accepted and `isKnown` lets silver flag it.
public struct DeviceType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let desktop = DeviceType(rawValue: "desktop")
    public static let mobile = DeviceType(rawValue: "mobile")
    public static let tablet = DeviceType(rawValue: "tablet")
    public static let web = DeviceType(rawValue: "web")
    public static let speaker = DeviceType(rawValue: "speaker")
    public static let tv = DeviceType(rawValue: "tv")
    public static let car = DeviceType(rawValue: "car")
    public static let other = DeviceType(rawValue: "other")

    /// The device types docs/CONTRACT.md lists.
    public static let known: [DeviceType] = [.desktop, .mobile, .tablet, .web, .speaker, .tv, .car, .other]

    /// Whether docs/CONTRACT.md lists this device type.
    public var isKnown: Bool { Self.known.contains(self) }

    public var description: String { rawValue }
}
