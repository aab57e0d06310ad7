import Foundation

/// The module's only I/O: reading a scenario file from the local disk, with
/// the size limit applied before the bytes are read.
public enum LocalFiles {
    public static let read: ScenarioLoader.FileSource = { path in
        let limit = ParseLimits.standard.maxBytes
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else {
            return .failure(Problem("cannot open `\(path)`: no such file"))
        }
        if (attrs[.type] as? FileAttributeType) == .typeDirectory {
            return .failure(Problem("`\(path)` is a folder, not a scenario file"))
        }
        if let size = attrs[.size] as? Int, size > limit {
            return .failure(Problem("file is \(size) bytes; the limit is \(limit) bytes (4 MiB)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem("cannot read `\(path)` (permission denied?)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem("`\(path)` is not UTF-8 text: is it a binary file? Scenarios are YAML or JSON"))
        }
        return .success(text)
    }
}
