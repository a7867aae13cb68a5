/// A JSON document to write. Objects are always written with their keys sorted by UTF-8 bytes,
/// so the same value always gives the same bytes.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// An object without the keys whose value is `nil`: Boomi and our files never carry `null`.
  public static func object(dropping pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
    var object: [String: JSONValue] = [:]
    for (key, value) in pairs {
      if let value { object[key] = value }
    }
    return .object(object)
  }

  /// Pretty-printed with two-space indentation and a trailing newline.
  public func prettyPrinted() -> String {
    var out = ""
    write(to: &out, indent: 0, pretty: true)
    out += "\n"
    return out
  }

  /// On one line, without spaces.
  public func compact() -> String {
    var out = ""
    write(to: &out, indent: 0, pretty: false)
    return out
  }

  private func write(to out: inout String, indent: Int, pretty: Bool) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        if pretty { Self.newline(&out, indent + 1) }
        item.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out += "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{"
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      for (index, key) in keys.enumerated() {
        if index > 0 { out += "," }
        if pretty { Self.newline(&out, indent + 1) }
        Self.writeString(key, to: &out)
        out += pretty ? ": " : ":"
        members[key]?.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out += "}"
    }
  }

  private static func newline(_ out: inout String, _ indent: Int) {
    out += "\n"
    out += String(repeating: "  ", count: indent)
  }

  static func writeString(_ value: String, to out: inout String) {
    out += "\""
    var plainStart = value.unicodeScalars.startIndex
    var index = plainStart
    let scalars = value.unicodeScalars
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let escape: String? =
        switch scalar {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\u{08}": "\\b"
        case "\u{0C}": "\\f"
        case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        default: nil
        }
      if let escape {
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
        out += escape
        plainStart = scalars.index(after: index)
      }
      index = scalars.index(after: index)
    }
    out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
    out += "\""
  }
}
