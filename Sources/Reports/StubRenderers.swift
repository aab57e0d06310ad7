import CrisisEngine

// Replaced by the Reports work (CSV, Markdown and HTML renderers).
public enum CSVReport { public static func study(_ r: StudyResult) -> String { TextReport.study(r) } }
public enum MarkdownReport { public static func study(_ r: StudyResult) -> String { TextReport.study(r) } }
public enum HTMLReport { public static func study(_ r: StudyResult) -> String { TextReport.study(r) } }
import Deterrence
extension CSVReport { public static func compare(_ c: ComparisonResult) -> String { TextReport.compare(c) } }
extension MarkdownReport { public static func compare(_ c: ComparisonResult) -> String { TextReport.compare(c) } }
extension HTMLReport { public static func compare(_ c: ComparisonResult) -> String { TextReport.compare(c) } }
