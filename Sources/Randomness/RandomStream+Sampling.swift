extension RandomStream {
    /// k distinct indices from 0 ..< n, each k-subset equally likely, returned sorted ascending.
    ///
    /// Partial Fisher–Yates (Durstenfeld 1964, Algorithm 235; Knuth TAOCP vol. 2, §3.4.2, Alg. P)
    /// over the array a = [0, 1, …, n−1], stopped after k steps:
    ///
    ///     for j in 0 ..< k:  r = j + nextBelow(n − j);  swap(a[j], a[r])
    ///     return sorted(a[0 ..< k])
    ///
    /// so it makes exactly k calls of `nextBelow`, and the result is a documented function of the
    /// stream. When k is small against n the same swaps are replayed on a sparse map of the
    /// displaced entries (O(k) memory instead of O(n)); the result is identical (pinned by a test).
    /// The map is only looked up, never iterated, so hash seeding cannot affect the result.
    /// Preconditions: n ≥ 0, 0 ≤ k ≤ n. k = 0 gives [], k = n gives 0 ..< n (after n draws).
    public mutating func sampleWithoutReplacement(from n: Int, count k: Int) -> [Int] {
        precondition(n >= 0 && k >= 0 && k <= n,
                     "sampleWithoutReplacement: need 0 ≤ count ≤ n, got count \(k), n \(n)")
        if k == 0 { return [] }
        var chosen: [Int]
        if k >= n / 16 {
            var a = Array(0 ..< n)
            for j in 0 ..< k {
                a.swapAt(j, j + nextBelow(n - j))
            }
            chosen = Array(a[0 ..< k])
        } else {
            chosen = []
            chosen.reserveCapacity(k)
            var displaced: [Int: Int] = [:]   // a[p] for the positions p ≥ j that were swapped
            displaced.reserveCapacity(k)
            for j in 0 ..< k {
                let r = j + nextBelow(n - j)
                let ar = displaced[r] ?? r
                displaced[r] = displaced[j] ?? j   // a[r] ← a[j]; a[j] is final and never read again
                chosen.append(ar)
            }
        }
        chosen.sort()
        return chosen
    }
}
