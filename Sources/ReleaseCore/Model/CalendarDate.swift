import Foundation

/// A day on the calendar, `yyyy-MM-dd`, with no time of day: Boomi's `releaseOnDate`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// A date that exists on the proleptic Gregorian calendar, years 1 through 9999.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Why `text` is not a date, or the date. Only `yyyy-MM-dd` with real digits is accepted.
  public static func parse(_ text: String) -> Result<CalendarDate, DateProblem> {
    let bytes = Array(text.utf8)
    let shape = bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard shape, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
      return .failure(.notADate)
    }
    guard year >= 1 else { return .failure(.notADate) }
    guard (1...12).contains(month) else { return .failure(.noSuchMonth(month)) }
    guard let date = CalendarDate(year: year, month: month, day: day) else {
      return .failure(.noSuchDay(month: month, year: year, days: daysIn(month: month, year: year)))
    }
    return .success(date)
  }

  public enum DateProblem: Error, Equatable, Sendable {
    case notADate
    case noSuchMonth(Int)
    case noSuchDay(month: Int, year: Int, days: Int)

    public var explanation: String {
      switch self {
      case .notADate: "a date is written yyyy-MM-dd, such as 2026-12-20"
      case .noSuchMonth(let month): "there is no month \(month)"
      case .noSuchDay(let month, let year, let days):
        "\(CalendarDate.monthNames[month - 1]) \(year) has \(days) days"
      }
    }
  }

  /// The date it is at `instant` in `timeZone`.
  public static func today(in timeZone: TimeZone, at instant: Date) -> CalendarDate {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return CalendarDate(daysSinceEpoch: days)
  }

  /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a Gregorian date.
  init(daysSinceEpoch: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Howard Hinnant's `days_from_civil`: the inverse of ``init(daysSinceEpoch:)``.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
}
