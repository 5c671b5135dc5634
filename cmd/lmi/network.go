package main

import (
	"errors"

	"lmi/ingest/pxweb"
)

// keptError is a failed refresh: the previous run in dir is intact.
type keptError struct {
	err error
	dir string
}

func (e *keptError) Error() string {
	return e.err.Error() + " (the previous run in " + e.dir + " is intact)"
}
func (e *keptError) Unwrap() error { return e.err }

// errorLine is how lmi reports a command's failure on one line: the error
// itself, but for a PX-Web server lmi could not reach, which host, why,
// and what to try, instead of the chain of calls that led there.
func errorLine(cmd string, err error) string {
	var ue *pxweb.UnreachableError
	if !errors.As(err, &ue) {
		return err.Error()
	}
	msg := ue.Error()
	var ke *keptError
	if errors.As(err, &ke) {
		msg += "; the previous run in " + ke.dir + " is intact"
	}
	return msg + "; " + unreachableHint(cmd, ue)
}

// unreachableHint says what to try when a PX-Web server cannot be reached.
func unreachableHint(cmd string, ue *pxweb.UnreachableError) string {
	net := "check the network connection"
	if ue.Proxy != "" {
		net = "check the proxy setting (HTTPS_PROXY, HTTP_PROXY) and that the proxy runs"
	} else {
		net += ", or behind a proxy set HTTPS_PROXY (and HTTP_PROXY) to its URL"
	}
	if cmd == "fetch" {
		return "try: " + net + "; --base-url for another PX-Web server; " +
			"or download the table from SCB's statistical database in a browser and load it with lmi ingest"
	}
	return "try: " + net + "; base_url in the query for another PX-Web server; " +
		"or download the table from SCB's statistical database in a browser and give the file in [inputs] files instead of the query"
}
