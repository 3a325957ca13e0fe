package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"jianbao/ui/layout"
)

// probeWait is how long the reader waits for the terminal to say where its
// cursor is; a terminal that does not answer leaves the locale's guess.
const probeWait = 300 * time.Millisecond

// probeTerminal sets the width policy from the terminal itself when
// --ambiguous is auto, RUNEWIDTH_EASTASIAN is unset, and both in and stdout
// are the terminal: the locale only guesses (tmux draws ambiguous
// characters narrow under a zh_CN locale; iTerm2 can draw them wide under
// en_US). The reader asks, and so do the commands that align text in
// cells for a person to read: list, show, notes and wrap. Each probe asks
// for the background's colour in the same round trip; the reader (colors
// set) draws by it, and asks whatever the width setting.
func (a *app) probeTerminal(in *os.File, colors bool) {
	amb, _ := layout.ParseAmbiguity(a.ambiguous)
	widths := amb == layout.Auto && !a.eastAsianSet
	if !widths && !colors {
		return
	}
	fd := int(in.Fd())
	if !term.IsTerminal(fd) || !a.isTerminal() {
		return // the question would go into a pipe, or the answer come from one
	}
	guess := a.policy.Ambiguity()
	ans := ask(fd, a.stdout, widths)
	a.dark, a.darkKnown = ans.Dark, ans.Background
	if !widths {
		return
	}
	a.probed = fmt.Sprintf("terminal did not say how wide “ is; going by the locale: %s", guess)
	if ans.Ambiguity != layout.Auto {
		a.probed = fmt.Sprintf("terminal probed: ambiguous %s (the locale guessed %s)", ans.Ambiguity, guess)
		if ans.Ambiguity != guess {
			a.policy = layout.NewPolicy(ans.Ambiguity)
			a.policy.Apply()
		}
	}
}

// background reports whether the reader draws for a dark background: as
// the terminal said (probeTerminal), else as COLORFGBG says ("15;0": the
// last number is the background's colour, 0–6 and 8 dark), else dark.
func (a *app) background() bool {
	if a.darkKnown {
		return a.dark
	}
	if v := os.Getenv("COLORFGBG"); strings.Contains(v, ";") {
		if n, err := strconv.Atoi(v[strings.LastIndexByte(v, ';')+1:]); err == nil {
			return n <= 6 || n == 8
		}
	}
	return true
}

// ask puts the terminal at fd in raw mode (the answer comes as input, not
// echoed), asks it, and restores it before anything else is printed: in
// raw mode a line feed does not return the carriage.
func ask(fd int, out io.Writer, widths bool) layout.Answers {
	old, err := term.MakeRaw(fd)
	if err != nil {
		return layout.Answers{}
	}
	defer term.Restore(fd, old)
	// Keys typed in these milliseconds are lost: they cannot be put back
	// into the terminal for the reader.
	ans, _ := layout.Probe(out, pollReader(fd), probeWait, widths)
	return ans
}

// pollReader reads the terminal at fd, waiting at most the timeout given.
func pollReader(fd int) layout.ReadFunc {
	return func(p []byte, timeout time.Duration) (int, error) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, max(1, int(timeout.Milliseconds())))
		switch {
		case err == unix.EINTR:
			return 0, nil
		case err != nil:
			return 0, err
		case n == 0:
			return 0, os.ErrDeadlineExceeded
		}
		return unix.Read(fd, p)
	}
}
