package pipeline

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A refresh puts its build on disk before publishing it: every file and
// folder of the build is synced before the build is renamed into place,
// and the parent folder after each rename that publishes it (the build,
// its link, the link over RUN_DIR).
func TestRefreshSyncsBeforePublishing(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	var events []string
	realSync := fsync
	fsync = func(path string) error {
		events = append(events, "sync "+path)
		return realSync(path)
	}
	refreshHook = func(step string) { events = append(events, "step "+step) }
	defer func() { fsync, refreshHook = realSync, nil }()

	mustRefresh(t, specPath, runDir)

	parent := filepath.Dir(runDir)
	target, err := filepath.EvalSymlinks(runDir)
	if err != nil {
		t.Fatal(err)
	}
	// The build's folder, as the syncs name it.
	var tmp string
	for _, e := range events {
		if p, ok := strings.CutPrefix(e, "sync "); ok && strings.HasPrefix(filepath.Base(p), filepath.Base(runDir)+".tmp-") {
			tmp = p
			break
		}
	}
	if tmp == "" {
		t.Fatalf("no file of the build synced: %q", events)
	}
	// Everything in the published run was synced, under the build's name,
	// before the step that follows the renames.
	renamed := slices.Index(events, "step renamed")
	if renamed < 0 {
		t.Fatalf("no renamed step: %q", events)
	}
	synced := map[string]int{}
	for i, e := range events {
		if p, ok := strings.CutPrefix(e, "sync "); ok {
			if _, seen := synced[p]; !seen {
				synced[p] = i
			}
		}
	}
	n := 0
	filepath.WalkDir(target, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() && !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(target, path)
		at, ok := synced[filepath.Join(tmp, rel)]
		if !ok || at > renamed {
			t.Errorf("%s not synced before the build was published", rel)
		}
		n++
		return nil
	})
	if n < 5 {
		t.Fatalf("only %d entries in the run", n)
	}
	// The parent folder: after the build's rename and the link (before
	// renamed), and after the link's rename over RUN_DIR (after).
	var before, after int
	for i, e := range events {
		if e == "sync "+parent {
			if i < renamed && i > synced[tmp] {
				before++
			}
			if i > renamed {
				after++
			}
		}
	}
	if before != 2 || after != 1 {
		t.Errorf("parent synced %d times before the renamed step (want 2: build, link) and %d after (want 1): %q", before, after, events[max(0, renamed-4):])
	}
}
