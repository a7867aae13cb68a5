import CLibYAML

/// Reads YAML with the system's libyaml and hands its events on as ``NodeEvent``s.
///
/// No node tree is built: events flow from libyaml's parser straight into the decoder. Anchored
/// nodes are recorded as they pass and replayed at each alias under a budget, so a "billion
/// laughs" document stops with a diagnostic instead of exhausting memory. Recordings keep an
/// alias inside an anchored node as a reference, never as its expansion, so their memory stays
/// proportional to the input.
final class YAMLEventSource: NodeEventSource {
  // `@exclusivity(unchecked)` marks the properties touched on every event. The source is driven by
  // one decoder on one thread and never re-entered, so the runtime's dynamic exclusivity check on
  // them (about 8% of a large decode's instructions, docs/BENCHMARKS.md) guards nothing.
  private(set) var diagnostics: [Diagnostic] = []
  @exclusivity(unchecked) private(set) var failed = false

  private let file: String
  private let input: UnsafeBufferPointer<UInt8>
  private let limits: DecodingLimits
  /// libyaml keeps a pointer to its parser (its read handler's data), so the parser lives at a
  /// fixed address for the source's lifetime.
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  @exclusivity(unchecked) private var ended = false
  private var sawDocument = false
  @exclusivity(unchecked) private var depth = 0

  private var anchors: [String: Recording] = [:]
  /// Anchored nodes being read right now, innermost last.
  @exclusivity(unchecked) private var recordings: [(name: String, recording: Recording, depth: Int)] = []
  /// Aliases being replayed, innermost last.
  @exclusivity(unchecked) private var replays: [(recording: Recording, index: Int, alias: SourceMark)] = []
  private var replayBudget: Int

  private final class Recording {
    enum Item {
      case event(NodeEvent)
      case alias(Recording)
    }
    var items: [Item] = []
  }

  init(input: UnsafeBufferPointer<UInt8>, file: String, limits: DecodingLimits) {
    self.input = input
    self.file = file
    self.limits = limits
    self.replayBudget = limits.aliasBudget(forInputBytes: input.count)
    parser = .allocate(capacity: 1)
    guard yaml_parser_initialize(parser) == 1 else {
      failed = true
      diagnostics.append(.error(.yamlSyntax, "out of memory starting the YAML parser", file: file, at: .start))
      return
    }
    // No explicit encoding: libyaml then detects it from the first bytes and skips a UTF-8
    // byte order mark. Anything but UTF-8 was refused before parsing.
    if let base = input.baseAddress {
      yaml_parser_set_input_string(parser, base, input.count)
    } else {
      var empty: UInt8 = 0
      yaml_parser_set_input_string(parser, &empty, 0)
    }
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
  }

  func next() -> NodeEvent {
    while true {
      if failed { return NodeEvent(.end, at: .start) }
      if !replays.isEmpty, let event = nextReplayed() { return track(event) }
      if ended { return NodeEvent(.end, at: .start) }
      guard let event = nextParsed() else { continue }
      return track(event)
    }
  }

  func finish() {
    while !failed, !ended {
      _ = next()
    }
  }

  // MARK: - Replay

  private func nextReplayed() -> NodeEvent? {
    while let top = replays.last {
      guard top.index < top.recording.items.count else {
        replays.removeLast()
        continue
      }
      replays[replays.count - 1].index += 1
      switch top.recording.items[top.index] {
      case .event(let event):
        replayBudget -= 1
        guard replayBudget >= 0 else {
          fail(
            .aliasLimit,
            "aliases in this file expand to more than \(limits.aliasBudget(forInputBytes: input.count)) nodes",
            at: replays[0].alias,
            help: "a document that multiplies aliases like this is refused; write the values out instead")
          replays.removeAll()
          return nil
        }
        return event
      case .alias(let nested):
        replays.append((nested, 0, top.alias))
      }
    }
    return nil
  }

  // MARK: - Parsing

  /// The next event from libyaml, or `nil` when it was consumed here (stream and document
  /// markers, aliases that start a replay) or reading stopped.
  private func nextParsed() -> NodeEvent? {
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) == 1 else {
      reportParserError()
      return nil
    }
    defer { yaml_event_delete(&event) }
    let mark = SourceMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)

    switch event.type {
    case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
      return nil
    case YAML_STREAM_END_EVENT:
      ended = true
      return nil
    case YAML_DOCUMENT_START_EVENT:
      if sawDocument {
        fail(
          .multipleDocuments, "the file holds a second YAML document; a manifest is one document", at: mark,
          help: "remove the `---` line and what follows it, or move it to its own file")
      }
      sawDocument = true
      return nil
    case YAML_ALIAS_EVENT:
      let name = Self.string(event.data.alias.anchor)
      startReplay(of: name, at: mark)
      return nil
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let length = Int(scalar.length)
      guard length <= limits.maxScalarBytes else {
        fail(
          .scalarTooLong, "this value is \(length) bytes long; the most allowed is \(limits.maxScalarBytes)",
          at: mark)
        return nil
      }
      let text = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self) }
      let tag = scalar.tag.map { String(cString: $0) }
      // A plain scalar is subject to type resolution (null, numbers); an explicit `!!str` tag
      // or any quoting makes it a string taken as written.
      let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && (tag == nil || tag == "!")
      let node = NodeEvent(.scalar, text: text ?? "", isPlain: isPlain, at: mark)
      record(node, anchor: scalar.anchor)
      return node
    case YAML_SEQUENCE_START_EVENT:
      let node = NodeEvent(.sequenceStart, at: mark)
      record(node, anchor: event.data.sequence_start.anchor)
      return node
    case YAML_MAPPING_START_EVENT:
      let node = NodeEvent(.mappingStart, at: mark)
      record(node, anchor: event.data.mapping_start.anchor)
      return node
    case YAML_SEQUENCE_END_EVENT:
      let node = NodeEvent(.sequenceEnd, at: mark)
      record(node, anchor: nil)
      return node
    case YAML_MAPPING_END_EVENT:
      let node = NodeEvent(.mappingEnd, at: mark)
      record(node, anchor: nil)
      return node
    default:
      return nil
    }
  }

  /// Keeps the depth within bounds, for parsed and replayed events alike.
  private func track(_ event: NodeEvent) -> NodeEvent {
    switch event.kind {
    case .mappingStart, .sequenceStart:
      depth += 1
      if depth > limits.maxDepth {
        fail(.nestingTooDeep, "collections are nested more than \(limits.maxDepth) deep", at: event.mark)
        return NodeEvent(.end, at: event.mark)
      }
    case .mappingEnd, .sequenceEnd:
      depth -= 1
    case .scalar, .end:
      break
    }
    return event
  }

  // MARK: - Anchors and aliases

  private func record(_ event: NodeEvent, anchor: UnsafeMutablePointer<yaml_char_t>?) {
    // The common case, a file without anchors, costs one check per event.
    guard anchor != nil || !recordings.isEmpty else { return }
    if let anchor {
      recordings.append((Self.string(anchor), Recording(), 0))
    }
    guard !recordings.isEmpty else { return }
    let change: Int =
      switch event.kind {
      case .mappingStart, .sequenceStart: 1
      case .mappingEnd, .sequenceEnd: -1
      case .scalar, .end: 0
      }
    for index in recordings.indices {
      recordings[index].recording.items.append(.event(event))
      recordings[index].depth += change
    }
    // A recording is complete when its node is: depth back to zero.
    while let last = recordings.last, last.depth == 0 {
      recordings.removeLast()
      anchors[last.name] = last.recording
    }
  }

  private func startReplay(of name: String, at mark: SourceMark) {
    guard let recording = anchors[name] else {
      let beingDefined = recordings.contains { $0.name == name }
      fail(
        .undefinedAlias,
        beingDefined
          ? "alias '*\(name)' refers to the node that contains it"
          : "alias '*\(name)' refers to no anchor defined before it",
        at: mark,
        help: beingDefined ? nil : "define `&\(name)` on a value earlier in the file")
      return
    }
    // Inside an anchored node the alias is kept as a reference, not copied.
    for index in recordings.indices {
      recordings[index].recording.items.append(.alias(recording))
    }
    replays.append((recording, 0, mark))
  }

  // MARK: - Errors

  private func fail(_ code: DiagnosticCode, _ message: String, at mark: SourceMark, help: String? = nil) {
    guard !failed else { return }
    failed = true
    diagnostics.append(.error(code, message, file: file, at: mark, help: help))
  }

  private func reportParserError() {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
    switch state.error {
    case YAML_READER_ERROR:
      let mark = input.isEmpty ? SourceMark.start : SourceText.mark(ofByteOffset: Int(state.problem_offset), in: input)
      fail(.yamlSyntax, "\(problem) (byte \(state.problem_value))", at: mark)
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let mark = SourceMark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
      if character(at: mark) == UInt8(ascii: "\t") {
        fail(
          .tabIndentation, "a tab character is not allowed here; YAML indents with spaces", at: mark,
          help: "replace the tab with spaces")
        return
      }
      var message = problem
      if let context = state.context.map({ String(cString: $0) }) {
        let contextMark = SourceMark(
          line: Int(state.context_mark.line) + 1, column: Int(state.context_mark.column) + 1)
        message += " \(context) that starts at \(contextMark)"
      }
      fail(.yamlSyntax, message, at: mark, help: Self.help(forProblem: problem))
    default:
      fail(.yamlSyntax, "YAML could not be read: \(problem)", at: .start)
    }
  }

  private static func help(forProblem problem: String) -> String? {
    switch problem {
    case "mapping values are not allowed in this context":
      "quote a value that contains ': '; if this line is a key of its own, check its indentation"
    case "could not find expected ':'":
      "each key needs a ':' and a space after it"
    case "found character that cannot start any token":
      "quote the value if it starts with a character such as '@' or '`'"
    case "did not find expected key", "did not find expected '-' indicator":
      "check the indentation of this line against the lines above it"
    default:
      nil
    }
  }

  /// The first byte of the character at a 1-based line and column, if there is one.
  private func character(at mark: SourceMark) -> UInt8? {
    var line = 1
    var index = 0
    while index < input.count, line < mark.line {
      if input[index] == UInt8(ascii: "\n") { line += 1 }
      index += 1
    }
    var column = 1
    while index < input.count, column < mark.column {
      index += 1
      while index < input.count, input[index] & 0xC0 == 0x80 { index += 1 }
      column += 1
    }
    return index < input.count ? input[index] : nil
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
  }
}
