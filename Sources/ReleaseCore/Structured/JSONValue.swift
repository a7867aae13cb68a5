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
    String(decoding: prettyPrintedBytes(), as: UTF8.self)
  }

  /// The same as bytes: what files are written from.
  public func prettyPrintedBytes() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(to: &out, indent: 0, pretty: true)
    out.append(UInt8(ascii: "\n"))
    return out
  }

  /// On one line, without spaces.
  public func compact() -> String {
    var out: [UInt8] = []
    write(to: &out, indent: 0, pretty: false)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(to out: inout [UInt8], indent: Int, pretty: Bool) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent + 1) }
        item.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      for (index, key) in members.keys.sorted().enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent + 1) }
        Self.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        members[key]?.write(to: &out, indent: indent + 1, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ out: inout [UInt8], _ indent: Int) {
    out.append(UInt8(ascii: "\n"))
    for _ in 0..<indent {
      out.append(UInt8(ascii: " "))
      out.append(UInt8(ascii: " "))
    }
  }

  static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let utf8 = value.utf8
    if !utf8.contains(where: needsEscape) {
      out.append(contentsOf: utf8)
    } else {
      var previous: (Unicode.Scalar, Unicode.Scalar) = (" ", " ")
      for scalar in value.unicodeScalars {
        defer { previous = (previous.1, scalar) }
        switch scalar {
        case "\"": out.append(contentsOf: #"\""#.utf8)
        case "\\": out.append(contentsOf: #"\\"#.utf8)
        case "\n": out.append(contentsOf: #"\n"#.utf8)
        case "\r": out.append(contentsOf: #"\r"#.utf8)
        case "\t": out.append(contentsOf: #"\t"#.utf8)
        case "\u{08}": out.append(contentsOf: #"\b"#.utf8)
        case "\u{0C}": out.append(contentsOf: #"\f"#.utf8)
        case "[" where previous == ("#", "#"):
          // `##[` starts a legacy GitHub Actions workflow command anywhere in a log line.
          out.append(contentsOf: #"\u005b"#.utf8)
        case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
          let hex = String(scalar.value, radix: 16)
          out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        default: out.append(contentsOf: String(scalar).utf8)
        }
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Bytes that may start something written escaped: quotes, backslashes, control characters
  /// (C0, DEL, and the lead byte of C1), the lead byte of U+2028/U+2029 (escaped so the output
  /// is also safe JavaScript), and `[` (of a `##[` that a CI log would take for a command).
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2
      || byte == 0xE2 || byte == UInt8(ascii: "[")
  }
}
