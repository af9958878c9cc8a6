import Foundation

/// Spec texts for the end-to-end tests.
enum Specs {
    /// experiments/accumulate.json as it was when these tests were written: six claims, all of which hold at
    /// 500 replicates × 50 generations. The end-to-end run uses this copy, written to a temporary folder, so that
    /// it does not depend on claims added to the shipped file later (those may need the full 1000 × 100 to hold).
    static let accumulateText = #"""
        {
          "schema": 1,
          "name": "accumulate",
          "title": "Linear regression retrained on its own labels: replacing vs accumulating data",
          "paper": "Gerstgrasser et al. 2024, arXiv:2404.01413, Theorems 1–2",
          "description": "Each replicate draws w* ~ N(0, I_d) and a fixed design X (T×d, entries N(0, 1)). Generation 1 fits OLS on y₁ = Xw* + E₁; generation n ≥ 2 fits labels made by the previous fit, yₙ = Xŵₙ₋₁ + Eₙ, Eₙ ~ N(0, σ²I). Replace trains on the newest labels only: the test error ‖ŵₙ − w*‖² grows linearly, σ²d/(T−d−1)·n. Accumulate trains on all data so far: the error is σ²d/(T−d−1)·Σ1/i², bounded by ·π²/6. Accumulate-subsample (Kazdan et al. 2024) trains on T rows drawn from the pool: no closed form.",
          "family": "linear-regression",
          "parameters": { "d": 10, "T": 100, "sigma2": 1, "design": "fixed" },
          "regimes": ["replace", "accumulate", "accumulate-subsample"],
          "generations": 100,
          "replicates": 1000,
          "seed": 20240401,
          "claims": [
            { "id": "replace-linear", "kind": "matches-theory", "regime": "replace", "metric": "test_error",
              "statement": "replacing data makes the test error grow linearly: σ²d/(T−d−1)·n" },
            { "id": "accumulate-series", "kind": "matches-theory", "regime": "accumulate", "metric": "test_error",
              "statement": "accumulating data gives σ²d/(T−d−1)·Σᵢ₌₁ⁿ 1/i² (Theorem 2)" },
            { "id": "accumulate-bound", "kind": "below-bound", "regime": "accumulate", "curve": "accumulate_limit", "metric": "test_error",
              "statement": "accumulating keeps the error below σ²d/(T−d−1)·π²/6 at every generation" },
            { "id": "accumulate-beats-replace", "kind": "less-than", "regime": "accumulate", "than": "replace", "from_generation": 2, "metric": "test_error",
              "statement": "from generation 2 on, accumulating has a lower error than replacing" },
            { "id": "replace-grows", "kind": "grows-without-bound", "regime": "replace", "metric": "test_error",
              "statement": "under replace the error keeps rising at the rate it started with" },
            { "id": "accumulate-flattens", "kind": "bounded", "regime": "accumulate", "metric": "test_error",
              "statement": "under accumulate the error flattens: the late rise is a small share of the early rise" }
          ]
        }
        """#
}
