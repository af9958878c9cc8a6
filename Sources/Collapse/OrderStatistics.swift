/// The k-th smallest values of an array without sorting it: Hoare's selection (FIND, CACM 4(7), 1961) with a
/// median-of-three pivot and Hoare's partition, O(n) expected. A few order statistics of the same buffer (the median and the ranks of
/// its confidence interval) are selected in ascending rank order, each search confined to the part of the buffer
/// right of the previous rank, which is already partitioned. The values returned are exactly those of the
/// sorted array at the same ranks (order statistics are values, not positions), so no result changes.
/// If a search degenerates (quadratic-looking depth), the remaining range is sorted instead.
enum OrderStatistics {
    /// The values at ascending `ranks` (0-based) of `buffer`, which is reordered in place.
    static func select(_ ranks: [Int], in buffer: inout [Double]) -> [Double] {
        precondition(zip(ranks, ranks.dropFirst()).allSatisfy { $0 <= $1 }, "ranks must ascend")
        var out: [Double] = []
        out.reserveCapacity(ranks.count)
        buffer.withUnsafeMutableBufferPointer { a in
            var low = 0
            for k in ranks {
                precondition(k >= low && k < a.count)
                selectInPlace(a, k: k, low: low, high: a.count - 1)
                out.append(a[k])
                low = k   // everything left of k is ≤ a[k]; the next rank is searched from k on
            }
        }
        return out
    }

    /// Rearranges a[low...high] so that a[k] is the value of rank k and a[low..<k] ≤ a[k] ≤ a[k+1...high].
    private static func selectInPlace(_ a: UnsafeMutableBufferPointer<Double>, k: Int, low: Int, high: Int) {
        var lo = low, hi = high
        var budget = 2 * (Int.bitWidth - (high - low + 1).leadingZeroBitCount) + 8
        while hi > lo {
            if budget == 0 {
                var slice = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                slice.sort()
                return
            }
            budget -= 1
            // Median of three as pivot value (a[lo] ≤ a[mid] ≤ a[hi] afterwards, sentinels for the scans).
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            // Hoare's partition: afterwards a[lo...j] ≤ pivot ≤ a[i...hi], j < i, and a[j+1..<i] == pivot.
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
