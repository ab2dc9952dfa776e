import BriefKit
import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `transform` of every element, computed on all cores at once, returned
    /// in the elements' order: the briefs of a run are independent of one
    /// another, and a run on one core left the others idle. Callers keep
    /// everything with an order (log lines, the first failure) to the loop
    /// over the results, so the output does not depend on the schedule.
    ///
    /// With `cost`, the elements are started costliest first (ties in their
    /// order): the cores then finish close together, where a large brief
    /// started last kept one core busy alone at the end of the run.
    func concurrentMap<T: Sendable>(cost: ((Element) -> Int)? = nil, _ transform: @Sendable (Element) -> T) -> [T] {
        let order = cost.map { cost in WorkOrder.costliestFirst(map(cost)) } ?? Array<Int>(indices)
        let results = Mutex<[T?]>(Array<T?>(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { step in
            let index = order[step]
            let value = transform(self[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
