/// The stable identifier of a kind of problem, shown in brackets after each diagnostic.
///
/// Codes are part of the product's contract: CI scripts may match on them. Never rename one;
/// add a new code instead. `docs/DIAGNOSTICS.md` shows an example of each.
public enum DiagnosticCode: String, CaseIterable, Sendable {
  // The file itself.
  case invalidUTF8 = "invalid-utf8"
  case fileTooLarge = "file-too-large"
  case yamlSyntax = "yaml-syntax"
  case jsonSyntax = "json-syntax"
  case tabIndentation = "tab-indentation"
  case emptyDocument = "empty-document"
  case multipleDocuments = "multiple-documents"
  case undefinedAlias = "undefined-alias"
  case aliasLimit = "alias-limit"
  case nestingTooDeep = "nesting-too-deep"
  case scalarTooLong = "scalar-too-long"
  case tooManyProblems = "too-many-problems"

  // Shape.
  case notAMapping = "not-a-mapping"
  case missingVersion = "missing-version"
  case unsupportedVersion = "unsupported-version"
  case unknownKey = "unknown-key"
  case duplicateKey = "duplicate-key"
  case wrongType = "wrong-type"
  case missingKey = "missing-key"
  case emptyValue = "empty-value"
  case invalidValue = "invalid-value"

  // Meaning.
  case invalidUUID = "invalid-uuid"
  case duplicatePackID = "duplicate-pack-id"
  case duplicatePackName = "duplicate-pack-name"
  case duplicateComponent = "duplicate-component"
  case emptyComponents = "empty-components"
  case emptyVersion = "empty-version"
  case controlCharacter = "control-character"
  case invalidRelease = "invalid-release"
  case dateNotInFuture = "date-not-in-future"
  case unknownTimeZone = "unknown-timezone"
  case invalidInstallationType = "invalid-installation-type"
  case invalidAccount = "invalid-account"
  case accountMismatch = "account-mismatch"
  case endpointMismatch = "endpoint-mismatch"
  case mergeConflict = "merge-conflict"

  // Checked against Boomi (`validate --remote`, `plan --refresh`).
  case unknownPack = "unknown-pack"
  case componentNotInPack = "component-not-in-pack"
  case unknownVersion = "unknown-version"
  case installationTypeMismatch = "installation-type-mismatch"
  case drift = "drift"

  /// One line saying what the code means, for documentation and `--help`.
  public var summary: String {
    switch self {
    case .invalidUTF8: "The file is not valid UTF-8."
    case .fileTooLarge: "The file is larger than the tool will read."
    case .yamlSyntax: "The file is not well-formed YAML."
    case .jsonSyntax: "The file is not well-formed JSON."
    case .tabIndentation: "A tab is used where YAML only allows spaces."
    case .emptyDocument: "The file holds no document."
    case .multipleDocuments: "The file holds more than one YAML document."
    case .undefinedAlias: "An alias refers to an anchor that is not defined before it."
    case .aliasLimit: "Aliases expand to more nodes than the tool allows (a \"billion laughs\" document)."
    case .nestingTooDeep: "Collections are nested deeper than the tool allows."
    case .scalarTooLong: "A single value is longer than the tool allows."
    case .tooManyProblems: "A file has more problems than the tool lists; it says how many more there are."
    case .notAMapping: "The document is not a mapping of keys to values."
    case .missingVersion: "The file does not say which format version it uses."
    case .unsupportedVersion: "The file's format version is not one this tool supports."
    case .unknownKey: "A key that the format does not define."
    case .duplicateKey: "The same key appears twice in one mapping."
    case .wrongType: "A value of the wrong kind, such as a list where a string belongs."
    case .missingKey: "A required key is absent."
    case .emptyValue: "A value that must not be empty is empty."
    case .invalidValue: "A value outside the set the format allows."
    case .invalidUUID: "An id that is not a UUID."
    case .duplicatePackID: "Two packs have the same id."
    case .duplicatePackName: "Two packs have the same name."
    case .duplicateComponent: "A pack lists the same component twice."
    case .emptyComponents: "A pack lists no components."
    case .emptyVersion: "A component's version is empty."
    case .controlCharacter:
      "A name, version or time zone holds a control character (a line break, an escape), which could forge output or a CI command."
    case .invalidRelease: "`release` is neither `immediately` nor a calendar date `yyyy-MM-dd`."
    case .dateNotInFuture: "A release date that is today or earlier, for a release that would be sent."
    case .unknownTimeZone: "`timezone` is not an IANA time zone name."
    case .invalidInstallationType: "`installationType` is neither `SINGLE` nor `MULTI`."
    case .invalidAccount: "`account` is not a usable Boomi account id."
    case .accountMismatch: "The manifest's account differs from BOOMI_ACCOUNT_ID or the lockfile's account."
    case .endpointMismatch:
      "The lockfile's releases were made against another endpoint than this run's (or the emulator)."
    case .mergeConflict: "The lockfile holds git's conflict markers: a merge without boomi-release's merge driver."
    case .unknownPack: "Boomi has no publisher integration pack with this id in the account."
    case .componentNotInPack: "The component is not one of the pack's packaged components in Boomi."
    case .unknownVersion: "The version is not a shareable, non-deleted packaged version of the component."
    case .installationTypeMismatch: "`installationType` differs from the pack's in Boomi."
    case .drift: "Boomi shows a pack in a state the lockfile cannot explain: someone else released it."
    }
  }
}
