import Foundation

/// Where releases are made (SPEC §10.1): a Boomi Platform API, named by the scheme and host of its
/// base URL (the port and path aside), or the emulator built into `boomi-release`.
///
/// A lockfile records the endpoint of the runs that wrote it, and a run against another one
/// refuses it: releases made against the emulator are not Boomi's, and releases made in one Boomi
/// platform (`api.boomi.com`, `api.platform.gb.boomi.com`) are unknown to another.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
  /// `boomi-release … --emulator`.
  case emulator
  /// A Boomi API (or a `boomi-emulator` process standing in for one): lowercase scheme and host.
  case api(scheme: String, host: String)

  /// How it is written in a lockfile: `emulator`, or `https://api.boomi.com`.
  public static let emulatorName = "emulator"

  /// The endpoint of a base URL such as `https://api.boomi.com/api/rest/v1`; `nil` when it is not
  /// an absolute URL with a host.
  public init?(baseURL: String) {
    guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
      let bracketed = components.host?.lowercased(), !bracketed.isEmpty
    else { return nil }
    // An IPv6 address is written in brackets, which some URL parsers keep in the host.
    let host =
      bracketed.hasPrefix("[") && bracketed.hasSuffix("]") ? String(bracketed.dropFirst().dropLast()) : bracketed
    guard !host.isEmpty else { return nil }
    self = .api(scheme: scheme, host: host)
  }

  /// The endpoint a lockfile records; `nil` for text that names none.
  public init?(recorded: String) {
    if recorded == Self.emulatorName {
      self = .emulator
    } else if let endpoint = Endpoint(baseURL: recorded), case .api = endpoint {
      self = endpoint
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .emulator: Self.emulatorName
    case .api(let scheme, let host): "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
    }
  }

  /// How a person would name it in a message.
  public var spoken: String {
    switch self {
    case .emulator: "the emulator built into boomi-release (--emulator)"
    case .api: description
    }
  }
}
