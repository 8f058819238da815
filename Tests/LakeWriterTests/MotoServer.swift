import Foundation
import TestSupport

/// Our own moto S3 server with signature checking on (INFRA-FACTS: moto checks SigV4 only after
/// `INITIAL_NO_AUTH_ACTION_COUNT` unchecked requests, used here to create an IAM user and key).
final class MotoServer: @unchecked Sendable {
    let port: Int
    let accessKey: String
    let secretKey: String
    private let process: Process
    var endpoint: String { "http://127.0.0.1:\(port)" }

    init(bucket: String) async throws {
        let python = try TestEnvironment.python()
        let moto = (python as NSString).deletingLastPathComponent + "/moto_server"
        port = try LakeWriterProcess.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: moto)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        var env = ProcessInfo.processInfo.environment
        env["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let script = #"""
import boto3, json, sys, time, urllib.request
url = sys.argv[1]
for _ in range(100):
    try:
        urllib.request.urlopen(url + "/moto-api/", timeout=1); break
    except Exception as e:
        if hasattr(e, "code"): break
        time.sleep(0.1)
iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
iam.create_user(UserName="lake")
iam.put_user_policy(UserName="lake", PolicyName="all", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="lake")["AccessKey"]
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
s3.create_bucket(Bucket=sys.argv[2])
print(key["AccessKeyId"] + " " + key["SecretAccessKey"])
"""#
        let result = try Subprocess.run(python, ["-c", script, "http://127.0.0.1:\(port)", bucket])
        let parts = result.stdout.split(whereSeparator: \.isWhitespace)
        guard result.status == 0, parts.count == 2 else {
            process.terminate()
            throw LakeFixture.InspectionFailed(output: "moto setup failed: \(result.stderr)")
        }
        accessKey = String(parts[0])
        secretKey = String(parts[1])
    }

    /// Freezes moto (SIGSTOP): connections are accepted by the kernel but nothing answers, like
    /// a hung endpoint. (A real restart would lose its in-memory buckets.) Returns once every
    /// thread has stopped (see `ProcessFreeze`).
    func pause() throws { try ProcessFreeze.freeze(process.processIdentifier) }

    func resume() { ProcessFreeze.thaw(process.processIdentifier) }

    func stop() {
        ChildProcess.stop(process)
    }
}
