/// The Top content page's three lists for one filter.
struct TopContent: Sendable, Equatable {
    var tracks: [RankedItem]
    var artists: [RankedItem]
    var albums: [RankedItem]
}
