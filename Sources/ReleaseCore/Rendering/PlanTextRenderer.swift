/// The plan for people at a terminal or in a CI log, in the manner of `terraform plan`.
public struct PlanTextRenderer: Sendable {
  public var style: TerminalStyle
  /// Also list the packs that need nothing.
  public var showUnchanged: Bool

  public init(style: TerminalStyle = .plain, showUnchanged: Bool = false) {
    self.style = style
    self.showUnchanged = showUnchanged
  }

  public func render(_ plan: Plan) -> String {
    var out = ""
    let shown = plan.changes.filter { showUnchanged || $0.action != .noop }
    if shown.isEmpty, plan.blocked.isEmpty, plan.unmanaged.isEmpty {
      out += "No changes: every release in the manifest is already recorded in the lockfile.\n\n"
    }
    for change in shown {
      out += block(for: change)
    }
    for pack in plan.blocked {
      out +=
        "  " + style.apply("!", .bold, .red) + " " + style.apply(pack.label, .bold) + idSuffix(pack.name, pack.packId)
        + "\n"
      for intent in pack.intents {
        out +=
          "      not touched: the outcome of a \(intent.operation.rawValue) attempted at \(intent.createdAt) is unknown\n"
      }
      out += "      run `boomi-release recover` to settle it first\n\n"
    }
    for pack in plan.unmanaged {
      out +=
        style.apply("Warning:", .bold, .yellow)
        + " pack \(pack.label)\(idSuffix(pack.record.name, pack.packId)) is not in the manifest:"
        + " no longer managed; Boomi cannot retract a release. Its record is kept, and apply moves it to `retired`.\n"
    }
    if !plan.unmanaged.isEmpty { out += "\n" }
    let summary = plan.summary
    out += style.apply(
      "Plan: \(summary.create) to create, \(summary.update) to update, \(summary.noop) unchanged.", .bold)
    out += "\n"
    if summary.unmanaged > 0 {
      out +=
        "\(summary.unmanaged) pack\(summary.unmanaged == 1 ? "" : "s") to retire: kept in the lockfile, no call to Boomi.\n"
    }
    if summary.blocked > 0 {
      out +=
        style.apply(
          "\(summary.blocked) pack\(summary.blocked == 1 ? " is" : "s are") blocked by an unknown outcome; run `boomi-release recover`.",
          .bold, .red) + "\n"
    }
    return out
  }

  private func idSuffix(_ name: String?, _ id: String) -> String {
    name == nil ? "" : " " + style.apply("(\(id))", .dim)
  }

  private func block(for change: Change) -> String {
    let symbol =
      switch change.action {
      case .create: style.apply("+", .bold, .green)
      case .update: style.apply("~", .bold, .yellow)
      case .noop: " "
      }
    var out = "  \(symbol) \(style.apply(change.label, .bold))\(idSuffix(change.name, change.packId))\n"
    out += "      \(change.action.rawValue): \(change.reason)\n"
    let release: String
    if let before = change.before?.content.schedule, before != change.after.schedule {
      release = "\(before) → \(change.after.schedule)"
    } else {
      release = change.after.schedule.description
    }
    out += "      release: \(release)\n"
    for component in change.componentChanges {
      let label = component.name.map { "\($0) (\(component.componentId))" } ?? component.componentId
      switch (component.from, component.to) {
      case (nil, let to?):
        out += "      \(style.apply("+", .green)) \(label): \(to)\n"
      case (let from?, let to?) where from != to:
        out += "      \(style.apply("~", .yellow)) \(label): \(from) → \(to)\n"
      case (let from?, nil):
        out +=
          "      \(style.apply("-", .dim)) \(label): \(from) (not in this release; Boomi keeps its current version)\n"
      default:
        out += "        \(label): \(component.to ?? "")\n"
      }
    }
    return out + "\n"
  }
}
