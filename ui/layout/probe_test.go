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
			if w := out.String(); w != "\x1b]11;?\x1b\\\r“\x1b[6n\r\x1b[2K" {
				t.Errorf("wrote %q", w)
			}
		})
	}
}

func TestProbeBackground(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		widths bool
		ans    Answers
		other  string
		wrote  string
	}{
		{"black, ST", []string{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[3;1R"}, false,
			Answers{Dark: true, Background: true, Answered: true}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
		{"white, BEL, split", []string{"\x1b]11;rgb:ff", "ff/ffff/ffff\a", "\x1b[3;1R"}, false,
			Answers{Background: true, Answered: true}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
		{"two digits, light grey", []string{"\x1b]11;rgb:c0/c0/c0\x1b\\\x1b[3;1R"}, false,
			Answers{Background: true, Answered: true}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
		{"solarized dark, rgba", []string{"\x1b]11;rgba:0000/2b2b/3636/ffff\x1b\\\x1b[3;1R"}, false,
			Answers{Dark: true, Background: true, Answered: true}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
		{"no colour, widths", []string{"j\x1b[5;3R"}, true,
			Answers{Ambiguity: Wide, Answered: true}, "j", "\x1b]11;?\x1b\\\r“\x1b[6n\r\x1b[2K"},
		{"both, keys after", []string{"\x1b]11;rgb:ffff/ffff/dddd\x1b\\\x1b[5;2Rq"}, true,
			Answers{Ambiguity: Narrow, Background: true, Answered: true}, "q", "\x1b]11;?\x1b\\\r“\x1b[6n\r\x1b[2K"},
		{"not a colour", []string{"\x1b]11;blue\x1b\\\x1b[3;1R"}, false,
			Answers{Answered: true}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
		{"no answer", nil, false, Answers{}, "", "\x1b]11;?\x1b\\\x1b[6n\r\x1b[2K"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			ans, other := Probe(&out, fakeTerminal(tt.chunks...), 50*time.Millisecond, tt.widths)
			if ans != tt.ans || string(other) != tt.other {
				t.Errorf("got %+v %q, want %+v %q", ans, other, tt.ans, tt.other)
			}
			if w := out.String(); w != tt.wrote {
				t.Errorf("wrote %q, want %q", w, tt.wrote)
			}
		})
	}
}

func FuzzBackground(f *testing.F) {
	f.Add([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
	f.Add([]byte("x\x1b]11;rgba:f/ff/fff/ffff\a\x1b[1;2R"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, from, to, ok := background(b)
		if ok && (from < 0 || to > len(b) || from >= to || b[from] != 0x1b || b[to-1] != '\a' && b[to-1] != '\\') {
			t.Fatalf("%q: answer at [%d,%d)", b, from, to)
		}
	})
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
