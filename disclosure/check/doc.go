// Package check plays the attacker on a folder of lmi's outputs, as a
// user should before publishing them (lmi disclosure check RUN_DIR): it
// reads every indicator family's output (FAMILY.parquet, or FAMILY.csv in
// lmi's default dialect) in the folder, or in its outputs/ or indicators/
// subfolder, builds the disclosure problem of every family at once
// (package disclosure/tables: region nesting for every hierarchy, crossing
// ones included, dimension totals, counts shared between families,
// identities across periods), with every suppressed count unknown, and
// audits it (disclosure.Audit): for each suppressed count, the tightest
// bounds the published counts allow.
//
// The requirement: a suppressed count must not be narrowed to an interval
// narrower than the protection level P (default k): a count the output
// marks as below k (its reason says primary) fails when it is; a count
// whose reason the output does not give fails when it is narrowed so and
// may be below k (its lower bound is). Counts a row's reason marks as
// hidden for another reason (secondary, not published by SCB) carry no
// requirement of their own.
//
// Custom groupings come from the run folder's manifest (the spec's
// grouping files) or from the caller; an output level with neither is
// reported and its regions' relations across levels left out. k comes
// from the manifest when the caller gives none, else lmi's default 5.
package check
