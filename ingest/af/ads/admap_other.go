//go:build !unix

package ads

import "os"

// mapping holds nothing where files are not mapped (see admap_unix.go).
type mapping struct{ data []byte }

// mapFile never maps here: files are streamed.
func mapFile(*os.File) (*mapping, bool) { return nil, false }

func (a *adAgg) readMapped(m *mapping, file string) error {
	return a.readFrom(&memInput{data: m.data, max: a.opt.MaxLineBytes}, file)
}
