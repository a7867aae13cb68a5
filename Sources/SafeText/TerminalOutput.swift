/// The last guard before text reaches a terminal or a CI log: everything the tools print passes
/// through ``sanitize(_:)``.
///
/// It lets through only what the tools' own output uses — line breaks, tabs, the colour codes of
/// `TerminalStyle` and the return-and-erase that starts the live progress line — and shows any other control
/// character as a visible stand-in, so nothing can move the cursor, retitle the window, hide
/// text or reorder it. It also defuses CI workflow commands: GitHub Actions executes a line whose first
/// non-blank characters are `::` (`::error::…`) and any line holding `##[`, so those become
/// `:\:` and `#\#[`. Values are escaped where they are rendered too; this makes the guarantee
/// hold for every line, whoever composed it.
public enum TerminalOutput {
  /// The colour parameters `TerminalStyle` writes: reset, bold, dim, and five colours.
  static let colourParameters: Set<String> = ["0", "1", "2", "31", "32", "33", "34", "36"]

  public static func sanitize(_ text: String) -> String {
    let bytes = Array(text.utf8)
    guard needsWork(bytes) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    var index = 0
    var atLineHead = true
    while index < bytes.count {
      let byte = bytes[index]
      if atLineHead {
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
          out.append(byte)
          index += 1
          continue
        }
        if let length = unicodeSpaceLength(bytes, at: index) {
          out += bytes[index..<(index + length)]
          index += length
          continue
        }
        if byte == 0x1B, let length = allowedEscapeLength(bytes, at: index) {
          out += bytes[index..<(index + length)]
          index += length
          continue
        }
        atLineHead = false
        if byte == UInt8(ascii: ":"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") {
          out += Array(#":\:"#.utf8)
          index += 2
          continue
        }
      }
      switch byte {
      case UInt8(ascii: "\n"):
        out.append(byte)
        atLineHead = true
        index += 1
      case UInt8(ascii: "\t"):
        out.append(byte)
        index += 1
      case UInt8(ascii: "\r") where startsEmptyLine(bytes, at: index) && isEraseLine(bytes, at: index + 1):
        // The live progress line: back to the start of a line nothing has been written on in
        // this text, then erase it. Anywhere else a return could hide what is already shown.
        out += bytes[index..<(index + 5)]
        atLineHead = true
        index += 5
      case 0x1B:
        if let length = allowedEscapeLength(bytes, at: index) {
          out += bytes[index..<(index + length)]
          index += length
        } else {
          append(visible: 0x1B, to: &out)
          index += 1
        }
      case 0x00..<0x20, 0x7F:
        append(visible: UInt32(byte), to: &out)
        index += 1
      case 0xC2 where index + 1 < bytes.count && (0x80..<0xA0).contains(bytes[index + 1]):
        append(visible: UInt32(bytes[index + 1]), to: &out)
        index += 2
      case 0xE2 where index + 2 < bytes.count && isControl3(bytes[index + 1], bytes[index + 2]):
        let scalar = 0x2000 | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        append(visible: scalar, to: &out)
        index += 3
      case UInt8(ascii: "#")
      where index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "#") && bytes[index + 2] == UInt8(ascii: "["):
        out += Array(##"#\#["##.utf8)
        index += 3
      default:
        out.append(byte)
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether anything in `bytes` could need changing; most output needs nothing. (It may say
  /// yes for nothing — any `::` — but never no for something.)
  private static func needsWork(_ bytes: [UInt8]) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\n"), UInt8(ascii: "\t"): break
      case 0x00..<0x20, 0x7F: return true
      case 0xC2 where index + 1 < count && (0x80..<0xA0).contains(bytes[index + 1]): return true
      case 0xE2 where index + 2 < count && isControl3(bytes[index + 1], bytes[index + 2]): return true
      case UInt8(ascii: ":") where index + 1 < count && bytes[index + 1] == UInt8(ascii: ":"): return true
      case UInt8(ascii: "[")
      where index >= 2 && bytes[index - 1] == UInt8(ascii: "#") && bytes[index - 2] == UInt8(ascii: "#"):
        return true
      default: break
      }
      index += 1
    }
    return false
  }

  private static func append(visible value: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(value).map(ControlCharacters.visible) ?? "\u{FFFD}"
    out += Array(String(scalar).utf8)
  }

  /// Whether `E2 second third` is a control: the line and paragraph separators (U+2028–2029), or
  /// a bidirectional embedding, override (U+202A–202E) or isolate (U+2066–2069).
  private static func isControl3(_ second: UInt8, _ third: UInt8) -> Bool {
    (second == 0x80 && (0xA8...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
  }

  /// Whether `index` is where this text starts, or just after a line break.
  private static func startsEmptyLine(_ bytes: [UInt8], at index: Int) -> Bool {
    index == 0 || bytes[index - 1] == UInt8(ascii: "\n")
  }

  /// Whether `ESC[2K` (erase the line) is at `index`.
  private static func isEraseLine(_ bytes: [UInt8], at index: Int) -> Bool {
    bytes[index...].starts(with: [0x1B, UInt8(ascii: "["), UInt8(ascii: "2"), UInt8(ascii: "K")])
  }

  /// The length of an escape sequence the tools write themselves at `index` (a colour of
  /// `TerminalStyle`, or erase-line), or `nil` for any other.
  private static func allowedEscapeLength(_ bytes: [UInt8], at index: Int) -> Int? {
    guard index + 2 < bytes.count, bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "[") else { return nil }
    var end = index + 2
    while end < bytes.count, end - index < 24,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) || bytes[end] == UInt8(ascii: ";")
    {
      end += 1
    }
    guard end < bytes.count else { return nil }
    let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
    switch bytes[end] {
    case UInt8(ascii: "m")
    where parameters.split(separator: ";", omittingEmptySubsequences: false).allSatisfy {
      colourParameters.contains(String($0))
    }:
      return end + 1 - index
    case UInt8(ascii: "K") where parameters == "2":
      return end + 1 - index
    default:
      return nil
    }
  }

  /// The length of a Unicode space at `index` that .NET's `TrimStart` (GitHub's runner) skips:
  /// no-break, ogham, en/em and the other typographic spaces, narrow no-break, medium
  /// mathematical and ideographic spaces.
  private static func unicodeSpaceLength(_ bytes: [UInt8], at index: Int) -> Int? {
    func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
    switch (at(0), at(1), at(2)) {
    case (0xC2, 0xA0, _): return 2
    case (0xE1, 0x9A, 0x80): return 3
    case (0xE2, 0x80, let third?) where (0x80...0x8A).contains(third) || third == 0xAF: return 3
    case (0xE2, 0x81, 0x9F): return 3
    case (0xE3, 0x80, 0x80): return 3
    default: return nil
    }
  }
}
