import Foundation

/// Picks the credential source the AWS SDKs would, from the environment, in their order:
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// 2. `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`);
/// 3. `AWS_CONTAINER_CREDENTIALS_FULL_URI`, or `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` under
///    `http://169.254.170.2` (+ `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `_TOKEN`);
/// 4. the instance metadata service (`AWS_EC2_METADATA_SERVICE_ENDPOINT`, default
///    `http://169.254.169.254`), unless `AWS_EC2_METADATA_DISABLED=true`.
/// Profiles and SSO (`~/.aws/config`) are not read: services take their settings from the
/// environment only.
public enum AWSCredentialChain {
    public static func source(environment: [String: String], region: String) throws -> AWSCredentialSource {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        switch (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY")) {
        case let (key?, secret?):
            return .environment(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN")))
        case (_?, nil), (nil, _?):
            throw configurationError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (one of them is empty)")
        case (nil, nil):
            break
        }
        if let tokenFile = value("AWS_WEB_IDENTITY_TOKEN_FILE") {
            guard let role = value("AWS_ROLE_ARN") else {
                throw configurationError("AWS_WEB_IDENTITY_TOKEN_FILE is set, so AWS_ROLE_ARN must name the role to assume")
            }
            let sts = try endpoint(value("AWS_ENDPOINT_URL_STS") ?? value("AWS_ENDPOINT_URL"), variable: "AWS_ENDPOINT_URL_STS")
                ?? "https://sts.\(region).amazonaws.com"
            let session = value("AWS_ROLE_SESSION_NAME") ?? "listening-platform-\(Int(Date().timeIntervalSince1970))"
            return .webIdentity(roleARN: role, tokenFile: tokenFile, sessionName: session, stsEndpoint: sts)
        }
        if let full = try endpoint(value("AWS_CONTAINER_CREDENTIALS_FULL_URI"), variable: "AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            return .container(url: full, authorizationToken: value("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                              authorizationTokenFile: value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
        }
        if let relative = value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            return .container(url: "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative),
                              authorizationToken: value("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
                              authorizationTokenFile: value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))
        }
        if let disabled = value("AWS_EC2_METADATA_DISABLED"), disabled.lowercased() == "true" {
            throw configurationError("an s3:// lake needs credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a web identity "
                                     + "(AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), a container credentials endpoint, or the "
                                     + "instance metadata service (turned off by AWS_EC2_METADATA_DISABLED)")
        }
        let imds = try endpoint(value("AWS_EC2_METADATA_SERVICE_ENDPOINT"), variable: "AWS_EC2_METADATA_SERVICE_ENDPOINT")
        return .instanceMetadata(endpoint: imds ?? "http://169.254.169.254")
    }

    /// An http(s) base URL without a trailing slash; nil stays nil.
    static func endpoint(_ raw: String?, variable: String) throws -> String? {
        guard let raw else { return nil }
        guard let components = URLComponents(string: raw), components.host?.isEmpty == false,
              ["http", "https"].contains(components.scheme?.lowercased() ?? "") else {
            throw configurationError("\(variable) must look like http://host:port, got \(raw)")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    static func configurationError(_ reason: String) -> LakeError {
        LakeError(.permanent, operation: "configure", key: "", reason: reason)
    }
}
