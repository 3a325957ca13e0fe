package main

import (
	"fmt"
	"io"
	"os"
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
// cells for a person to read: list, show, notes and wrap.
func (a *app) probeTerminal(in *os.File) {
	if amb, _ := layout.ParseAmbiguity(a.ambiguous); amb != layout.Auto || a.eastAsianSet {
		return
	}
	fd := int(in.Fd())
	if !term.IsTerminal(fd) || !a.isTerminal() {
		return // the question would go into a pipe, or the answer come from one
	}
	guess := a.policy.Ambiguity()
	amb, ok := ask(fd, a.stdout)
	a.probed = fmt.Sprintf("terminal did not say how wide “ is; going by the locale: %s", guess)
	if ok {
		a.probed = fmt.Sprintf("terminal probed: ambiguous %s (the locale guessed %s)", amb, guess)
		if amb != guess {
			a.policy = layout.NewPolicy(amb)
			a.policy.Apply()
		}
	}
}

// ask puts the terminal at fd in raw mode (the answer comes as input, not
// echoed), asks it, and restores it before anything else is printed: in
// raw mode a line feed does not return the carriage.
func ask(fd int, out io.Writer) (layout.Ambiguity, bool) {
	old, err := term.MakeRaw(fd)
	if err != nil {
		return layout.Auto, false
	}
	defer term.Restore(fd, old)
	// Keys typed in these milliseconds are lost: they cannot be put back
	// into the terminal for the reader.
	amb, ok, _ := layout.ProbeAmbiguity(out, pollReader(fd), probeWait)
	return amb, ok
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
