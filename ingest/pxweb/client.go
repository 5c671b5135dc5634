package pxweb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults, used where the Client leaves a field zero and /config does
// not say otherwise.
const (
	DefaultBaseURL        = "https://api.scb.se/OV0104/v2beta/api/v2"
	DefaultLang           = "sv"
	DefaultMaxCells       = 150000
	DefaultMaxCalls       = 30
	DefaultTimeWindow     = 10 * time.Second
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 2 * time.Minute
	DefaultBackoffBase    = time.Second
	DefaultBackoffMax     = 30 * time.Second
	DefaultMaxRetryAfter  = 5 * time.Minute
	DefaultMaxBodyBytes   = 512 << 20
	// DefaultDialTimeout bounds looking up a server's name and connecting
	// to it (or to the proxy), so that a machine without network or DNS
	// fails in seconds, not minutes.
	DefaultDialTimeout = 5 * time.Second
)

// DefaultV1BaseURL is SCB's v1 API root for a language; a v1 table path
// such as "AM/AM0208/AM0208M/YREG60" is relative to it.
func DefaultV1BaseURL(lang string) string {
	if lang == "" {
		lang = DefaultLang
	}
	return "https://api.scb.se/OV0104/v1/doris/" + lang + "/ssd/START"
}

// Client talks to one PX-Web server. The zero value of every field but
// BaseURL is usable; set the fields before the first call and do not change
// them after. A Client is safe for concurrent use.
type Client struct {
	// BaseURL is the API root: for PxWebApi 2.0 the folder holding
	// /config and /tables (DefaultBaseURL for SCB); for v1 the database
	// root table paths are relative to (DefaultV1BaseURL).
	BaseURL string

	// HTTPClient nil: a client without overall timeout (RequestTimeout
	// applies per request) that connects within DialTimeout and through
	// the proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY
	// and their lower-case forms, read when the client is first used).
	HTTPClient  *http.Client
	DialTimeout time.Duration // for the default HTTPClient; 0: DefaultDialTimeout
	Lang        string        // "sv" when empty

	// CacheDir, when set, keeps every successful response in a file named
	// by the SHA-256 of the method, URL and body, and answers the same
	// request from it next time without a call. Refresh skips reading the
	// cache (responses are still written).
	CacheDir string
	Refresh  bool

	// Limits replaces what /config says (cell limit and calls per time
	// window). For v1 servers, which have no /config, the defaults apply
	// unless Limits is set.
	Limits *Config
	// MaxCells, when positive, caps the cells asked for in one call below
	// what the server allows.
	MaxCells int

	MaxRetries     int           // retries after 429, 5xx and network errors; 0: DefaultMaxRetries; negative: none
	RequestTimeout time.Duration // per HTTP request; 0: DefaultRequestTimeout
	BackoffBase    time.Duration // first backoff; 0: DefaultBackoffBase
	BackoffMax     time.Duration // longest backoff; 0: DefaultBackoffMax
	MaxRetryAfter  time.Duration // a longer Retry-After fails at once; 0: DefaultMaxRetryAfter

	Clock     Clock          // nil: the wall clock
	Jitter    func() float64 // in [0,1), spreads backoffs; nil: math/rand
	UserAgent string
	Log       *slog.Logger // retries and splits are logged here; nil: silent

	mu      sync.Mutex
	config  *Config
	limiter *limiter
	stats   Stats
	http    *http.Client // the default HTTPClient, made on first use
}

// Stats counts what a Client did.
type Stats struct {
	Requests  int // HTTP requests sent (each retry counts)
	CacheHits int // requests answered from the cache
	Retries   int // requests repeated after a failure
}

// Stats returns the counts so far.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// HTTPError is an answer with a status the client does not retry (or
// stopped retrying). Title and Detail come from an RFC 9457 problem body
// when the server sends one, as PxWebApi 2.0 does.
type HTTPError struct {
	Method     string
	URL        string
	StatusCode int
	Title      string
	Detail     string
	Body       string // the start of the body, when it is not a problem document
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	switch {
	case e.Title != "" && e.Detail != "":
		msg += ": " + e.Title + ": " + e.Detail
	case e.Title != "" || e.Detail != "":
		msg += ": " + e.Title + e.Detail
	case e.Body != "":
		msg += ": " + e.Body
	}
	return msg
}

// Errors wrapped by the client.
var (
	ErrBadBody      = errors.New("bad response body")
	ErrRetryAfter   = errors.New("server asks to wait longer than MaxRetryAfter")
	ErrTooManyCells = errors.New("query cannot be split below the cell limit")
	ErrSelection    = errors.New("bad selection")
	ErrConflict     = errors.New("parts disagree")
)

func (c *Client) clock() Clock {
	if c.Clock != nil {
		return c.Clock
	}
	return realClock{}
}

func (c *Client) lang() string {
	if c.Lang != "" {
		return c.Lang
	}
	return DefaultLang
}

func (c *Client) maxRetries() int {
	switch {
	case c.MaxRetries < 0:
		return 0
	case c.MaxRetries == 0:
		return DefaultMaxRetries
	}
	return c.MaxRetries
}

func orDuration(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func (c *Client) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.http == nil {
		c.http = newHTTPClient(orDuration(c.DialTimeout, DefaultDialTimeout))
	}
	return c.http
}

func (c *Client) getLimiter() *limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.limiter == nil {
		n, w := DefaultMaxCalls, DefaultTimeWindow
		if c.Limits != nil {
			n, w = c.Limits.calls()
		}
		c.limiter = newLimiter(n, w)
	}
	return c.limiter
}

func (c *Client) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

func (c *Client) logf(level slog.Level, msg string, args ...any) {
	if c.Log != nil {
		c.Log.Log(context.Background(), level, msg, args...)
	}
}

// request is one API call.
type request struct {
	method string
	url    string
	body   []byte // JSON, for POST
	// decode checks and keeps the body; an error means the body is bad
	// (truncated, not JSON, not the expected shape).
	decode func([]byte) error
}

// do makes a call: from the cache if it is there, else over the network,
// waiting for the rate limit, retrying 429 (after Retry-After), 5xx and
// network errors with exponential backoff and jitter, and retrying once a
// body that is cut short or does not decode. The context is honoured in
// every wait.
func (c *Client) do(ctx context.Context, rq request) error {
	key := cacheKey(rq.method, rq.url, rq.body)
	if data, err := c.readCache(key); err != nil {
		c.logf(slog.LevelWarn, "pxweb: cannot read cache", "err", err)
	} else if data != nil {
		if err := rq.decode(data); err == nil {
			c.count(func(s *Stats) { s.CacheHits++ })
			return nil
		}
		c.logf(slog.LevelWarn, "pxweb: dropping a cached response that does not decode", "url", rq.url)
		c.dropCache(key)
	}

	lim := c.getLimiter()
	clock := c.clock()
	retries, badBodies := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := lim.wait(ctx, clock); err != nil {
			return err
		}
		c.count(func(s *Stats) { s.Requests++ })
		resp, body, err := c.send(ctx, rq)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%s %s: %w", rq.method, rq.url, ctx.Err())
			}
			if ue := c.unreachable(rq, err); ue != nil {
				// Fail fast: a name that does not resolve or a connection
				// that timed out will not be different in a second; a
				// refused or unroutable connection is tried once more.
				if !ue.retryable() || retries > 0 || retries >= c.maxRetries() {
					return ue
				}
				if err := c.backoff(ctx, retries, "cannot connect", rq, err); err != nil {
					return err
				}
				retries++
				continue
			}
			if errors.Is(err, io.ErrUnexpectedEOF) && badBodies == 0 {
				// A body cut short: like a bad body, worth one more try.
				badBodies++
				c.count(func(s *Stats) { s.Retries++ })
				c.logf(slog.LevelWarn, "pxweb: truncated body, retrying once", "url", rq.url, "err", err)
				continue
			}
			if retries >= c.maxRetries() || errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("%s %s: %w", rq.method, rq.url, err)
			}
			if err := c.backoff(ctx, retries, "network error", rq, err); err != nil {
				return err
			}
			retries++
			continue
		}
		switch code := resp.StatusCode; {
		case code >= 200 && code < 300:
			if err := rq.decode(body); err != nil {
				if badBodies == 0 {
					badBodies++
					c.count(func(s *Stats) { s.Retries++ })
					c.logf(slog.LevelWarn, "pxweb: bad body, retrying once", "url", rq.url, "err", err)
					continue
				}
				return fmt.Errorf("%s %s: %w: %w", rq.method, rq.url, ErrBadBody, err)
			}
			if err := c.writeCache(key, body); err != nil {
				c.logf(slog.LevelWarn, "pxweb: cannot write cache", "err", err)
			}
			return nil
		case code == http.StatusTooManyRequests:
			if retries >= c.maxRetries() {
				return httpError(rq, resp, body)
			}
			wait, ok, err := c.retryAfter(resp)
			if err != nil {
				return fmt.Errorf("%w: %w", err, httpError(rq, resp, body))
			}
			if !ok {
				if err := c.backoff(ctx, retries, "429 Too Many Requests", rq, nil); err != nil {
					return err
				}
			} else {
				c.logf(slog.LevelWarn, "pxweb: 429 Too Many Requests, waiting as asked", "url", rq.url, "wait", wait)
				c.count(func(s *Stats) { s.Retries++ })
				if err := clock.Sleep(ctx, wait); err != nil {
					return err
				}
			}
			retries++
		case code == http.StatusInternalServerError || code == http.StatusBadGateway ||
			code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout:
			if retries >= c.maxRetries() {
				return httpError(rq, resp, body)
			}
			if err := c.backoff(ctx, retries, resp.Status, rq, nil); err != nil {
				return err
			}
			retries++
		default:
			return httpError(rq, resp, body)
		}
	}
}

// send makes one HTTP request and reads the whole body within
// RequestTimeout.
func (c *Client) send(ctx context.Context, rq request) (*http.Response, []byte, error) {
	rctx, cancel := context.WithTimeout(ctx, orDuration(c.RequestTimeout, DefaultRequestTimeout))
	defer cancel()
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(rctx, rq.method, rq.url, body)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", "application/json, */*;q=0.1")
	if rq.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, DefaultMaxBodyBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the body after %d bytes: %w", len(data), err)
	}
	if len(data) > DefaultMaxBodyBytes {
		return nil, nil, fmt.Errorf("body larger than %d bytes", DefaultMaxBodyBytes)
	}
	if resp.ContentLength >= 0 && int64(len(data)) != resp.ContentLength {
		return nil, nil, fmt.Errorf("body of %d bytes, Content-Length %d: %w", len(data), resp.ContentLength, io.ErrUnexpectedEOF)
	}
	return resp, data, nil
}

// backoff sleeps before retry number n+1: BackoffBase doubled n times, at
// most BackoffMax, the second half of it jittered.
func (c *Client) backoff(ctx context.Context, n int, why string, rq request, err error) error {
	d := orDuration(c.BackoffBase, DefaultBackoffBase)
	maxD := orDuration(c.BackoffMax, DefaultBackoffMax)
	for i := 0; i < n && d < maxD; i++ {
		d *= 2
	}
	d = min(d, maxD)
	j := c.Jitter
	if j == nil {
		j = rand.Float64
	}
	d = d/2 + time.Duration(j()*float64(d/2))
	c.count(func(s *Stats) { s.Retries++ })
	c.logf(slog.LevelWarn, "pxweb: retrying", "why", why, "url", rq.url, "attempt", n+2, "wait", d, "err", err)
	return c.clock().Sleep(ctx, d)
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date.
func (c *Client) retryAfter(resp *http.Response) (time.Duration, bool, error) {
	h := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if h == "" {
		return 0, false, nil
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs < 0 {
			secs = 0
		}
		if secs > int64(orDuration(c.MaxRetryAfter, DefaultMaxRetryAfter)/time.Second) {
			return 0, false, fmt.Errorf("%w: Retry-After %s", ErrRetryAfter, h)
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = max(t.Sub(c.clock().Now()), 0)
	} else {
		return 0, false, nil // unreadable: back off as usual
	}
	if d > orDuration(c.MaxRetryAfter, DefaultMaxRetryAfter) {
		return 0, false, fmt.Errorf("%w: Retry-After %s", ErrRetryAfter, h)
	}
	return d, true, nil
}

func httpError(rq request, resp *http.Response, body []byte) *HTTPError {
	e := &HTTPError{Method: rq.method, URL: rq.url, StatusCode: resp.StatusCode}
	var problem struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if json.Unmarshal(trimmed, &problem) == nil && (problem.Title != "" || problem.Detail != "") {
		e.Title, e.Detail = problem.Title, problem.Detail
		return e
	}
	s := strings.Join(strings.Fields(string(trimmed)), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	e.Body = s
	return e
}
