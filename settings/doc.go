// Package settings reads lmi's settings from TOML tables into the structs
// that define them (indicators.Params, forecast.Params, ...) and carries
// the errors that name a setting by its key.
//
// A setting is one struct field: its toml tag is its key, its doc comment
// says what it does, the struct's defaults function gives its default and
// the struct's Validate method checks it, returning FieldErrors keyed like
// the TOML (match_key.threshold, levels[1]). Decode does the typing: a
// value of the wrong TOML type, or a key no field has, is a FieldError
// too. A run spec maps the keys to its file and lines; the command line
// to its flags.
package settings
