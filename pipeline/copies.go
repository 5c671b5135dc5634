package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"lmi/internal/atomicfile"
)

// CopyDir is the folder, inside a run folder, of the copies a run keeps of
// the files it read (beside the fetched copies of query inputs).
const CopyDir = FetchDir

// copyPrefix is how many hex digits of a file's SHA-256 name its copy's
// folder: enough to tell a run's files apart, short enough to read.
const copyPrefix = 12

// CopyPath is where a run folder keeps its copy of a file with SHA-256
// sum and base name name, relative to the run folder and slash-separated:
// inputs/<first 12 hex digits of sum>/<name>. The name is kept as it was,
// because lmi recognises some files' format and table by their name.
func CopyPath(sum, name string) string {
	return path.Join(CopyDir, sum[:min(copyPrefix, len(sum))], name)
}

// keepCopy copies the file src, which the run read and found to have
// SHA-256 sum, into the run folder (CopyPath) and returns the copy's
// manifest path. A copy already there with that content is kept; a
// refresh hard-links the previous run's copy when it has one. The copy is
// checked against sum, so a file that changed since the run read it is an
// error, never a wrong copy.
func (b *builder) keepCopy(src, sum string) (string, error) {
	rel := CopyPath(sum, filepath.Base(src))
	dst := resolve(b.runDir, rel)
	if got, _, err := hashFile(dst); err == nil && got == sum {
		return rel, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", fmt.Errorf("copy %s into the run folder: %w", src, err)
	}
	if b.inc != nil && b.inc.prev != nil && linkCopy(resolve(b.inc.prevDir, rel), dst, sum) {
		return rel, nil
	}
	if _, err := atomicfile.CopyFile(dst, src, 0o644, sum); err != nil {
		if errors.Is(err, atomicfile.ErrChecksum) {
			return "", fmt.Errorf("copy %s into the run folder: the file changed while the run read it", src)
		}
		return "", fmt.Errorf("copy %s into the run folder: %w", src, err)
	}
	return rel, nil
}

// linkCopy hard-links an earlier run's copy prev to dst when prev still
// has the content sum, and reports whether it did.
func linkCopy(prev, dst, sum string) bool {
	if got, _, err := hashFile(prev); err != nil || got != sum {
		return false
	}
	os.Remove(dst)
	return os.Link(prev, dst) == nil
}

// copyDefinitions keeps a copy of each grouping, own indicator file and
// match map the run read (small files, copied whatever the spec says of
// its inputs) and records it in the manifest's parameters.
func (b *builder) copyDefinitions() error {
	p := &b.m.Parameters
	for _, refs := range [][]FileRef{p.Groupings, p.OwnSQL} {
		for i := range refs {
			c, err := b.keepCopy(resolve(b.runDir, refs[i].Path), refs[i].SHA256)
			if err != nil {
				return err
			}
			refs[i].Copy = c
		}
	}
	if k := &p.MatchKey; k.MapFile != "" {
		c, err := b.keepCopy(resolve(b.runDir, k.MapFile), k.MapFileSHA256)
		if err != nil {
			return err
		}
		k.MapFileCopy = c
	}
	return nil
}

// manifestCopies lists the copies a manifest records, as manifest paths.
func manifestCopies(m *Manifest) []string {
	var out []string
	add := func(c string) {
		if c != "" {
			out = append(out, c)
		}
	}
	for _, in := range m.Inputs {
		add(in.Copy)
		add(in.TaxonomyCopy)
		add(in.OccupationMapCopy)
	}
	for _, refs := range [][]FileRef{m.Parameters.Groupings, m.Parameters.OwnSQL} {
		for _, r := range refs {
			add(r.Copy)
		}
	}
	add(m.Parameters.MatchKey.MapFileCopy)
	return out
}

// removeCopies removes the copies an earlier run in runDir kept, and their
// folders once empty. A path the manifest gives outside the folder's
// copies is left alone.
func removeCopies(runDir string, old *Manifest) error {
	for _, c := range manifestCopies(old) {
		if !strings.HasPrefix(c, CopyDir+"/") || strings.Contains(c, "..") {
			continue
		}
		p := resolve(runDir, c)
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return err
		}
		os.Remove(filepath.Dir(p)) // only when empty
	}
	return nil
}
