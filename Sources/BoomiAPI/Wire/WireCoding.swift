import Foundation

/// How Boomi's JSON is written and read: no `null` is ever sent (optional keys are omitted),
/// keys are sorted so the same request is always the same bytes (its digest is recorded), and
/// responses are read leniently (unknown keys and `@type` ignored, `""` read as absent).
public enum WireCoding {
  public static func encode<Body: Encodable>(_ body: Body) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding our own wire types cannot fail: they hold only strings, numbers and arrays.
    return (try? Array(encoder.encode(body))) ?? []
  }

  public static func decode<Body: Decodable>(_ type: Body.Type, from bytes: [UInt8]) throws -> Body {
    try JSONDecoder().decode(type, from: Data(bytes))
  }
}

/// An answer read once: its `@type` and `message` (Boomi's error shape, which a 2xx may carry)
/// and the object asked for, from one parse of the body.
struct Envelope<Value: Decodable>: Decodable {
  var type: String?
  var message: String?
  var value: Result<Value, DecodingFailure>

  struct DecodingFailure: Error {
    var description: String
  }

  enum CodingKeys: String, CodingKey {
    case type = "@type"
    case message
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    type = container.lenientString(.type)
    message = container.lenientString(.message)
    do {
      value = .success(try Value(from: decoder))
    } catch {
      value = .failure(DecodingFailure(description: "\(error)"))
    }
  }

  /// Whether the body is Boomi's error (`"@type": "Error"`), whatever the HTTP status said.
  var isError: Bool { type == "Error" }
}

extension KeyedDecodingContainer {
  /// A string that Boomi may send as a string, a number or a boolean, or as `""` for "none".
  func lenientString(_ key: Key) -> String? {
    if let text = try? decodeIfPresent(String.self, forKey: key) { return text.isEmpty ? nil : text }
    if let number = try? decodeIfPresent(Int.self, forKey: key) { return String(number) }
    if let number = try? decodeIfPresent(Double.self, forKey: key) { return String(number) }
    if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return String(flag) }
    return nil
  }

  /// A boolean that Boomi may send as `true` or as `"true"`.
  func lenientBool(_ key: Key) -> Bool? {
    if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return flag }
    switch lenientString(key)?.lowercased() {
    case "true": return true
    case "false": return false
    default: return nil
    }
  }

  /// An integer that Boomi may send as a number or a string.
  func lenientInt(_ key: Key) -> Int? {
    if let number = try? decodeIfPresent(Int.self, forKey: key) { return number }
    return lenientString(key).flatMap { Int($0) }
  }
}
