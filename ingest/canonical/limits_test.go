package canonical

import (
	"errors"
	"strings"
	"testing"

	"lmi/internal/textcap"
)

// A field or header run wild is neither echoed whole in a message nor
// held whole in memory: values are shown capped, with control characters
// escaped, and a line longer than MaxLineBytes stops the file.
func TestLongFieldsAndLines(t *testing.T) {
	head := "year,home_kommun,status,ssyk4,sex,age,birth_region\n"
	good := "2021,0180,outside,,1,70,1\n"
	big := strings.Repeat("x", MaxLineBytes/2) + "\x1b[2J"
	cases := []struct {
		name, in string
		line     int64 // a line too long; 0: none
		msg      string
	}{
		{"long value", head + strings.Repeat(good, 200) + "2021," + big + ",outside,,1,70,1\n" + good, 0,
			`column home_kommun: value "xxxxxxxx`},
		{"line too long", head + good + "2021," + strings.Repeat(big, 3) + ",outside,,1,70,1\n" + good, 3, "line 3 is longer than 1048576 bytes"},
		{"quoted line too long", head + good + "2021,\"" + strings.Repeat(big, 3) + "\",outside,,1,70,1\n", 3, "line 3 is longer"},
		{"header too long", "year," + strings.Repeat(big, 3) + "\n" + good, 1, "line 1 is longer"},
		{"long header column", "year," + big + ",status\n" + good, 0, `header: column "xxxxxx`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var msg string
			var le *textcap.LineTooLongError
			r, err := NewCSVReader(Persons, strings.NewReader(c.in), "p.csv", Options{})
			if err == nil {
				for r.Next() {
				}
				err = r.Err()
				if err == nil && len(r.Rejects()) > 0 {
					err = r.Rejects()[0]
				}
				r.Release()
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg = err.Error()
			if len(msg) > 600 || strings.Contains(msg, "\x1b") || !strings.Contains(msg, c.msg) || !strings.Contains(msg, "p.csv") {
				t.Errorf("message of %d bytes: %.300q, want it short, naming the file, with %q", len(msg), msg, c.msg)
			}
			if (c.line != 0) != errors.As(err, &le) || (c.line != 0 && le.Line != c.line) {
				t.Errorf("err %.200v, want a line too long at %d", err, c.line)
			}
		})
	}
}
