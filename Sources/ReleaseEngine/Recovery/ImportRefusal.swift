/// Why a release cannot be adopted from what Boomi says of it (`import`).
public enum ImportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case wrongPack(requestId: String, belongsTo: String)
  case unreadable(requestId: String, reason: String)

  public var description: String {
    switch self {
    case .wrongPack(let requestId, let owner): "\(requestId) is a release of pack \(owner), not of this pack"
    case .unreadable(let requestId, let reason): "the release \(requestId) could not be read: \(reason)"
    }
  }
}
