/// A LAPACK failure that the caller can act on, turned from the routine's `info` value.
///
/// An illegal argument (`info < 0`) is a bug in harness, not in the data, so the wrappers stop with a
/// precondition failure naming the routine and the argument instead of throwing. Everything else is a
/// property of the data and is thrown, so that a solver can fall back (Cholesky → minimum norm).
public enum LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `dpotrf`: the leading minor of this order is not positive definite.
    case notPositiveDefinite(routine: String, minor: Int)
    /// A triangular factor has an exactly zero diagonal element at this (1-based) index.
    case singular(routine: String, index: Int)
    /// An iterative routine (the SVD inside `dgelsd`) did not converge.
    case didNotConverge(routine: String, count: Int)
    /// The input held a NaN or an infinity, which LAPACK cannot be trusted with.
    case nonFiniteInput(routine: String)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(routine, minor):
            return "\(routine): the leading minor of order \(minor) is not positive definite"
        case let .singular(routine, index):
            return "\(routine): the matrix is singular (zero pivot at \(index))"
        case let .didNotConverge(routine, count):
            return "\(routine): \(count) off-diagonal elements did not converge"
        case let .nonFiniteInput(routine):
            return "\(routine): the input contains NaN or infinity"
        }
    }
}

/// Stops on an illegal argument (a programming error) and returns the positive `info` for the caller to map.
@inline(__always)
func checkArguments(_ info: Int32, _ routine: String) -> Int {
    precondition(info >= 0, "\(routine): argument \(-info) had an illegal value (a bug in harness)")
    return Int(info)
}
