import FileSystem

/// What became of one call.
public enum CallOutcome: Sendable, Equatable {
  /// Boomi accepted it; the release is recorded with its handle.
  case released(requestId: String)
  /// Boomi accepted it, but the lockfile could not record it: this requestId is the only copy.
  case unrecorded(requestId: String, FileError)
  /// Boomi refused it, or it never got through: nothing happened.
  case failed(String)
  /// It may or may not have been processed; its intent stays in the lockfile for `recover`.
  case unknown(String)
  /// It was never sent, because the run stopped when the lockfile could not be written.
  case notSent(String)

  /// The requestId Boomi returned, recorded or not.
  public var requestId: String? {
    switch self {
    case .released(let requestId), .unrecorded(let requestId, _): requestId
    case .failed, .unknown, .notSent: nil
    }
  }
}
