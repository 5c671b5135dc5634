// Package tables turns lmi's long outputs into a disclosure problem
// (package disclosure): every count behind a row (the numerator and the
// denominator of its indicator, named by the family's quantities) is one
// cell, and the relations among them are those an attacker reading every
// family's output at once can use:
//
//   - within a cell of a family, its declared identities (family.toml
//     [suppression] relations: a total and its parts);
//   - across regions, for every pair of levels in the output where the
//     finer one nests in a region of the coarser one (kommun in län, in FA
//     regions, in riket and in custom groupings; län and FA regions in
//     riket; any level whose regions are unions of another's), the region
//     as the sum of its children: every hierarchy at once, crossing ones
//     included;
//   - across a dimension, a TOT row as the sum of the rows it totals,
//     where the output has both;
//   - between families, counts they declare shared (family.toml
//     [suppression] shared: the commuting family's night population is the
//     status family's employed), tied as one count;
//   - across periods, declared identities (population_flows: the
//     population of the first year of a pair is that of the second year of
//     the pair before);
//   - the commuting matrix's second region dimension, nested like the
//     first, and its margins: a row off the diagonal adds up to the
//     commuting family's out-commuters, a column to its in-commuters, the
//     diagonal is those who live and work in the region, each over all of
//     commuting's dimensions.
//
// A region with no row in an output counts as 0 (lmi writes no row for
// an empty cell). A relation whose members are all known is checked
// against their counts, and left out when they break it (a declared
// identity that does not hold in these data), counted in Problem.Broken.
//
// The package knows lmi's output columns but not its catalog: callers
// pass each family's declaration (Family) and the regions of each level
// (Regions). Package indicators builds the declarations from family.toml;
// the disclosure check reads output folders with them, and indicators'
// secondary suppression protects its result tables with them.
package tables
