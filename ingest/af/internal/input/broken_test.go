package input

import (
	"errors"
	"testing"

	"lmi/ingest/af"
)

// TestCheckMarkup: a web page instead of data is named, with its title,
// whatever its case, and bytes that are not UTF-8 before the title do not
// move it (they once made the title's slice run past the page).
func TestCheckMarkup(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<HTML><TITLE>Sidan finns inte</TITLE></HTML>", `the file is an HTML or XML page, not data (title "Sidan finns inte")`},
		{"<\xb6<title>", `the file is an HTML or XML page, not data (title "")`},
		{"<\xb6\xb6<title>Fel\xb6</title>", `the file is an HTML or XML page, not data (title "Fel?")`},
		{"<?xml version=\"1.0\"?><a/>", "the file is an HTML or XML page, not data"},
	} {
		err := CheckMarkup([]byte(c.in), "x.json")
		var e *af.Error
		if !errors.As(err, &e) || e.Kind != af.ErrNotData || e.Msg != c.want {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
	if err := CheckMarkup([]byte(`[{"a":1}]`), "x.json"); err != nil {
		t.Errorf("data taken for a page: %v", err)
	}
}
