import SafeText

/// A scalar's text and whether it was written plain (and so may mean null or a number).
public struct Scalar: Hashable, Sendable {
  public var text: String
  public var isPlain: Bool

  public init(_ text: String, isPlain: Bool) {
    self.text = text
    self.isPlain = isPlain
  }

  public var isNull: Bool {
    isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
  }
}

/// Decodes a document from ``NodeEvent``s against ``ObjectDefinition``s, collecting every
/// structural problem (unknown, duplicate and missing keys, wrong types) as a diagnostic and
/// carrying on, so that one run reports them all.
public final class NodeReader {
  // `@exclusivity(unchecked)`: as in the event sources, a reader is used on one thread and never
  // re-entered, and these two are touched for every key.
  public let file: String
  private let source: any NodeEventSource
  @exclusivity(unchecked) private var ownDiagnostics: DiagnosticCollector
  /// Keys seen in the mappings being decoded, innermost last; a stack shared by all levels so
  /// that decoding a mapping allocates nothing once warm. An unknown key whose nearest match is
  /// a field is entered as that field with `misspelled` set: the field then counts as present,
  /// so `verison: 1` is reported once, as a misspelling, not also as a missing `version`.
  @exclusivity(unchecked) private var seenKeys: [(field: Int, mark: SourceMark, misspelled: Bool)] = []

  init(source: any NodeEventSource, file: String, limits: DecodingLimits) {
    self.source = source
    self.file = file
    self.ownDiagnostics = DiagnosticCollector(limit: limits.maxDiagnostics)
  }

  /// Everything found so far: the source's syntax errors and the decoder's own.
  public var diagnostics: [Diagnostic] { source.diagnostics + ownDiagnostics.all }

  /// Whether reading stopped early at a syntax or limit error.
  public var stoppedEarly: Bool { source.failed }

  public func next() -> NodeEvent { source.next() }

  public func finish() { source.finish() }

  public func report(
    _ code: DiagnosticCode, _ message: String, at mark: SourceMark, help: String? = nil,
    severity: Diagnostic.Severity = .error
  ) {
    ownDiagnostics.append(Diagnostic(severity, code, message, file: file, at: mark, help: help))
  }

  // MARK: - Structure

  /// Decodes a mapping into `owner` field by field. Returns `false` when `start` is not a
  /// mapping (reported as a wrong type) or the document ended inside it.
  @discardableResult
  public func decode<Owner>(
    _ definition: ObjectDefinition<Owner>, from start: NodeEvent, into owner: inout Owner
  ) -> Bool {
    guard start.kind == .mappingStart else {
      wrongType(start, expected: "a mapping (\(definition.name))")
      return false
    }
    let base = seenKeys.count
    defer { seenKeys.removeSubrange(base...) }
    while true {
      let keyEvent = next()
      switch keyEvent.kind {
      case .mappingEnd:
        reportMissingKeys(definition, seenFrom: base, mappingAt: start.mark)
        return true
      case .end:
        return false
      case .scalar:
        break
      case .mappingStart, .sequenceStart, .sequenceEnd:
        report(.wrongType, "a key must be a string, not \(keyEvent.kindDescription)", at: keyEvent.mark)
        skip(keyEvent)
        skip(next())
        continue
      }
      let key = keyEvent.text
      let value = next()
      guard let fieldIndex = definition.fieldIndex(for: key) else {
        if let prefix = definition.extensionKeyPrefix, key.hasPrefix(prefix) {
          skip(value)
        } else {
          if let suggested = reportUnknownKey(key, at: keyEvent.mark, in: definition) {
            seenKeys.append((suggested, keyEvent.mark, true))
          }
          skip(value)
        }
        continue
      }
      if let first = seenKeys[base...].first(where: { $0.field == fieldIndex && !$0.misspelled }) {
        report(
          .duplicateKey, "duplicate key '\(key)' (first given at \(first.mark))", at: keyEvent.mark,
          help: "remove one of the two; only the first is used")
        skip(value)
        continue
      }
      seenKeys.append((fieldIndex, keyEvent.mark, false))
      definition.fields[fieldIndex].decode(self, value, &owner)
    }
  }

  /// Calls `body` with the first event of each element of a list. Returns `false` when `start`
  /// is not a list (reported as a wrong type) or the document ended inside it.
  @discardableResult
  public func forEachElement(of start: NodeEvent, expected: String, _ body: (NodeEvent) -> Void) -> Bool {
    guard start.kind == .sequenceStart else {
      wrongType(start, expected: expected)
      return false
    }
    while true {
      let event = next()
      switch event.kind {
      case .sequenceEnd: return true
      case .end: return false
      default: body(event)
      }
    }
  }

  /// Calls `body` with each key and the first event of its value, for mappings whose keys are
  /// data (pack ids) rather than a fixed set. Duplicate keys are reported and skipped.
  @discardableResult
  public func forEachEntry(
    of start: NodeEvent, expected: String, _ body: (Located<String>, NodeEvent) -> Void
  ) -> Bool {
    guard start.kind == .mappingStart else {
      wrongType(start, expected: expected)
      return false
    }
    var seen: [String: SourceMark] = [:]
    while true {
      let keyEvent = next()
      switch keyEvent.kind {
      case .mappingEnd: return true
      case .end: return false
      case .scalar: break
      case .mappingStart, .sequenceStart, .sequenceEnd:
        report(.wrongType, "a key must be a string, not \(keyEvent.kindDescription)", at: keyEvent.mark)
        skip(keyEvent)
        skip(next())
        continue
      }
      let value = next()
      if let first = seen[keyEvent.text] {
        report(.duplicateKey, "duplicate key '\(keyEvent.text)' (first given at \(first))", at: keyEvent.mark)
        skip(value)
        continue
      }
      seen[keyEvent.text] = keyEvent.mark
      guard noControlCharacters(keyEvent.text, at: keyEvent.mark) else {
        skip(value)
        continue
      }
      body(Located(keyEvent.text, at: keyEvent.mark), value)
    }
  }

  /// The scalar at `event`, or `nil` (reported as a wrong type) when it is a collection.
  public func scalar(_ event: NodeEvent, expected: String) -> Located<Scalar>? {
    guard event.kind == .scalar else {
      wrongType(event, expected: expected)
      return nil
    }
    return Located(Scalar(event.text, isPlain: event.isPlain), at: event.mark)
  }

  /// A non-null string without control characters at `event`, or `nil` after reporting why not.
  /// Ids, names, versions and dates are printed in terminals and CI logs, where a line break
  /// could forge a line of output and an escape could move the terminal.
  public func string(_ event: NodeEvent, expected: String = "a string") -> Located<String>? {
    guard let scalar = scalar(event, expected: expected) else { return nil }
    guard !scalar.value.isNull else {
      report(.wrongType, "expected \(expected), found null", at: event.mark)
      return nil
    }
    guard noControlCharacters(scalar.value.text, at: event.mark) else { return nil }
    return scalar.map(\.text)
  }

  /// Free text at `event` (a server's message kept in a file): any string, made one line, its
  /// control characters replaced by visible stand-ins.
  public func text(_ event: NodeEvent, expected: String = "a string") -> Located<String>? {
    guard let scalar = scalar(event, expected: expected) else { return nil }
    guard !scalar.value.isNull else {
      report(.wrongType, "expected \(expected), found null", at: event.mark)
      return nil
    }
    return Located(ControlCharacters.asOneLine(scalar.value.text), at: event.mark)
  }

  /// Whether `text` is free of control characters; reports the first one when it is not.
  func noControlCharacters(_ text: String, at mark: SourceMark) -> Bool {
    guard ControlCharacters.contains(in: text),
      let control = text.unicodeScalars.first(where: ControlCharacters.isControl)
    else { return true }
    report(
      .controlCharacter, "the value holds a control character (\(ControlCharacters.codePoint(control)))", at: mark,
      help: "a line break, tab or escape character cannot be part of it")
    return false
  }

  /// A plain integer at `event`, or `nil` after reporting why not.
  public func integer(_ event: NodeEvent, expected: String = "an integer") -> Located<Int>? {
    guard let scalar = scalar(event, expected: expected) else { return nil }
    guard scalar.value.isPlain, let value = Int(scalar.value.text) else {
      report(.wrongType, "expected \(expected), found '\(scalar.value.text)'", at: event.mark)
      return nil
    }
    return Located(value, at: event.mark)
  }

  /// A plain integer within `range` at `event`, or `nil` after reporting why not: a value out of
  /// range is refused where it is written, before any arithmetic is done with it.
  public func integer(_ event: NodeEvent, in range: ClosedRange<Int>, expected: String) -> Located<Int>? {
    guard let value = integer(event, expected: expected) else { return nil }
    guard range.contains(value.value) else {
      report(
        .invalidValue,
        "\(expected) must be from \(range.lowerBound) to \(range.upperBound), not \(value.value)", at: event.mark)
      return nil
    }
    return value
  }

  /// Skips the whole node that starts with `start`.
  public func skip(_ start: NodeEvent) {
    guard start.kind == .mappingStart || start.kind == .sequenceStart else { return }
    var depth = 1
    while depth > 0 {
      switch next().kind {
      case .mappingStart, .sequenceStart: depth += 1
      case .mappingEnd, .sequenceEnd: depth -= 1
      case .scalar: break
      case .end: return
      }
    }
  }

  // MARK: - Reporting

  /// Reports that `event` is not the kind expected, and skips it.
  public func wrongType(_ event: NodeEvent, expected: String) {
    guard event.kind != .end else { return }
    report(.wrongType, "expected \(expected), found \(event.kindDescription)", at: event.mark)
    skip(event)
  }

  private func reportMissingKeys<Owner>(
    _ definition: ObjectDefinition<Owner>, seenFrom base: Int, mappingAt mark: SourceMark
  ) {
    for (index, field) in definition.fields.enumerated() where field.isRequired {
      if !seenKeys[base...].contains(where: { $0.field == index }) {
        report(
          field.missingCode, "\(definition.name) is missing the required key '\(field.key)'", at: mark,
          help: field.missingHelp)
      }
    }
  }

  /// Reports an unknown key; returns the index of the field it is probably a misspelling of.
  private func reportUnknownKey<Owner>(
    _ key: String, at mark: SourceMark, in definition: ObjectDefinition<Owner>
  ) -> Int? {
    let help: String?
    var suggestedField: Int?
    if key == "<<" {
      help = "merge keys are not supported; alias a whole value instead, such as `components: *shared`"
    } else if let suggestion = Suggestion.nearest(to: key, among: definition.keys) {
      help = "did you mean '\(suggestion)'?"
      suggestedField = definition.fieldIndex(for: suggestion)
    } else {
      let known = definition.keys.map { "'\($0)'" }.joined(separator: ", ")
      let extensions = definition.extensionKeyPrefix.map { "; keys starting with '\($0)' are ignored" } ?? ""
      help = "a \(definition.name) takes \(known)\(extensions)"
    }
    report(.unknownKey, "unknown key '\(key)' in \(definition.name)", at: mark, help: help)
    return suggestedField
  }
}

extension NodeReader {
  /// One of an enumeration's raw values at `event`, or `nil` after reporting why not.
  public func enumeration<Value: RawRepresentable & CaseIterable>(
    _ event: NodeEvent, _ type: Value.Type, expected: String
  ) -> Located<Value>? where Value.RawValue == String {
    guard let text = string(event, expected: expected) else { return nil }
    if let value = Value(rawValue: text.value) { return Located(value, at: text.mark) }
    let allowed = Value.allCases.map(\.rawValue)
    report(
      .invalidValue, "'\(text.value)' is not \(expected) (\(allowed.joined(separator: ", ")))", at: text.mark,
      help: Suggestion.nearest(to: text.value, among: allowed).map { "did you mean '\($0)'?" })
    return nil
  }

  /// A `yyyy-MM-dd` date at `event`, or `nil` after reporting why not.
  public func calendarDate(_ event: NodeEvent) -> Located<CalendarDate>? {
    guard let text = string(event, expected: "a date yyyy-MM-dd") else { return nil }
    switch CalendarDate.parse(text.value) {
    case .success(let date): return Located(date, at: text.mark)
    case .failure(let problem):
      report(.invalidValue, "'\(text.value)' is not a date: \(problem.explanation)", at: text.mark)
      return nil
    }
  }

  /// A list of strings at `event`, or `nil` after reporting why not.
  public func stringList(_ event: NodeEvent, expected: String) -> [String]? {
    var values: [String] = []
    var valid = true
    let complete = forEachElement(of: event, expected: "a list of \(expected)") { element in
      if let value = string(element, expected: expected) { values.append(value.value) } else { valid = false }
    }
    return complete && valid ? values : nil
  }
}

extension NodeReader {
  /// A boolean (`true` or `false`, unquoted) at `event`, or `nil` after reporting why not.
  public func boolean(_ event: NodeEvent, expected: String = "true or false") -> Located<Bool>? {
    guard let scalar = scalar(event, expected: expected) else { return nil }
    switch (scalar.value.isPlain, scalar.value.text) {
    case (true, "true"): return Located(true, at: event.mark)
    case (true, "false"): return Located(false, at: event.mark)
    default:
      let found = scalar.value.isNull ? "null" : "'\(scalar.value.text)'"
      report(.wrongType, "expected \(expected), found \(found)", at: event.mark)
      return nil
    }
  }
}
