// Package chart draws lmi's charts as self-contained SVG, in Go, without
// JavaScript:
//
//   - Line: an indicator over time per region, with riket as a black
//     dashed reference line.
//   - Bars: ranked horizontal bars of an indicator across regions, with
//     riket's value as a vertical line.
//   - Beveridge: Beveridge curves, unemployment u on the x axis and the
//     vacancy rate v on the y axis, per region over time, each point
//     labelled with its year.
//   - Fan: a forecast fan: history, projection and its prediction interval
//     as a band.
//   - Shortage: a traffic-light list of occupations in five classes.
//
// Every chart is readable in print and by people with colour vision
// deficiencies: colours come from Okabe and Ito's palette, and every series
// also has its own dash pattern and marker shape, every shortage class its
// number and a symbol. Labels are Swedish, numbers use a decimal comma and a
// no-break space between thousands (report.Swedish). Each SVG carries a
// <title> and a <desc> for screen readers, with ids unique to the chart so
// several charts can be inlined in one HTML page.
//
// Values are report.Cells: a suppressed or missing value is a gap in a line,
// a bar without a bar marked "..", a point left out, never a zero. Charts
// that have gaps say so in a note under the chart.
//
// Output is deterministic: the same chart gives the same bytes.
package chart
