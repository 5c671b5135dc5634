// Package browsertest renders an HTML file in headless Chromium and checks
// what a person would see: the page loads without console messages (lmi's
// reports have no scripts, so any message is a problem: an error, a
// refused or failed load), the screenshot is a real picture, and the DOM
// is there. Tests call Check, which skips when Chromium is not installed
// (Debian: apt-get install chromium).
//
// It lives in lmi/internal so that any lmi package can run the same check:
// report/html on its sample page, the command line on a full report.
//
// Chromium runs as it must as root in a container: --headless
// --no-sandbox --disable-gpu, without network features (QUIC, background
// networking, component updates, sync), with a new temporary profile, and
// with logging to stderr, where console messages appear as INFO:CONSOLE
// lines. It runs twice, once for --screenshot and once for --dump-dom.
package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ErrNoChromium is returned by Find when no Chromium is installed.
var ErrNoChromium = errors.New("chromium not found (set LMI_CHROMIUM, or apt-get install chromium)")

// Find returns the Chromium to run: $LMI_CHROMIUM, /usr/bin/chromium, or
// chromium, chromium-browser or google-chrome on the PATH.
func Find() (string, error) {
	if p := os.Getenv("LMI_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("LMI_CHROMIUM: %w", err)
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Options size the window and bound the run.
type Options struct {
	Width, Height int           // window size; 1280 x 2000 when 0
	Timeout       time.Duration // per Chromium run; 90 s when 0
}

// Result is what Chromium made of a page.
type Result struct {
	PNG     []byte      // the screenshot
	Image   image.Image // the screenshot decoded
	Colors  int         // distinct colours in the screenshot (counted up to 100 000)
	DOM     string      // the DOM after load, from --dump-dom
	Console []string    // console messages and uncaught errors, from the log
	Log     string      // Chromium's whole log of both runs
}

// Render loads the HTML file at path in Chromium bin and returns the
// screenshot, the DOM and the console messages.
func Render(ctx context.Context, bin, path string, opt Options) (*Result, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if opt.Width <= 0 || opt.Height <= 0 {
		opt.Width, opt.Height = 1280, 2000
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 90 * time.Second
	}
	dir, err := os.MkdirTemp("", "lmi-browsertest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	url := "file://" + filepath.ToSlash(abs)
	shot := filepath.Join(dir, "screenshot.png")
	res := &Result{}
	_, log1, err := run(ctx, bin, opt.Timeout, filepath.Join(dir, "profile1"),
		"--screenshot="+shot, fmt.Sprintf("--window-size=%d,%d", opt.Width, opt.Height), "--hide-scrollbars", url)
	if err != nil {
		return nil, fmt.Errorf("chromium screenshot of %s: %w\n%s", path, err, tail(log1))
	}
	dom, log2, err := run(ctx, bin, opt.Timeout, filepath.Join(dir, "profile2"), "--dump-dom", url)
	if err != nil {
		return nil, fmt.Errorf("chromium dump-dom of %s: %w\n%s", path, err, tail(log2))
	}
	res.DOM, res.Log = string(dom), string(log1)+string(log2)
	res.Console = consoleLines(res.Log)
	if res.PNG, err = os.ReadFile(shot); err != nil {
		return nil, fmt.Errorf("chromium wrote no screenshot of %s: %w\n%s", path, err, tail(log1))
	}
	if res.Image, err = png.Decode(bytes.NewReader(res.PNG)); err != nil {
		return nil, fmt.Errorf("screenshot of %s: %w", path, err)
	}
	res.Colors = countColors(res.Image, 100000)
	return res, nil
}

func run(ctx context.Context, bin string, timeout time.Duration, profile string, args ...string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--mute-audio",
		"--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	setGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %v: %w", timeout, ctx.Err())
	}
	return out.Bytes(), errb.Bytes(), err
}

// consoleLines returns the log lines that report console messages or
// uncaught errors.
func consoleLines(log string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, ":CONSOLE") || strings.Contains(l, "Uncaught") {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

func countColors(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

func tail(b []byte) string {
	const n = 2000
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// Problems lists what is wrong with a rendered page: console messages, and
// a screenshot with fewer than minColors colours (a blank or broken page).
func (r *Result) Problems(minColors int) []string {
	var p []string
	for _, c := range r.Console {
		p = append(p, "console: "+c)
	}
	if r.Colors < minColors {
		p = append(p, fmt.Sprintf("screenshot has %d colours, want at least %d", r.Colors, minColors))
	}
	if !strings.Contains(r.DOM, "<body") {
		p = append(p, "no <body> in the DOM")
	}
	return p
}

// Check renders the HTML file at path and fails t on any problem
// (Problems with 16 colours at least). It skips t when Chromium is not
// installed. It returns the result for further checks.
func Check(t testing.TB, path string, opt Options) *Result {
	t.Helper()
	bin, err := Find()
	if err != nil {
		t.Skipf("headless browser check skipped: %v", err)
	}
	res, err := Render(context.Background(), bin, path, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems(16) {
		t.Error(p)
	}
	return res
}
