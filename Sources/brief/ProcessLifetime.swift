/// Values a command needs until it ends, kept until the process exits rather
/// than freed: freeing a dataset of a million records, one allocation at a
/// time, only to exit a moment later took seconds. The system takes the
/// memory back at once when the process exits.
enum ProcessLifetime {
    private final class Kept<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Holds `value` (a copy that shares its storage) until the process exits.
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
