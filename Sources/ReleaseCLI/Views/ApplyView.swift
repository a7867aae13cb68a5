import ReleaseCore
import ReleaseEngine

/// Views of an ``ApplyResult``: the summary for people (text) and for machines (JSON), and the
/// line each pack gets as it finishes.
enum ApplyView {
  static func text(_ result: ApplyResult, style: TerminalStyle) -> String {
    var out = ""
    for pack in result.packs {
      out += line(pack.call, pack.outcome, style: style)
    }
    for pack in result.blocked {
      out += "  \(style.apply("!", .red)) \(pack.label): not touched, an earlier attempt's outcome is unknown\n"
    }
    for finding in result.drifted {
      out +=
        "  \(style.apply("⊘", .bold, .yellow)) \(finding.label): \(finding.operation.rawValue) not sent: \(finding.reason)\n"
    }
    var counts = "Apply: \(result.released) released, \(result.failed) failed, \(result.unknown) unknown"
    if result.unrecorded > 0 { counts += ", \(result.unrecorded) released but not recorded" }
    if result.notSent > 0 { counts += ", \(result.notSent) not sent" }
    if !result.drifted.isEmpty { counts += ", \(result.drifted.count) drifted" }
    if !result.retired.isEmpty { counts += ", \(result.retired.count) retired" }
    out += style.apply(counts + ".", .bold) + "\n"
    if result.unknown > 0 || !result.blocked.isEmpty {
      out += "Run `boomi-release recover` to settle the unknown outcomes before the next apply.\n"
    }
    if !result.drifted.isEmpty { out += "Drift: \(Drift.help).\n" }
    return out
  }

  /// One pack's outcome, on one line; a release the lockfile could not record says how to record
  /// it once the file can be written.
  static func line(_ call: ReleaseCall, _ outcome: CallOutcome, style: TerminalStyle) -> String {
    let operation = call.operation.rawValue
    switch outcome {
    case .released(let requestId):
      return "  \(style.apply("✓", .green)) \(call.label): \(operation) accepted as \(requestId)\n"
    case .unrecorded(let requestId, let error):
      return
        "  \(style.apply("!", .bold, .red)) \(call.label): \(operation) accepted as \(requestId), but NOT RECORDED: "
        + "the lockfile could not be written (\(error.description)). Once it can be, run "
        + "`boomi-release import --pack \(call.packId) --request-id \(requestId)`\n"
    case .failed(let message):
      return "  \(style.apply("✗", .red)) \(call.label): \(operation) failed: \(message)\n"
    case .unknown(let reason):
      return "  \(style.apply("?", .yellow)) \(call.label): \(operation) outcome unknown: \(reason)\n"
    case .notSent(let reason):
      return "  \(style.apply("-", .dim)) \(call.label): \(operation) \(reason)\n"
    }
  }

  /// What `--wait` saw, for stderr: each release's status, and what did not settle in time.
  static func waitReport(_ result: ApplyResult, timeoutSeconds: Int) -> String {
    guard let wait = result.wait, wait.failure == nil else { return "" }
    var out = ""
    for pack in result.packs.sorted(by: { ($0.outcome.requestId ?? "") < ($1.outcome.requestId ?? "") }) {
      guard case .released(let id) = pack.outcome else { continue }
      out += "  \(id): \(pack.status?.rawValue ?? "unknown")\(wait.unread[id].map { " (\($0))" } ?? "")\n"
    }
    if !wait.unsettled.isEmpty {
      out +=
        "\(wait.unsettled.count) release\(wait.unsettled.count == 1 ? " has" : "s have") not settled"
        + " within \(timeoutSeconds) s; `boomi-release status --wait` picks up from here.\n"
    }
    return out
  }

  /// The run's result for machines (SPEC §10.5): per pack its action, outcome, requestId, status
  /// and Boomi's message, enough for a CI log alone to rebuild a lost lockfile with `import`.
  static func json(_ result: ApplyResult) -> String {
    func pack(_ packId: String, _ name: String?, _ action: ReleaseOperation, _ outcome: String) -> [String: JSONValue] {
      var members: [String: JSONValue] = [
        "packId": .string(packId), "action": .string(action.rawValue), "outcome": .string(outcome),
      ]
      members["name"] = name.map(JSONValue.string)
      return members
    }
    let sent = result.packs.map { sent -> JSONValue in
      var members = pack(sent.call.packId, sent.call.name, sent.call.operation, outcomeName(sent.outcome))
      members["requestId"] = sent.outcome.requestId.map(JSONValue.string)
      members["status"] = sent.status.map { .string($0.rawValue) }
      members["message"] = sent.message.map(JSONValue.string)
      return .object(members)
    }
    let drifted = result.drifted.map { finding -> JSONValue in
      var members = pack(finding.packId, finding.name, finding.operation, "drift")
      members["message"] = .string(finding.reason)
      return .object(members)
    }
    return JSONValue.object([
      "planId": .string(result.planId),
      "packs": .array(sent + drifted),
      "blocked": .array(result.blocked.map { .string($0.packId) }),
      "retired": .array(result.retired.map(JSONValue.string)),
      "summary": .object([
        "released": .int(result.released), "failed": .int(result.failed), "unknown": .int(result.unknown),
        "unrecorded": .int(result.unrecorded), "notSent": .int(result.notSent),
        "drifted": .int(result.drifted.count), "retired": .int(result.retired.count),
      ]),
    ]).prettyPrinted()
  }

  static func outcomeName(_ outcome: CallOutcome) -> String {
    switch outcome {
    case .released: "released"
    case .unrecorded: "unrecorded"
    case .failed: "failed"
    case .unknown: "unknown"
    case .notSent: "notSent"
    }
  }
}
