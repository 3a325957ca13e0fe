package server

import (
	"io"
	"os"
	"slices"
	"sync"
	"time"
)

// input is a session's keyboard, read once by a pump and shared: first
// the terminal probe reads from it with a timeout, then the reader reads
// the rest. A Read on an SSH channel cannot be given a deadline, and a
// second reader of the channel would take keys from the first.
type input struct {
	ch   chan []byte
	done chan struct{}
	once sync.Once
	rest []byte
	err  error // why ch closed; read after it is closed
}

// newInput starts pumping r; stop ends the pump's wait to hand on.
func newInput(r io.Reader) *input {
	in := &input{ch: make(chan []byte, 8), done: make(chan struct{})}
	go func() {
		defer close(in.ch)
		for {
			buf := make([]byte, 1024)
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case in.ch <- buf[:n]:
				case <-in.done:
					return
				}
			}
			if err != nil {
				in.err = err
				return
			}
		}
	}()
	return in
}

// stop lets the pump end when nobody will read any more.
func (in *input) stop() { in.once.Do(func() { close(in.done) }) }

// unread puts b back before what is left to read.
func (in *input) unread(b []byte) {
	if len(b) > 0 {
		in.rest = append(slices.Clip(b), in.rest...)
	}
}

// Read gives the next bytes, waiting for them.
func (in *input) Read(p []byte) (int, error) { return in.read(p, nil) }

// readTimeout is Read waiting at most d, for layout.ProbeAmbiguity.
func (in *input) readTimeout(p []byte, d time.Duration) (int, error) {
	t := time.NewTimer(d)
	defer t.Stop()
	return in.read(p, t.C)
}

func (in *input) read(p []byte, timeout <-chan time.Time) (int, error) {
	if len(in.rest) == 0 {
		select {
		case b, ok := <-in.ch:
			if !ok {
				if in.err == nil {
					return 0, io.EOF
				}
				return 0, in.err
			}
			in.rest = b
		case <-timeout:
			return 0, os.ErrDeadlineExceeded
		}
	}
	n := copy(p, in.rest)
	in.rest = in.rest[n:]
	return n, nil
}
