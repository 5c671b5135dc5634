package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDetectsProblems shows that the check can fail: a page with a script
// error on a blank page is reported twice over: the console message and
// the screenshot without content.
func TestDetectsProblems(t *testing.T) {
	bin, err := Find()
	if err != nil {
		t.Skipf("headless browser check skipped: %v", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.html")
	os.WriteFile(bad, []byte(`<!DOCTYPE html><html lang="sv"><body><script>undefinedFunction();</script></body></html>`), 0o644)
	res, err := Render(context.Background(), bin, bad, Options{Width: 400, Height: 300})
	if err != nil {
		t.Fatal(err)
	}
	p := strings.Join(res.Problems(16), "\n")
	if !strings.Contains(p, "Uncaught ReferenceError: undefinedFunction is not defined") {
		t.Errorf("script error not reported; problems:\n%s", p)
	}
	if !strings.Contains(p, "colours, want at least 16") {
		t.Errorf("near-blank page not reported; problems:\n%s", p)
	}
	if b := res.Image.Bounds(); b.Dx() != 400 || b.Dy() != 300 {
		t.Errorf("screenshot %v, want 400x300", b)
	}
}

func TestConsoleLines(t *testing.T) {
	log := "noise\n[1:1:INFO:CONSOLE:1] \"boom\", source: file:///x (1)\n[1:1:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n"
	got := consoleLines(log)
	if len(got) != 1 || !strings.Contains(got[0], "boom") {
		t.Errorf("%q", got)
	}
}
