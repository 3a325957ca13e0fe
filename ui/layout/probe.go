package layout

import (
	"bytes"
	"errors"
	"io"
	"os"
	"time"
)

// probeChar is the ambiguous character whose width the terminal is asked
// for: the opening quote, the commonest of them in Chinese text.
const probeChar = "“"

// ReadFunc reads what the terminal sends, waiting at most timeout; it
// returns os.ErrDeadlineExceeded when nothing came.
type ReadFunc func(p []byte, timeout time.Duration) (int, error)

// ProbeAmbiguity asks the terminal how many cells it gives an East Asian
// ambiguous character (see Probe); ok is false when the terminal did not
// answer within timeout or answered something else. other is what was read
// besides the answers (keys typed meanwhile), for the caller to hand on.
func ProbeAmbiguity(w io.Writer, read ReadFunc, timeout time.Duration) (a Ambiguity, ok bool, other []byte) {
	ans, other := Probe(w, read, timeout, true)
	return ans.Ambiguity, ans.Ambiguity != Auto, other
}

// Answers is what a terminal said to Probe.
type Answers struct {
	// Ambiguity is the cells the terminal gives an East Asian ambiguous
	// character, or Auto when not asked or not known.
	Ambiguity Ambiguity
	// Dark reports a dark background, when Background is set: the
	// terminal said its background colour.
	Dark, Background bool
	// Answered is set when the terminal answered at all (the cursor
	// position report that ends every probe came).
	Answered bool
}

// Probe asks the terminal, in one round trip, the colour of its background
// (OSC 11, which many terminals answer and the rest ignore) and, with
// widths set, how many cells it gives an East Asian ambiguous character,
// which no setting says for sure: CJK-locale terminals, iTerm2 and others
// draw them two cells wide on request, tmux one cell whatever the locale.
// For that it prints “ at the start of the line, asks where the cursor
// went (Device Status Report, CSI 6n), and erases the line again. The
// cursor report, which every terminal gives, comes after the colour's
// answer, so it ends the wait when the colour is not answered. The reader
// asks before it starts: a question asked while it reads keys (lipgloss
// asks for the background the first time it draws an adaptive colour)
// has its answer taken for keys, and waits five seconds for nothing.
// other is what was read besides the answers (keys typed meanwhile), for
// the caller to hand on.
func Probe(w io.Writer, read ReadFunc, timeout time.Duration, widths bool) (ans Answers, other []byte) {
	q := "\x1b]11;?\x1b\\"
	if widths {
		q += "\r" + probeChar
	}
	if _, err := io.WriteString(w, q+"\x1b[6n"); err != nil {
		return ans, nil
	}
	// Erase the probe, and whatever a terminal that knows no OSC 11 made
	// of it (the line is the reader's first, before its screen).
	defer io.WriteString(w, "\r\x1b[2K")
	deadline := time.Now().Add(timeout)
	var got []byte
	buf := make([]byte, 64)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return ans, got
		}
		n, err := read(buf, left)
		got = append(got, buf[:n]...)
		if col, from, to, found := cursorColumn(got); found {
			other = append(got[:from:from], got[to:]...)
			ans.Answered = true
			if widths {
				switch col {
				case 2:
					ans.Ambiguity = Narrow
				case 3:
					ans.Ambiguity = Wide
				}
			}
			if dark, known, from, to, found := background(other); found {
				ans.Dark, ans.Background = dark, known
				other = append(other[:from:from], other[to:]...)
			}
			return ans, other
		}
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) || len(got) > 1024 {
			return ans, got
		}
	}
}

// background finds the answer to OSC 11 in b, ESC ] 11 ; rgb:RRRR/GGGG/BBBB
// ended by ST (ESC \) or BEL, and the bytes b[from:to] it takes (an answer
// that is no colour is found too, so that it is not handed on as keys).
// known is set when it is a colour, with one to four hex digits a
// component; dark when the colour's lightness (HSL) is under a half, as
// termenv reads it.
func background(b []byte) (dark, known bool, from, to int, found bool) {
	from = bytes.Index(b, []byte("\x1b]11;"))
	if from < 0 {
		return false, false, 0, 0, false
	}
	body := b[from+len("\x1b]11;"):]
	end := bytes.IndexAny(body, "\a\x1b")
	if end < 0 || end > 64 {
		return false, false, 0, 0, false
	}
	to = from + len("\x1b]11;") + end + 1
	if body[end] == 0x1b {
		if end+1 >= len(body) || body[end+1] != '\\' {
			return false, false, 0, 0, false
		}
		to++
	}
	dark, known = colorDark(body[:end])
	return dark, known, from, to, true
}

// colorDark reads an X11 colour, rgb:R/G/B or rgba:R/G/B/A with one to four
// hex digits a component, and reports whether it is dark.
func colorDark(spec []byte) (dark, ok bool) {
	rest, ok := bytes.CutPrefix(spec, []byte("rgb:"))
	if !ok {
		rest, ok = bytes.CutPrefix(spec, []byte("rgba:"))
	}
	parts := bytes.Split(rest, []byte("/"))
	if !ok || len(parts) < 3 {
		return false, false
	}
	lo, hi := 1.0, 0.0
	for _, p := range parts[:3] {
		if len(p) == 0 || len(p) > 4 {
			return false, false
		}
		v := 0
		for _, c := range p {
			d := bytes.IndexByte([]byte("0123456789abcdef"), c|0x20)
			if d < 0 {
				return false, false
			}
			v = v<<4 | d
		}
		f := float64(v) / float64(int(1)<<(4*len(p))-1)
		lo, hi = min(lo, f), max(hi, f)
	}
	return (lo+hi)/2 < 0.5, true
}

// cursorColumn finds a cursor position report, ESC [ row ; col R, in b, and
// the bytes b[from:to] it takes.
func cursorColumn(b []byte) (col, from, to int, found bool) {
	for at := 0; ; {
		i := bytes.Index(b[at:], []byte("\x1b["))
		if i < 0 {
			return 0, 0, 0, false
		}
		from = at + i
		at = from + 2
		row, rest, ok := digits(b[at:])
		if !ok || row == 0 || len(rest) == 0 || rest[0] != ';' {
			continue
		}
		col, rest, ok := digits(rest[1:])
		if ok && len(rest) > 0 && rest[0] == 'R' {
			return col, from, len(b) - len(rest) + 1, true
		}
	}
}

// digits reads a decimal number at the start of b.
func digits(b []byte) (int, []byte, bool) {
	n, i := 0, 0
	for i < len(b) && i < 6 && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int(b[i]-'0')
		i++
	}
	return n, b[i:], i > 0
}
