package persons

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestZZHang(t *testing.T) {
	good := goodParquet(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		in := append([]byte(nil), good...)
		for k := 0; k < 1+rng.IntN(4); k++ {
			switch rng.IntN(4) {
			case 0:
				in[rng.IntN(len(in))] = byte(rng.IntN(256))
			case 1:
				j := rng.IntN(len(in))
				in = append(in[:j], in[j+1:]...)
			case 2:
				j := rng.IntN(len(in))
				in = append(in[:j], append([]byte{byte(rng.IntN(256))}, in[j:]...)...)
			case 3:
				j := rng.IntN(len(in) - 4)
				in[j], in[j+1], in[j+2], in[j+3] = 0xff, 0xff, 0xff, 0x7f
			}
		}
		path := filepath.Join(dir, "f.parquet")
		os.WriteFile(path, in, 0o644)
		done := make(chan string, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- fmt.Sprint("panic: ", r)
				}
			}()
			r, err := Open(path, Parquet, Options{})
			if err != nil {
				done <- "err"
				return
			}
			for r.Next() {
			}
			r.Release()
			done <- "ok"
		}()
		select {
		case res := <-done:
			if len(res) > 5 && res[:5] == "panic" {
				t.Logf("%d: %s", i, res)
			}
		case <-time.After(5 * time.Second):
			os.WriteFile("/tmp/hang.parquet", in, 0o644)
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("hang at %d, heap %d MB\n%s", i, m.HeapAlloc>>20, buf[:n])
		}
	}
}
