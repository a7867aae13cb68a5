import Foundation
import ReleaseCore
import TestSupport

/// Loose reading of JSON objects decoded by `JSONSerialization`.
enum JSON {
  static func object(_ value: Any?) -> [String: Any] { value as? [String: Any] ?? [:] }
  static func array(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }
  static func strings(_ value: Any?) -> [String] { value as? [String] ?? [] }
  static func string(_ value: Any?) -> String? { value as? String }

  static func parse(_ text: String) -> [String: Any]? { parse(Data(text.utf8)) }

  static func parse(_ data: Data) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }
}

/// `GET /__emulator/state`, the parts the tests read.
struct EmulatorState {
  var raw: [String: Any]

  init(_ raw: [String: Any]) {
    self.raw = raw
  }

  /// Every release the emulator holds (one per accepted CREATE; an UPDATE adds a requestId).
  var releases: [Release] { JSON.array(raw["releases"]).map(Release.init) }

  struct Release {
    var packId: String
    var requestIds: [String]
    var operations: [String]
    var status: String
    var releaseOnDate: String?

    init(_ raw: [String: Any]) {
      packId = JSON.string(raw["packId"]) ?? ""
      requestIds = JSON.strings(raw["requestIds"])
      operations = JSON.strings(raw["operations"])
      status = JSON.string(raw["status"]) ?? ""
      releaseOnDate = JSON.string(raw["releaseOnDate"])
    }
  }

  func releases(of packId: String) -> [Release] { releases.filter { $0.packId == packId } }

  /// A component's current or pending version in a pack.
  func component(_ componentId: String, in packId: String) -> (current: String, pending: String)? {
    guard let pack = JSON.array(raw["packs"]).first(where: { JSON.string($0["id"]) == packId }),
      let component = JSON.array(pack["components"]).first(where: { JSON.string($0["componentId"]) == componentId })
    else { return nil }
    return (JSON.string(component["currentVersion"]) ?? "", JSON.string(component["pendingVersion"]) ?? "")
  }
}

/// One entry of `GET /__emulator/requests`.
struct LoggedRequest: CustomStringConvertible {
  var method: String
  var path: String
  var status: Int
  var outcome: String
  var operation: String?
  var requestId: String?
  var body: String

  init(_ raw: [String: Any]) {
    method = JSON.string(raw["method"]) ?? ""
    path = JSON.string(raw["path"]) ?? ""
    status = raw["status"] as? Int ?? 0
    outcome = JSON.string(raw["outcome"]) ?? ""
    operation = JSON.string(raw["operation"])
    requestId = JSON.string(raw["requestId"])
    body = JSON.string(raw["body"]) ?? ""
  }

  /// The pack id in a CREATE/UPDATE body.
  var packId: String? { JSON.parse(body).flatMap { JSON.string($0["id"]) } }

  var isCreate: Bool { operation == "CREATE" }
  var isUpdate: Bool { operation == "UPDATE" }

  /// The emulator acted on it: processed (answered) or processed and then dropped.
  var wasProcessed: Bool { outcome == "processed" || outcome == "dropped" || outcome == "timed-out" }

  var description: String { "\(method) \(path) → \(status) \(outcome)\(requestId.map { " " + $0 } ?? "")" }
}

/// A lockfile on disk, decoded by the product's own codec (so a file it cannot read fails).
struct LockfileView {
  var lockfile: Lockfile
  var text: String

  /// The lockfile at `path`, or a recorded failure naming every diagnostic.
  static func load(_ path: String) throws -> LockfileView {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let (lockfile, diagnostics) = LockfileFormat.decode(SourceText(path: path, bytes: bytes))
    guard let lockfile, !diagnostics.containsErrors else {
      throw HarnessError(
        "\(path) is not a valid lockfile: \(diagnostics.map { "\($0.code.rawValue): \($0.message)" })\n"
          + String(decoding: bytes, as: UTF8.self))
    }
    return LockfileView(lockfile: lockfile, text: String(decoding: bytes, as: UTF8.self))
  }

  /// Every requestId the lockfile records, current, historical and retired.
  var requestIds: Set<String> {
    var ids: Set<String> = []
    for record in Array(lockfile.packs.values) + Array(lockfile.retired.values) {
      if let release = record.release { ids.insert(release.requestId) }
      for old in record.history { ids.insert(old.requestId) }
    }
    return ids
  }

  func release(_ packId: String) -> RecordedRelease? { lockfile.packs[packId]?.release }
}
