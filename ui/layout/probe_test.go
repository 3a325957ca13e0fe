package layout

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// fakeTerminal answers reads from chunks, one a call; when they run out it
// reports the deadline.
func fakeTerminal(chunks ...string) ReadFunc {
	return func(p []byte, _ time.Duration) (int, error) {
		if len(chunks) == 0 {
			return 0, os.ErrDeadlineExceeded
		}
		n := copy(p, chunks[0])
		chunks = chunks[1:]
		return n, nil
	}
}

func TestProbeAmbiguity(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   Ambiguity
		ok     bool
		other  string
	}{
		{"narrow", []string{"\x1b[1;2R"}, Narrow, true, ""},
		{"wide", []string{"\x1b[24;3R"}, Wide, true, ""},
		{"split answer", []string{"\x1b[", "12;", "3", "R"}, Wide, true, ""},
		{"keys around the answer", []string{"j\x1b[A\x1b[5;2Rq"}, Narrow, true, "j\x1b[Aq"},
		{"no answer", nil, Auto, false, ""},
		{"another column", []string{"\x1b[1;7R"}, Auto, false, ""},
		{"not an answer", []string{"\x1b[1;2X", "\x1b[;R"}, Auto, false, "\x1b[1;2X\x1b[;R"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got, ok, other := ProbeAmbiguity(&out, fakeTerminal(tt.chunks...), 50*time.Millisecond)
			if got != tt.want || ok != tt.ok || string(other) != tt.other {
				t.Errorf("got %v %v %q, want %v %v %q", got, ok, other, tt.want, tt.ok, tt.other)
			}
			if w := out.String(); w != "\r“\x1b[6n\r\x1b[2K" {
				t.Errorf("wrote %q", w)
			}
		})
	}
}

func TestProbeGivesUp(t *testing.T) {
	slow := func(p []byte, timeout time.Duration) (int, error) {
		time.Sleep(timeout)
		return 0, os.ErrDeadlineExceeded
	}
	start := time.Now()
	if _, ok, _ := ProbeAmbiguity(&bytes.Buffer{}, slow, 30*time.Millisecond); ok || time.Since(start) > time.Second {
		t.Errorf("ok %v after %v", ok, time.Since(start))
	}
}

func FuzzCursorColumn(f *testing.F) {
	f.Add([]byte("\x1b[1;2R"))
	f.Add([]byte("\x1b[\x1b[1;\x1b[2;3R"))
	f.Fuzz(func(t *testing.T, b []byte) {
		col, from, to, ok := cursorColumn(b)
		if ok && (col < 0 || from < 0 || to > len(b) || from >= to || b[to-1] != 'R' || b[from] != 0x1b) {
			t.Fatalf("%q: column %d at [%d,%d)", b, col, from, to)
		}
	})
}
