package pxweb

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"lmi/internal/atomicfile"
	"os"
	"path/filepath"
)

// cacheKey names a response by what was asked: SHA-256 of the method, the
// URL (with its query string) and the body.
func cacheKey(method, url string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{'\n'})
	h.Write([]byte(url))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Client) cachePath(key string) string {
	return filepath.Join(c.CacheDir, key[:2], key)
}

// readCache returns a cached response, or nil when there is none.
func (c *Client) readCache(key string) ([]byte, error) {
	if c.CacheDir == "" || c.Refresh {
		return nil, nil
	}
	data, err := os.ReadFile(c.cachePath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

func (c *Client) dropCache(key string) {
	if c.CacheDir != "" {
		os.Remove(c.cachePath(key))
	}
}

// writeCache stores a response atomically: a temporary file in the same
// folder renamed over the final name, so a crash never leaves half a
// response that a later run would take for whole.
func (c *Client) writeCache(key string, data []byte) error {
	if c.CacheDir == "" {
		return nil
	}
	return writeAtomic(c.cachePath(key), data)
}

// writeAtomic writes data to path atomically and durably, making its
// folder first.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
