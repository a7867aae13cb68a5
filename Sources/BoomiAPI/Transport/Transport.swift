/// An HTTP request as the client sends it.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var url: String
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]?

  public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]?) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }

  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
    lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
      && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
  }
}

/// An HTTP response as the client receives it.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
    lhs.status == rhs.status && lhs.body == rhs.body
      && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
  }
}

/// How a request failed below HTTP, classified by the one question that matters for a CREATE:
/// could the server have received it?
public enum TransportFailure: Error, Sendable, Equatable {
  /// The request never left: no connection could be made (refused, unreachable, DNS, connect
  /// timeout). Safe to send again.
  case notSent(String)
  /// The request was, or may have been, sent and no complete response came back (read timeout,
  /// connection reset or closed mid-exchange). The server may have processed it.
  case noResponse(String)
}

/// Sends one request and returns the response. It must never re-send a request on its own:
/// whether to try again is the client's decision, made from the classification above.
public struct Transport: Sendable {
  public var send: @Sendable (HTTPRequest) async throws(TransportFailure) -> HTTPResponse

  public init(send: @escaping @Sendable (HTTPRequest) async throws(TransportFailure) -> HTTPResponse) {
    self.send = send
  }
}
