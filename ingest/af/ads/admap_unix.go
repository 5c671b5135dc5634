//go:build unix

package ads

import (
	"io"
	"math"
	"os"
	"runtime/debug"
	"syscall"
	"unsafe"

	"lmi/ingest/af"
)

// mapping is a regular file mapped read-only: its pages are the kernel's
// page cache, read in place rather than copied into a buffer. On a file
// in the page cache, the read system call's copy and the buffer's line
// splitting were 8% of ReadAds; mapped, the page faults cost less and the
// whole read is 5-10% faster. MAP_POPULATE and madvise (sequential,
// will-need) were measured too and did not help.
type mapping struct {
	all  []byte // the whole mapping, for Munmap
	data []byte // the file from the offset it was at
	f    *os.File
}

// mapFile maps f when it is a non-empty regular file not read to its
// end. ok is false when it cannot be mapped (a pipe, a terminal, a file
// not open for reading): the caller then streams it.
func mapFile(f *os.File) (m *mapping, ok bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() <= 0 || st.Size() > math.MaxInt {
		return nil, false
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil || off >= st.Size() {
		return nil, false
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, false
	}
	var all []byte
	var merr error
	if err := rc.Control(func(fd uintptr) {
		all, merr = syscall.Mmap(int(fd), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	}); err != nil || merr != nil {
		return nil, false
	}
	return &mapping{all: all, data: all[off:], f: f}, true
}

// readMapped reads a mapped file and unmaps it. A file cut short while
// mapped makes reading its lost pages fault (SIGBUS): the fault becomes a
// panic here (debug.SetPanicOnFault), recovered and returned as ErrIO
// rather than crashing the program.
func (a *adAgg) readMapped(m *mapping, file string) (err error) {
	defer m.close()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(interface{ Addr() uintptr }); ok && m.holds(f.Addr()) {
				err = &af.Error{File: file, Kind: af.ErrIO, Msg: "the file was cut short while it was read"}
				return
			}
			panic(r)
		}
	}()
	return a.readFrom(&memInput{data: m.data, max: a.opt.MaxLineBytes}, file)
}

// close unmaps the file and leaves it read to its end, as streaming it
// would.
func (m *mapping) close() {
	syscall.Munmap(m.all)
	m.f.Seek(0, io.SeekEnd)
}

// holds reports whether addr lies in the mapping.
func (m *mapping) holds(addr uintptr) bool {
	start := uintptr(unsafe.Pointer(unsafe.SliceData(m.all)))
	return addr >= start && addr-start < uintptr(len(m.all))
}
