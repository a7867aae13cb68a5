import Foundation

/// RFC 3339 timestamps in UTC with second precision, as the lockfile and plans record them.
public enum Timestamp {
  public static func rfc3339(_ instant: Date) -> String {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let date = CalendarDate(daysSinceEpoch: days)
    return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
  }
}

extension Timestamp {
  /// Reads `yyyy-MM-ddTHH:mm:ssZ`, or a bare `yyyy-MM-dd` as its midnight UTC.
  public static func parse(_ text: String) -> Date? {
    let parts = text.split(separator: "T", maxSplits: 1)
    guard let datePart = parts.first, case .success(let date) = CalendarDate.parse(String(datePart)) else {
      return nil
    }
    var seconds = 0
    if parts.count == 2 {
      let time = parts[1]
      guard time.hasSuffix("Z") else { return nil }
      let fields = time.dropLast().split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
      guard fields.count == 3, let hour = fields[0], let minute = fields[1], let second = fields[2],
        (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second)
      else { return nil }
      seconds = hour * 3600 + minute * 60 + second
    }
    return Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + seconds))
  }
}
