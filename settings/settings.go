package settings

import (
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// FieldError is a setting with a bad value: its key, dotted as in TOML
// with [i] for array elements (match_key.threshold, levels[1]), and why.
type FieldError struct {
	Key string
	// Subject names the setting in words where the reason reads with it
	// ("suppression k" before "-1: must be 0 or more"); a caller that
	// names the setting by its key or flag leaves it out.
	Subject string
	Reason  string
	// Shape marks a key no setting has, or a value of the wrong TOML
	// type: the table is not of the settings' shape, and checks of the
	// values that follow from it may mislead.
	Shape bool
}

// Error is the reason, after the subject if there is one: a caller that
// knows where the setting came from (a run spec's file and line, a
// command-line flag) names it its own way, with Key and Reason.
func (e *FieldError) Error() string {
	if e.Subject == "" {
		return e.Reason
	}
	return e.Subject + " " + e.Reason
}

// Errors are the problems of one set of settings, in the order found.
type Errors []*FieldError

// Addf adds a problem with key.
func (es *Errors) Addf(key, format string, a ...any) {
	*es = append(*es, &FieldError{Key: key, Reason: fmt.Sprintf(format, a...)})
}

// Namedf adds a problem with key whose reason reads after the setting's
// name in words: Namedf("k", "suppression k", "%d: must be 0 or more", -1).
func (es *Errors) Namedf(key, subject, format string, a ...any) {
	*es = append(*es, &FieldError{Key: key, Subject: subject, Reason: fmt.Sprintf(format, a...)})
}

// shapef adds a problem of the table's shape (Shape).
func (es *Errors) shapef(key, format string, a ...any) {
	*es = append(*es, &FieldError{Key: key, Reason: fmt.Sprintf(format, a...), Shape: true})
}

// Add adds the problems of a nested table, their keys under prefix.
func (es *Errors) Add(prefix string, more Errors) {
	for _, e := range more {
		f := *e
		f.Key = join(prefix, e.Key)
		*es = append(*es, &f)
	}
}

// Shapes are the problems of the table's shape (Shape) alone.
func (es Errors) Shapes() Errors {
	var out Errors
	for _, e := range es {
		if e.Shape {
			out = append(out, e)
		}
	}
	return out
}

// Err is nil without problems, else the Errors.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *FieldError.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Unmarshaler is a setting that reads itself from a TOML value (an int64,
// float64, string, bool, []any or map[string]any, as go-toml decodes them
// into any). Its errors become the setting's FieldError; an Errors keyed
// below the setting keeps its keys.
type Unmarshaler interface {
	UnmarshalSetting(v any) error
}

// Decode sets the fields of the struct dst points to from a TOML table
// decoded into map[string]any, by the fields' toml tags, and leaves the
// fields whose keys are absent as they are: a struct of defaults comes
// back with only what the table says changed. A field's `want` tag says
// what its value should be, for type errors ("an integer (years)");
// without one it is said from the field's type. Embedded structs' fields
// count as the outer struct's. A key that no field has is an "unknown
// key" error. Semantic checks are the struct's own (a Validate method).
func Decode(table map[string]any, dst any) Errors {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return Errors{{Reason: fmt.Sprintf("settings: decode into %T, want a pointer to a struct", dst)}}
	}
	var es Errors
	decodeStruct(table, v.Elem(), "", &es)
	return es
}

// field is a struct field a TOML key sets.
type field struct {
	v    reflect.Value
	want string
}

func fields(v reflect.Value) map[string]field {
	out := map[string]field{}
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		switch {
		case tag == "-":
		case sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct:
			for k, f := range fields(v.Field(i)) {
				out[k] = f
			}
		case !sf.IsExported():
		case tag != "":
			out[tag] = field{v: v.Field(i), want: sf.Tag.Get("want")}
		}
	}
	return out
}

func decodeStruct(table map[string]any, v reflect.Value, prefix string, es *Errors) {
	fs := fields(v)
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f, ok := fs[k]
		if !ok {
			es.shapef(join(prefix, k), "unknown key")
			continue
		}
		decodeValue(table[k], f.v, join(prefix, k), f.want, es)
	}
}

// decodeValue sets v from x, a value go-toml decoded into any.
func decodeValue(x any, v reflect.Value, key, want string, es *Errors) {
	if u, ok := v.Addr().Interface().(Unmarshaler); ok {
		if err := u.UnmarshalSetting(x); err != nil {
			if more, ok := err.(Errors); ok {
				es.Add(key, more)
			} else {
				es.Addf(key, "%v", err)
			}
		}
		return
	}
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		s, isString := x.(string)
		if !isString {
			es.shapef(key, "got a TOML %s, want %s", TypeName(x), orWant(want, "a string"))
		} else if err := u.UnmarshalText([]byte(s)); err != nil {
			es.Addf(key, "%v", err)
		}
		return
	}
	if v.Kind() == reflect.Interface {
		v.Set(reflect.ValueOf(x)) // kept as decoded, for the caller's own checks
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		decodeValue(x, v.Elem(), key, want, es)
		return
	}
	if !setScalar(x, v) {
		decodeComposite(x, v, key, want, es)
	}
}

// setScalar sets a bool, integer, float or string field; false when v is
// not one, or x is not of its type (decodeComposite then says so).
func setScalar(x any, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Bool:
		b, ok := x.(bool)
		if ok {
			v.SetBool(b)
		}
		return ok
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := x.(int64)
		if ok && !v.OverflowInt(n) {
			v.SetInt(n)
			return true
		}
		return false
	case reflect.Float32, reflect.Float64:
		switch n := x.(type) {
		case float64:
			v.SetFloat(n)
			return true
		case int64:
			v.SetFloat(float64(n))
			return true
		}
		return false
	case reflect.String:
		s, ok := x.(string)
		if ok {
			v.SetString(s)
		}
		return ok
	}
	return false
}

// decodeComposite sets a slice, a map or a struct, or reports a type
// error.
func decodeComposite(x any, v reflect.Value, key, want string, es *Errors) {
	switch v.Kind() {
	case reflect.Slice:
		arr, ok := x.([]any)
		if !ok {
			break
		}
		out := reflect.MakeSlice(v.Type(), len(arr), len(arr))
		for i, el := range arr {
			var elErrs Errors
			decodeValue(el, out.Index(i), fmt.Sprintf("%s[%d]", key, i), elemWant(v.Type()), &elErrs)
			if shapes := elErrs.Shapes(); len(shapes) > 0 && out.Index(i).Kind() != reflect.Struct {
				// An element of the wrong type is the array's: "got a
				// TOML string in the array, want an array of numbers".
				es.shapef(key, "got a TOML %s in the array, want %s", TypeName(el), orWant(want, typeWant(v.Type())))
				return
			}
			*es = append(*es, elErrs...)
		}
		v.Set(out)
		return
	case reflect.Map:
		tab, ok := x.(map[string]any)
		if !ok || v.Type().Key().Kind() != reflect.String {
			break
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, k := range sortedKeys(tab) {
			el := reflect.New(v.Type().Elem()).Elem()
			decodeValue(tab[k], el, join(key, k), elemWant(v.Type()), es)
			v.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), el)
		}
		return
	case reflect.Struct:
		if tab, ok := x.(map[string]any); ok {
			decodeStruct(tab, v, key, es)
			return
		}
	}
	es.shapef(key, "got a TOML %s, want %s", TypeName(x), orWant(want, typeWant(v.Type())))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TypeName names the TOML type go-toml decoded x from: integer, float,
// string, boolean, array, table.
func TypeName(x any) string {
	switch x.(type) {
	case int64:
		return "integer"
	case float64:
		return "float"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "table"
	case nil:
		return "value"
	}
	return "date or time"
}

// typeWant says what a field of type t takes.
func typeWant(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "an array of " + plural(typeWant(t.Elem()))
	case reflect.Map, reflect.Struct:
		return "a table"
	case reflect.Pointer:
		return typeWant(t.Elem())
	}
	return "a value"
}

func elemWant(t reflect.Type) string { return typeWant(t.Elem()) }

// plural turns "an integer" into "integers".
func plural(s string) string {
	switch {
	case s == "true or false":
		return "true or false values"
	case strings.HasPrefix(s, "an array of"):
		return "arrays"
	}
	return strings.TrimPrefix(strings.TrimPrefix(s, "an "), "a ") + "s"
}

func orWant(want, def string) string {
	if want != "" {
		return want
	}
	return def
}

func join(prefix, key string) string {
	switch {
	case prefix == "":
		return key
	case key == "" || strings.HasPrefix(key, "["):
		return prefix + key
	}
	return prefix + "." + key
}
