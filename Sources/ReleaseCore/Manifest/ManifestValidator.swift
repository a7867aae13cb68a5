import Foundation
import SafeText

/// Checks a ``ManifestFile`` value by value and builds the ``Manifest`` it describes.
///
/// Every problem is collected; a manifest comes back only when there are none. Checks that
/// depend on the date or the lockfile (a release date in the past) belong to the planner.
public struct ManifestValidator {
  public let path: String
  private var diagnostics: DiagnosticCollector

  public init(path: String, limits: DecodingLimits = .standard) {
    self.path = path
    self.diagnostics = DiagnosticCollector(limit: limits.maxDiagnostics)
  }

  public static func validate(
    _ file: ManifestFile, path: String, limits: DecodingLimits = .standard
  ) -> (Manifest?, [Diagnostic]) {
    var validator = ManifestValidator(path: path, limits: limits)
    let manifest = validator.check(file)
    let diagnostics = validator.diagnostics.all
    return (diagnostics.containsErrors ? nil : manifest, diagnostics)
  }

  private mutating func report(_ code: DiagnosticCode, _ message: String, at mark: SourceMark, help: String? = nil) {
    diagnostics.append(.error(code, message, file: path, at: mark, help: help))
  }

  private mutating func check(_ file: ManifestFile) -> Manifest? {
    checkVersion(file)
    let account = file.account.flatMap { checkAccount($0) }
    let timeZone = file.timezone.map { checkTimeZone($0) } ?? TimeZone(identifier: "UTC")
    var packs: [PackSpec] = []
    var packIDs = FirstSeen<UInt128>()
    var packNames = FirstSeen<String>()
    for entry in file.packs?.value ?? [] {
      let uuid = entry.id.flatMap { checkUUID($0, what: "pack id") }
      let name = entry.name.flatMap { checkName($0) }
      if let uuid, let idMark = entry.id?.mark, let first = packIDs.firstMark(of: uuid.value, seenAt: idMark) {
        report(
          .duplicatePackID, "pack \(uuid.lowercased) is listed twice (first at \(first))", at: idMark,
          help: "list each integration pack once")
      }
      if let name, let nameMark = entry.name?.mark, let first = packNames.firstMark(of: name, seenAt: nameMark) {
        report(
          .duplicatePackName, "the name '\(name)' is used by two packs (first at \(first))", at: nameMark,
          help: "names identify packs in output and --target; give each pack its own")
      }
      if let pack = checkPack(entry, id: uuid?.lowercased, name: name) { packs.append(pack) }
    }
    guard let timeZone else { return nil }
    return Manifest(
      path: path, account: account, timeZone: timeZone, timeZoneName: file.timezone?.value.text ?? "UTC",
      packs: packs)
  }

  private mutating func checkVersion(_ file: ManifestFile) {
    // A missing version was reported by the decoder.
    guard let version = file.version else { return }
    let scalar = version.value
    guard scalar.isPlain, let number = Int(scalar.text) else {
      let found = scalar.isNull ? "null" : scalar.isPlain ? "'\(scalar.text)'" : "the string '\(scalar.text)'"
      report(
        .wrongType, "the format version must be the integer \(ManifestFormat.version), found \(found)",
        at: version.mark,
        help: "write `version: \(ManifestFormat.version)`")
      return
    }
    if number != ManifestFormat.version {
      diagnostics.append(
        .unsupportedVersion(
          of: "manifest", found: number, supported: ManifestFormat.version, file: path, at: version.mark))
    }
  }

  private mutating func checkAccount(_ account: Located<Scalar>) -> Located<String>? {
    guard let text = nonEmptyString(account, what: "account") else { return nil }
    guard TextChecks.isAccountID(text) else {
      report(
        .invalidAccount, "'\(text)' is not a Boomi account id", at: account.mark,
        help: "an account id looks like `acme-8Q78Q1`: letters, digits, '.', '_' and '-'")
      return nil
    }
    return Located(text, at: account.mark)
  }

  /// The time zone, `nil` (and reported) when unknown.
  private mutating func checkTimeZone(_ zone: Located<Scalar>) -> TimeZone? {
    guard let name = nonEmptyString(zone, what: "timezone"), printable(name, what: "timezone", at: zone.mark) else {
      return nil
    }
    if let timeZone = TimeZones.named(name) { return timeZone }
    let suggestion = Suggestion.nearest(to: name, among: TimeZones.identifiers)
    report(
      .unknownTimeZone, "'\(name)' is not an IANA time zone name", at: zone.mark,
      help: suggestion.map { "did you mean '\($0)'?" } ?? "use a name such as `America/New_York` or `UTC`")
    return nil
  }

  /// The pack, when all of its values passed their checks (`id` and `name` already checked).
  private mutating func checkPack(_ entry: ManifestFile.Pack, id: String?, name: String?) -> PackSpec? {
    let installationType = entry.installationType.flatMap { checkInstallationType($0) }
    let schedule = entry.release.flatMap { checkRelease($0) }
    let components = entry.components.flatMap { checkComponents($0) }
    // Optional values that failed their checks were reported; they must not pass as absent.
    guard let id, let schedule, let components,
      (entry.name == nil) == (name == nil),
      (entry.installationType == nil) == (installationType == nil)
    else { return nil }
    return PackSpec(
      id: id, name: name, installationType: installationType, schedule: schedule, components: components,
      marks: PackSpec.Marks(
        pack: entry.mark, id: entry.id?.mark ?? entry.mark, release: entry.release?.mark ?? entry.mark,
        installationType: entry.installationType?.mark))
  }

  private mutating func checkComponents(_ list: Located<[ManifestFile.Component]>) -> [ComponentSpec]? {
    guard !list.value.isEmpty else {
      report(
        .emptyComponents, "the pack lists no components", at: list.mark,
        help: "a release needs at least one packaged component and its version")
      return nil
    }
    var result: [ComponentSpec] = []
    var seen = FirstSeen<UInt128>()
    var valid = true
    for entry in list.value {
      let uuid = entry.id.flatMap { checkUUID($0, what: "component id") }
      let id = uuid?.lowercased
      let version = entry.version.flatMap { checkVersionText($0) }
      let name = entry.name.flatMap { checkName($0) }
      if let uuid, let idMark = entry.id?.mark, let first = seen.firstMark(of: uuid.value, seenAt: idMark) {
        report(
          .duplicateComponent, "component \(uuid.lowercased) is listed twice in this pack (first at \(first))",
          at: idMark, help: "a release carries one version of each component")
        valid = false
      }
      guard let id, let version, (entry.name == nil) == (name == nil) else {
        valid = false
        continue
      }
      result.append(
        ComponentSpec(
          id: id, version: version, name: name, idMark: entry.id?.mark ?? entry.mark,
          versionMark: entry.version?.mark ?? entry.mark))
    }
    return valid ? result : nil
  }

  private mutating func checkVersionText(_ version: Located<Scalar>) -> String? {
    guard !version.value.isNull, !version.value.text.isEmpty else {
      report(
        .emptyVersion, "the component's version is empty", at: version.mark,
        help: "give the packaged component version to release, such as `version: \"2.0\"`")
      return nil
    }
    guard printable(version.value.text, what: "version", at: version.mark) else { return nil }
    return version.value.text
  }

  /// Whether `text` is free of control characters; reports the first one when it is not. Names,
  /// versions and time zones are printed in terminals and CI logs, where a line break could
  /// forge a line of output (or a workflow command) and an escape could move the terminal.
  private mutating func printable(_ text: String, what: String, at mark: SourceMark) -> Bool {
    guard let control = text.unicodeScalars.first(where: ControlCharacters.isControl) else { return true }
    report(
      .controlCharacter, "the \(what) holds a control character (\(ControlCharacters.codePoint(control)))", at: mark,
      help: "write it on one line, without line breaks, tabs or escape characters")
    return false
  }

  private mutating func checkUUID(
    _ value: Located<Scalar>, what: String
  ) -> (value: UInt128, lowercased: String)? {
    if !value.value.isNull, let uuid = TextChecks.uuid(value.value.text) { return uuid }
    report(
      .invalidUUID, "\(value.value.isNull ? "an empty value" : "'\(value.value.text)'") is not a valid \(what)",
      at: value.mark, help: "Boomi ids are UUIDs such as `f0f7face-3a9d-48b1-8a32-82b84499cd4e`")
    return nil
  }

  private mutating func checkInstallationType(_ value: Located<Scalar>) -> InstallationType? {
    if let type = InstallationType(rawValue: value.value.text) { return type }
    let suggestion = Suggestion.nearest(to: value.value.text, among: InstallationType.allCases.map(\.rawValue))
    report(
      .invalidInstallationType, "installationType must be SINGLE or MULTI, not '\(value.value.text)'",
      at: value.mark, help: suggestion.map { "did you mean '\($0)'?" })
    return nil
  }

  private mutating func checkRelease(_ value: Located<Scalar>) -> ReleaseSchedule? {
    let text = value.value.text
    if text == "immediately" { return .immediately }
    guard !value.value.isNull else {
      report(
        .invalidRelease, "release is empty", at: value.mark,
        help: "write `release: immediately` or a date such as `release: 2026-12-20`")
      return nil
    }
    switch CalendarDate.parse(text) {
    case .success(let date):
      return .onDate(date)
    case .failure(.notADate):
      let suggestion = Suggestion.nearest(to: text, among: ["immediately"])
      report(
        .invalidRelease, "release must be `immediately` or a date yyyy-MM-dd, not '\(text)'", at: value.mark,
        help: suggestion.map { "did you mean '\($0)'?" } ?? "write a date as yyyy-MM-dd, such as 2026-12-20")
    case .failure(let problem):
      report(.invalidRelease, "'\(text)' is not a calendar date: \(problem.explanation)", at: value.mark)
    }
    return nil
  }

  /// The text of a string value that must not be null or empty.
  private mutating func nonEmptyString(_ value: Located<Scalar>, what: String) -> String? {
    guard !value.value.isNull, !value.value.text.isEmpty else {
      report(.emptyValue, "\(what) is empty", at: value.mark, help: "give it a value or remove the key")
      return nil
    }
    return value.value.text
  }

  /// A name: a non-empty string without control characters.
  private mutating func checkName(_ value: Located<Scalar>) -> String? {
    guard let name = nonEmptyString(value, what: "name"), printable(name, what: "name", at: value.mark) else {
      return nil
    }
    return name
  }
}

/// Where each key was first seen, to report the second sighting of one. A short list is
/// scanned (a pack's few component ids); a long one is hashed (a manifest's many packs).
struct FirstSeen<Key: Hashable> {
  private var list: [(key: Key, mark: SourceMark)] = []
  private var table: [Key: SourceMark] = [:]
  private static var scanLimit: Int { 32 }

  /// Where `key` was first seen, when it was seen before; otherwise records it as seen at `mark`.
  mutating func firstMark(of key: Key, seenAt mark: SourceMark) -> SourceMark? {
    if table.isEmpty {
      if let first = list.first(where: { $0.key == key }) { return first.mark }
      list.append((key, mark))
      if list.count > Self.scanLimit {
        table = Dictionary(list.map { ($0.key, $0.mark) }, uniquingKeysWith: { first, _ in first })
        list = []
      }
      return nil
    }
    if let first = table[key] { return first }
    table[key] = mark
    return nil
  }
}
