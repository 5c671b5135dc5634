package pxweb

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"
)

// noProxy clears the proxy environment for a test.
func noProxy(t *testing.T) {
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "REQUEST_METHOD"} {
		t.Setenv(k, "")
	}
}

// closedPort is a local address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Fetching from a server that cannot be reached fails at once with an
// *UnreachableError naming the host, after at most one more try.
func TestUnreachable(t *testing.T) {
	noProxy(t)
	closed := closedPort(t)
	cases := []struct {
		name, baseURL, proxy string
		reason, host, msg    string
		requests             int
	}{
		{"closed port", "http://" + closed + "/api/v2", "", ReasonRefused, closed,
			"cannot reach " + closed + ": the connection was refused", 2},
		{"unresolvable name", "https://lmi-test.invalid/api/v2", "", ReasonDNS, "lmi-test.invalid",
			"cannot reach lmi-test.invalid: the name does not resolve (no network, no DNS server, or a mistyped host)", 1},
		{"proxy from the environment", "https://lmi-test.invalid/api/v2", "http://" + closed, ReasonRefused, "lmi-test.invalid",
			"cannot reach lmi-test.invalid through the proxy http://" + closed + ": the proxy cannot be reached: the connection was refused", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("HTTPS_PROXY", c.proxy)
			cl := &Client{BaseURL: c.baseURL, Clock: newFakeClock(), Jitter: func() float64 { return 0 }}
			_, err := cl.Fetch(context.Background(), Query{Table: "TAB6368"})
			var ue *UnreachableError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v (%T), want an *UnreachableError", err, err)
			}
			if ue.Reason != c.reason || ue.Host != c.host || ue.Error() != c.msg {
				t.Errorf("reason %q host %q message %q, want %q %q %q", ue.Reason, ue.Host, ue.Error(), c.reason, c.host, c.msg)
			}
			if got := cl.Stats().Requests; got != c.requests {
				t.Errorf("%d requests, want %d", got, c.requests)
			}
		})
	}
}

// timeoutErr is a dial error that timed out.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// Which failures count as unreachable, and why.
func TestUnreachableClassify(t *testing.T) {
	noProxy(t)
	dial := func(err error) error {
		return fmt.Errorf("Get: %w", &net.OpError{Op: "dial", Net: "tcp", Err: err})
	}
	cases := []struct {
		name   string
		err    error
		reason string // "" = not unreachable
		msg    string
	}{
		{"dns", dial(&net.DNSError{Err: "no such host", Name: "api.scb.se", IsNotFound: true}), ReasonDNS,
			"cannot reach api.scb.se: the name does not resolve (no network, no DNS server, or a mistyped host)"},
		{"refused", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), ReasonRefused,
			"cannot reach api.scb.se: the connection was refused"},
		{"no route", dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), ReasonNoRoute,
			"cannot reach api.scb.se: the network is unreachable"},
		{"timeout", dial(timeoutErr{}), ReasonTimeout,
			"cannot reach api.scb.se: no connection within 5s (no network, or a firewall blocks it)"},
		{"other dial error", dial(errors.New("socket: too many open files")), ReasonConnect,
			"cannot reach api.scb.se: the connection failed"},
		{"reset while reading", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, "", ""},
		{"not a network error", errors.New("body of 3 bytes, Content-Length 9"), "", ""},
	}
	c := &Client{}
	for _, tc := range cases {
		ue := c.unreachable(request{method: "GET", url: "https://api.scb.se/OV0104/v2beta/api/v2/config"}, tc.err)
		switch {
		case tc.reason == "" && ue != nil:
			t.Errorf("%s: %v, want not unreachable", tc.name, ue)
		case tc.reason == "":
		case ue == nil:
			t.Errorf("%s: not unreachable, want %s", tc.name, tc.reason)
		case ue.Reason != tc.reason || ue.Error() != tc.msg || !errors.Is(ue, tc.err) && !errors.Is(ue.Err, tc.err):
			t.Errorf("%s: %q %q, want %q %q", tc.name, ue.Reason, ue.Error(), tc.reason, tc.msg)
		}
	}
}
