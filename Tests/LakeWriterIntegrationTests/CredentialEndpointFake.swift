import Foundation
import TestSupport

/// A container credentials endpoint and an IMDSv2 instance metadata service in one small server,
/// handing out real temporary credentials of moto's role (a fresh STS AssumeRole per fetch, so a
/// refresh shows as a new key) with an `Expiration` `ttl` seconds ahead. It counts the fetches.
/// - `GET /container`: needs `Authorization: <authorizationToken>` (401 otherwise).
/// - IMDSv2: `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds`, then the role
///   list and the role's credentials with `X-aws-ec2-metadata-token` (401 without it).
/// - `GET /stats`: `{"container": n, "imds_token": n, "imds_credentials": n}`.
final class CredentialEndpointFake: @unchecked Sendable {
    let port: Int
    let authorizationToken = "container-auth-\(UUID().uuidString)"
    private let process: Process
    var url: String { "http://127.0.0.1:\(port)" }

    init(moto: MotoServer, ttl: Int) throws {
        port = try LakeWriterProcess.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: try TestEnvironment.python())
        process.arguments = ["-c", Self.script, String(port), moto.endpoint, moto.accessKey, moto.secretKey, moto.roleARN,
                             String(ttl), authorizationToken]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? stats()) != nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop()
        throw LakeFixture.InspectionFailed(output: "the credentials fake did not answer on port \(port)")
    }

    func stats() throws -> [String: Int] {
        let result = try Subprocess.run("/usr/bin/curl", ["-sf", "\(url)/stats"])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let stats = try JSONSerialization.jsonObject(with: data) as? [String: Int] else {
            throw LakeFixture.InspectionFailed(output: "stats: \(result.stderr)")
        }
        return stats
    }

    func stop() {
        ChildProcess.stop(process)
    }

    private static let script = #"""
import boto3, datetime, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, moto, key, secret, role, ttl, auth = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7]
sts = boto3.client("sts", endpoint_url=moto, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
counts, lock, imds_token = {"container": 0, "imds_token": 0, "imds_credentials": 0}, threading.Lock(), "imds-session-token"

def credentials():
    c = sts.assume_role(RoleArn=role, RoleSessionName="fake")["Credentials"]
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=ttl)
    return {"Code": "Success", "AccessKeyId": c["AccessKeyId"], "SecretAccessKey": c["SecretAccessKey"],
            "Token": c["SessionToken"], "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ")}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def answer(self, status, body, kind="application/json"):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def count(self, name):
        with lock:
            counts[name] += 1
    def do_PUT(self):
        if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            self.count("imds_token")
            return self.answer(200, imds_token, "text/plain")
        self.answer(400, {"error": "IMDSv2 needs X-aws-ec2-metadata-token-ttl-seconds"})
    def do_GET(self):
        if self.path == "/stats":
            with lock:
                return self.answer(200, dict(counts))
        if self.path == "/container":
            if self.headers.get("Authorization") != auth:
                return self.answer(401, {"error": "bad authorization token"})
            self.count("container")
            return self.answer(200, credentials())
        if self.path.startswith("/latest/meta-data/iam/security-credentials/"):
            if self.headers.get("X-aws-ec2-metadata-token") != imds_token:
                return self.answer(401, "", "text/plain")
            name = self.path.rsplit("/", 1)[1]
            if not name:
                return self.answer(200, "lake-role", "text/plain")
            self.count("imds_credentials")
            return self.answer(200, credentials())
        self.answer(404, {"error": "not found"})

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""#
}
