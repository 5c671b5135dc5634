package report

// The symbols shown for cells without a number, as SCB uses them.
const (
	SymbolSuppressed    = ".." // confidential (too few) or too uncertain
	SymbolNotApplicable = "."  // cannot occur, not applicable or not available
	SymbolNothing       = "-"  // nothing to report (zero by definition)
)

// SymbolNote is one line of a table's symbol legend.
type SymbolNote struct {
	Symbol  string // "..", ".", "-", or "" for the empty cell
	Meaning string // Swedish explanation
}

// Symbols returns the legend of the symbols, in Swedish, in the order SCB
// lists them. Every report that shows cells without a number shows it.
func Symbols() []SymbolNote {
	return []SymbolNote{
		{SymbolSuppressed, "Uppgiften redovisas inte: den är skyddad av sekretess (för få personer i cellen) eller för osäker. Se även undertryckning i Om tabellerna."},
		{SymbolNotApplicable, "Uppgift kan inte förekomma eller är inte tillgänglig."},
		{SymbolNothing, "Inget finns att redovisa (noll)."},
		{"", "Tom cell: uppgift saknas (ingen observation)."},
	}
}
