import BoomiAPI
import FileSystem

/// Why a use case could not finish, in one sentence for the user.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A call to Boomi failed; `doing` says what it was for ("read pack …").
  case boomi(doing: String, PlatformError)
  /// The lockfile could not be written.
  case lockfile(FileError)
  /// A release cannot be adopted from what Boomi says of it.
  case importRefused(ImportRefusal)

  public var description: String {
    switch self {
    case .boomi(let doing, let error): "could not \(doing): \(error)"
    case .lockfile(let error): error.description
    case .importRefused(let failure): failure.description
    }
  }
}
