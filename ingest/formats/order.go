package formats

// The formats, as lmi's documentation and messages list them: lmi's own
// tables, SCB's published tables, Arbetsförmedlingen's assessments, then
// its files of flows. A new format is one entry here and one in
// detectOrder.
func init() {
	for _, f := range []*Format{
		csvFormat, parquetFormat,
		pxFormat, pxjsonFormat, jsonstatFormat, scbcsvFormat, longFormat,
		yrkesbarometerFormat, yrkesbarometerXLSXFormat, bristindexFormat, bristindexXLSXFormat, prognosFormat,
		adsFormat, statsFormat, statsXLSXFormat,
	} {
		register(f)
	}
}

// detectOrder is the order Detect tries the formats in: by extension
// first, then JSON by its fields, then CSV by its first line, lmi's own
// tables before the CSV files of Arbetsförmedlingen and SCB, whose headers
// never fit them. Each format's Sniff may rely on those before it having
// declined the file.
var detectOrder = []*Format{
	pxFormat,
	parquetFormat,
	bristindexXLSXFormat,
	yrkesbarometerXLSXFormat,
	statsXLSXFormat, // any other workbook
	adsFormat,
	yrkesbarometerFormat,
	pxjsonFormat,
	jsonstatFormat, // any other JSON object
	prognosFormat,
	bristindexFormat,
	csvFormat,
	longFormat,
	statsFormat,
	scbcsvFormat,
}
