// Package svg is the small SVG writer behind lmi's charts and maps: a
// builder that escapes every text and attribute, writes coordinates with a
// fixed number of decimals (so output is deterministic and compact), the
// colour-blind-safe palette with dash patterns and marker shapes for
// black-and-white print, and "nice" axis ticks.
package svg
