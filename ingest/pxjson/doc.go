// Package pxjson decodes PX-Web API v1 responses in the "json" output format
// (a POST with "response":{"format":"json"}) into a *cube.Table, and the
// table metadata a GET on the same URL returns.
//
// A response looks like
//
//	{"columns":[{"code":"Region","text":"region","type":"d"},
//	            {"code":"Tid","text":"år","type":"t"},
//	            {"code":"000000RV","text":"Anställda ...","type":"c"}],
//	 "comments":[],
//	 "data":[{"key":["01","2014"],"values":["654"]}, ...],
//	 "metadata":[{"label":"...","source":"SCB","updated":"2020-02-14T14:53:00Z","infofile":"AM0208"}]}
//
// Columns of type "d" (a variable) and "t" (time) become dimensions in the
// order given; time columns get cube.RoleTime, and a variable coded
// "Region" (or marked with a map in the metadata) cube.RoleGeo. The "c"
// columns, one per content (SCB's ContentsCode) selected, become one last
// dimension with cube.RoleMetric whose values are the content codes and
// their texts, so the cells stay row-major with the last dimension fastest.
//
// What was learnt from 80 real SCB responses (YREG50/51/60, the wage
// tables LoneSpridSektorYrk4A and LonYrkeUtbildning4A):
//
//   - every value is a JSON string; the only non-number seen is "..",
//     which becomes a status; other dot codes and "-" are kept too;
//   - rows come in odometer order over the codes as they first appear,
//     but this package does not rely on it: every key is placed by lookup,
//     and cells no row mentions are missing ("..");
//   - a response lists codes only; value labels come from the metadata
//     (Decode's meta argument), otherwise the label is the code; content
//     columns do carry their text, and sometimes a comment;
//   - the "source" is not always SCB (the wage tables say Medlingsinstitutet);
//   - a variable the query left out that cannot be eliminated (Tid,
//     ContentsCode) comes back with all its values.
//
// Errors are *ParseError values naming the file and the byte offset or the
// JSON path, wrapping one of the sentinel errors (ErrHTML, ErrTruncated,
// ...), so callers can tell a proxy's HTML error page or a cut-off body
// from a malformed table. Decode never panics on any input.
package pxjson
