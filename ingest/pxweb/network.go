package pxweb

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// Why a server could not be reached (UnreachableError.Reason).
const (
	ReasonDNS     = "dns"     // the host name did not resolve
	ReasonRefused = "refused" // the host refused the connection
	ReasonNoRoute = "noroute" // no route to the network or host
	ReasonTimeout = "timeout" // no connection within the dial timeout
	ReasonConnect = "connect" // the connection failed otherwise
)

// UnreachableError says a server (or the proxy in front of it) could not
// be reached at all: no answer came, so the fault is in the network, DNS
// or proxy, not in the query. Calls fail with it within seconds: a name
// that does not resolve and a connection that times out are not retried,
// a refused or unroutable connection once.
type UnreachableError struct {
	Host   string        // the server's host (and port, when the URL gives one)
	Proxy  string        // the proxy the request went through, "" for none
	Reason string        // ReasonDNS, ReasonRefused, ...
	After  time.Duration // the dial timeout, for ReasonTimeout
	Err    error         // what the connection attempt returned
}

func (e *UnreachableError) Error() string {
	what := ""
	switch e.Reason {
	case ReasonDNS:
		what = "the name does not resolve (no network, no DNS server, or a mistyped host)"
	case ReasonRefused:
		what = "the connection was refused"
	case ReasonNoRoute:
		what = "the network is unreachable"
	case ReasonTimeout:
		what = "no connection within " + e.After.String() + " (no network, or a firewall blocks it)"
	default:
		what = "the connection failed"
	}
	if e.Proxy != "" {
		return "cannot reach " + e.Host + " through the proxy " + e.Proxy + ": the proxy cannot be reached: " + what
	}
	return "cannot reach " + e.Host + ": " + what
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// retryable says whether one more try may help.
func (e *UnreachableError) retryable() bool {
	return e.Reason == ReasonRefused || e.Reason == ReasonNoRoute || e.Reason == ReasonConnect
}

// unreachable classifies err from sending rq: an *UnreachableError when
// no connection to the server or its proxy could be made, nil otherwise
// (the server was reached, and the failure is its answer's or the
// transfer's).
func (c *Client) unreachable(rq request, err error) *UnreachableError {
	u, perr := url.Parse(rq.url)
	if perr != nil {
		return nil
	}
	var op *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
	case errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect"):
	default:
		return nil
	}
	e := &UnreachableError{Host: u.Host, Err: err}
	if p := c.proxyFor(u); p != nil {
		e.Proxy = p.Redacted()
	}
	switch {
	case dns != nil:
		e.Reason = ReasonDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Reason = ReasonRefused
	case errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH):
		e.Reason = ReasonNoRoute
	case op.Timeout():
		e.Reason, e.After = ReasonTimeout, orDuration(c.DialTimeout, DefaultDialTimeout)
	default:
		e.Reason = ReasonConnect
	}
	return e
}

// proxyFor is the proxy the client's transport uses for u, nil for none
// (or when the transport is not one whose proxy can be asked).
func (c *Client) proxyFor(u *url.URL) *url.URL {
	t, ok := c.httpClient().Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return nil
	}
	p, err := t.Proxy(&http.Request{URL: u})
	if err != nil {
		return nil
	}
	return p
}

// newHTTPClient is the default HTTP client: Go's default transport, but
// connecting within dial and through the proxy the environment names now.
func newHTTPClient(dial time.Duration) *http.Client {
	proxy := httpproxy.FromEnvironment().ProxyFunc()
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	t.DialContext = (&net.Dialer{Timeout: dial, KeepAlive: 30 * time.Second}).DialContext
	return &http.Client{Transport: t}
}
