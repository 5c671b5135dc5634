// Package cube holds a statistical table as an agency publishes it: SCB's
// PX-Web tables, PC-Axis files and CSV downloads, Arbetsförmedlingen's
// statistics sheets. A Table has dimensions of coded values with labels,
// and one cell for every combination of values, holding a number or a
// status (SCB's dot codes, or a censored "<5") saying why there is none.
//
// Every source decoder in ingest produces a *Table, so what follows
// (validation, mapping into lmi's canonical tables, comparison with
// published figures) is written once. Long turns a Table into an Arrow
// record in long format: one row per cell, one code and one label column per
// dimension, the value and the status.
package cube
