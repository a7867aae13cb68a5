/// A query filter expression: one comparison, or `and`/`or` over nested expressions.
public indirect enum QueryExpression: Encodable, Sendable, Equatable {
  case compare(property: String, operator: String = "EQUALS", arguments: [String])
  case and([QueryExpression])
  case or([QueryExpression])

  public static func equals(_ property: String, _ value: String) -> QueryExpression {
    .compare(property: property, operator: "EQUALS", arguments: [value])
  }

  enum CodingKeys: String, CodingKey {
    case property, `operator`, argument, nestedExpression
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .compare(let property, let comparison, let arguments):
      try container.encode(property, forKey: .property)
      try container.encode(comparison, forKey: .operator)
      try container.encode(arguments, forKey: .argument)
    case .and(let nested):
      try container.encode("and", forKey: .operator)
      try container.encode(nested, forKey: .nestedExpression)
    case .or(let nested):
      try container.encode("or", forKey: .operator)
      try container.encode(nested, forKey: .nestedExpression)
    }
  }
}

/// The body of a QUERY: `{"QueryFilter": {"expression": …}}`, or `{"QueryFilter": {}}` for all.
public struct QueryConfig: Encodable, Sendable, Equatable {
  public var expression: QueryExpression?

  public init(_ expression: QueryExpression?) {
    self.expression = expression
  }

  enum CodingKeys: String, CodingKey {
    case filter = "QueryFilter"
  }

  enum FilterKeys: String, CodingKey {
    case expression
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    var filter = container.nestedContainer(keyedBy: FilterKeys.self, forKey: .filter)
    try filter.encodeIfPresent(expression, forKey: .expression)
  }
}

/// One page of a QUERY's results; `queryToken` is present when more pages remain.
struct QueryResult<Item: Decodable>: Decodable {
  var numberOfResults: Int?
  var queryToken: String?
  var result: [Item]

  enum CodingKeys: String, CodingKey {
    case numberOfResults, queryToken, result
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    numberOfResults = container.lenientInt(.numberOfResults)
    queryToken = container.lenientString(.queryToken)
    result = try container.decodeIfPresent([Item].self, forKey: .result) ?? []
  }
}
