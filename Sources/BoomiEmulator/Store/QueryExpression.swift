import ReleaseCore

/// A checked QUERY filter: Boomi's simple expressions (`property`, `operator`, `argument`) and
/// grouping expressions (`and`/`or` over `nestedExpression`), nested as deep as `JSONBody`
/// lets a body be (32 levels).
indirect enum QueryExpression: Sendable {
  /// No filter: every object.
  case all
  case group(isAnd: Bool, [QueryExpression])
  case simple(property: String, operator: Operator, arguments: [String])

  /// The simple operators Boomi documents.
  enum Operator: String, Sendable, CaseIterable {
    case equals = "EQUALS"
    case notEquals = "NOT_EQUALS"
    case like = "LIKE"
    case startsWith = "STARTS_WITH"
    case contains = "CONTAINS"
    case notContains = "NOT_CONTAINS"
    case isNull = "IS_NULL"
    case isNotNull = "IS_NOT_NULL"
    case between = "BETWEEN"
    case greaterThan = "GREATER_THAN"
    case greaterThanOrEqual = "GREATER_THAN_OR_EQUAL"
    case lessThan = "LESS_THAN"
    case lessThanOrEqual = "LESS_THAN_OR_EQUAL"

    var argumentCount: Int {
      switch self {
      case .isNull, .isNotNull: 0
      case .between: 2
      default: 1
      }
    }
  }

  /// What a query may filter on, for one kind of object.
  struct Vocabulary: Sendable {
    /// The object's name, for messages.
    var object: String
    var properties: [String]
    /// Properties ordered as versions ("2.10" after "2.9") rather than as text.
    var versionProperties: Set<String> = []
  }

  /// Checks a QueryConfig: known properties and operators, the right number of arguments.
  static func parse(
    _ config: WireRequest.QueryConfig, vocabulary: Vocabulary
  ) -> Result<QueryExpression, JSONBody.Problem> {
    guard let filter = config.queryFilter else {
      return .failure(
        JSONBody.Problem(
          message:
            "the QueryConfig has no QueryFilter; send {\"QueryFilter\":{\"expression\":…}}, or {\"QueryFilter\":{}} for every \(vocabulary.object)"
        ))
    }
    guard let expression = filter.expression else { return .success(.all) }
    return parse(expression, vocabulary: vocabulary)
  }

  private static func parse(
    _ expression: WireRequest.Expression, vocabulary: Vocabulary
  ) -> Result<
    QueryExpression, JSONBody.Problem
  > {
    func problem(_ message: String) -> Result<QueryExpression, JSONBody.Problem> {
      .failure(JSONBody.Problem(message: message))
    }
    if expression.nestedExpression != nil || expression.operator == "and" || expression.operator == "or" {
      guard let op = expression.operator, op == "and" || op == "or" else {
        return problem(
          "a grouping expression's operator must be \"and\" or \"or\", not \(quoted(expression.operator))")
      }
      guard let nested = expression.nestedExpression, !nested.isEmpty else {
        return problem("the \"\(op)\" grouping expression has no nestedExpression")
      }
      var children: [QueryExpression] = []
      for child in nested {
        switch parse(child, vocabulary: vocabulary) {
        case .success(let parsed): children.append(parsed)
        case .failure(let failure): return .failure(failure)
        }
      }
      return .success(.group(isAnd: op == "and", children))
    }
    guard let property = expression.property else {
      return problem("a simple expression needs a property (one of \(vocabulary.properties.joined(separator: ", ")))")
    }
    guard vocabulary.properties.contains(property) else {
      return problem(
        "'\(property)' is not a \(vocabulary.object) query property; use one of \(vocabulary.properties.joined(separator: ", "))"
      )
    }
    guard let name = expression.operator, let op = Operator(rawValue: name) else {
      return problem(
        "\(quoted(expression.operator)) is not a query operator; use one of \(Operator.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let arguments = expression.argument ?? []
    guard arguments.count == op.argumentCount else {
      return problem(
        "\(op.rawValue) takes \(op.argumentCount) argument\(op.argumentCount == 1 ? "" : "s"), not \(arguments.count)")
    }
    return .success(.simple(property: property, operator: op, arguments: arguments))
  }

  private static func quoted(_ text: String?) -> String {
    text.map { "'\($0)'" } ?? "a missing operator"
  }

  /// Whether an object whose property values `value` gives (nil = no value) matches.
  func matches(_ vocabulary: Vocabulary, _ value: (String) -> String?) -> Bool {
    switch self {
    case .all:
      return true
    case .group(let isAnd, let children):
      return isAnd
        ? children.allSatisfy { $0.matches(vocabulary, value) } : children.contains { $0.matches(vocabulary, value) }
    case .simple(let property, let op, let arguments):
      let actual = value(property)
      switch op {
      case .isNull: return actual == nil
      case .isNotNull: return actual != nil
      default: break
      }
      guard let actual, let first = arguments.first else { return op == .notEquals || op == .notContains }
      let isVersion = vocabulary.versionProperties.contains(property)
      func less(_ a: String, _ b: String) -> Bool { isVersion ? VersionOrder.precedes(a, b) : a < b }
      switch op {
      case .equals: return actual == first
      case .notEquals: return actual != first
      case .like: return Self.like(Array(actual), Array(first))
      case .startsWith: return actual.hasPrefix(first)
      case .contains: return actual.contains(first)
      case .notContains: return !actual.contains(first)
      case .between:
        let upper = arguments.count > 1 ? arguments[1] : first
        return !less(actual, first) && !less(upper, actual)
      case .greaterThan: return less(first, actual)
      case .greaterThanOrEqual: return !less(actual, first)
      case .lessThan: return less(actual, first)
      case .lessThanOrEqual: return !less(first, actual)
      case .isNull, .isNotNull: return false
      }
    }
  }

  /// SQL LIKE: `%` matches any run of characters, `_` any one character; case-sensitive.
  static func like(_ text: [Character], _ pattern: [Character]) -> Bool {
    var t = 0
    var p = 0
    var star: Int?
    var resume = 0
    while t < text.count {
      if p < pattern.count, pattern[p] == "_" || (pattern[p] != "%" && pattern[p] == text[t]) {
        t += 1
        p += 1
      } else if p < pattern.count, pattern[p] == "%" {
        star = p
        resume = t
        p += 1
      } else if let starAt = star {
        p = starAt + 1
        resume += 1
        t = resume
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "%" { p += 1 }
    return p == pattern.count
  }
}
