import Foundation
import HTTPTypes
import Hummingbird

/// Builders for the emulator's HTTP responses.
enum Replies {
  /// A response the ``FaultChannelHandler`` recognises: instead of writing it, it closes the
  /// connection, so the client gets no response byte at all.
  // A literal, valid field name: the initializer cannot fail.
  static let closeMarker = HTTPField.Name("x-boomi-emulator-close")!

  static let busyMessage =
    "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."
  static let forbiddenMessage = "Access denied due to insufficient permissions."

  static func json(_ status: Int, _ bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
    var fields = headers
    fields[.contentType] = "application/json"
    return Response(
      status: HTTPResponse.Status(code: status), headers: fields,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  static func json<T: Encodable>(
    _ status: Int, _ value: T, headers: HTTPFields = [:], pretty: Bool = false
  )
    -> Response
  {
    json(status, JSONBody.encode(value, pretty: pretty), headers: headers)
  }

  /// `{"@type":"Error","message":…}`.
  static func error(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
    json(status, WireResponse.Error(message: message), headers: headers)
  }

  /// `{"message":…}`, the shape of Boomi's 401, 403 and 503 bodies.
  static func message(_ status: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
    json(status, WireResponse.Message(message: message), headers: headers)
  }

  /// Boomi's default error shape, XML, for a client that did not ask for JSON.
  static func xmlError(_ status: Int, _ message: String) -> Response {
    let escaped =
      message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
    return Response(
      status: HTTPResponse.Status(code: status), headers: [.contentType: "application/xml"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: "<error><message>\(escaped)</message></error>")))
  }

  /// The marked response that makes the connection close unanswered.
  static func closeConnection() -> Response {
    Response(status: .ok, headers: [closeMarker: "1"])
  }
}
