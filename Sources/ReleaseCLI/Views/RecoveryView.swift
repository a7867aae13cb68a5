import ReleaseCore
import ReleaseEngine

/// What recover did with an attempt, printed as soon as it is recorded.
enum RecoveryView {
  static func line(_ settlement: RecoverAttempts.Settlement) -> String {
    let intent = settlement.intent
    let attempt = "\(intent.packId): \(intent.operation.rawValue)"
    switch settlement.verdict {
    case .sent(let reason):
      return "  ✓ \(attempt) went through (\(reason)); recorded.\n"
    case .notSent(let reason):
      return "  ✓ \(attempt) did not go through (\(reason)); dropped.\n"
    case .undetermined(let reason):
      return "  ? \(attempt) of \(intent.createdAt) is still undetermined: \(reason).\n"
        + "    Decide with `boomi-release recover --pack \(intent.packId) --assume-sent` (or --assume-not-sent),\n"
        + "    or record the real release with `boomi-release import --pack \(intent.packId) --request-id …`.\n"
    }
  }
}
