import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A request body as the emulator reads it: whole, within a limit.
enum BodyRead {
  case bytes([UInt8])
  case tooLarge
  case unreadable
}

extension Request {
  /// The whole body, refusing one larger than `limit` before reading it when its length is
  /// declared, and as soon as the limit is passed when it is not. The body is kept in the
  /// request, so an endpoint reading it again after the gate gets the same bytes at no cost.
  mutating func readBody(limit: Int) async -> BodyRead {
    if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit { return .tooLarge }
    do {
      return .bytes(Array(try await collectBody(upTo: limit).readableBytesView))
    } catch is NIOTooManyBytesError {
      return .tooLarge
    } catch {
      return .unreadable
    }
  }

  /// The path's segments, percent-decoded, without empty ones.
  var pathSegments: [String] {
    uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
  }

  /// Whether `Accept` names `application/json` (parameters such as `; charset=utf-8` allowed).
  /// A missing header, `*/*` or `application/*` does not: Boomi answers those with XML.
  var acceptsJSON: Bool {
    guard let header = headers[.accept] else { return false }
    return header.split(separator: ",").contains { Self.mediaType($0) == "application/json" }
  }

  /// Whether `Content-Type` is `media` (parameters allowed).
  func hasContentType(_ media: String) -> Bool {
    headers[.contentType].map { Self.mediaType($0[...]) == media } ?? false
  }

  private static func mediaType(_ field: Substring) -> String {
    (field.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
  }
}

extension EmulatorRequestContext {
  /// A route parameter, percent-decoded.
  func parameter(_ name: String) -> String {
    let raw = parameters.get(name) ?? ""
    return raw.removingPercentEncoding ?? raw
  }
}
