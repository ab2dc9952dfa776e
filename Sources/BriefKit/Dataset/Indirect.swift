/// A value held on the heap behind one pointer, for a field most records leave
/// out: a record without it then carries 8 bytes for it rather than the whole
/// value inline (a retraction is about a hundred bytes, a date about fifty),
/// in every record of a loaded dataset and every copy an as-of view makes.
enum Indirect<Value: Sendable & Hashable>: Sendable, Hashable {
    indirect case value(Value)

    var value: Value {
        switch self {
        case let .value(value): value
        }
    }
}
