/// A bulk GET: `{"type": "GET", "request": [{"id": "…"}]}`, at most 100 ids.
public struct BulkGetRequest: Encodable, Sendable, Equatable {
  public static let maximumIDs = 100

  public var ids: [String]

  public init(ids: [String]) {
    self.ids = ids
  }

  enum CodingKeys: String, CodingKey {
    case type, request
  }

  struct ID: Encodable {
    var id: String
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("GET", forKey: .type)
    try container.encode(ids.map(ID.init), forKey: .request)
  }
}

/// `BulkResult`: one item per requested id, each a result or an error.
struct BulkResult<Item: Decodable>: Decodable {
  var response: [Entry]

  struct Entry: Decodable {
    var id: String?
    var index: Int?
    var statusCode: Int?
    var errorMessage: String?
    var result: Item?

    enum CodingKeys: String, CodingKey {
      case id, index, statusCode, errorMessage
      case result = "Result"
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      id = container.lenientString(.id)
      index = container.lenientInt(.index)
      statusCode = container.lenientInt(.statusCode)
      errorMessage = container.lenientString(.errorMessage)
      result = try? container.decodeIfPresent(Item.self, forKey: .result)
    }
  }

  enum CodingKeys: String, CodingKey {
    case response
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    response = (try? container.decodeIfPresent([Entry].self, forKey: .response)) ?? []
  }
}
