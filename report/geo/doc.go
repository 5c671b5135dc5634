// Package geo draws choropleth maps of Swedish regions as SVG: kommuner,
// län, FA regions and a user's grouping of kommuner, from boundaries
// embedded in the binary (no files are read at run time).
//
// # Boundaries
//
// data/kommun.bin holds the 290 kommuner, projected to SWEREF 99 TM
// (EPSG:3006, the national grid; Project) and rounded to a 100 m grid: 17
// 627 points, about 39 KB. It is written by internal/gen from SCB's kommun
// boundaries as published by Valmyndigheten (see data/README.md).
//
// Län, FA regions, riket and groupings are drawn by dissolving their
// kommuner, not from separate files: neighbouring kommuner share the
// vertices of their common border (the source was simplified with
// mapshaper, which keeps topology), so an edge that two members share is
// inside the region and dropped, and the remaining edges chain into the
// region's outline. The borders of every level then agree exactly with the
// kommun borders, and a grouping needs nothing new. The generator checks
// this for every län, FA region and riket. Compared with the separate län
// file and Tillväxtverket's FA15 file in the shared data, inland regions
// agree within 0.1-1 % of area; coastal ones are larger because the kommun
// boundaries include coastal waters, as Valmyndigheten's do.
//
// # Maps
//
// A Map colours each region by class: quantile or equal-interval classes
// with rounded breaks, or breaks the caller gives, in a colour-blind-safe
// sequential palette (viridis) that runs from light to dark so that it
// reads in black and white too. The legend gives the classes, how many
// regions each holds, and the unit. Every region has a <title> with its
// Swedish name and value, shown on hover. Suppressed regions are hatched
// and missing ones grey, both explained in the legend; neither is ever
// coloured as a value.
package geo

//go:generate go run ./internal/gen -data ../../../shared/data -out data
