// Package server serves the reader over SSH, for a team on one host: each
// session is its own Bubble Tea program with its own renderer, size and
// notes; the corpus and its index are loaded once and shared read-only.
package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/ui"
	"jianbao/ui/layout"
)

// Config says what to serve and how.
type Config struct {
	Listen         string
	HostKey        string // created (ed25519, mode 0600) when missing
	AuthorizedKeys string // OpenSSH authorized_keys; required off loopback
	Data           string // users/<name>/notes.jsonl, or notes.jsonl when shared
	SharedNotes    bool
	MaxSessions    int
	IdleTimeout    time.Duration
	// Ambiguity is the width policy of every session; Auto reads each
	// client's locale (LANG, LC_*, RUNEWIDTH_EASTASIAN sent by ssh).
	Ambiguity layout.Ambiguity

	Corpus *corpus.Corpus
	Index  *corpus.Index
	Label  string
	Log    *slog.Logger
}

// Server is a running SSH server.
type Server struct {
	cfg    Config
	srv    *ssh.Server
	keys   []authorizedKey // nil: any key (loopback only)
	active atomic.Int32
	writes sync.WaitGroup // note writes under way
	ln     net.Listener

	mu       sync.Mutex
	programs map[*tea.Program]bool // running readers, told to quit at shutdown
	closing  bool

	// feeds follow the notes files sessions read, one for each file, so
	// that a team's shared file is held once however many sessions read
	// it (85 MB of heap for 100,000 notes).
	feedMu sync.Mutex
	feeds  map[string]*notes.Feed
}

type authorizedKey struct {
	key  gossh.PublicKey
	user string
}

// userKey carries the authenticated user name in the session context.
type userKey struct{}

// New checks the configuration, loads the authorized keys and prepares the
// server; nothing listens until Serve.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 32
	}
	host, _, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %q: %w (want HOST:PORT)", cfg.Listen, err)
	}
	s := &Server{cfg: cfg, programs: map[*tea.Program]bool{}}
	if cfg.AuthorizedKeys == "" {
		if !isLoopback(host) {
			return nil, fmt.Errorf("refusing to listen on %s without --authorized-keys: anyone could connect (listen on 127.0.0.1, or give an authorized_keys file)", cfg.Listen)
		}
	} else {
		if s.keys, err = readAuthorizedKeys(cfg.AuthorizedKeys); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s: %w", cfg.Data, err)
	}
	if err := ensureHostKey(cfg.HostKey); err != nil {
		return nil, err
	}
	opts := []ssh.Option{
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKey),
		wish.WithPublicKeyAuth(s.auth),
		wish.WithKeyboardInteractiveAuth(s.explainRefusal),
		wish.WithMiddleware(s.session),
	}
	if cfg.IdleTimeout > 0 {
		opts = append(opts, wish.WithIdleTimeout(cfg.IdleTimeout))
	}
	if s.srv, err = wish.NewServer(opts...); err != nil {
		return nil, fmt.Errorf("starting the SSH server: %w", err)
	}
	return s, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ensureHostKey creates an ed25519 host key (mode 0600) when path is
// missing, and refuses a key others can read.
func ensureHostKey(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cannot create the folder of host key %s: %w", path, err)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		pub, priv, err := generateEd25519()
		if err != nil {
			return fmt.Errorf("generating host key %s: %w", path, err)
		}
		if err := os.WriteFile(path, priv, 0o600); err != nil {
			return fmt.Errorf("writing host key %s: %w", path, err)
		}
		if err := os.WriteFile(path+".pub", pub, 0o644); err != nil {
			return fmt.Errorf("writing host key %s.pub: %w", path, err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("host key %s: %w", path, err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("host key %s is readable by others (mode %v): chmod 600 it", path, fi.Mode().Perm())
	}
	return nil
}

// readAuthorizedKeys parses an OpenSSH authorized_keys file. Each key's
// user is the option environment="JIANBAO_USER=name", else its comment
// (before any @), sanitised.
func readAuthorizedKeys(path string) ([]authorizedKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read authorized keys %s: %w", path, err)
	}
	var out []authorizedKey
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not an authorized key: %w", path, line, err)
		}
		user := comment
		for _, o := range options {
			if v, ok := strings.CutPrefix(o, `environment="JIANBAO_USER=`); ok {
				user = strings.TrimSuffix(v, `"`)
			}
		}
		if i := strings.IndexByte(user, '@'); i > 0 {
			user = user[:i]
		}
		user = SanitizeUser(user)
		if user == "" {
			user = "key-" + strings.TrimPrefix(gossh.FingerprintSHA256(key), "SHA256:")[:8]
			user = SanitizeUser(user)
		}
		out = append(out, authorizedKey{key: key, user: user})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no keys: nobody could log in", path)
	}
	return out, nil
}

// SanitizeUser makes a name safe as one path element: letters (any
// script), digits, '.', '_' and '-'; anything else becomes '_'; no leading
// dot; at most 64 characters.
func SanitizeUser(name string) string {
	var sb strings.Builder
	n := 0
	for _, r := range name {
		if n == 64 {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			sb.WriteRune(r)
		case r == '.' && sb.Len() > 0:
			sb.WriteRune(r)
		default:
			sb.WriteRune('_')
		}
		n++
	}
	s := strings.Trim(sb.String(), "_.")
	if s == "" || s == "users" {
		return ""
	}
	return s
}

// auth accepts a listed key (or, with no list, any key on loopback) and
// records the user it names. Passwords and keyboard-interactive are never
// offered.
func (s *Server) auth(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.keys == nil {
		user := SanitizeUser(ctx.User())
		if user == "" {
			user = "guest"
		}
		ctx.SetValue(userKey{}, user)
		return true
	}
	for _, k := range s.keys {
		if ssh.KeysEqual(key, k.key) {
			ctx.SetValue(userKey{}, k.user)
			return true
		}
	}
	s.cfg.Log.Warn("key refused", "fingerprint", gossh.FingerprintSHA256(key), "remote", ctx.RemoteAddr().String(), "login", ctx.User())
	ctx.SetValue(refusedKey{}, key)
	return false
}

// explainRefusal answers the keyboard-interactive method, which OpenSSH
// tries after every key it has was refused (or when it has none), with a
// message saying how to get in, and refuses: the server takes keys only.
// OpenSSH asks up to three times; the message is given once a connection.
func (s *Server) explainRefusal(ctx ssh.Context, ask gossh.KeyboardInteractiveChallenge) bool {
	if ctx.Value(explainedKey{}) != nil {
		return false
	}
	ctx.SetValue(explainedKey{}, true)
	msg := refusalMessage(s.keys != nil, ctx.Value(refusedKey{}))
	s.cfg.Log.Info("login without an accepted key refused", "remote", ctx.RemoteAddr().String(), "login", ctx.User())
	_, _ = ask("", msg, nil, nil)
	return false
}

// explainedKey marks, in a connection's context, that it was told why it
// was refused; refusedKey holds the last key it offered that was refused.
type (
	explainedKey struct{}
	refusedKey   struct{}
)

// refusalMessage is what a client without an accepted key is told; key is
// the last key it offered, if any.
func refusalMessage(authorized bool, key any) string {
	const keygen = "make one with: ssh-keygen -t ed25519"
	pub, offered := key.(ssh.PublicKey)
	switch {
	case !authorized:
		return "jianbao takes SSH keys only, and your ssh offered none: " + keygen + ", then connect again."
	case offered:
		return "jianbao: your key " + gossh.FingerprintSHA256(pub) + " is not authorized on this server. " +
			"Send your public key (~/.ssh/id_ed25519.pub, never the file without .pub) to whoever runs it, " +
			"or name the right key with ssh -i."
	default:
		return "jianbao takes SSH keys only, and your ssh offered none: " + keygen +
			", then send ~/.ssh/id_ed25519.pub to whoever runs this server."
	}
}

// feed returns the feed of store's file, which every session reading that
// file shares, caught up with what was written since its last look. The
// first session to read a file loads it, and gets the warnings to log.
func (s *Server) feed(store *notes.Store) (*notes.Feed, []notes.LineError, error) {
	s.feedMu.Lock()
	defer s.feedMu.Unlock()
	if fd, ok := s.feeds[store.Path]; ok {
		_, _, err := fd.Next()
		return fd, nil, err
	}
	list, warns, f, err := store.LoadFollowing()
	if err != nil {
		return nil, warns, err
	}
	fd := notes.NewFeed(f, list)
	if s.feeds == nil {
		s.feeds = map[string]*notes.Feed{}
	}
	s.feeds[store.Path] = fd
	return fd, warns, nil
}

// notesPath is the user's notes file, or the team's.
func (s *Server) notesPath(user string) string {
	if s.cfg.SharedNotes {
		return filepath.Join(s.cfg.Data, "notes.jsonl")
	}
	return filepath.Join(s.cfg.Data, "users", user, "notes.jsonl")
}

// session runs one client: limits, pty, then the reader.
func (s *Server) session(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		user, _ := sess.Context().Value(userKey{}).(string)
		fp := ""
		if k := sess.PublicKey(); k != nil {
			fp = gossh.FingerprintSHA256(k)
		}
		log := s.cfg.Log.With("user", user, "fingerprint", fp, "remote", sess.RemoteAddr().String())
		defer func() {
			if r := recover(); r != nil {
				log.Error("session panicked; other sessions go on", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				fmt.Fprintln(sess, "\r\njianbao: internal error; the session was closed (the server logged it)")
				sess.Exit(1)
			}
		}()
		if n := s.active.Add(1); int(n) > s.cfg.MaxSessions {
			s.active.Add(-1)
			log.Warn("session refused: server full", "limit", s.cfg.MaxSessions)
			fmt.Fprintf(sess, "jianbao: the server is full (%d sessions); try again later\r\n", s.cfg.MaxSessions)
			sess.Exit(1)
			return
		}
		defer s.active.Add(-1)
		pty, winCh, ok := sess.Pty()
		if !ok {
			log.Info("session refused: no pty")
			fmt.Fprintln(sess, "jianbao: the reader needs a terminal; connect with ssh -t (or run the commands locally: jianbao --help)")
			sess.Exit(1)
			return
		}
		log.Info("session start", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
		defer func() { log.Info("session end", "duration", time.Since(start).Round(time.Millisecond).String()) }()
		s.run(sess, user, pty, winCh, log)
		next(sess)
	}
}

// run is the reader for one session.
func (s *Server) run(sess ssh.Session, user string, pty ssh.Pty, winCh <-chan ssh.Window, log *slog.Logger) {
	env := sess.Environ()
	renderer := lipgloss.NewRenderer(sess)
	renderer.SetColorProfile(profile(pty.Term, env))
	store := notes.Open(s.notesPath(user))
	store.Inflight = &s.writes
	feed, warns, err := s.feed(store)
	for _, w := range warns {
		log.Warn("notes file", "problem", w.Error())
	}
	if err != nil {
		log.Error("notes unreadable", "error", err)
		fmt.Fprintf(sess, "jianbao: %v\r\n", err)
		sess.Exit(1)
		return
	}
	list, _ := feed.Notes()
	in := newInput(sess)
	defer in.stop()
	amb := s.cfg.Ambiguity
	// The client's terminal knows better than its locale how wide “ is,
	// and it alone knows its background's colour.
	widths := amb == layout.Auto && envLookup(env)("RUNEWIDTH_EASTASIAN") == ""
	if amb == layout.Auto {
		amb = layout.ResolveAmbiguity(layout.Auto, envLookup(env))
	}
	ans, other := layout.Probe(sess, in.readTimeout, probeWait, widths)
	in.unread(other) // keys typed meanwhile go to the reader
	if ans.Background {
		renderer.SetHasDarkBackground(ans.Dark)
	}
	switch {
	case !widths:
	case ans.Ambiguity != layout.Auto:
		log.Info("terminal probed", "ambiguous", ans.Ambiguity.String(), "locale_guess", amb.String(), "dark", ans.Dark, "background_known", ans.Background)
		amb = ans.Ambiguity
	default:
		log.Info("terminal did not say how wide “ is; going by the locale", "ambiguous", amb.String())
	}
	model := ui.New(ui.Config{
		Corpus: s.cfg.Corpus, Index: s.cfg.Index, Label: s.cfg.Label,
		Policy: layout.NewPolicy(amb), Renderer: renderer,
		Notes: store, NoteList: list, Feed: feed, Author: user, ShowAuthors: s.cfg.SharedNotes,
	})
	p := tea.NewProgram(model, tea.WithInput(in), tea.WithOutput(sess), tea.WithAltScreen(), tea.WithMouseCellMotion())
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		return
	}
	s.programs[p] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.programs, p)
		s.mu.Unlock()
	}()
	go func() {
		p.Send(tea.WindowSizeMsg{Width: pty.Window.Width, Height: pty.Window.Height})
		for {
			select {
			case <-sess.Context().Done():
				p.Quit()
				return
			case w, ok := <-winCh:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		log.Error("reader stopped", "error", err)
	}
	p.Kill()
}

// probeWait is how long a session waits for its terminal to say where its
// cursor is (see layout.ProbeAmbiguity): a round trip over the network.
const probeWait = time.Second

// profile chooses a session's colour profile from the client's TERM and
// environment (NO_COLOR, COLORTERM).
func profile(term string, env []string) termenv.Profile {
	get := envLookup(env)
	switch {
	case get("NO_COLOR") != "" || term == "dumb":
		return termenv.Ascii
	case get("COLORTERM") == "truecolor" || get("COLORTERM") == "24bit" || strings.Contains(term, "direct"):
		return termenv.TrueColor
	case strings.Contains(term, "256color"):
		return termenv.ANSI256
	}
	return termenv.ANSI
}

func envLookup(env []string) func(string) string {
	return func(k string) string {
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, k+"="); ok {
				return v
			}
		}
		return ""
	}
}

// Listen takes the address, so that one in use is told at once, before a
// large corpus has loaded (connections wait until Serve). Serve listens
// itself when Listen was not called.
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", s.cfg.Listen, err)
	}
	s.ln = ln
	return nil
}

// UseCorpus gives the sessions what they read, when New was given none
// (the flags are checked, and the address taken, before the corpus loads).
func (s *Server) UseCorpus(c *corpus.Corpus, ix *corpus.Index, label string) {
	s.cfg.Corpus, s.cfg.Index, s.cfg.Label = c, ix, label
}

// Serve serves until Shutdown, listening first unless Listen did.
func (s *Server) Serve() error {
	if s.cfg.Corpus == nil {
		return errors.New("no corpus to serve")
	}
	if s.ln == nil {
		if err := s.Listen(); err != nil {
			return err
		}
	}
	ln := s.ln
	s.cfg.Log.Info("serving", "listen", ln.Addr().String(), "shared_notes", s.cfg.SharedNotes, "max_sessions", s.cfg.MaxSessions,
		"documents", s.cfg.Corpus.Len(), "authorized_keys", len(s.keys))
	if err := s.srv.Serve(ln); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	return nil
}

// Addr is where the server listens (after Serve has started).
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Shutdown stops accepting, tells every reader to quit, waits for note
// writes under way (within ctx), then closes every connection.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for p := range s.programs {
		p.Quit()
	}
	s.mu.Unlock()
	if s.ln != nil {
		s.ln.Close() // no new connections while the writes finish
	}
	done := make(chan struct{})
	go func() { s.writes.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = fmt.Errorf("note writes still under way at shutdown: %w", ctx.Err())
	}
	if cerr := s.srv.Close(); cerr != nil && err == nil && !errors.Is(cerr, net.ErrClosed) {
		err = cerr
	}
	return err
}
