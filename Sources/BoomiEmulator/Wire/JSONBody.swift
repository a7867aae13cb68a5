import Foundation

/// Decoding of request bodies and encoding of response bodies, with the limits and messages
/// that keep bad input from doing harm: a body nested deeper than ``maxDepth`` is refused
/// before any decoder sees it, and decoding errors become one readable sentence.
enum JSONBody {
  /// Deepest nesting of arrays and objects accepted in a request body.
  static let maxDepth = 32

  /// A problem with a request body, answered 400.
  struct Problem: Error, Sendable {
    var message: String
  }

  static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) -> Result<T, Problem> {
    if let depthProblem = nestingProblem(bytes) { return .failure(Problem(message: depthProblem)) }
    do {
      return .success(try JSONDecoder().decode(type, from: Data(bytes)))
    } catch {
      return .failure(Problem(message: "the request body is not a valid \(what): \(explain(error))"))
    }
  }

  /// The whole body as JSON. Keys are sorted, so the same answer is always the same bytes
  /// (JSON gives key order no meaning; Boomi's examples follow no order either).
  static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    do {
      return Array(try encoder.encode(value))
    } catch {
      // Our own types always encode; this is only a safe answer should one not.
      return Array(#"{"@type":"Error","message":"the emulator could not encode its response"}"#.utf8)
    }
  }

  /// Says why a body's arrays and objects are nested too deeply, or `nil`.
  static func nestingProblem(_ bytes: [UInt8]) -> String? {
    var depth = 0
    var inString = false
    var escaped = false
    for byte in bytes {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        if depth > maxDepth { return "the request body nests arrays and objects deeper than \(maxDepth) levels" }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      default: break
      }
    }
    return nil
  }

  /// One sentence for a decoding error: where in the body, and what was wrong.
  static func explain(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
      var keys = context.codingPath
      if let key { keys.append(key) }
      let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return text.isEmpty ? "the body" : "`\(text.hasPrefix(".") ? String(text.dropFirst()) : text)`"
    }
    switch error {
    case .typeMismatch(let type, let context):
      return "\(path(context)) must be \(describe(type))"
    case .valueNotFound(let type, let context):
      return "\(path(context)) must be \(describe(type)), not null"
    case .keyNotFound(let key, let context):
      return "\(path(context, key)) is required"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "it is not well-formed JSON" : "\(path(context)) is not valid"
    @unknown default:
      return "it could not be read"
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Int.Type, is Double.Type: "a number"
    case is [Any].Type: "an array"
    default: "an object"
    }
  }
}
