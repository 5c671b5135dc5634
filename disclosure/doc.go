// Package disclosure protects lmi's published counts from disclosure
// (METHODS.md section 6) as a problem of its own, in the manner of
// sdcTable and tau-argus: cells, linear relations among them, a protection
// routine, and an attacker that audits what it leaves. It knows nothing of
// lmi's tables or of DuckDB: callers build a Problem from query results,
// and map the Pattern back to their rows.
//
// # Model
//
// A cell is a non-negative count (lmi's counts are whole numbers; real
// values are accepted). A relation is a linear identity sum c_i x_i = 0
// with small integer coefficients: a total and its parts (AddSum; a region
// and its kommuner, a cell's total over education groups or sexes, abc =
// a + b + c), or any identity (AddRelation; population at the end = at the
// start + entries - exits). AddEqual ties two cells that publish the same
// count (employed in the status family is night population in the
// commuting family; the population at the end of year t is the one at the
// start of year t+1): they are one count to the attacker and always share
// a status. ForcePublish marks a cell already public (numbers SCB itself
// published): it is never hidden and the attacker knows it. Build freezes
// the problem: equal cells merged with a union-find, relations over the
// merged counts in compressed sparse rows of int32 indices, with the
// transpose, and every relation checked against the counts.
//
// AddUnknown adds a hidden count whose value the caller does not know: the
// attacker's own view of a published table, which lmi's check of an
// output folder builds. Audit bounds such counts from the published ones
// alone; its programs then start from the propagated lower bounds, which
// need not satisfy the relations, and find a feasible point first (gonum's
// own first phase for exact programs, a first phase on artificial columns
// for windows). Protect needs every count and refuses such a problem.
//
// # Requirement
//
// Primary suppression hides every count below K (K = 0 hides nothing);
// Pattern.SetPrimary marks counts sensitive by other rules, and
// ProtectPattern protects such a pattern. For each primary cell, the
// attacker's feasible interval [lo, hi] — the smallest and largest values
// the cell can take given every published count, every relation and
// non-negativity, and, for whole counts, that counts are whole — must be
// at least P wide: hi - lo >= P, with P = K by default. So an attacker
// can never pin a count below K, nor narrow it to fewer than K+1 whole
// values, nor prove it below K when its lower bound is 0.
//
// # The attacker (Audit)
//
// Published counts are constants, so only hidden counts are variables.
// Audit bounds them in stages, each bound valid (it never cuts off the
// true count) and each stage at least as tight as the one before:
//
//   - Interval propagation over all relations to a fixpoint: c_j x_j =
//     -(sum of the others), in interval arithmetic, rounded inward to whole
//     numbers. Cheap and global; it finds every chain of subtractions,
//     across families, hierarchies and periods, and pins a count a
//     relation leaves alone.
//   - The hidden counts propagation has not pinned fall into components,
//     linked by relations. A component of at most ExactLimit counts is
//     solved exactly: the minimum and maximum of each count by linear
//     programs with gonum's Simplex (standard form, rows reduced to an
//     independent set, the first basis found from the true counts, each
//     later program started from the previous optimum; a feasible point that
//     already reaches a count's propagated bound answers that program
//     without solving it). Components of at most RationalLimit counts are
//     first reduced exactly over the rationals (math/big), which proves
//     which counts the relations fix outright.
//   - A component above ExactLimit gets windows: for each of its counts, a
//     program over the counts within Hops relations of it (at most
//     NeighbourLimit), every relation that reaches outside the window kept
//     as a range from the outside counts' propagated bounds. That is a
//     relaxation: its bounds are valid but may be looser than the
//     attacker's. Windows are solved by a small bounded-variable simplex
//     (gonum's needs a row per bound and refactors its basis every step,
//     several times slower on thousands of small programs), and each bound
//     it returns is a weak-duality bound checked against the primal optimum,
//     so rounding cannot make it tighter than the truth. Whatever a window
//     finds is propagated, and the windows around every count whose bounds
//     moved run again, until nothing moves: on an lmi-shaped problem,
//     windows of 20 counts iterated this way found more violations than
//     single windows of 600, at a small part of the cost.
//
// Each hidden cell's Bounds say which stage bounded it and whether the
// bounds are exact (the count is pinned, or its component was solved
// exactly). Where they are exact the audit is the linear-programming
// attacker's best; an attacker solving integer programs can in rare
// problems do better than the rounded linear bounds (never on a two-way
// table, whose relations are totally unimodular). Where a component was
// too large, the audit is a relaxation: it finds what propagation and the
// windows find, and a cell it passes may still be narrower to an attacker
// who solves the whole component at once.
//
// # Protection (Protect)
//
// Protect hides the counts below K, then applies a capacity rule to every
// relation: each hidden count must find room in each relation from the
// other hidden members' counts alone (a fall as far as its own count, a
// rise as far as the members that can absorb it), and where it cannot, the
// cheapest published member is hidden, priced with the cascade it causes
// (a member that pairs with counts already hidden in its other relations
// costs its count; one that would stand alone costs its partner's too).
// The new member must in turn find room. Then it audits, and for each
// primary cell the attacker narrows below P it hides the capacity rule's
// pick in the relation where the attacker holds the cell tightest. A cell
// that resists two such rounds gets a member hidden in every relation
// where the attacker holds it tighter than P, and so do its hidden
// partners there that are narrower than P themselves (what holds a small
// count is often a tiny hidden total, pinned by relations of its own);
// after two more rounds, or when no relation shows the tightness, in all
// their relations. Rounds repeat until the attacker finds nothing. A
// primary cell found wide enough gets no window of its own in later rounds
// (hiding more can only widen it), and the last round is a full audit
// that confirms the result. Ties go to the smaller count, then fewer
// cells, then the first cell, so the result is deterministic; programs run
// in parallel in batches that read the same bounds, so it does not depend
// on scheduling either. The Report counts the cells and persons hidden beyond primary
// suppression and lists any primary cell left unprotected (a forced public
// total of two small counts cannot be protected).
//
// Protect is a heuristic: it does not minimise the cells or persons
// hidden, and its escalation can hide more than needed around small
// counts. Its guarantee is the audit's: exact for components of at most
// ExactLimit counts, and against propagation and windows above.
//
// # Limits
//
// Only linear identities are modelled: rates are protected through their
// numerator and denominator counts, and knowledge an attacker has from
// elsewhere must be added as forced-public cells or relations. Bounds are
// floating-point with tolerances relative to the counts (exact for whole
// counts up to 2^53). Exact programs, measured on components of
// lmi-shaped problems, cost 0.05 to 0.2 s for a component of 100 counts,
// 0.3 to 0.7 s at 200, 3 s at 300 and 10 to 50 s at 400, on one core, so
// ExactLimit defaults to 200; rational elimination costs a tenth of that.
package disclosure
