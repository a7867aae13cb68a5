/// Reads JSON (RFC 8259, strictly) and hands it on as ``NodeEvent``s, with positions.
///
/// The lockfile and saved plans are JSON; reading them through the same events as the manifest
/// lets one decoder serve all three, with the same diagnostics for the same mistakes.
final class JSONEventSource: NodeEventSource {
  // `@exclusivity(unchecked)` marks the properties touched on every event. The source is driven by
  // one decoder on one thread and never re-entered, so the runtime's dynamic exclusivity check on
  // them (about 8% of a large decode's instructions, docs/BENCHMARKS.md) guards nothing.
  private(set) var diagnostics: [Diagnostic] = []
  @exclusivity(unchecked) private(set) var failed = false

  private let file: String
  private let input: UnsafeBufferPointer<UInt8>
  private let limits: DecodingLimits
  private var offset = 0

  private enum Container { case object, array }
  private enum Expectation { case value, firstValueOrEnd, firstKeyOrEnd, key, separatorOrEnd, done }
  @exclusivity(unchecked) private var containers: [Container] = []
  @exclusivity(unchecked) private var expectation = Expectation.value

  // Column bookkeeping: columns count characters since the start of the line, computed
  // incrementally from the last mark so a long single-line document stays linear.
  private var line = 1
  private var lineStart = 0
  private var cachedOffset = 0
  private var cachedColumn = 1

  init(input: UnsafeBufferPointer<UInt8>, file: String, limits: DecodingLimits) {
    self.input = input
    self.file = file
    self.limits = limits
  }

  func next() -> NodeEvent {
    while !failed {
      skipWhitespace()
      let mark = currentMark()
      switch expectation {
      case .done:
        return NodeEvent(.end, at: mark)
      case .separatorOrEnd:
        guard let container = containers.last else {
          expectation = .done
          continue
        }
        guard let byte = peek() else {
          return fail("the document ends inside \(container == .object ? "an object" : "an array")", at: mark)
        }
        switch (byte, container) {
        case (UInt8(ascii: ","), _):
          offset += 1
          expectation = container == .object ? .key : .value
        case (UInt8(ascii: "}"), .object):
          return close(.mappingEnd, at: mark)
        case (UInt8(ascii: "]"), .array):
          return close(.sequenceEnd, at: mark)
        default:
          return fail("expected ',' or '\(container == .object ? "}" : "]")' here", at: mark)
        }
      case .firstKeyOrEnd:
        if peek() == UInt8(ascii: "}") { return close(.mappingEnd, at: mark) }
        expectation = .key
      case .key:
        guard peek() == UInt8(ascii: "\"") else {
          return fail("expected a key in double quotes", at: mark)
        }
        guard let key = readString() else { return NodeEvent(.end, at: mark) }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else {
          return fail("expected ':' after the key", at: currentMark())
        }
        offset += 1
        expectation = .value
        return NodeEvent(.scalar, text: key, isPlain: false, at: mark)
      case .firstValueOrEnd:
        if peek() == UInt8(ascii: "]") { return close(.sequenceEnd, at: mark) }
        expectation = .value
      case .value:
        return readValue(at: mark)
      }
    }
    return NodeEvent(.end, at: .start)
  }

  func finish() {
    guard !failed else { return }
    skipWhitespace()
    if offset < input.count {
      _ = fail("unexpected text after the end of the JSON document", at: currentMark())
    }
  }

  // MARK: - Values

  private func readValue(at mark: SourceMark) -> NodeEvent {
    guard let byte = peek() else { return fail("expected a value, found the end of the file", at: mark) }
    switch byte {
    case UInt8(ascii: "{"):
      return open(.object, .mappingStart, at: mark)
    case UInt8(ascii: "["):
      return open(.array, .sequenceStart, at: mark)
    case UInt8(ascii: "\""):
      guard let text = readString() else { return NodeEvent(.end, at: mark) }
      expectation = .separatorOrEnd
      return NodeEvent(.scalar, text: text, isPlain: false, at: mark)
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      for literal in ["true", "false", "null"] where matches(literal) {
        offset += literal.utf8.count
        expectation = .separatorOrEnd
        return NodeEvent(.scalar, text: literal, isPlain: true, at: mark)
      }
      return fail("expected a value (an object, array, string, number, true, false or null)", at: mark)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      guard let number = readNumber() else { return fail("malformed number", at: mark) }
      expectation = .separatorOrEnd
      return NodeEvent(.scalar, text: number, isPlain: true, at: mark)
    default:
      return fail("expected a value (an object, array, string, number, true, false or null)", at: mark)
    }
  }

  private func open(_ container: Container, _ kind: NodeEvent.Kind, at mark: SourceMark) -> NodeEvent {
    guard containers.count < limits.maxDepth else {
      failed = true
      diagnostics.append(
        .error(.nestingTooDeep, "collections are nested more than \(limits.maxDepth) deep", file: file, at: mark))
      return NodeEvent(.end, at: mark)
    }
    offset += 1
    containers.append(container)
    expectation = container == .object ? .firstKeyOrEnd : .firstValueOrEnd
    return NodeEvent(kind, at: mark)
  }

  private func close(_ kind: NodeEvent.Kind, at mark: SourceMark) -> NodeEvent {
    offset += 1
    containers.removeLast()
    expectation = .separatorOrEnd
    return NodeEvent(kind, at: mark)
  }

  private func matches(_ literal: String) -> Bool {
    let bytes = literal.utf8
    guard input.count - offset >= bytes.count else { return false }
    return zip(bytes, input[offset...]).allSatisfy { $0 == $1 }
  }

  private func readNumber() -> String? {
    let start = offset
    if peek() == UInt8(ascii: "-") { offset += 1 }
    guard let first = peek(), isDigit(first) else { return nil }
    offset += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    if peek() == UInt8(ascii: ".") {
      offset += 1
      guard let digit = peek(), isDigit(digit) else { return nil }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      offset += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
      guard let digit = peek(), isDigit(digit) else { return nil }
      skipDigits()
    }
    return String(decoding: input[start..<offset], as: UTF8.self)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private func skipDigits() {
    while let byte = peek(), isDigit(byte) { offset += 1 }
  }

  /// Reads a string starting at the opening quote; `nil` after reporting an error.
  private func readString() -> String? {
    let open = currentMark()
    offset += 1
    let start = offset
    // Fast path: no escapes.
    while offset < input.count {
      let byte = input[offset]
      if byte == UInt8(ascii: "\"") {
        let text = String(decoding: input[start..<offset], as: UTF8.self)
        offset += 1
        return checkedLength(text, at: open)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      offset += 1
    }
    var bytes = Array(input[start..<offset])
    while offset < input.count {
      let byte = input[offset]
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        return checkedLength(String(decoding: bytes, as: UTF8.self), at: open)
      case UInt8(ascii: "\\"):
        let escapeMark = currentMark()
        offset += 1
        guard let escaped = peek() else { break }
        offset += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
          guard let scalar = readUnicodeEscape() else {
            _ = fail("malformed \\u escape", at: escapeMark)
            return nil
          }
          bytes.append(contentsOf: String(Character(scalar)).utf8)
        default:
          _ = fail("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'", at: escapeMark)
          return nil
        }
      case 0..<0x20:
        _ = fail("a control character must be escaped inside a string", at: currentMark())
        return nil
      default:
        bytes.append(byte)
        offset += 1
      }
    }
    _ = fail("this string is never closed", at: open)
    return nil
  }

  private func checkedLength(_ text: String, at mark: SourceMark) -> String? {
    guard text.utf8.count <= limits.maxScalarBytes else {
      failed = true
      diagnostics.append(
        .error(
          .scalarTooLong, "this value is \(text.utf8.count) bytes long; the most allowed is \(limits.maxScalarBytes)",
          file: file, at: mark))
      return nil
    }
    return text
  }

  private func readUnicodeEscape() -> Unicode.Scalar? {
    guard let high = readHex4() else { return nil }
    if (0xD800..<0xDC00).contains(high) {
      guard matches("\\u") else { return nil }
      offset += 2
      guard let low = readHex4(), (0xDC00..<0xE000).contains(low) else { return nil }
      return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }
    return Unicode.Scalar(high)
  }

  private func readHex4() -> UInt32? {
    guard input.count - offset >= 4 else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = input[offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      offset += 1
    }
    return value
  }

  // MARK: - Position

  private func peek() -> UInt8? { offset < input.count ? input[offset] : nil }

  private func skipWhitespace() {
    while offset < input.count {
      switch input[offset] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        offset += 1
      case UInt8(ascii: "\n"):
        offset += 1
        line += 1
        lineStart = offset
      default:
        return
      }
    }
  }

  private func currentMark() -> SourceMark {
    if cachedOffset < lineStart || cachedOffset > offset {
      cachedOffset = lineStart
      cachedColumn = 1
    }
    var column = cachedColumn
    var index = cachedOffset
    while index < offset {
      if input[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    cachedOffset = offset
    cachedColumn = column
    return SourceMark(line: line, column: column)
  }

  private func fail(_ message: String, at mark: SourceMark) -> NodeEvent {
    if !failed {
      failed = true
      diagnostics.append(.error(.jsonSyntax, message, file: file, at: mark))
    }
    return NodeEvent(.end, at: mark)
  }
}
