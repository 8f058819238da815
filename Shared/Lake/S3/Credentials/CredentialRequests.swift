import Foundation
import HTTPClient

/// The HTTP exchanges of the three fetched sources. Every failure is a transient `LakeError`
/// ("credentials" operation) naming the source, never a credential: a source that is down or
/// refuses is retried by the storage's callers, and shows on `/ready`.
enum CredentialRequests {
    static let timeout = HTTPTimeout(connect: .seconds(2), total: .seconds(5))

    static func send(_ request: HTTPRequest, source: String, client: HTTPClient) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw failure(source, "\(error)")
        }
        guard response.isSuccess else {
            let detail = S3XML.value(of: "Message", in: response.bodyText).map { ": \($0)" } ?? ""
            throw failure(source, "HTTP \(response.status)\(detail)")
        }
        return response
    }

    static func failure(_ source: String, _ reason: String) -> LakeError {
        LakeError(.transient, operation: "credentials", key: "", reason: "\(source): \(reason)")
    }

    /// The JSON both the container endpoint and IMDS answer with.
    static func decodeJSON(_ response: HTTPResponse, source: String) throws -> AWSCredentials {
        struct Body: Decodable {
            let AccessKeyId: String?
            let SecretAccessKey: String?
            let Token: String?
            let Expiration: String?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(response.body)),
              let key = body.AccessKeyId, let secret = body.SecretAccessKey else {
            throw failure(source, "the answer holds no AccessKeyId and SecretAccessKey")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: body.Token,
                              expiration: body.Expiration.flatMap(AWSTimestamp.parse))
    }

    static func readToken(_ path: String, source: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure(source, "cannot read \(path)") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// STS `AssumeRoleWithWebIdentity`: an unsigned call whose proof is the token file's JWT.
enum WebIdentityCredentials {
    static func fetch(roleARN: String, tokenFile: String, sessionName: String, stsEndpoint: String,
                      client: HTTPClient) async throws -> AWSCredentials {
        let source = "web identity"
        let token = try CredentialRequests.readToken(tokenFile, source: source)
        let form = [("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
                    ("RoleSessionName", sessionName), ("WebIdentityToken", token), ("DurationSeconds", "3600")]
            .map { "\($0.0)=\(SigV4Signer.uriEncode($0.1, keepSlash: false))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/xml")
        let response = try await CredentialRequests.send(
            HTTPRequest(method: .post, url: stsEndpoint + "/", headers: headers, body: Array(form.utf8)), source: source, client: client)
        guard let block = S3XML.blocks("Credentials", in: response.bodyText).first,
              let key = S3XML.value(of: "AccessKeyId", in: block), let secret = S3XML.value(of: "SecretAccessKey", in: block),
              let session = S3XML.value(of: "SessionToken", in: block) else {
            throw CredentialRequests.failure(source, "STS answered without Credentials")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: session,
                              expiration: S3XML.value(of: "Expiration", in: block).flatMap(AWSTimestamp.parse))
    }
}

/// The container credentials endpoint: one GET, with the Authorization token when one is given.
enum ContainerCredentials {
    static func fetch(url: String, authorizationToken: String?, authorizationTokenFile: String?,
                      client: HTTPClient) async throws -> AWSCredentials {
        let source = "container credentials endpoint"
        var headers = HTTPHeaders()
        if let file = authorizationTokenFile {
            headers.add(name: "Authorization", value: try CredentialRequests.readToken(file, source: source))
        } else if let authorizationToken {
            headers.add(name: "Authorization", value: authorizationToken)
        }
        let response = try await CredentialRequests.send(HTTPRequest(method: .get, url: url, headers: headers), source: source, client: client)
        return try CredentialRequests.decodeJSON(response, source: source)
    }
}

/// IMDSv2: a session token from `PUT /latest/api/token`, then the role's name and its credentials.
enum InstanceMetadataCredentials {
    static func fetch(endpoint: String, client: HTTPClient) async throws -> AWSCredentials {
        let source = "instance metadata service"
        var tokenHeaders = HTTPHeaders()
        tokenHeaders.add(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600")
        let token = try await CredentialRequests.send(
            HTTPRequest(method: .put, url: endpoint + "/latest/api/token", headers: tokenHeaders, body: []), source: source, client: client
        ).bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        var headers = HTTPHeaders()
        headers.add(name: "X-aws-ec2-metadata-token", value: token)
        let base = endpoint + "/latest/meta-data/iam/security-credentials/"
        let roles = try await CredentialRequests.send(HTTPRequest(method: .get, url: base, headers: headers), source: source, client: client)
        guard let role = roles.bodyText.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw CredentialRequests.failure(source, "the instance has no IAM role")
        }
        let response = try await CredentialRequests.send(
            HTTPRequest(method: .get, url: base + SigV4Signer.uriEncode(role, keepSlash: false), headers: headers), source: source, client: client)
        return try CredentialRequests.decodeJSON(response, source: source)
    }
}
