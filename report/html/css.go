package html

// css is the report's only style sheet: system fonts, readable measure,
// and print rules for A4.
const css = `:root { color-scheme: light; }
html { font-family: "DejaVu Sans", "Segoe UI", Verdana, Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #111; background: #fff; }
body { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
header { border-bottom: 2px solid #111; margin-bottom: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; }
h3 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
.num { font-variant-numeric: tabular-nums; }
h2 .num, h3 .num, h4 .num, h5 .num, h6 .num, .toc .num { color: #555; margin-right: .3em; }
.subtitle { font-size: 1.2rem; margin: 0 0 .25rem; }
.byline { color: #444; margin: 0 0 1rem; }
.toc ol { list-style: none; padding-left: 1.2rem; margin: .2rem 0; }
.toc > ol { padding-left: 0; }
.toc a { color: #0b4f8a; text-decoration: none; }
.toc a:hover, .toc a:focus { text-decoration: underline; }
p, ul { max-width: 42rem; }
.note { border-left: 4px solid #0072B2; background: #f2f6fa; padding: .5rem 1rem; margin: 1rem 0; max-width: 42rem; }
.note p { margin: 0; }
figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, caption { font-size: .9rem; color: #222; text-align: left; margin-top: .4rem; }
caption { caption-side: top; margin: 0 0 .4rem; }
.label { font-weight: bold; }
.source { display: block; color: #555; }
.table-wrap { overflow-x: auto; margin: 1.5rem 0; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #111; vertical-align: bottom; }
td.num, th.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; min-width: 5rem; }
td.sym { color: #555; }
tbody tr:nth-child(even) { background: #f7f7f7; }
.table-note { font-size: .85rem; color: #444; margin: .3rem 0 0; }
a { color: #0b4f8a; }
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav.toc { break-after: page; page-break-after: always; }
  section.level2 { break-before: page; page-break-before: always; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure, .note, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  tbody tr:nth-child(even) { background: none; }
  p { orphans: 3; widows: 3; }
}
`
