/// When lake-writer compacts an hour's rolls (`LakeCompactor`).
struct CompactionPolicy: Sendable {
    /// How often settled partition-hours are looked for; nil turns compaction off.
    var interval: Duration?
    /// How long after an hour's end it counts as settled: late events of the hour (a poller's
    /// recently-played page, a client's retry) are still written as rolls before it is compacted.
    /// Later ones still arrive as a roll and are compacted at the next pass.
    var settle: Duration
    /// Every this many passes the whole lake is listed again, for rolls this instance did not
    /// write (an earlier run's, or of a partition it took over in a rebalance).
    var rescanEvery: Int = 20
}
