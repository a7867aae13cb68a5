/// The shape of one kind of mapping in a file format: its keys, which are required, what each
/// means, and how each value is decoded.
///
/// This is the single definition both the loader and the published JSON Schema come from
/// (`boomi-release schema`), so the two cannot drift apart.
public struct ObjectDefinition<Owner>: Sendable {
  public let name: String
  public let description: String
  public let fields: [Field]
  /// Keys the format reserves for the user (the manifest's `x-` keys, a home for anchors).
  public let extensionKeyPrefix: String?
  private let keyList: [String]
  private let index: [String: Int]

  public struct Field: Sendable {
    public let key: String
    public let isRequired: Bool
    public let schema: ValueSchema
    public let description: String
    /// Shown as `help:` when the key is missing.
    public let missingHelp: String?
    /// The code a missing key is reported with.
    public let missingCode: DiagnosticCode
    let decode: @Sendable (NodeReader, NodeEvent, inout Owner) -> Void

    public init(
      _ key: String, required: Bool = false, _ schema: ValueSchema, _ description: String,
      missingHelp: String? = nil, missingCode: DiagnosticCode = .missingKey,
      decode: @escaping @Sendable (NodeReader, NodeEvent, inout Owner) -> Void
    ) {
      self.key = key
      self.isRequired = required
      self.schema = schema
      self.description = description
      self.missingHelp = missingHelp
      self.missingCode = missingCode
      self.decode = decode
    }
  }

  public init(name: String, description: String, extensionKeyPrefix: String? = nil, fields: [Field]) {
    self.name = name
    self.description = description
    self.fields = fields
    self.extensionKeyPrefix = extensionKeyPrefix
    self.keyList = fields.map(\.key)
    self.index = Dictionary(fields.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public var keys: [String] { keyList }

  /// The field a key names. A short scan beats hashing for the few keys a mapping has; this runs
  /// for every key of every mapping of a large manifest.
  func fieldIndex(for key: String) -> Int? {
    guard keyList.count > 8 else { return keyList.firstIndex(of: key) }
    return index[key]
  }

  /// The JSON Schema of this object.
  public var schema: ObjectSchema {
    ObjectSchema(
      title: name, description: description,
      properties: fields.map { PropertySchema(key: $0.key, description: $0.description, schema: $0.schema) },
      required: fields.filter(\.isRequired).map(\.key),
      extensionKeyPrefix: extensionKeyPrefix)
  }
}

/// What a value may be, as JSON Schema says it (a deliberately small subset).
public indirect enum ValueSchema: Sendable {
  case string(pattern: String? = nil, format: String? = nil, minLength: Int? = nil, examples: [String] = [])
  case integer(constant: Int? = nil, minimum: Int? = nil, maximum: Int? = nil)
  case boolean
  case enumeration([String])
  case anyOf([ValueSchema])
  case array(of: ValueSchema, minItems: Int? = nil)
  case map(of: ValueSchema)
  case object(ObjectSchema)
}

public struct ObjectSchema: Sendable {
  public var title: String
  public var description: String
  public var properties: [PropertySchema]
  public var required: [String]
  public var extensionKeyPrefix: String?
}

public struct PropertySchema: Sendable {
  public var key: String
  public var description: String
  public var schema: ValueSchema
}
