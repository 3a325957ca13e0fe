package main

import (
	"log/slog"
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
// --ambiguous is auto and RUNEWIDTH_EASTASIAN is unset: the locale only
// guesses (tmux draws ambiguous characters narrow under a zh_CN locale;
// iTerm2 can draw them wide under en_US). in is the reader's input.
func (a *app) probeTerminal(in *os.File) {
	if amb, _ := layout.ParseAmbiguity(a.ambiguous); amb != layout.Auto || a.eastAsianSet {
		return
	}
	fd := int(in.Fd())
	if !term.IsTerminal(fd) {
		return
	}
	old, err := term.MakeRaw(fd) // the answer comes as input, unechoed
	if err != nil {
		return
	}
	defer term.Restore(fd, old)
	guess := a.policy.Ambiguity()
	amb, ok := layout.ProbeAmbiguity(a.stdout, pollReader(fd), probeWait)
	if !ok {
		slog.Info("terminal did not say how wide “ is; going by the locale", "ambiguous", guess.String())
		return
	}
	slog.Info("terminal probed", "ambiguous", amb.String(), "locale_guess", guess.String())
	if amb != guess {
		a.policy = layout.NewPolicy(amb)
		a.policy.Apply()
	}
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
