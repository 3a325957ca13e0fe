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
// ambiguous character, which no setting says for sure: CJK-locale
// terminals, iTerm2 and others draw them two cells wide on request, tmux
// one cell whatever the locale. It prints “ at the start of the line, asks
// where the cursor went (Device Status Report, CSI 6n), and erases the line
// again. ok is false when the terminal did not answer within timeout or
// answered something else. other is what was read besides the answer (keys
// typed meanwhile), for the caller to hand on.
func ProbeAmbiguity(w io.Writer, read ReadFunc, timeout time.Duration) (a Ambiguity, ok bool, other []byte) {
	if _, err := io.WriteString(w, "\r"+probeChar+"\x1b[6n"); err != nil {
		return Auto, false, nil
	}
	defer io.WriteString(w, "\r\x1b[2K") // erase the probe
	deadline := time.Now().Add(timeout)
	var got []byte
	buf := make([]byte, 64)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return Auto, false, got
		}
		n, err := read(buf, left)
		got = append(got, buf[:n]...)
		if col, from, to, found := cursorColumn(got); found {
			other = append(got[:from:from], got[to:]...)
			switch col {
			case 2:
				return Narrow, true, other
			case 3:
				return Wide, true, other
			}
			return Auto, false, other
		}
		if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) || len(got) > 1024 {
			return Auto, false, got
		}
	}
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
