import Foundation

/// IANA time zones, as the system's time zone database knows them.
public enum TimeZones {
  /// The zone with exactly this IANA name; `nil` for unknown names and for abbreviations
  /// such as `EST`, which are ambiguous.
  public static func named(_ name: String) -> TimeZone? {
    guard name == "UTC" || identifierSet.contains(name) else { return nil }
    return TimeZone(identifier: name)
  }

  public static let identifiers: [String] = TimeZone.knownTimeZoneIdentifiers
  private static let identifierSet = Set(identifiers)
}
