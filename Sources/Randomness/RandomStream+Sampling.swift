extension RandomStream {
    /// k distinct indices from 0 ..< n, each k-subset equally likely, returned sorted ascending.
    ///
    /// Robert Floyd's algorithm (Bentley & Floyd, "A sample of brilliance", CACM 30(9), 1987):
    ///
    ///     S = ∅
    ///     for j in n − k ..< n:  t = nextBelow(j + 1);  S ∪= (t ∈ S ? {j} : {t})
    ///     return sorted(S)
    ///
    /// By induction every k-subset has probability 1/C(n, k): after the step for j, S is a uniform subset of
    /// 0 ... j of the current size. It makes exactly k calls of `nextBelow`, so the result is a documented
    /// function of the stream. `SubsetSampler` runs the same algorithm on reusable storage (a bitset, scanned
    /// in order so no sort is needed); this convenience allocates one per call.
    /// Preconditions: n ≥ 0, 0 ≤ k ≤ n. k = 0 gives [] without drawing.
    public mutating func sampleWithoutReplacement(from n: Int, count k: Int) -> [Int] {
        var sampler = SubsetSampler()
        var out: [Int] = []
        sampler.sample(from: n, count: k, using: &self, into: &out)
        return out
    }
}
