/// The local HTTP server the tests talk to (Python's standard library only). Kept as a Swift
/// string so the test target has no unhandled resource files.
///
/// Prints its port on the first line of stdout, and exits when stdin closes, so it dies with
/// the test process even if that crashes.
enum TestServerScript {
    static let source = #"""
import json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counters = {}
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = self.path.split("?")[0].strip("/").split("/")
        kind, args = parts[0], parts[1:]
        if kind == "echo":
            doc = {"method": self.command, "path": self.path, "body": body.decode("utf-8", "replace"),
                   "headers": [[k, v] for k, v in self.headers.items()]}
            self.reply(200, json.dumps(doc).encode(), [("Content-Type", "application/json")])
        elif kind == "status":
            self.reply(int(args[0]), ("status %s" % args[0]).encode())
        elif kind == "retry-after":
            self.reply(int(args[0]), b"busy", [("Retry-After", args[1].replace("_", " "))])
        elif kind == "flaky":
            with lock:
                counters[args[0]] = counters.get(args[0], 0) + 1
                count = counters[args[0]]
            if count <= int(args[1]):
                self.reply(503, b"not yet", [("Retry-After", "0")])
            else:
                self.reply(200, ("ok after %d" % count).encode())
        elif kind == "slow":
            time.sleep(float(args[0]) / 1000)
            self.reply(200, b"slow")
        elif kind == "big":
            self.reply(200, b"x" * int(args[0]))
        elif kind == "big-unsized":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            chunk = b"y" * 65536
            remaining = int(args[0])
            while remaining > 0:
                n = min(remaining, len(chunk))
                self.wfile.write(chunk[:n])
                remaining -= n
        elif kind == "headers":
            self.reply(200, b"", [("X-Custom-Header", "one"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
        else:
            self.reply(404, b"no such endpoint")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = handle_any

def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
}
