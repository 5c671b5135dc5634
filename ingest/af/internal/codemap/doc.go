// Package codemap holds the lookups the AF readers build once from
// lmi/codes: län, kommun and FA region codes and names, SSYK levels and
// groups, and the readings of the region and SSYK fields AF publishes
// (LanField, SSYKList).
package codemap
