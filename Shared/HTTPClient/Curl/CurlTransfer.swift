import CCurl

/// One request/response exchange on an easy handle, run synchronously on a worker thread.
struct CurlTransfer: Sendable {
    let request: HTTPRequest
    let timeout: HTTPTimeout
    let maxResponseBytes: Int
    let cancellation: CancellationFlag

    enum Outcome: Sendable {
        case response(HTTPResponse)
        case failure(HTTPClientError)
        case cancelled
    }

    /// State the C callbacks write into; reached through the callbacks' user-data pointer.
    final class Sink {
        let maxBytes: Int
        let cancellation: CancellationFlag
        var body: [UInt8] = []
        var headers = HTTPHeaders()
        var exceededLimit = false

        init(maxBytes: Int, cancellation: CancellationFlag) {
            self.maxBytes = maxBytes
            self.cancellation = cancellation
        }
    }

    func perform(on handle: CurlEasyHandle) -> Outcome {
        if cancellation.isCancelled { return .cancelled }
        let curl = handle.raw
        curl_easy_reset(curl)
        let sink = Sink(maxBytes: maxResponseBytes, cancellation: cancellation)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        var headerList = requestHeaderList()
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = withExtendedLifetime(sink) {
            errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
                // The body pointer must stay valid for the whole perform: it is read lazily.
                // An empty body still needs a non-nil pointer, or libcurl falls back to a read callback.
                let bodySize = request.body?.count ?? 0
                let storage = bodySize > 0 ? request.body! : [0]
                return storage.withUnsafeBytes { bodyBytes in
                    configure(
                        curl, sink: sink, errorBuffer: errorPointer.baseAddress!, headers: &headerList,
                        body: UnsafeRawBufferPointer(rebasing: bodyBytes[0..<bodySize]))
                    return curl_easy_perform(curl)
                }
            }
        }

        if code == CURLE_OK {
            var status = 0
            _ = ccurl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
            return .response(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
        }
        if code == CURLE_ABORTED_BY_CALLBACK, cancellation.isCancelled { return .cancelled }
        let detail = errorBuffer.withUnsafeBufferPointer { buffer in
            buffer[0] != 0 ? String(cString: buffer.baseAddress!) : String(cString: curl_easy_strerror(code))
        }
        var connectSeconds = 0.0
        _ = ccurl_getinfo_double(curl, CURLINFO_CONNECT_TIME, &connectSeconds)
        let kind = CurlErrorMapping.kind(of: code, exceededLimit: sink.exceededLimit, connected: connectSeconds > 0)
        let message = kind == .responseTooLarge ? "response body exceeds the \(maxResponseBytes)-byte limit" : detail
        return .failure(HTTPClientError(kind: kind, method: request.method, url: request.url, detail: message))
    }

    private func configure(
        _ curl: UnsafeMutableRawPointer, sink: Sink, errorBuffer: UnsafeMutablePointer<CChar>,
        headers: inout UnsafeMutablePointer<curl_slist>?, body: UnsafeRawBufferPointer
    ) {
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = ccurl_setopt_string(curl, CURLOPT_URL, request.url)
        // Signals are process-wide and unsafe with threads; libcurl needs this for DNS timeouts without them.
        _ = ccurl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(timeout.connect))
        _ = ccurl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout.total))
        _ = ccurl_setopt_off(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxResponseBytes))
        _ = ccurl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        _ = ccurl_setopt_slist(curl, CURLOPT_HTTPHEADER, headers)

        if request.method == .head {
            _ = ccurl_setopt_long(curl, CURLOPT_NOBODY, 1)
        } else if request.body != nil {
            _ = ccurl_setopt_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            _ = ccurl_setopt_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: body.baseAddress!))
        } else if request.method == .get {
            _ = ccurl_setopt_long(curl, CURLOPT_HTTPGET, 1)
        }
        if request.method != .get, request.method != .head, !(request.method == .post && request.body != nil) {
            _ = ccurl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }

        _ = ccurl_setopt_write_callback(curl) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard sink.body.count + length <= sink.maxBytes else {
                sink.exceededLimit = true
                return 0  // anything but `length` makes libcurl abort with CURLE_WRITE_ERROR
            }
            if let data { sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
            return length
        }
        _ = ccurl_setopt_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = ccurl_setopt_header_callback(curl) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let data { CurlHeaderLine.parse(UnsafeRawBufferPointer(start: data, count: length), into: &sink.headers) }
            return length
        }
        _ = ccurl_setopt_pointer(curl, CURLOPT_HEADERDATA, context)
        _ = ccurl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
        _ = ccurl_setopt_xferinfo_callback(curl) { context, _, _, _, _ in
            Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue().cancellation.isCancelled ? 1 : 0
        }
        _ = ccurl_setopt_pointer(curl, CURLOPT_XFERINFODATA, context)
    }

    /// The request's headers as a curl list, plus overrides of headers libcurl would add on its own.
    private func requestHeaderList() -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            // "Name;" is libcurl's spelling for a header with an empty value ("Name:" would remove it).
            list = curl_slist_append(list, field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        // libcurl would otherwise wait for "100 Continue" before sending bodies over 1 MB.
        if !request.headers.contains("Expect") { list = curl_slist_append(list, "Expect:") }
        // ...and label every body as a URL-encoded form.
        if request.body != nil, !request.headers.contains("Content-Type") { list = curl_slist_append(list, "Content-Type:") }
        return list
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
