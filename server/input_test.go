package server

import (
	"errors"
	"io"
	"os"
	"testing"
	"time"
)

// The probe reads with a timeout and the reader then gets every byte the
// probe did not take, in order; the pump ends when the input does.
func TestInputShared(t *testing.T) {
	r, w := io.Pipe()
	in := newInput(r)
	defer in.stop()
	buf := make([]byte, 4)
	if _, err := in.readTimeout(buf, 20*time.Millisecond); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("nothing sent: %v", err)
	}
	go w.Write([]byte("\x1b[1;2Rjk"))
	n, err := in.readTimeout(buf, time.Second)
	if err != nil || string(buf[:n]) != "\x1b[1;" {
		t.Fatalf("%q, %v", buf[:n], err)
	}
	in.unread([]byte("x"))
	rest := make([]byte, 16)
	n, err = in.Read(rest)
	if err != nil || string(rest[:n]) != "x2Rjk" {
		t.Fatalf("%q, %v", rest[:n], err)
	}
	w.Close()
	if _, err := in.Read(rest); err != io.EOF {
		t.Fatalf("after the end: %v", err)
	}
}

// A session that ends while its pump holds bytes nobody reads does not
// leave the pump waiting.
func TestInputStops(t *testing.T) {
	r, w := io.Pipe()
	in := newInput(r)
	go func() {
		for i := 0; i < 20; i++ {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
		}
	}()
	time.Sleep(20 * time.Millisecond)
	in.stop()
	w.CloseWithError(io.ErrClosedPipe)
	select {
	case _, ok := <-in.ch:
		for ok {
			_, ok = <-in.ch
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the pump did not end")
	}
}
