import Foundation
import SafeText

/// Who calls Boomi: a user name with an API token or a password, from the environment only.
///
/// Its description never shows the secret, so it can be printed or logged safely.
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
  public enum Secret: Sendable, Equatable {
    case apiToken(String)
    case password(String)
  }

  public var username: String
  public var secret: Secret

  public init(username: String, secret: Secret) {
    self.username = username
    self.secret = secret
  }

  /// `Basic base64("BOOMI_TOKEN.<user>:<token>")` for a token, `Basic base64("<user>:<password>")`
  /// for a password.
  public var authorization: String {
    let pair =
      switch secret {
      case .apiToken(let token): "BOOMI_TOKEN.\(username):\(token)"
      case .password(let password): "\(username):\(password)"
      }
    return "Basic " + Data(pair.utf8).base64EncodedString()
  }

  /// Masks every form of this credential (``Redactor``): what the client runs every answer
  /// through.
  public var redactor: Redactor {
    switch secret {
    case .apiToken(let token): Redactor([.init(user: username, secret: token, pairPrefix: "BOOMI_TOKEN.")])
    case .password(let password): Redactor([.init(user: username, secret: password)])
    }
  }

  public var description: String {
    switch secret {
    case .apiToken: "\(username) (API token)"
    case .password: "\(username) (password)"
    }
  }

  public var debugDescription: String { description }

  /// Reads BOOMI_USERNAME with BOOMI_API_TOKEN (preferred) or BOOMI_PASSWORD. The error names
  /// the variables to set, never their values.
  public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> Credentials {
    func value(_ name: String) -> String? {
      environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
    guard let username = value("BOOMI_USERNAME") else {
      throw ConfigurationError("BOOMI_USERNAME is not set; set it and BOOMI_API_TOKEN (or BOOMI_PASSWORD)")
    }
    if let token = value("BOOMI_API_TOKEN") { return Credentials(username: username, secret: .apiToken(token)) }
    if let password = value("BOOMI_PASSWORD") { return Credentials(username: username, secret: .password(password)) }
    throw ConfigurationError("neither BOOMI_API_TOKEN nor BOOMI_PASSWORD is set; set one of them")
  }
}

/// A connection setting that cannot work, said in one sentence without any secret.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}

extension Redactor {
  /// Masks every secret the connection settings in `environment` hold, whatever else is set or
  /// missing: the API token and the password (alone and paired with the user), and the user
  /// information of the base URL. What the command line passes all its output through.
  public static func forEnvironment(_ environment: [String: String]) -> Redactor {
    func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    let user = value("BOOMI_USERNAME")
    var credentials: [Credential] = []
    if let token = value("BOOMI_API_TOKEN") {
      credentials.append(.init(user: user, secret: token, pairPrefix: "BOOMI_TOKEN."))
    }
    if let password = value("BOOMI_PASSWORD") { credentials.append(.init(user: user, secret: password)) }
    if let url = value("BOOMI_API_URL"), let credential = URLText.userInfoCredential(url) {
      credentials.append(credential)
    }
    return Redactor(credentials)
  }
}
