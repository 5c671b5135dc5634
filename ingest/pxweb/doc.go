// Package pxweb fetches tables from PX-Web servers such as SCB's
// statistical database, as *cube.Table.
//
// Client speaks PxWebApi 2.0 (GET /config, /tables search, a table's
// json-stat2 /metadata, /codelists, and /data by GET with valueCodes[VAR]=
// parameters or, for long selections, POST of {"selection":[...]}) and the
// older v1 API (GET on a table path for metadata, POST of a query with
// "response":{"format":"json"} for data). BaseURL is a parameter, so any
// PX-Web server will do.
//
// Fetch checks a selection against the table's metadata, splits a query
// larger than the server's cell limit (maxDataCells from /config) into
// several calls before sending any, and stitches the answers back into one
// table with Merge. Every call:
//
//   - waits for the rate limit read from /config (maxCallsPerTimeWindow per
//     timeWindow; at most that many calls in any window);
//   - is answered from CacheDir when the same request (method, URL, body)
//     was answered before, so a re-run makes no calls; responses are written
//     atomically;
//   - is retried after 429 (waiting as long as Retry-After says, in seconds
//     or as an HTTP date), 5xx and network errors, with exponential backoff
//     and jitter, a bounded number of times;
//   - fails within seconds with an *UnreachableError when no connection can
//     be made (a name that does not resolve, a refused connection, none
//     within DialTimeout), after at most one more try, so that an offline
//     machine hears so at once;
//   - goes through the proxy HTTPS_PROXY or HTTP_PROXY names (NO_PROXY
//     excepted), unless HTTPClient is set;
//   - is retried once when the body is cut short or does not decode (an
//     HTML error page, invalid JSON), then reported;
//   - has its own timeout, and stops at once when the context is done,
//     also while waiting.
//
// All waiting goes through Client.Clock, so tests run without real sleeps.
//
// WriteFile writes a table as long CSV or JSON-stat 2.0, and
// WriteProvenance the FILE.meta.json that says where it came from; lmi
// fetch is built on them.
package pxweb
