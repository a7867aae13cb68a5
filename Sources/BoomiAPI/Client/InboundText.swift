import SafeText

/// The gate every answer passes before the client reads a byte of it: its body, its headers, and
/// the words of any transport failure. Whatever Boomi (or a proxy or gateway on the way) sends,
/// what comes out can neither carry the credential nor move a terminal:
///
/// 1. JSON escapes that could hide either are written out: `\/` and `\uXXXX` become the
///    character itself (`"` and `\` stay escaped), and control characters, escaped or raw, become
///    a space (line breaks, tabs) or their visible stand-in (`␛`). The JSON means what it meant,
///    but now it spells every string out plainly.
/// 2. The redactor masks every form of the credential in the result, fragments cut short
///    included.
///
/// So every value decoded from an answer (a message, a bulk `errorMessage`, a requestId, a name)
/// is clean before anything stores or prints it, and a truncation made afterwards (a message
/// shown in 300 characters) can no longer cut a secret in two.
struct InboundText: Sendable {
  let redactor: Redactor

  func clean(_ response: HTTPResponse) -> HTTPResponse {
    HTTPResponse(
      status: response.status, headers: response.headers.map { ($0.name, clean($0.value)) },
      body: redactor.redact(Self.spelledOut(response.body), mode: .fragments))
  }

  func clean(_ text: String) -> String {
    redactor.redact(ControlCharacters.asOneLine(text), mode: .fragments)
  }

  /// Step 1: the body with its JSON escapes written out and its control characters replaced, in
  /// one pass. Text that is not JSON is treated the same; it stays what it was, minus controls.
  static func spelledOut(_ body: [UInt8]) -> [UInt8] {
    guard body.contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 })
    else { return body }
    var out: [UInt8] = []
    out.reserveCapacity(body.count)
    var index = 0
    while index < body.count {
      let byte = body[index]
      switch byte {
      case UInt8(ascii: "\\") where index + 1 < body.count:
        index += escape(body, at: index, into: &out)
      case 0x09, 0x0A, 0x0D:
        // JSON whitespace between tokens; inside a string a raw one is not JSON anyway.
        out.append(UInt8(ascii: " "))
        index += 1
      case 0x00..<0x20, 0x7F:
        append(scalar: Unicode.Scalar(byte), to: &out)
        index += 1
      case 0xC2 where index + 1 < body.count && (0x80..<0xA0).contains(body[index + 1]):
        append(scalar: Unicode.Scalar(body[index + 1]), to: &out)
        index += 2
      case 0xE2 where index + 2 < body.count && body[index + 1] == 0x80 && (0xA8...0xA9).contains(body[index + 2]):
        out.append(UInt8(ascii: " "))
        index += 3
      default:
        out.append(byte)
        index += 1
      }
    }
    return out
  }

  /// Writes out the escape at `index` (a backslash and what follows); returns how many bytes it took.
  private static func escape(_ body: [UInt8], at index: Int, into out: inout [UInt8]) -> Int {
    let next = body[index + 1]
    switch next {
    case UInt8(ascii: "/"):
      out.append(next)
      return 2
    case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "f"):
      out.append(UInt8(ascii: " "))
      return 2
    case UInt8(ascii: "b"):
      append(scalar: "\u{08}", to: &out)
      return 2
    case UInt8(ascii: "u"):
      guard let unit = hex4(body, at: index + 2) else { break }
      if (0xD800..<0xDC00).contains(unit) {
        // A surrogate pair spells one character beyond the Basic Multilingual Plane.
        guard index + 11 < body.count, body[index + 6] == UInt8(ascii: "\\"), body[index + 7] == UInt8(ascii: "u"),
          let low = hex4(body, at: index + 8), (0xDC00..<0xE000).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        else { break }
        append(scalar: scalar, to: &out)
        return 12
      }
      guard let scalar = Unicode.Scalar(unit), scalar != "\"", scalar != "\\" else { break }
      switch unit {
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029: out.append(UInt8(ascii: " "))
      default: append(scalar: scalar, to: &out)
      }
      return 6
    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
      // Stay escaped, both bytes, so that an escaped backslash is never taken for the start of
      // another escape.
      out += body[index...(index + 1)]
      return 2
    default:
      break
    }
    // Not an escape JSON knows (or one that does not spell a character): the backslash alone;
    // the byte after it is then read as any other, control characters included.
    out.append(UInt8(ascii: "\\"))
    return 1
  }

  /// A character, or its visible stand-in when it is a control character.
  private static func append(scalar: Unicode.Scalar, to out: inout [UInt8]) {
    let shown = ControlCharacters.isControl(scalar) ? ControlCharacters.visible(scalar) : scalar
    out += Array(String(shown).utf8)
  }

  private static func hex4(_ bytes: [UInt8], at index: Int) -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for byte in bytes[index..<(index + 4)] {
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
    }
    return value
  }
}
