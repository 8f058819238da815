import Postgres

/// The gold rollup that answers a filter without a user, and the WHERE clause that applies it.
///
/// Track and album rollups exist at three grains (dbt/models/gold/daily_*, device_*,
/// daily_device_*); the narrowest one holding the filter's columns is read, because top lists and
/// distinct counts cost one row per (grain, item) and the device grain repeats every day ~8 times.
/// The filter is bound as `$1`… in the order of `parameters`; further parameters follow it.
struct RollupSource {
    /// Table name before the dimension, e.g. `gold.daily_device_`.
    let tablePrefix: String
    let predicate: String
    let parameters: [any PostgresBindable]

    init(_ filter: AnalyticsFilter) {
        let dateRange = "($1::date is null or day >= $1::date) and ($2::date is null or day <= $2::date)"
        switch (filter.from != nil || filter.to != nil, filter.device) {
        case (true, let device?):
            tablePrefix = "gold.daily_device_"
            predicate = dateRange + " and device_type = $3::text"
            parameters = [filter.from, filter.to, device]
        case (false, let device?):
            tablePrefix = "gold.device_"
            predicate = "device_type = $1::text"
            parameters = [device]
        case (_, nil):
            tablePrefix = "gold.daily_"
            predicate = dateRange
            parameters = [filter.from, filter.to]
        }
    }

    /// `gold.<grain>_<dimension>_plays`, e.g. `table("track")` = `gold.device_track_plays`.
    func table(_ dimension: String) -> String { "\(tablePrefix)\(dimension)_plays" }

    /// The placeholder of the first parameter after the filter's.
    var nextPlaceholder: String { "$\(parameters.count + 1)" }
}
