package settings

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

type band struct{ lo, hi int }

func (b *band) UnmarshalText(t []byte) error {
	if _, err := fmt.Sscanf(string(t), "%d-%d", &b.lo, &b.hi); err != nil || b.lo > b.hi {
		return fmt.Errorf("%q: want FROM-TO", t)
	}
	return nil
}

type pair [2]float64

func (p *pair) UnmarshalSetting(v any) error {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		return errors.New("want two numbers")
	}
	for i, x := range arr {
		f, ok := x.(float64)
		if !ok {
			return errors.New("want two numbers")
		}
		p[i] = f
	}
	return nil
}

type inner struct {
	Threshold float64 `toml:"threshold"`
	Year      int     `toml:"year" want:"an integer (a year)"`
}

type common struct {
	K int `toml:"k"`
}

type test struct {
	common
	Name    string             `toml:"name"`
	On      *bool              `toml:"on"`
	Levels  []string           `toml:"levels"`
	Alphas  []float64          `toml:"alphas"`
	Weights map[string]float64 `toml:"weights"`
	Age     band               `toml:"age"`
	Pair    pair               `toml:"pair"`
	Key     inner              `toml:"key"`
	Any     []any              `toml:"any"`
	Hidden  int                `toml:"-"`
}

func defaults() test {
	return test{common: common{K: 5}, Name: "x", Levels: []string{"lan"}, Weights: map[string]float64{"a": 1, "b": 1},
		Age: band{20, 64}, Key: inner{Threshold: 0.05}}
}

func decode(t *testing.T, text string) (test, Errors) {
	t.Helper()
	var table map[string]any
	if err := toml.Unmarshal([]byte(text), &table); err != nil {
		t.Fatal(err)
	}
	got := defaults()
	return got, Decode(table, &got)
}

func TestDecode(t *testing.T) {
	on := true
	for _, c := range []struct {
		text string
		edit func(*test)
	}{
		{"", func(*test) {}},
		{"k = 3", func(w *test) { w.K = 3 }},
		{"name = \"Norr\"\non = true", func(w *test) { w.Name, w.On = "Norr", &on }},
		{"levels = []", func(w *test) { w.Levels = []string{} }},
		{"alphas = [1, 0.5]", func(w *test) { w.Alphas = []float64{1, 0.5} }},
		// A table names only what it changes: other entries keep theirs.
		{"weights = { b = 2, c = 0 }", func(w *test) { w.Weights = map[string]float64{"a": 1, "b": 2, "c": 0} }},
		{"age = \"25-54\"", func(w *test) { w.Age = band{25, 54} }},
		{"pair = [1.5, 2.5]", func(w *test) { w.Pair = pair{1.5, 2.5} }},
		{"[key]\nyear = 2016", func(w *test) { w.Key.Year = 2016 }},
		{"any = [1, \"a\"]", func(w *test) { w.Any = []any{int64(1), "a"} }},
	} {
		got, es := decode(t, c.text)
		want := defaults()
		c.edit(&want)
		if len(es) != 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v, %v\nwant %+v", c.text, got, es, want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, c := range []struct {
		text, key, reason string
	}{
		{"kk = 3", "kk", "unknown key"},
		{"[key]\nthreshhold = 1", "key.threshhold", "unknown key"},
		{"k = \"5\"", "k", "got a TOML string, want an integer"},
		{"k = 2.5", "k", "got a TOML float, want an integer"},
		{"on = 1", "on", "got a TOML integer, want true or false"},
		{"levels = \"lan\"", "levels", "got a TOML string, want an array of strings"},
		{"levels = [\"lan\", 2]", "levels", "got a TOML integer in the array, want an array of strings"},
		{"weights = [1]", "weights", "got a TOML array, want a table"},
		{"weights = { a = \"x\" }", "weights.a", "got a TOML string, want a number"},
		{"age = \"64-20\"", "age", `"64-20": want FROM-TO`},
		{"age = 20", "age", "got a TOML integer, want a string"},
		{"pair = [1]", "pair", "want two numbers"},
		{"[key]\nyear = \"x\"", "key.year", "got a TOML string, want an integer (a year)"},
		{"key = 3", "key", "got a TOML integer, want a table"},
		{"hidden = 3", "hidden", "unknown key"},
	} {
		_, es := decode(t, c.text)
		if len(es) != 1 || es[0].Key != c.key || !strings.Contains(es[0].Reason, c.reason) {
			t.Errorf("%q: %+v, want key %q reason containing %q", c.text, es, c.key, c.reason)
			continue
		}
		// A value its type's own check refuses is not a shape problem.
		if value := strings.HasPrefix(c.text, "age = \"") || strings.HasPrefix(c.text, "pair"); es[0].Shape == value || len(es.Shapes()) != len(es)-b2i(value) {
			t.Errorf("%q: shape %v", c.text, es[0].Shape)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestErrors(t *testing.T) {
	var es Errors
	if es.Err() != nil {
		t.Error("no problems, an error")
	}
	es.Namedf("k", "suppression k", "%d: must be 0 or more", -1)
	es.Add("shortage", Errors{{Key: "window", Reason: "window 0"}, {Key: "weights.a", Reason: "a = -1"}})
	var fe *FieldError
	if !errors.As(es.Err(), &fe) || fe.Key != "k" || fe.Reason != "-1: must be 0 or more" {
		t.Errorf("errors.As: %+v", fe)
	}
	if got := es[1].Key + "|" + es[2].Key; got != "shortage.window|shortage.weights.a" {
		t.Errorf("keys %s", got)
	}
	if got := es.Error(); got != "suppression k -1: must be 0 or more\nwindow 0\na = -1" {
		t.Errorf("Error() = %q", got)
	}
	if es := Decode(map[string]any{}, 3); len(es) != 1 {
		t.Errorf("decode into an int: %v", es)
	}
}

func ExampleDecode() {
	type Params struct {
		K      int       `toml:"k"`
		Alphas []float64 `toml:"alphas"`
	}
	var table map[string]any
	toml.Unmarshal([]byte("k = 3\nalphas = [0.3, \"x\"]\ncolour = \"red\"\n"), &table)
	p := Params{K: 5}
	for _, e := range Decode(table, &p) {
		fmt.Printf("%s: %s\n", e.Key, e.Reason)
	}
	fmt.Println(p.K)
	// Output:
	// alphas: got a TOML string in the array, want an array of numbers
	// colour: unknown key
	// 3
}
