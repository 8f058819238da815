import Foundation
import TestSupport

/// An HTTP proxy in front of moto that answers writes (PUT/POST) with `500 InternalError` while
/// failing is switched on, and forwards everything else unchanged (the Host header too, so
/// SigV4 signatures still verify).
final class FaultInjectingProxy: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let switchFile: String
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(upstreamPort: Int) async throws {
        port = try LakeWriterProcess.freePort()
        switchFile = NSTemporaryDirectory() + "s3-proxy-fail-\(UUID().uuidString)"
        let script = #"""
import http.client, http.server, os, sys
port, upstream, switch = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def relay(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.command in ("PUT", "POST") and os.path.exists(switch):
            error = b"<Error><Code>InternalError</Code><Message>injected</Message></Error>"
            self.send_response(500); self.send_header("Content-Length", str(len(error))); self.end_headers(); self.wfile.write(error)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() != "expect"}
        connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"): self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD": self.wfile.write(data)
        connection.close()
    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = relay
http.server.ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
"""#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestEnvironment.python())
        process.arguments = ["-c", script, String(port), String(upstreamPort), switchFile]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if (try? Subprocess.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-m", "1", endpoint]))?.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw LakeFixture.InspectionFailed(output: "the fault-injecting proxy did not start")
    }

    /// Switches the injected 500s on or off.
    func failWrites(_ on: Bool) {
        if on {
            _ = FileManager.default.createFile(atPath: switchFile, contents: nil)
        } else {
            try? FileManager.default.removeItem(atPath: switchFile)
        }
    }

    func stop() {
        // SIGKILL: a child of the test runner may not see SIGTERM (moto's stop does the same).
        ChildProcess.stop(process)
        try? FileManager.default.removeItem(atPath: switchFile)
    }
}
