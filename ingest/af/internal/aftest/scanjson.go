package aftest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lmi/ingest/af"
)

// Outcome describes a reader's result or error for comparison: every
// field of the result (NaN prints as NaN, so %+v, not reflect.DeepEqual)
// and every field of the error but the wrapped one, which is compared by
// its message.
func Outcome(v any, err error) string {
	if err == nil {
		return fmt.Sprintf("%+v", v)
	}
	var e *af.Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("%T %v", err, err)
	}
	c := *e
	c.Err = nil
	return fmt.Sprintf("%#v %q", c, err.Error())
}

// RealOrSkip returns a file of ../shared/data/af, or nil after logging
// why the real file is not compared.
func RealOrSkip(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join(SharedAF, name))
	if err != nil {
		t.Logf("../shared/data not present: %s not compared (%v)", name, err)
		return nil
	}
	return b
}

// Mutations returns in cut short at a spread of offsets and with single
// bytes replaced by JSON's structural characters and a few others.
func Mutations(in []byte, step int) [][]byte {
	var out [][]byte
	for off := 0; off < len(in); off += step {
		out = append(out, in[:off])
		for _, c := range []byte("{}[],:\"\\ n0a\x01\xff") {
			m := bytes.Clone(in)
			m[off] = c
			out = append(out, m)
		}
	}
	return out
}
