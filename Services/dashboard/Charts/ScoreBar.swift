/// A recommendation score (0–100) as a bar with its number, readable without the bar.
enum ScoreBar {
    static func render(_ score: Double) -> String {
        let clamped = min(100, max(0, score.isFinite ? score : 0))
        return "<div class=\"score\"><span class=\"track\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"\(HTML.decimal(clamped, digits: 1))\" aria-label=\"Recommendation score\"><span class=\"fill\" style=\"width:\(HTML.decimal(clamped, digits: 1))%\"></span></span><span class=\"figure\" data-score=\"\(score)\">\(HTML.decimal(score, digits: 1))</span></div>"
    }
}
