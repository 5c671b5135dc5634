// Package textcap keeps what users' files hold from flooding lmi's
// messages and memory: Quote and Plain show a value in a message at most
// MaxRunes long with control characters escaped (a 100 MB field, a zip
// member named with terminal escapes), and LimitLines stops a text reader
// at the first line longer than a limit, with a LineTooLongError saying
// which line.
package textcap
