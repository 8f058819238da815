import CivilTime
import EventSchema

/// A timestamp's UTC calendar fields (`CivilCalendar`, the calendar EventSchema's formatter uses).
struct SimulatorCivilTime: Sendable, Hashable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    let microsecond: Int

    init(_ timestamp: EventTimestamp) {
        let (seconds, micros) = CivilCalendar.floorDivide(timestamp.microsecondsSinceEpoch, 1_000_000)
        let (days, secondOfDay) = CivilCalendar.floorDivide(seconds, 86_400)
        (year, month, day) = CivilCalendar.date(days: Int(days))
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay / 60 % 60)
        second = Int(secondOfDay % 60)
        microsecond = Int(micros)
    }
}
