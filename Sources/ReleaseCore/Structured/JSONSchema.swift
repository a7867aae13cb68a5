/// Writes an ``ObjectSchema`` as JSON Schema (draft 2020-12), for editors and linters.
public enum JSONSchema {
  public static func document(for root: ObjectSchema, id: String) -> JSONValue {
    guard case .object(var members) = object(root) else { return .null }
    members["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
    members["$id"] = .string(id)
    return .object(members)
  }

  static func object(_ schema: ObjectSchema) -> JSONValue {
    var members: [String: JSONValue] = [
      "type": .string("object"),
      "title": .string(schema.title),
      "description": .string(schema.description),
      "properties": .object(
        Dictionary(
          schema.properties.map { property in
            var value = self.value(property.schema)
            if case .object(var members) = value {
              members["description"] = .string(property.description)
              value = .object(members)
            }
            return (property.key, value)
          }, uniquingKeysWith: { first, _ in first })),
      "additionalProperties": .bool(false),
    ]
    if !schema.required.isEmpty { members["required"] = .array(schema.required.map(JSONValue.string)) }
    if let prefix = schema.extensionKeyPrefix {
      members["patternProperties"] = .object(["^" + prefix: .object([:])])
    }
    return .object(members)
  }

  static func value(_ schema: ValueSchema) -> JSONValue {
    switch schema {
    case .string(let pattern, let format, let minLength, let examples):
      return .object(dropping: [
        "type": .string("string"),
        "pattern": pattern.map(JSONValue.string),
        "format": format.map(JSONValue.string),
        "minLength": minLength.map(JSONValue.int),
        "examples": examples.isEmpty ? nil : .array(examples.map(JSONValue.string)),
      ])
    case .integer(let constant, let minimum, let maximum):
      return .object(dropping: [
        "type": .string("integer"), "const": constant.map(JSONValue.int), "minimum": minimum.map(JSONValue.int),
        "maximum": maximum.map(JSONValue.int),
      ])
    case .boolean:
      return .object(["type": .string("boolean")])
    case .enumeration(let values):
      return .object(["type": .string("string"), "enum": .array(values.map(JSONValue.string))])
    case .anyOf(let alternatives):
      return .object(["anyOf": .array(alternatives.map(value))])
    case .array(let items, let minItems):
      return .object(dropping: [
        "type": .string("array"), "items": value(items), "minItems": minItems.map(JSONValue.int),
      ])
    case .map(let values):
      return .object(["type": .string("object"), "additionalProperties": value(values)])
    case .object(let object):
      return self.object(object)
    }
  }
}

extension ManifestFormat {
  /// The manifest's JSON Schema, as `boomi-release schema` prints it.
  public static var jsonSchema: JSONValue {
    JSONSchema.document(for: root.schema, id: "https://boomi-release.dev/schema/manifest-v\(version).json")
  }
}
