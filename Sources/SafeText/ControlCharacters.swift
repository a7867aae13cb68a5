/// Characters a terminal or a log viewer may act on instead of showing, and what is shown for
/// each instead.
public enum ControlCharacters {
  /// C0 controls (newline and tab included), DEL, C1 controls, the Unicode line and paragraph
  /// separators, and the bidirectional embeddings, overrides and isolates, which make text show
  /// in another order than it is read ("Trojan Source").
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// `U+000A`: how a character is named in a message.
  public static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// Whether `text` holds any control character.
  public static func contains(in text: String) -> Bool {
    text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
      && text.unicodeScalars.contains(where: isControl)
  }

  /// A visible stand-in of the same width: the Unicode control pictures (␀…␟, ␡) for C0 and
  /// DEL, ␤ for the line and paragraph separators, and � for the others, which have none.
  public static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
    case 0x7F: "\u{2421}"
    case 0x2028, 0x2029: "\u{2424}"
    default: "\u{FFFD}"
    }
  }

  /// `text` with every control character replaced by its visible stand-in: one line, nothing a
  /// terminal acts on.
  public static func escaped(_ text: String) -> String {
    guard contains(in: text) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(isControl(scalar) ? visible(scalar) : scalar)
    }
    return String(out)
  }

  /// `text` as one line of prose: runs of whitespace controls (newlines, tabs) become one space,
  /// other controls their visible stand-ins. For messages from a server, which may be wrapped.
  public static func asOneLine(_ text: String) -> String {
    guard contains(in: text) else { return text }
    var out = String.UnicodeScalarView()
    var lastWasSpace = false
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029:
        if !lastWasSpace { out.append(" ") }
        lastWasSpace = true
      default:
        out.append(isControl(scalar) ? visible(scalar) : scalar)
        lastWasSpace = scalar == " "
      }
    }
    return String(out)
  }
}
