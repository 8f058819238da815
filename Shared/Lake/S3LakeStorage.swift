import Foundation
import HTTPClient
import Logging

/// A lake in an S3-compatible bucket: SigV4-signed requests through the shared libcurl client.
///
/// Objects up to `multipartThreshold` go up in one PUT, larger ones as a multipart upload (so
/// a broken connection costs one part, not the file). Each request is retried a few times on
/// transient failures; longer outages surface as `LakeError(.transient)` for the caller's
/// own backoff.
public struct S3LakeStorage: LakeStorage {
    public let configuration: S3Configuration
    private let client: HTTPClient
    private let signer: SigV4Signer
    private let credentials: any AWSCredentialProvider
    private let retry: RetryPolicy
    private let logger: Logger

    public init(configuration: S3Configuration, logger: Logger = Logger(label: "lake.s3"),
                retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(2))) {
        self.configuration = configuration
        self.client = HTTPClient(configuration: .init(maxConcurrentRequests: 8, maxResponseBytes: 1 << 30), logger: logger)
        self.signer = SigV4Signer(region: configuration.region, service: "s3")
        self.credentials = configuration.credentials.provider(client: client, logger: logger)
        self.retry = retry
        self.logger = logger
    }

    public func put(key: String, bytes: [UInt8]) async throws {
        if bytes.count <= configuration.multipartThreshold {
            _ = try await send(.put, key: key, body: bytes, operation: "put")
        } else {
            try await multipartPut(key: key, bytes: bytes)
        }
    }

    public func get(key: String) async throws -> [UInt8] {
        try await send(.get, key: key, operation: "get").body
    }

    public func delete(key: String) async throws {
        do {
            _ = try await send(.delete, key: key, operation: "delete")
        } catch let error as LakeError where error.kind == .notFound {
            return
        }
    }

    public func list(prefix: String) async throws -> [LakeObject] {
        let rootPrefix = configuration.prefix.isEmpty ? "" : configuration.prefix + "/"
        var objects: [LakeObject] = []
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("prefix", rootPrefix + prefix)]
            if let token { query.append(("continuation-token", token)) }
            let xml = try await send(.get, key: nil, query: query, operation: "list").bodyText
            for entry in S3XML.blocks("Contents", in: xml) {
                guard let fullKey = S3XML.value(of: "Key", in: entry), fullKey.hasPrefix(rootPrefix) else { continue }
                objects.append(LakeObject(
                    key: String(fullKey.dropFirst(rootPrefix.count)),
                    size: S3XML.value(of: "Size", in: entry).flatMap(Int.init) ?? 0,
                    fingerprint: (S3XML.value(of: "ETag", in: entry) ?? "").replacingOccurrences(of: "\"", with: ""),
                    lastModified: S3XML.value(of: "LastModified", in: entry).flatMap(AWSTimestamp.parse) ?? Date(timeIntervalSince1970: 0)
                ))
            }
            token = S3XML.value(of: "IsTruncated", in: xml) == "true" ? S3XML.value(of: "NextContinuationToken", in: xml) : nil
        } while token != nil
        return objects.sorted { $0.key < $1.key }
    }

    public func checkReachable() async throws {
        _ = try await send(.head, key: nil, operation: "check")
    }

    // MARK: multipart

    private func multipartPut(key: String, bytes: [UInt8]) async throws {
        let created = try await send(.post, key: key, query: [("uploads", "")], body: [], operation: "put (create multipart)")
        guard let uploadID = S3XML.value(of: "UploadId", in: created.bodyText) else {
            throw LakeError(.transient, operation: "put", key: key, reason: "multipart upload answered without an UploadId")
        }
        do {
            var etags: [String] = []
            let partSize = configuration.multipartThreshold
            var start = 0
            while start < bytes.count {
                let end = min(start + partSize, bytes.count)
                let part = try await send(.put, key: key, query: [("partNumber", "\(etags.count + 1)"), ("uploadId", uploadID)],
                                          body: Array(bytes[start..<end]), operation: "put (part \(etags.count + 1))")
                guard let etag = part.headers["ETag"] else {
                    throw LakeError(.transient, operation: "put", key: key, reason: "part \(etags.count + 1) answered without an ETag")
                }
                etags.append(etag)
                start = end
            }
            let parts = etags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\(S3XML.escape($0.element))</ETag></Part>" }
            let body = Array("<CompleteMultipartUpload>\(parts.joined())</CompleteMultipartUpload>".utf8)
            let completed = try await send(.post, key: key, query: [("uploadId", uploadID)], body: body, operation: "put (complete multipart)")
            // S3 may answer 200 and report the failure in the body.
            if let code = S3XML.value(of: "Code", in: completed.bodyText) {
                throw LakeError(.transient, operation: "put", key: key, reason: "completing the multipart upload failed: \(code)")
            }
        } catch {
            // Best effort: an abandoned upload only costs storage until the bucket's lifecycle rule.
            _ = try? await send(.delete, key: key, query: [("uploadId", uploadID)], operation: "put (abort multipart)")
            throw error
        }
    }

    // MARK: requests

    /// One signed request, retried on transient failures; non-2xx answers become `LakeError`s.
    private func send(
        _ method: HTTPMethod, key: String?, query: [(String, String)] = [], body: [UInt8]? = nil, operation: String
    ) async throws -> HTTPResponse {
        let base = configuration.base
        var path = base.bucketPath
        if let key {
            let fullKey = configuration.prefix.isEmpty ? key : configuration.prefix + "/" + key
            path += "/" + SigV4Signer.uriEncode(fullKey, keepSlash: true)
        } else if path.isEmpty {
            path = "/"
        }
        let queryString = query.isEmpty ? "" : "?" + SigV4Signer.canonicalQuery(query)
        let payloadHash = body.map { SHA256.hash($0).hexString } ?? SigV4Signer.emptyPayloadHash
        let timeout = HTTPTimeout(connect: .seconds(5), total: .seconds(max(30, (body?.count ?? 0) >> 20)))
        let response: HTTPResponse
        do {
            response = try await retrying(policy: retry, logger: logger) {
                // Signed per attempt: the date is part of the signature, and temporary credentials
                // may have been refreshed since the last one.
                var headers = HTTPHeaders()
                for (name, value) in signer.sign(credentials: try await credentials.credentials(), method: method.rawValue, path: path, query: query, headers: [("host", base.host)],
                                                 payloadHash: payloadHash, date: Date()) {
                    headers.add(name: name, value: value)
                }
                if body != nil { headers.add(name: "Content-Type", value: "application/octet-stream") }
                return try await client.execute(HTTPRequest(method: method, url: base.origin + path + queryString, headers: headers, body: body), timeout: timeout)
            }
        } catch let error as HTTPClientError {
            throw LakeError(.transient, operation: operation, key: key ?? "", reason: error.description)
        }
        guard response.isSuccess else {
            let code = S3XML.value(of: "Code", in: response.bodyText) ?? "HTTP \(response.status)"
            let message = S3XML.value(of: "Message", in: response.bodyText).map { ": \($0)" } ?? ""
            let kind: LakeError.Kind = switch response.status {
            case 404: .notFound
            case 408, 429, 500...599: .transient
            default: .permanent
            }
            throw LakeError(kind, operation: operation, key: key ?? "", reason: "\(code)\(message)")
        }
        return response
    }

}
