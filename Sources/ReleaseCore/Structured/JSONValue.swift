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
      let keys = members.keys.sorted()
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
    if value.utf8.contains(where: needsEscape) {
      var escaped = ""
      escaped.reserveCapacity(value.utf8.count + 8)
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": escaped += "\\\""
        case "\\": escaped += "\\\\"
        case "\n": escaped += "\\n"
        case "\r": escaped += "\\r"
        case "\t": escaped += "\\t"
        case "\u{08}": escaped += "\\b"
        case "\u{0C}": escaped += "\\f"
        case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
          let hex = String(scalar.value, radix: 16)
          escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: escaped.unicodeScalars.append(scalar)
        }
      }
      out += escaped
    } else {
      out += value
    }
    out += "\""
  }

  /// Bytes that start something JSON must escape: quotes, backslashes, control characters, and
  /// the lead byte of U+2028/U+2029 (escaped so the output is also safe JavaScript).
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2
  }
}
