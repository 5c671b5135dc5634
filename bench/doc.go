// Package bench compares lmi with a plain hand-written DuckDB SQL baseline
// on the same synthetic data, in one run: both must produce the same
// numbers, and the harness (bench/cmd/lmibench) reports the time ratio and
// each side's peak memory. README.md beside this file records the figures
// and the command that reproduces them.
package bench
