package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"lmi/internal/atomicfile"
)

// Where lmi verify found a file the run read (InputCheck.Via).
const (
	ViaCopy   = "copy"   // the copy in the run folder
	ViaPath   = "path"   // the path the run read it from
	ViaSearch = "search" // a file of the same content in a folder searched
)

// locator finds the files a run read, for lmi verify: the copy the run
// kept in its folder, which when present is the one checked; otherwise
// the recorded path, or a file with the recorded SHA-256 in one of dirs.
type locator struct {
	runDir string
	dirs   []string
	files  []foundFile // every regular file under dirs, listed on first need
	listed bool
	sums   map[string]string // file -> SHA-256 of files hashed while searching
}

type foundFile struct {
	path string
	size int64
}

// check finds and hashes one recorded file: kind and path as in the
// manifest, its SHA-256 sum, its copy ("" when none) and size (0 when not
// recorded).
func (l *locator) check(kind, path, sum, copy string, size int64) InputCheck {
	c := InputCheck{Kind: kind, Path: path, OldSHA256: sum, Copy: copy}
	if copy != "" {
		got, _, err := hashFile(resolve(l.runDir, copy))
		switch {
		case err == nil:
			return c.found(copy, ViaCopy, got)
		case !os.IsNotExist(err):
			c.Status, c.File, c.NewSHA256 = StatusMissing, copy, "unreadable: "+err.Error()
			return c
		}
	}
	got, _, err := hashFile(resolve(l.runDir, path))
	if err == nil && got == sum {
		return c.found(path, ViaPath, got)
	}
	if f := l.search(sum, size, filepath.Base(filepath.FromSlash(path))); f != "" {
		return c.found(f, ViaSearch, sum)
	}
	switch {
	case err == nil:
		return c.found(path, ViaPath, got)
	case !os.IsNotExist(err):
		c.Status, c.NewSHA256 = StatusMissing, "unreadable: "+err.Error()
	default:
		c.Status = StatusMissing
	}
	return c
}

// found says the file checked is file (found via), with SHA-256 got.
func (c InputCheck) found(file, via, got string) InputCheck {
	c.File, c.Via, c.NewSHA256, c.Status = file, via, got, StatusSame
	if got != c.OldSHA256 {
		c.Status = StatusChanged
	}
	return c
}

// search finds a file with SHA-256 sum under l.dirs: those of the same
// size (when size is known), files named name first. It hashes only
// candidates, each at most once.
func (l *locator) search(sum string, size int64, name string) string {
	if len(l.dirs) == 0 {
		return ""
	}
	l.list()
	var cands []string
	for _, f := range l.files {
		if size <= 0 || f.size == size {
			cands = append(cands, f.path)
		}
	}
	slices.SortStableFunc(cands, func(a, b string) int {
		return boolRank(filepath.Base(a) != name) - boolRank(filepath.Base(b) != name)
	})
	for _, p := range cands {
		got, ok := l.sums[p]
		if !ok {
			got, _, _ = hashFile(p)
			l.sums[p] = got
		}
		if got == sum {
			return p
		}
	}
	return ""
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// list walks l.dirs once; folders that cannot be read are skipped (a
// file not found there is reported missing).
func (l *locator) list() {
	if l.listed {
		return
	}
	l.listed, l.sums = true, map[string]string{}
	for _, d := range l.dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || !e.Type().IsRegular() {
				return nil
			}
			if info, err := e.Info(); err == nil {
				l.files = append(l.files, foundFile{p, info.Size()})
			}
			return nil
		})
	}
}

// readFrom says which file the re-run reads for each manifest path the
// checks found elsewhere than at that path: the run folder's copy (absRun
// is the run folder, absolute), or a file found by content, by its
// absolute path or, when its name is not the one the run read (lmi
// recognises some files by name), as a link or copy of that name in tmp.
func readFrom(checks []InputCheck, absRun, tmp string) (map[string]string, error) {
	out := map[string]string{}
	for _, c := range checks {
		switch c.Via {
		case ViaCopy:
			out[c.Path] = resolve(absRun, c.File)
			continue
		case ViaSearch:
		default:
			continue
		}
		abs, err := filepath.Abs(c.File)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(filepath.FromSlash(c.Path))
		if filepath.Base(abs) == name {
			out[c.Path] = abs
			continue
		}
		dst := filepath.Join(tmp, "found", c.OldSHA256[:min(copyPrefix, len(c.OldSHA256))], name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return nil, err
		}
		if os.Link(abs, dst) != nil {
			if _, err := atomicfile.CopyFile(dst, abs, 0o644, c.OldSHA256); err != nil {
				return nil, err
			}
		}
		out[c.Path] = dst
	}
	return out, nil
}

// where is how a report names the file a check examined.
func (c InputCheck) where() string {
	switch {
	case c.File == "" || c.File == c.Path:
		return c.Path
	case c.Via == ViaCopy || c.Copy == c.File:
		return c.File + " (the run folder's copy of " + c.Path + ")"
	}
	return c.File + " (for " + c.Path + ")"
}

// missingWhy says where a missing file was looked for.
func (c InputCheck) missingWhy(dirs []string) string {
	var places []string
	if c.Copy != "" {
		places = append(places, "its copy "+c.Copy+" is not in the run folder")
	}
	places = append(places, "not at "+c.Path)
	if len(dirs) > 0 {
		places = append(places, "no file with its content in "+strings.Join(dirs, ", "))
	} else {
		places = append(places, "lmi verify --inputs DIR searches a folder for it by content")
	}
	return strings.Join(places, "; ")
}
