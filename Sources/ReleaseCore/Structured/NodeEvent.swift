/// One step through a YAML or JSON document: the start or end of a collection, or a scalar.
///
/// Both the YAML and the JSON readers produce these, so one decoder (``NodeReader``) serves the
/// manifest, the lockfile and saved plans, and every decoded value keeps its position.
public struct NodeEvent: Sendable {
  public enum Kind: UInt8, Sendable {
    case scalar
    case mappingStart
    case mappingEnd
    case sequenceStart
    case sequenceEnd
    /// The document is over, or reading stopped at an error already reported.
    case end
  }

  public var kind: Kind
  /// A scalar's text exactly as written (after unescaping); empty for other kinds.
  public var text: String
  /// A YAML plain scalar, or a JSON literal (number, `true`, `false`, `null`). Quoted scalars are
  /// never null and never numbers: their text is taken as is.
  public var isPlain: Bool
  public var mark: SourceMark

  public init(_ kind: Kind, text: String = "", isPlain: Bool = false, at mark: SourceMark) {
    self.kind = kind
    self.text = text
    self.isPlain = isPlain
    self.mark = mark
  }

  /// YAML 1.1's null: an empty plain scalar, `~` or `null` in any of its spellings.
  public var isNull: Bool { kind == .scalar && Scalar(text, isPlain: isPlain).isNull }

  /// What a person would call this node, for messages ("expected a string, found a list").
  public var kindDescription: String {
    switch kind {
    case .scalar: isNull ? "null" : "a scalar"
    case .mappingStart, .mappingEnd: "a mapping"
    case .sequenceStart, .sequenceEnd: "a list"
    case .end: "the end of the document"
    }
  }
}

/// Produces ``NodeEvent``s from a document, reporting its own syntax errors as diagnostics.
public protocol NodeEventSource: AnyObject {
  /// The next event; `.end` forever once the document is over or an error stopped reading.
  func next() -> NodeEvent
  /// After the root node: checks that nothing but the end of the input follows.
  func finish()
  /// Problems found while reading (syntax, encoding, limits).
  var diagnostics: [Diagnostic] { get }
  /// Whether reading stopped at an error, so the document is incomplete.
  var failed: Bool { get }
}

/// Bounds that keep hostile input from exhausting time or memory.
public struct DecodingLimits: Sendable {
  /// Largest file read at all.
  public var maxFileBytes: Int = 256 << 20
  /// Deepest nesting of collections.
  public var maxDepth: Int = 64
  /// Longest single scalar, in bytes.
  public var maxScalarBytes: Int = 64 << 10
  /// Most events that aliases may replay in one document: a "billion laughs" guard. It grows
  /// with the input (one event per byte) so that a large manifest sharing component lists
  /// through aliases still loads; replay itself needs no memory beyond the anchored events.
  public var minAliasBudget: Int = 2_000_000
  /// Most problems collected from one file; the rest are counted, and reported as a number.
  public var maxDiagnostics: Int = 10_000

  public init() {}

  public static let standard = DecodingLimits()

  func aliasBudget(forInputBytes count: Int) -> Int {
    max(minAliasBudget, count)
  }
}
