package pxweb

import (
	"context"
	"sync"
	"time"
)

// Clock tells the time and waits. The client does all its waiting (rate
// limit, backoff, Retry-After) through it, so tests can run without real
// sleeps by passing a fake.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx is done, when it returns ctx.Err().
	Sleep(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// limiter keeps at most n calls in any window of the given length: a token
// bucket of n tokens in which each token comes back a full window after it
// was spent. This is stricter than a bucket refilled at a steady rate,
// which would let up to 2n calls through in one window; PxWebApi counts
// calls per window.
type limiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	spent  []time.Time // when each token in use was spent, oldest first
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window}
}

// set changes the limit, keeping the calls already made.
func (l *limiter) set(n int, window time.Duration) {
	l.mu.Lock()
	l.n, l.window = n, window
	l.mu.Unlock()
}

// wait takes a token, sleeping through clock until one is free.
func (l *limiter) wait(ctx context.Context, clock Clock) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		now := clock.Now()
		drop := 0
		for drop < len(l.spent) && now.Sub(l.spent[drop]) >= l.window {
			drop++
		}
		l.spent = l.spent[drop:]
		if len(l.spent) < l.n || l.n <= 0 {
			l.spent = append(l.spent, now)
			l.mu.Unlock()
			return nil
		}
		d := l.spent[0].Add(l.window).Sub(now)
		l.mu.Unlock()
		if err := clock.Sleep(ctx, d); err != nil {
			return err
		}
	}
}
