import BriefKit
import Synchronization

/// The lock on an output folder and the archive's update under it, begun
/// by whichever brief of `generate` is stored first, from any thread. Until
/// then the folder is not touched: a run that renders nothing successfully
/// leaves it as it was, not even with a lock file.
final class DeferredPublication: Sendable {
    let output: String
    private let state = Mutex<State>(.notBegun)

    private enum State {
        case notBegun
        case begun(ArchiveLock, Archive.Publication)
        case failed(ArchiveError)
    }

    init(output: String) {
        self.output = output
    }

    /// Takes the lock and begins the update if no brief has yet, then stores the brief's date.
    func store(_ entry: Archive.Entry) throws(ArchiveError) -> Archive.StoredEntry {
        let publication = try begun()
        do throws(WriteFailure) {
            return try publication.store(entry)
        } catch {
            throw .write(error)
        }
    }

    /// Publishes what was stored in one switch; a run that stored nothing publishes nothing.
    func publish(_ entries: [Archive.StoredEntry]) throws(ArchiveError) {
        guard !entries.isEmpty else { return }
        let publication = try begun()
        do throws(WriteFailure) {
            try publication.publish(entries)
        } catch {
            throw .write(error)
        }
    }

    /// Removes what was stored, unless it was published.
    func abandon() {
        let publication: Archive.Publication? = state.withLock { state in
            if case let .begun(_, publication) = state { return publication }
            return nil
        }
        publication?.abandon()
    }

    private func begun() throws(ArchiveError) -> Archive.Publication {
        try state.withLock { (state) throws(ArchiveError) -> Archive.Publication in
            switch state {
            case let .begun(_, publication):
                return publication
            case let .failed(error):
                throw error
            case .notBegun:
                do throws(ArchiveError) {
                    let lock = try ArchiveLock(output: output)
                    let publication: Archive.Publication
                    do throws(WriteFailure) { publication = try Archive.Publication(Archive(root: output)) } catch { throw .write(error) }
                    for repair in publication.repairs { Console.note("brief: warning: \(repair)") }
                    state = .begun(lock, publication)
                    return publication
                } catch {
                    state = .failed(error)
                    throw error
                }
            }
        }
    }
}
