import Foundation
import TestSupport

/// Our own moto S3 server with signature checking on (INFRA-FACTS: moto checks SigV4 only after
/// `INITIAL_NO_AUTH_ACTION_COUNT` unchecked requests, used here to create an IAM user and key).
final class MotoServer: @unchecked Sendable {
    let port: Int
    let accessKey: String
    let secretKey: String
    /// A role the IAM user (and any web identity) may assume, allowed everything.
    let roleARN: String
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
signed_iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*", "Federated": "test-oidc"}, "Action": ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]}]}
role = signed_iam.create_role(RoleName="lake-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
signed_iam.put_role_policy(RoleName="lake-role", PolicyName="all", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
print(key["AccessKeyId"] + " " + key["SecretAccessKey"] + " " + role)
"""#
        let result = try Subprocess.run(python, ["-c", script, "http://127.0.0.1:\(port)", bucket])
        let parts = result.stdout.split(whereSeparator: \.isWhitespace)
        guard result.status == 0, parts.count == 3 else {
            process.terminate()
            throw LakeFixture.InspectionFailed(output: "moto setup failed: \(result.stderr)")
        }
        accessKey = String(parts[0])
        secretKey = String(parts[1])
        roleARN = String(parts[2])
    }

    /// The next `count` requests skip moto's signature check (its reset-auth endpoint): STS's
    /// `AssumeRoleWithWebIdentity` is unsigned by design, its proof being the token.
    func allowUnsignedRequests(_ count: Int) throws {
        let result = try Subprocess.run("/usr/bin/curl", ["-sf", "-X", "POST", "-H", "Content-Type: text/plain", "--data-binary", String(count), "\(endpoint)/moto-api/reset-auth"])
        guard result.status == 0 else { throw LakeFixture.InspectionFailed(output: "moto reset-auth failed: \(result.stderr)") }
    }

    /// Temporary credentials of the role, from STS AssumeRole signed with the IAM user's key.
    func assumeRole() throws -> (key: String, secret: String, token: String) {
        let script = #"""
import boto3, sys
sts = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
c = sts.assume_role(RoleArn=sys.argv[4], RoleSessionName="test")["Credentials"]
print(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
"""#
        let result = try Subprocess.run(try TestEnvironment.python(), ["-c", script, endpoint, accessKey, secretKey, roleARN])
        let parts = result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)
        guard result.status == 0, parts.count == 3 else { throw LakeFixture.InspectionFailed(output: "assume_role failed: \(result.stderr)") }
        return (parts[0], parts[1], parts[2])
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
