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
        // A device or pipe (`/dev/null`, `<(...)`) is read through a handle, up to the limit.
        let regular = (attrs[.type] as? FileAttributeType) == .typeRegular
        let read = regular ? FileManager.default.contents(atPath: path)
            : FileHandle(forReadingAtPath: path).flatMap { h in defer { try? h.close() }; return try? h.read(upToCount: limit + 1) ?? Data() }
        guard let data = read else {
            let why = FileManager.default.isReadableFile(atPath: path) ? "" : ": permission denied"
            return .failure(Problem("cannot read `\(path)`\(why)"))
        }
        if data.count > limit { return .failure(Problem("`\(path)` gives more than \(limit) bytes; the limit is \(limit) bytes (4 MiB)")) }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem("`\(path)` is not UTF-8 text: is it a binary file? Scenarios are YAML or JSON"))
        }
        return .success(text)
    }
}
