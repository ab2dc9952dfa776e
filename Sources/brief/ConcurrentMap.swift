import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `transform` of every element, computed on all cores at once, returned
    /// in the elements' order: the briefs of a run are independent of one
    /// another, and a run on one core left the others idle. Callers keep
    /// everything with an order (log lines, the first failure) to the loop
    /// over the results, so the output does not depend on the schedule.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = Mutex<[T?]>(Array<T?>(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let value = transform(self[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
