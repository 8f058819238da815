import ArgumentParser
import Foundation
import Logging
import ServiceRuntime

/// `poller auth`: connects a Spotify account with the authorization-code flow and stores the
/// tokens in `SPOTIFY_TOKEN_FILE`, where the running service picks them up.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Connect a Spotify account: open the printed URL, approve, and the token file is written.",
        discussion: """
            Needs SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET and SPOTIFY_REDIRECT_URI (registered in the \
            Spotify app's settings; default http://127.0.0.1:8888/callback). Listens on the redirect \
            URI's port for the browser's return, checks the state value, exchanges the code and writes \
            SPOTIFY_TOKEN_FILE with mode 0600.
            """
    )

    @Option(help: "Seconds to wait for the browser to come back.") var timeout = 300

    func run() async throws {
        let logger = CommandSupport.logger("poller-auth")
        let configuration = try CommandSupport.configuration()
        let flow = try AuthorizationFlow(configuration: configuration, logger: logger)
        let token = try await flow.run(timeout: .seconds(timeout)) { url in
            // Unbuffered: stdout may be a pipe or a file, where print would hold the URL back.
            FileHandle.standardOutput.write(Data("Open this URL in a browser and approve access:\n\n  \(url)\n\nWaiting for Spotify to redirect to \(configuration.redirectURI) ...\n".utf8))
        }
        FileHandle.standardOutput.write(Data("Connected. Token stored in \(configuration.tokenFile) (expires \(token.expiresAt), scope: \(token.scope)).\n".utf8))
    }
}
