import ArgumentParser

/// `poller`: the service and the operator's commands. Every command reads the same environment
/// as the service (docs/CONTRACT.md: SPOTIFY_*, POLLER_*, INGEST_URL, INGEST_TOKEN).
@main
struct PollerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poller",
        abstract: "Brings a Spotify account's listening into the platform: recently played and currently playing.",
        discussion: """
            Without a subcommand the poller runs as a service (`poller run`). Settings come from the \
            environment, as for the service: SPOTIFY_TOKEN_FILE, POLLER_CURSOR_FILE, POLLER_QUEUE_DIR, \
            POLLER_STATS_FILE, INGEST_URL, INGEST_TOKEN, SPOTIFY_CLIENT_ID/SECRET (docs/CONTRACT.md).
            """,
        subcommands: [
            RunCommand.self, AuthCommand.self, StatusCommand.self, TestCommand.self,
            RunOnceCommand.self, BackfillCommand.self, StatsCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
