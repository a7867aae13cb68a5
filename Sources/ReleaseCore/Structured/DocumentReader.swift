/// Reads a whole YAML or JSON document with a root ``ObjectDefinition``, after the checks every
/// file gets first: its size and its encoding.
public enum DocumentReader {
  public enum Syntax: Sendable {
    case yaml
    case json
  }

  /// Decodes `source` into `root`. Returns `nil` when the document could not be read far enough
  /// to decode (too large, not UTF-8, empty, not a mapping, or a syntax error); the diagnostics
  /// say why. Diagnostics found before a syntax error are kept: they are real.
  public static func read<Root>(
    _ source: SourceText, as syntax: Syntax, definition: ObjectDefinition<Root>, limits: DecodingLimits = .standard,
    makeRoot: (SourceMark) -> Root
  ) -> (Root?, [Diagnostic]) {
    let file = source.path
    guard source.bytes.count <= limits.maxFileBytes else {
      return (nil, [.fileTooLarge(file: file, size: source.bytes.count, limit: limits.maxFileBytes)])
    }
    return source.bytes.withUnsafeBufferPointer { bytes in
      if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
        let help =
          UTF8Validation.looksLikeUTF16(bytes)
          ? "the file looks like UTF-16; save it as UTF-8" : "save the file as UTF-8"
        return (
          nil,
          [
            .error(
              .invalidUTF8, "the file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
              file: file, at: SourceText.mark(ofByteOffset: offset, in: bytes), help: help)
          ]
        )
      }
      let events: any NodeEventSource =
        switch syntax {
        case .yaml: YAMLEventSource(input: bytes, file: file, limits: limits)
        case .json: JSONEventSource(input: bytes, file: file, limits: limits)
        }
      let reader = NodeReader(source: events, file: file, limits: limits)
      let first = reader.next()
      if first.kind == .end || first.isNull {
        reader.finish()
        if reader.stoppedEarly { return (nil, reader.diagnostics) }
        return (
          nil,
          [
            .error(
              .emptyDocument, "the file is empty", file: file, at: first.kind == .end ? .start : first.mark,
              help: syntax == .yaml ? "a manifest starts with `version: 1`" : nil)
          ]
        )
      }
      guard first.kind == .mappingStart else {
        reader.skip(first)
        reader.finish()
        if reader.stoppedEarly { return (nil, reader.diagnostics) }
        return (
          nil,
          [
            .error(
              .notAMapping, "the document is \(first.kindDescription), not a mapping of keys to values", file: file,
              at: first.mark,
              help: syntax == .yaml ? "a manifest is a mapping that starts with `version: 1`" : nil)
          ]
        )
      }
      var root = makeRoot(first.mark)
      reader.decode(definition, from: first, into: &root)
      reader.finish()
      guard !reader.stoppedEarly else {
        // A mapping may have been closed early by the very text that broke the syntax (a line
        // indented too little), so its "missing key" reports may be false: drop them.
        return (nil, reader.diagnostics.filter { $0.code != .missingKey })
      }
      return (root, reader.diagnostics)
    }
  }
}
