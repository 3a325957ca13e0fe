// Command jianbao (简报) is a terminal reader for Chinese-language policy
// briefings: it lays Chinese text out exactly to the terminal's cells and
// lets analysts tag the passages they need.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/seeds"
	"jianbao/ui"
	"jianbao/ui/layout"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

// defaultWidth is the width plain output is laid out to when stdout is not
// a terminal.
const defaultWidth = 100

func main() {
	if os.Getenv("GOGC") == "" {
		paceGC() // see gc.go
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitError carries an exit status other than 1.
type exitError struct {
	code int
	err  error
	// usage adds a pointer to --help: the command line itself was wrong.
	usage bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks a mistake in the command line: exit status 2.
func usageError(err error) error { return &exitError{code: 2, err: err, usage: true} }

// queryWords moves the words of a search query that start with a minus
// (马云 -特朗普: a word to be absent) after "--", where they are arguments,
// not flags: a minus followed by anything but an ASCII letter, digit or
// minus names no flag. A flag's value is left where it is.
func queryWords(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd.Name() != "search" {
		return args
	}
	var keep, words []string
	rest := len(args)
	for i, arg := range args {
		if arg == "--" {
			rest = i + 1
			break
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(arg, "-")); strings.HasPrefix(arg, "-") &&
			(r >= utf8.RuneSelf || strings.ContainsRune(`"'“(（`, r)) && !valueOf(cmd, args[:i]) {
			words = append(words, arg)
			continue
		}
		keep = append(keep, arg)
	}
	if len(words) == 0 {
		return args
	}
	return slices.Concat(keep, []string{"--"}, words, args[rest:])
}

// valueOf reports whether the argument after before is the value of the
// flag that before ends with (--limit 5, -n 5).
func valueOf(cmd *cobra.Command, before []string) bool {
	if len(before) == 0 {
		return false
	}
	prev := before[len(before)-1]
	var f *pflag.Flag
	switch {
	case strings.Contains(prev, "="):
		return false
	case strings.HasPrefix(prev, "--"):
		f = cmd.Flag(prev[2:])
	case strings.HasPrefix(prev, "-") && len(prev) == 2:
		if f = cmd.Flags().ShorthandLookup(prev[1:]); f == nil {
			f = cmd.InheritedFlags().ShorthandLookup(prev[1:])
		}
	}
	return f != nil && f.NoOptDefVal == ""
}

// quoteClipped quotes s for a message, cut to n characters and saying how
// long it was when longer (a query pasted from a document can be pages).
func quoteClipped(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > n {
		return fmt.Sprintf("%q (%d characters)", string(r[:n])+"…", len(r))
	}
	return fmt.Sprintf("%q", s)
}

// shorthandRE reads pflag's message for an unknown shorthand flag, which
// names one byte of the argument (a Latin-1 'è' for the first byte of 贸).
var shorthandRE = regexp.MustCompile(`^unknown shorthand flag: '.*' in (-.*)$`)

// flagError says which argument was taken for a flag, whole, and how to
// give it as an argument instead: a search excluding a word (-特朗普) or a
// query starting with a minus.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	arg := ""
	if m := shorthandRE.FindStringSubmatch(msg); m != nil {
		arg = m[1]
		msg = fmt.Sprintf("unknown flag %s", arg)
	} else if a, ok := strings.CutPrefix(msg, "unknown flag: "); ok {
		arg = a
	}
	if arg == "" || !strings.Contains(cmd.Use, " ") { // the command takes no arguments
		return err
	}
	return fmt.Errorf("%s; an argument that starts with \"-\" goes after \"--\": %s -- %s", msg, cmd.CommandPath(), arg)
}

// app holds the global flags and the streams, so commands can be tested.
type app struct {
	stdout, stderr io.Writer
	corpusPaths    []string
	noSeeds        bool
	noCache        bool
	ambiguous      string
	notesPath      string
	vocabularyPath string
	policy         *layout.Policy
	// eastAsianSet says RUNEWIDTH_EASTASIAN was set before Apply set it.
	eastAsianSet bool
	// probed says what asking the terminal gave (see probeTerminal), for
	// the reader's log.
	probed string
	// dark is the terminal's background as probeTerminal found it (or
	// COLORFGBG said), when darkKnown.
	dark, darkKnown bool
}

// run executes the command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(queryWords(root, args))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "jianbao: "+layout.InertText(err.Error()))
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.usage {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return ee.code
	}
	return 1
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "jianbao",
		Short: "简报 jianbao — read and tag Chinese policy briefings in the terminal",
		Long: `jianbao (简报, "briefing") reads a corpus of Chinese-language briefings in the
terminal, laying Chinese text out exactly to the terminal's cells.

Run without a command on a terminal, it opens the reader on the briefings
built into the binary plus any --corpus paths. The commands below print plain
output for scripts.`,
		Example: `  jianbao                            # open the reader
  jianbao --corpus ~/briefings list  # the embedded seeds plus a folder
  jianbao show 002                   # any unique prefix of an ID`,
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			amb, err := layout.ParseAmbiguity(a.ambiguous)
			if err != nil {
				return usageError(err)
			}
			_, a.eastAsianSet = os.LookupEnv("RUNEWIDTH_EASTASIAN")
			a.policy = layout.NewPolicy(amb)
			a.policy.Apply()
			switch cmd.Name() {
			case "wrap", "version", "help", "completion":
			default:
				if err := a.checkCorpusPaths(); err != nil {
					return err
				}
			}
			switch cmd.Name() {
			case "jianbao", "search", "serve": // what searches
				if err := a.loadVocabulary(); err != nil {
					return err
				}
			}
			switch cmd.Name() {
			case "jianbao", "list", "show", "notes", "wrap":
				if in, ok := cmd.InOrStdin().(*os.File); ok {
					a.probeTerminal(in, cmd.Name() == "jianbao")
				}
			}
			// Counts and widths are never negative (0 has a meaning each
			// command gives in its help).
			for _, name := range []string{"width", "limit", "nth"} {
				if f := cmd.Flags().Lookup(name); f != nil && strings.HasPrefix(f.Value.String(), "-") {
					return usageError(fmt.Errorf("--%s %s: must not be negative", name, f.Value))
				}
			}
			return nil
		},
		RunE: a.runReader,
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError(flagError(cmd, err)) })
	pf := root.PersistentFlags()
	pf.StringArrayVar(&a.corpusPaths, "corpus", nil, "also load `PATH`: a file, or a folder searched for *.txt, *.md, *.markdown, *.html, *.htm, *.docx, *.doc, *.wps, *.rtf, *.odt, *.pptx, *.eml, *.mht, *.pdf, *.ofd and *.epub (repeatable)")
	pf.BoolVar(&a.noSeeds, "no-seeds", false, "do not load the briefings built into jianbao")
	pf.BoolVar(&a.noCache, "no-cache", false, "do not read or write the index and text caches ($XDG_CACHE_HOME/jianbao), which spare a large corpus its indexing, and PDF, Word and HTML files their converting, on the next start")
	pf.StringVar(&a.ambiguous, "ambiguous", "auto", "cell width of East Asian ambiguous characters (“ ” … — · ā): auto (RUNEWIDTH_EASTASIAN, else ask the terminal, else the locale), narrow or wide")
	pf.StringVar(&a.notesPath, "notes", "", "the notes `FILE` (default $XDG_DATA_HOME/jianbao/notes.jsonl)")
	pf.StringVar(&a.vocabularyPath, "vocabulary", "", "more cross-strait words for search from `FILE`: a line of words that name the same thing (数据 資料), or words to drop (-資訊) (default $XDG_CONFIG_HOME/jianbao/vocabulary.txt, when there is one)")
	root.AddCommand(a.listCmd(), a.showCmd(), a.searchCmd(), a.tagCmd(), a.notesCmd(), a.serveCmd(), a.wrapCmd(), a.versionCmd())
	return root
}

// xdgDir returns the folder the environment variable env names, or the
// one under the home folder the XDG spec puts in its place (.config,
// .local/share); ok is false when neither is known.
func xdgDir(env string, underHome ...string) (dir string, ok bool) {
	if dir := os.Getenv(env); dir != "" {
		return dir, true
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", false
	}
	return filepath.Join(append([]string{home}, underHome...)...), true
}

// maxVocabularyFile bounds a user's vocabulary file: a list of words.
const maxVocabularyFile = 1 << 20

// loadVocabulary adds the user's cross-strait words (--vocabulary FILE, or
// the default file when there is one) to those searches use, or leaves
// jianbao's own.
func (a *app) loadVocabulary() error {
	path, named := a.vocabularyPath, a.vocabularyPath != ""
	if !named {
		dir, ok := xdgDir("XDG_CONFIG_HOME", ".config")
		if !ok {
			return corpus.SetVocabulary(nil, "") // no home, no default file
		}
		path = filepath.Join(dir, "jianbao", "vocabulary.txt")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return corpus.SetVocabulary(nil, "")
	}
	if errors.Is(err, fs.ErrNotExist) {
		return usageError(fmt.Errorf("--vocabulary %s: no such file", path))
	}
	if err != nil {
		return fmt.Errorf("reading the vocabulary: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVocabularyFile+1))
	if err != nil {
		return fmt.Errorf("reading the vocabulary: %w (--vocabulary names a file)", err)
	}
	if len(data) > maxVocabularyFile {
		return fmt.Errorf("%s: over 1 MB: a vocabulary file is a list of words, a group a line", path)
	}
	if err := corpus.SetVocabulary(data, path); err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	return nil
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError(fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath()))
	}
	return nil
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError(err)
		}
		return nil
	}
}

// load reads the corpus, reporting each skipped file on stderr. It fails
// when no document loaded.
func (a *app) load(ctx context.Context, quiet bool) (*corpus.Corpus, []corpus.Warning, error) {
	return a.loadInto(ctx, quiet, a.loadOptions())
}

// loadIDs loads only the files that can hold the documents named by ids
// (see corpus.HoldersOf), for commands that need a few documents: on a
// large corpus, reading every file would take seconds. Finding none is not
// an error here.
func (a *app) loadIDs(ctx context.Context, ids []string) (*corpus.Corpus, error) {
	opt := a.loadOptions()
	opt.Want = corpus.HoldersOf(ids)
	c, _, err := a.loadInto(ctx, false, opt)
	return c, err
}

// resolve finds the document id names (see corpus.Corpus.Resolve), reading
// only the files that can hold it. When it is not there, the error lists
// the IDs that contain it: see resolveAmongNear.
func (a *app) resolve(ctx context.Context, id string) (*corpus.Document, error) {
	if strings.TrimSpace(id) == "" {
		// Every ID starts with "": it would read every file to say so.
		return nil, usageError(errors.New("a document ID is needed, not a blank one (jianbao list shows every ID)"))
	}
	c, err := a.loadIDs(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	return a.resolveIn(ctx, c, id)
}

// resolveIn resolves id in c, a corpus loaded by loadIDs with id among the
// IDs, as resolve does.
func (a *app) resolveIn(ctx context.Context, c *corpus.Corpus, id string) (*corpus.Document, error) {
	d, err := c.Resolve(id)
	var miss *corpus.LookupError
	if !errors.As(err, &miss) || miss.Ambiguous {
		return d, err // found, or ambiguous: every candidate was read
	}
	return a.resolveAmongNear(ctx, id)
}

// resolveAmongNear resolves id again among the documents whose ID contains
// it, ignoring case (corpus.NearHoldersOf), which are those its error lists
// when no ID starts with it (corpus.Corpus.Resolve); any that does is
// among them too. The warnings of the files read were given already.
func (a *app) resolveAmongNear(ctx context.Context, id string) (*corpus.Document, error) {
	opt := a.loadOptions()
	opt.Want = corpus.NearHoldersOf(id)
	c, _, err := a.loadInto(ctx, true, opt)
	if err != nil {
		return nil, err
	}
	return c.Resolve(id)
}

// loadIndexed is load with the documents indexed as they load.
func (a *app) loadIndexed(ctx context.Context, quiet bool) (*corpus.Corpus, *corpus.Index, []corpus.Warning, error) {
	opt := a.loadOptions()
	opt.Index = corpus.NewIndex()
	c, warns, err := a.loadInto(ctx, quiet, opt)
	return c, opt.Index, warns, err
}

// loadInto loads what opt says, with the index cache when it builds an
// index, and reports problems: see load.
func (a *app) loadInto(ctx context.Context, quiet bool, opt corpus.Options) (*corpus.Corpus, []corpus.Warning, error) {
	meter := a.loadProgress()
	cacheNote := ""
	if opt.Index != nil {
		a.useCache(&opt, func(note string) {
			cacheNote = note
			if !quiet && strings.Contains(note, "cannot") {
				meter.say("jianbao: warning: " + layout.Inert(note))
			}
		})
	}
	if !quiet {
		opt.Progress = meter.show
	}
	// Ctrl-C (or kill, or the terminal hanging up) stops the load rather
	// than the process, so that what was indexed goes into the index
	// cache; then the command exits. A second Ctrl-C ends the process at
	// once, as ever.
	loadCtx, stop := signal.NotifyContext(ctx, stopSignals()...)
	defer stop()
	context.AfterFunc(loadCtx, stop)
	c, warns := corpus.Load(loadCtx, opt)
	meter.done() // before the warnings, which would follow it on its line
	interrupted := loadCtx.Err() != nil && ctx.Err() == nil
	if interrupted {
		warns = slices.DeleteFunc(warns, func(w corpus.Warning) bool { return errors.Is(w.Err, context.Canceled) })
	}
	if !quiet {
		for _, w := range warns {
			fmt.Fprintln(a.stderr, "jianbao: warning: "+layout.Inert(w.Error()))
		}
	}
	if interrupted {
		msg := "interrupted while loading"
		if strings.Contains(cacheNote, corpus.CachePartial) {
			msg += fmt.Sprintf(" (%d documents read; the index cache keeps them, and the next start reads only the rest)", c.Len())
		}
		return nil, warns, &exitError{code: 130, err: errors.New(msg)}
	}
	switch {
	case a.noSeeds && len(a.corpusPaths) == 0:
		return nil, warns, errors.New("no documents: --no-seeds was given and no --corpus PATH")
	case c.Len() > 0 || opt.Want != nil:
		return c, warns, nil
	case len(warns) > 0:
		what := "the warning above"
		if len(warns) > 1 {
			what = fmt.Sprintf("%d warnings above", len(warns))
		}
		return nil, warns, fmt.Errorf("no documents loaded: every file was skipped (%s)", what)
	default:
		return nil, warns, fmt.Errorf("no documents loaded: no *.txt, *.md, *.markdown, *.html, *.htm, *.docx, *.doc, *.wps, *.rtf, *.odt, *.pptx, *.eml, *.mht, *.pdf, *.ofd or *.epub files under %s", strings.Join(a.corpusPaths, ", "))
	}
}

// stopSignals are the signals that stop a command's load: Ctrl-C, kill,
// and the terminal hanging up, unless the command was started to outlive
// it (nohup ignores SIGHUP, and asking for it would undo that).
func stopSignals() []os.Signal {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	return sigs
}

// checkCorpusPaths stops a command before it loads anything when a
// --corpus path does not exist: a mistyped folder would otherwise leave
// the rest searched as if it were the whole corpus, with one warning.
func (a *app) checkCorpusPaths() error {
	for _, p := range a.corpusPaths {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return usageError(fmt.Errorf("--corpus %s: no such file or folder", p))
		}
	}
	return nil
}

// progressAfter is how long a load goes on before it shows its progress:
// a corpus that loads sooner says nothing.
const progressAfter = 700 * time.Millisecond

// loadMeter shows on a terminal's stderr how a long load goes (files
// read of those found, and megabytes), one line written over, then
// erased: a first start on a large corpus takes seconds with nothing
// else to see. A script's stderr (not a terminal) is never written to.
type loadMeter struct {
	stderr      io.Writer
	w           io.Writer // stderr when it is a terminal, else nil
	mu          sync.Mutex
	start, last time.Time
	shown       bool
}

func (a *app) loadProgress() *loadMeter {
	m := &loadMeter{stderr: a.stderr, start: time.Now()}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		m.w = f
	}
	return m
}

func (m *loadMeter) show(files, done int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if m.w == nil || now.Sub(m.start) < progressAfter || now.Sub(m.last) < 100*time.Millisecond || files == 0 {
		return
	}
	m.last, m.shown = now, true
	fmt.Fprintf(m.w, "\rjianbao: loading %d of %d files, %.0f MB (%d%%)\x1b[K", done, files, float64(bytes)/1e6, done*100/files)
}

// done erases the line; the next show draws it again.
func (m *loadMeter) done() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.erase()
}

// say writes line to stderr, on a line of its own: a warning while the
// load goes on (the loader tells of its cache from its own goroutine).
func (m *loadMeter) say(line string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.erase()
	fmt.Fprintln(m.stderr, line)
}

func (m *loadMeter) erase() {
	if m.shown {
		fmt.Fprint(m.w, "\r\x1b[K")
		m.shown = false
	}
}

// loadOptions says what to load: the seeds unless --no-seeds, and every
// --corpus path.
// corpusLabel names what the reader shows, for its title bar.
func (a *app) corpusLabel() string {
	switch {
	case len(a.corpusPaths) == 0:
		return "embedded seeds"
	case a.noSeeds:
		return strings.Join(a.corpusPaths, ", ")
	}
	return "seeds + " + strings.Join(a.corpusPaths, ", ")
}

func (a *app) loadOptions() corpus.Options {
	opt := corpus.Options{Paths: a.corpusPaths}
	if !a.noSeeds {
		opt.Seeds = seeds.FS()
	}
	return opt
}

// useCache sets opt to read and write the index cache of the --corpus
// paths, unless --no-cache, telling done what became of it. Only the
// seeds, which index at once, are never cached.
func (a *app) useCache(opt *corpus.Options, done func(note string)) {
	path, err := a.cachePath()
	switch {
	case err != nil:
		done(fmt.Sprintf("no index cache: cannot find the cache folder: %v", err))
	case path != "":
		opt.Cache = path
		opt.CacheDone = done
		opt.TextCache = filepath.Join(filepath.Dir(path), "text")
	}
}

// cachePath is the path of the index cache of the --corpus paths: "" when
// there is none to use (--no-cache, or only the seeds).
func (a *app) cachePath() (string, error) {
	if a.noCache || len(a.corpusPaths) == 0 {
		return "", nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "seeds=%t\x00", !a.noSeeds)
	for _, p := range a.corpusPaths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		fmt.Fprintf(h, "%s\x00", p)
	}
	return filepath.Join(dir, "jianbao", fmt.Sprintf("index-%x.bin", h.Sum(nil)[:8])), nil
}

// outWidth is the width plain output is laid out to: the terminal's, or
// defaultWidth when stdout is not a terminal.
func (a *app) outWidth() int {
	if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return defaultWidth
}

func (a *app) isTerminal() bool {
	f, ok := a.stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (a *app) runReader(cmd *cobra.Command, _ []string) error {
	if !a.isTerminal() {
		return &exitError{code: 2, err: errors.New("the reader needs a terminal; for plain output use 'jianbao list' or 'jianbao show ID' (see 'jianbao --help')")}
	}
	logf, err := openLog()
	if err != nil {
		fmt.Fprintf(a.stderr, "jianbao: warning: not logging: %v\n", err)
	} else {
		defer logf.Close()
		slog.SetDefault(slog.New(slog.NewTextHandler(logf, nil)))
	}
	if a.noSeeds && len(a.corpusPaths) == 0 {
		return errors.New("no documents: --no-seeds was given and no --corpus PATH")
	}
	if a.probed != "" {
		slog.Info(a.probed)
	}
	// The corpus streams in while the reader runs: the first frame comes at
	// once, whatever the corpus's size.
	opt := a.loadOptions()
	opt.Index = corpus.NewIndex() // filled by the loader as files load
	a.useCache(&opt, func(note string) { slog.Info("index cache", "note", note) })
	loadCtx, stopLoad := context.WithCancel(cmd.Context())
	defer stopLoad()
	stream := corpus.Stream(loadCtx, opt)
	st, err := a.store()
	if err != nil {
		return err
	}
	noteList, warns, follower, err := st.LoadFollowing()
	for _, w := range warns {
		fmt.Fprintln(a.stderr, "jianbao: warning: "+layout.Inert(w.Error()))
	}
	if err != nil {
		return err
	}
	renderer := lipgloss.NewRenderer(a.stdout)
	if os.Getenv("NO_COLOR") != "" {
		renderer.SetColorProfile(termenv.Ascii)
	}
	// Settled here, so that lipgloss never asks the terminal itself from
	// within the reader, whose key reader would take the answer (a five
	// second wait where the terminal answers nothing: see layout.Probe).
	renderer.SetHasDarkBackground(a.background())
	m := ui.New(ui.Config{
		Corpus:   corpus.New(nil),
		Index:    opt.Index,
		Stream:   stream,
		Label:    a.corpusLabel(),
		Policy:   a.policy,
		Renderer: renderer,
		Notes:    st,
		NoteList: noteList,
		Feed:     notes.NewFeed(follower, noteList),
		Author:   notes.Author(),
		Suspend:  true,
	})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(a.stdout), tea.WithContext(cmd.Context()))
	// The terminal closed (a window shut, an SSH connection dropped): quit
	// as on q, so that the load ends as below rather than with the process.
	hup := make(chan os.Signal, 1)
	if !signal.Ignored(syscall.SIGHUP) { // nohup: hanging up is not a quit
		signal.Notify(hup, syscall.SIGHUP)
	}
	var hungUp atomic.Bool
	go func() {
		if _, ok := <-hup; ok {
			hungUp.Store(true)
			p.Quit()
		}
	}()
	_, err = p.Run()
	signal.Stop(hup)
	close(hup)
	stopLoad()
	a.finishLoad(stream)
	slog.Info("reader closed", "hangup", hungUp.Load())
	if err != nil {
		return fmt.Errorf("reader: %w", err)
	}
	return nil
}

// finishLoad waits for a load the reader has stopped (the user quit while
// it ran, or just after) to end: its index cache, of all it indexed, is
// written as it ends, and exiting first would lose it, so that the next
// start indexes everything again. It says so when that takes a while;
// Ctrl-C stops waiting.
func (a *app) finishLoad(stream <-chan corpus.Batch) {
	done := make(chan struct{})
	go func() {
		for range stream {
		}
		close(done)
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-done:
		return
	case <-time.After(300 * time.Millisecond):
	}
	fmt.Fprintln(a.stderr, "jianbao: saving the index for the next start… (Ctrl-C skips)")
	select {
	case <-done:
	case <-sig:
	}
}

// openLog opens the log file in the XDG state directory.
func openLog() (*os.File, error) {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(home, ".local", "state")
	}
	dir = filepath.Join(dir, "jianbao")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating log folder: %w", err)
	}
	return os.OpenFile(filepath.Join(dir, "jianbao.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
}

func (a *app) listCmd() *cobra.Command {
	var asJSON, reverse bool
	var width int
	var sortKey string
	cmd := &cobra.Command{
		Use:   "list [QUALIFIER...]",
		Short: "List the documents: ID, date, script, length and title",
		Long: `List the documents: ID, date, script, length (characters of the clean text) and
title. Counting lengths cleans every document; when search, the reader or serve has
left an index cache of the --corpus folders, the lengths are kept in it, so that the
next list counts only those of new or changed files. On a narrow screen (or
--width) the length, script and date columns are left out, in that order, to
keep room for the title.

Qualifiers list only the documents they allow, as in search and the reader's
filter: source:新华社, author:张三, title:通知, date:2024-03, a range of dates
date:2024-01..2024-06 (2024.. and ..2023 are open) or a bound date:'>2024-03'
(also >=, <, <=); a minus leaves those out (after "--": list --
-source:新华社). Exits 1 when none is left.`,
		Example: `  jianbao list
  jianbao list --sort date --reverse        # newest first
  jianbao list source:新华社 date:2024        # only these documents
  jianbao list date:2024-01..2024-06         # the first half of 2024
  jianbao list --json | jq -r '.[].id'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			keep := func(*corpus.Document) bool { return true }
			if p := corpus.QualifierProblem(strings.Join(args, " ")); p != "" {
				return usageError(fmt.Errorf("%s: %s", layout.Inert(p), corpus.DateHelp))
			}
			if len(args) > 0 {
				var ok bool
				if keep, ok = corpus.Qualified(strings.Join(args, " ")); !ok {
					return usageError(fmt.Errorf("list takes qualifiers only (source:新华社, author:, title:, date:2024, -source:…), not %s: to find words in the text, use jianbao search", quoteClipped(strings.Join(args, " "), 60)))
				}
			}
			// Lengths are counted as files load, while their text is in
			// hand (it is not kept), and go into an index cache that is
			// there (see Long; the index loaded with it goes unused).
			// Without one, list builds none: that would cost an index build.
			opt := a.loadOptions()
			opt.Chars = true
			if path, _ := a.cachePath(); path != "" {
				if _, err := os.Stat(path); err == nil {
					opt.Index = corpus.NewIndex()
				}
			}
			if _, err := corpus.Order(nil, sortKey, false); err != nil {
				return usageError(fmt.Errorf("--sort: %w", err))
			}
			c, _, err := a.loadInto(cmd.Context(), false, opt)
			if err != nil {
				return err
			}
			c.CountChars() // those not counted yet, on all cores
			order, _ := corpus.Order(c.Docs, sortKey, reverse)
			docs := make([]*corpus.Document, 0, len(order))
			for _, j := range order {
				if keep(c.Docs[j]) {
					docs = append(docs, c.Docs[j])
				}
			}
			if len(docs) == 0 && len(args) > 0 {
				return fmt.Errorf("no document is %s among %s", quoteClipped(strings.Join(args, " "), 60), layout.Count(c.Len(), "document", "documents"))
			}
			if asJSON {
				sums := make([]corpus.Summary, 0, len(docs))
				for _, d := range docs {
					sums = append(sums, d.Summary())
				}
				return a.writeJSON(sums)
			}
			if width <= 0 {
				width = a.outWidth()
			}
			rows := make([][]string, 0, len(docs))
			for _, d := range docs {
				rows = append(rows, []string{
					layout.Inert(d.ID), orDash(d.Date), orDash(d.Script.Label()),
					strconv.Itoa(d.Chars()), layout.Inert(d.DisplayTitle()),
				})
			}
			// On a narrow screen the title keeps room: CHARS goes first, then
			// SCRIPT, then DATE.
			cols := []layout.Column{{Header: "ID"}, {Header: "DATE", Drop: 1}, {Header: "SCRIPT", Drop: 2}, {Header: "CHARS", Right: true, Drop: 3}, {Header: "TITLE"}}
			for _, line := range a.policy.Table(cols, rows, width) {
				fmt.Fprintln(a.stdout, line)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array: id, title, date, source, author, script, chars, origin, encoding, format, warnings")
	cmd.Flags().IntVarP(&width, "width", "w", 0, "lay out to `N` cells (default: the terminal's width, else 100)")
	cmd.Flags().StringVar(&sortKey, "sort", "file", "order by `KEY`: "+strings.Join(corpus.SortKeys, ", ")+" (titles in pinyin order; undated or untitled last)")
	cmd.Flags().BoolVarP(&reverse, "reverse", "r", false, "reverse the order (--sort date -r: newest first)")
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (a *app) showCmd() *cobra.Command {
	var raw, explain bool
	var width int
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a document's text",
		Long: `Print a document's text. ID may be any unique prefix of a document's ID.

On a terminal the text is laid out to the terminal's width with Chinese line
breaking, paragraphs separated by a blank line; --width N lays it out to N
cells anywhere. Piped without --width, paragraphs are printed unbroken.
Control characters are shown as visible symbols (␛), never sent to the
terminal.`,
		Example: `  jianbao show 002
  jianbao show 002 --width 60
  jianbao show 000 --raw | less`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := a.resolve(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			var text string
			if raw {
				text = d.Raw() // the file read once, not cleaned for nothing
			} else {
				text = d.Text()
			}
			if err := d.ReadErr(); err != nil {
				return fmt.Errorf("cannot show %s: %w", d.ID, err)
			}
			if width == 0 && a.isTerminal() {
				width = a.outWidth()
			}
			if width > 0 {
				err = a.writeLines(a.policy.Wrap(text, width))
			} else {
				text = layout.InertText(text)
				if !strings.HasSuffix(text, "\n") {
					text += "\n"
				}
				_, err = io.WriteString(a.stdout, text)
			}
			if err != nil || !explain {
				return err
			}
			return a.explain(d)
		},
	}
	cmd.Flags().BoolVar(&raw, "raw", false, "print the text as decoded (for Markdown, the text it shows), before cleaning")
	cmd.Flags().BoolVar(&explain, "explain", false, "after the text, list every change the cleaner made: pass, paragraph, before → after")
	cmd.Flags().IntVarP(&width, "width", "w", 0, "lay out to `N` cells (default: the terminal's width; unbroken when piped)")
	return cmd
}

// explain prints the cleaner's changes to d, one per line.
func (a *app) explain(d *corpus.Document) error {
	changes := d.Changes()
	w := bufio.NewWriter(a.stdout)
	fmt.Fprintf(w, "\n── %s by the cleaner (passes: %s) ──\n", layout.Count(len(changes), "change", "changes"), strings.Join(corpus.PassNames(), ", "))
	if d.Encoding != "" && d.EncodingReason != "" {
		fmt.Fprintln(w, "(read as "+string(d.Encoding)+": "+layout.Inert(d.EncodingReason)+")")
	}
	switch d.Markup {
	case "markdown":
		fmt.Fprintln(w, "(read as Markdown first: front matter and markup dropped, a paragraph's lines joined; show --raw prints the text read)")
	case "html":
		fmt.Fprintln(w, "(read as HTML first: the page's article only, its furniture (scripts, menus, side bars, headers, footers) and markup dropped, its head's metadata read; show --raw prints the text read)")
	case "eml", "mht":
		fmt.Fprintln(w, "(read from a MIME message: its text part (an e-mail's plain text, a web archive's HTML as HTML), the headers giving title, date and source; show --raw prints the text read)")
	case "pptx":
		fmt.Fprintln(w, "(read from a PowerPoint deck: its slides' text boxes and tables in the presentation's order; speaker notes left out; show --raw prints the text read)")
	case "docx", "odt", "doc", "rtf":
		fmt.Fprintln(w, "(read from a word processor's file: the body's paragraphs and tables; page headers and footers, notes, comments and deleted text left out; show --raw prints the text read)")
	case "pdf":
		fmt.Fprintln(w, "(read from a PDF: the text its pages draw, lines put back into paragraphs by where they stand; running headers and footers and page numbers left out; show --raw prints the text read)")
	}
	for _, warn := range d.Warnings {
		fmt.Fprintln(w, "(warning: "+layout.Inert(warn)+")")
	}
	for _, c := range changes {
		pass := c.Pass
		if c.Rule != "" {
			pass += " (" + c.Rule + ")"
		}
		after := showEdit(c.After)
		if c.After == "" {
			after = "(removed)"
		}
		fmt.Fprintf(w, "¶%-4d %-24s %s → %s\n", c.Para, pass, showEdit(c.Before), after)
	}
	return w.Flush()
}

// showEdit makes one side of a change printable on one line: line feeds
// become ↵ and control characters visible, as do the spaces of a change
// that is only white space (␠ space, ⍽ no-break space, ⇥ tab, ␣
// ideographic space); long text is cut.
func showEdit(s string) string {
	if s != "" && strings.TrimFunc(s, unicode.IsSpace) == "" {
		s = strings.NewReplacer(" ", "␠", "\u00a0", "⍽", "\t", "⇥", "\u3000", "␣", "\f", "␌").Replace(s)
	}
	s = strings.ReplaceAll(s, "\n", "↵")
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:59]) + "…"
	}
	return layout.Inert(s)
}

// writeJSON prints v as indented JSON, for the --json flags, with the C1
// controls and bidi overrides of a hostile text escaped too.
func (a *app) writeJSON(v any) error {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(a.stdout, notes.EscapeJSON(buf.String()))
	return err
}

// writeLines prints laid-out lines.
func (a *app) writeLines(lines []layout.Line) error {
	w := bufio.NewWriter(a.stdout)
	for _, l := range lines {
		w.WriteString(l.Text)
		w.WriteByte('\n')
	}
	return w.Flush()
}

func (a *app) wrapCmd() *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "wrap [FILE...]",
		Short: "Lay text out to a width with Chinese line breaking (a Chinese-aware fold/fmt)",
		Long: `Lay text out to N cells under the --ambiguous policy: lines break where
Chinese typesetting allows (never before ，。）” or after （“), Latin words,
numbers and URLs stay whole, wide and ambiguous characters take their real
cells, and control characters are made visible; every other character is
kept (emoji sequences such as 👍🏽 take the cells the reader gives them). Each
input line is a paragraph; paragraphs are separated by one blank line, but
the rows of a table (lines with cells parted by tabs, bars or wide spaces)
stay one under the other, and cells parted by tabs line up as columns.

Reads the FILEs, or standard input when there are none. Input may be UTF-8,
UTF-16 (with a byte-order mark, or without one when the text has ASCII in
it), UTF-32 with a byte-order mark, GB18030/GBK, Big5, HZ or CESU-8.`,
		Example: `  jianbao wrap -w 40 briefing.txt
  jianbao show 003 --raw | jianbao wrap -w 60 --ambiguous wide`,
		RunE: func(cmd *cobra.Command, files []string) error {
			if width <= 0 {
				width = 80
				if a.isTerminal() {
					width = a.outWidth()
				}
			}
			var texts []string
			if len(files) == 0 {
				b, err := io.ReadAll(cmd.InOrStdin())
				if err != nil {
					return fmt.Errorf("reading standard input: %w", err)
				}
				t, err := decodeInput(b)
				if err != nil {
					return fmt.Errorf("standard input: %w", err)
				}
				texts = append(texts, t)
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					return fmt.Errorf("reading %s: %w", f, err)
				}
				t, err := decodeInput(b)
				if err != nil {
					return fmt.Errorf("%s: %w", f, err)
				}
				texts = append(texts, t)
			}
			for i, t := range texts {
				if t == "" {
					continue
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				if err := a.writeLines(a.policy.Prepare(t).KeepClusters().Wrap(width)); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&width, "width", "w", 0, "lay out to `N` cells (default: the terminal's width, else 80)")
	return cmd
}

// decodeInput decodes text given to wrap; empty input is no text.
func decodeInput(b []byte) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	d, err := corpus.Decode(b)
	if err != nil {
		return "", err
	}
	return d.Text, nil
}

func (a *app) searchCmd() *cobra.Command {
	var asJSON, documents bool
	var limit, width int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Find text in every document, in either script or by pinyin",
		Long: `Find text in the clean text of every document. The query matches in either
script (贸易 finds 貿易), full-width forms, letter case, accents (erdogan
finds Erdoğan, zhong zhōng; but ü is not u), characters that draw nothing
(a zero-width space a web page put inside 经贸), a hyphen between
Latin letters or digits (covid19 finds COVID-19, ewtp e-WTP), a comma between
digits (2000亿 finds 2,000億), a space between a letter and a digit (g20
finds G 20, covid19 COVID 19) or before a percent sign (5.2% finds 5.2 %)
and any style of quotation marks within a word (说"一带一路" finds
說「一帶一路」); a query of Latin letters also matches Han text by pinyin: full syllables (mayun → 马云,
馬雲) or initials (albb → 阿里巴巴), with or without spaces, tone marks or tone
numbers (ma yun, mǎ yún, ma3 yun2; tones are not told apart). A space, an
apostrophe or a tone number ends a syllable: xi'an finds 西安, xian also 先.
Words the mainland, Taiwan and Hong Kong write differently find each other
(软件 finds 軟體, 信息 資訊, 普京 普丁, 东盟 東協, 新西兰 紐西蘭, 特朗普 川普,
隐私 私隱; some 200 words and names, within longer words too: 软件开发 finds
軟體開發). A number before a measure word or a date's unit, or after 第, is
found written either way: 10条 finds 十条, 2024年3月 二〇二四年三月 (and
二零二四, 二○二四, and Taiwan's 113年3月 and 民國一百一十三年三月), a whole date
in any notation every other (2024年3月5日, 2024-03-05, 2024-3-5, 2024/3/5,
2024/03/05, 2024.03.05, 20240305), 三千名 3000名, 两项 2项, 第2 第二, 5.2%
百分之五点二, 1.5万 一点五万, 1.5万亿元 Taiwan's 1.5兆元 (not 兆瓦), and a year
alone digit by digit (2024 finds 二〇二四); a numeral inside a word (一带一路,
十分, 十四五) is left as it is. A word in quotes ("软件", 「軟體」, "10条") is
searched for as written.
--vocabulary FILE (or $XDG_CONFIG_HOME/jianbao/vocabulary.txt) adds a team's
own: a line of words that name the same thing (数据 資料), or words to drop
(-資訊).

Words separated by spaces must all be in a document (经贸 合作, 马云 eWTP),
unless the query reads as pinyin or Latin words as a whole (ma yun, Great
Meeting), which stays one phrase; words that touch in the text (经贸合作) make
one match. Chinese punctuation (，、。；：？！) separates words as a space does,
as in a pasted sentence (两国，经贸合作: both, one match where the text holds
it all), and so does its ASCII form next to a Han character, as dirty text
was copied (两国,经贸合作; 3,000 and 21:42 stay whole). Words in double quotes (or 「」) are one phrase ('"World Trade" 马云').
Words joined by OR (or |) are alternatives: 贸易 OR 投资 合作 finds either with
合作; AND between words is what a space says, NOT before one a minus.
Qualifiers keep the documents whose metadata holds a value: source:新华社,
author:张三, title:通知, date:2024-03 (a minus leaves them out), for the
whole query. A date may be a range, date:2024-01..2024-06 (2024.. and ..2023
are open), or a bound, date:>2024-03 (after March; also >=, <, <=, quoted
in a shell); in the reader's filter, a query of qualifiers alone lists the
documents they allow (jianbao list takes them too). 来源：新华社 is text: the
words 来源 and 新华社.
Parentheses group: (中美 贸易) OR 关税, 马云 -(特朗普 OR 拜登); a group that
would need one of two words absent, -(a b), is left out (more is found). A
wildcard * is not needed (words are found inside others): 贸易* is 贸易, and
经济*合作 finds both words.
A word or phrase after a minus (- or a full-width －) must not be in the
document (马云 -特朗普, 两国，－经贸); one that starts with an ASCII letter or digit goes after "--" (search -- 马云
-trump). Reading annotations the cleaner removes (會(huì)晤, pasted from a raw
file) are removed from the query too. Documents whose title matches come
first, then documents by number of hits.

Prints one line per match: ID, ¶paragraph, and the text around the match
with the match marked (reverse video on a terminal, ⟦ ⟧ otherwise), the line
fitted to the terminal's width (or --width) by cutting the text around the
match. With --documents, one line per document instead: ID, date, number of
matches and title. Exits 1 when nothing matches.`,
		Example: `  jianbao search 贸易
  jianbao search 一带一路 --documents      # which documents, with how many matches
  jianbao search mayun --limit 5
  jianbao search 马云 -特朗普
  jianbao search 中小企业 --json | jq '.[].id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError(errors.New("search needs a QUERY"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			query := strings.Join(args, " ")
			if strings.TrimSpace(query) == "" {
				return usageError(errors.New("search needs a QUERY that is not blank"))
			}
			if p := corpus.QualifierProblem(query); p != "" {
				return usageError(fmt.Errorf("%s: %s", layout.Inert(p), corpus.DateHelp))
			}
			if corpus.OnlyQualifiers(query) {
				return usageError(fmt.Errorf("%s has only qualifiers (source:, author:, title:, date:) and no word to find in the text: add one, or list the documents they allow: jianbao list %s", quoteClipped(query, 60), layout.Inert(query)))
			}
			c, ix, _, err := a.loadIndexed(cmd.Context(), false)
			if err != nil {
				return err
			}
			if documents {
				return a.searchDocuments(c, ix, query, limit, width, asJSON)
			}
			matches, cut := upTo(limit, func(n int) []corpus.Match { return ix.Search(query, n) })
			if len(matches) == 0 {
				return noMatch(query, c)
			}
			if asJSON {
				type hit struct {
					ID           string `json:"id"`
					Paragraph    int    `json:"paragraph"`
					Start        int    `json:"start"`
					End          int    `json:"end"`
					Snippet      string `json:"snippet"`
					SnippetStart int    `json:"snippet_start"`
					SnippetEnd   int    `json:"snippet_end"`
					InTitle      bool   `json:"in_title"`
				}
				hits := make([]hit, len(matches))
				for i, m := range matches {
					hits[i] = hit{m.Doc.ID, m.Paragraph, m.Start, m.End, m.Snippet, m.SnippetStart, m.SnippetEnd, m.InTitle}
				}
				return a.writeJSON(hits)
			}
			open, close := "⟦", "⟧"
			if a.isTerminal() && os.Getenv("NO_COLOR") == "" {
				open, close = "\x1b[7m", "\x1b[27m"
			}
			if width <= 0 && a.isTerminal() {
				width = a.outWidth()
			}
			w := bufio.NewWriter(a.stdout)
			for _, m := range matches {
				r := []rune(m.Snippet)
				lead := fmt.Sprintf("%s ¶%d ", layout.Inert(m.Doc.ID), m.Paragraph)
				before, match, after := layout.Inert(string(r[:m.SnippetStart])), layout.Inert(string(r[m.SnippetStart:m.SnippetEnd])), layout.Inert(string(r[m.SnippetEnd:]))
				if width > 0 {
					// A line the terminal would wrap: the text around the
					// match gives way (the marks take no cell on a
					// terminal; in ⟦ ⟧, two).
					marks := 0
					if open == "⟦" {
						marks = a.policy.StringWidth(open + close)
					}
					before, match, after = a.policy.FitAround(before, match, after, max(0, width-a.policy.StringWidth(lead)-marks))
				}
				fmt.Fprintf(w, "%s%s%s%s%s%s\n", lead, before, open, match, close, after)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			a.saySomeOnly(cut, limit, "matches")
			// Someone reading the matches learns why 川普 is marked in a
			// search for 特朗普; a script's output stays the matches.
			if also := corpus.AlsoSearched(query); len(also) > 0 && a.isTerminal() {
				fmt.Fprintf(a.stderr, "jianbao: also searched for %s (the other side's word, or a number written the other way; quote a word to search it as written)\n", layout.Inert(strings.Join(also, " ")))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of {id, paragraph, start, end, snippet, snippet_start, snippet_end, in_title}")
	cmd.Flags().BoolVarP(&documents, "documents", "l", false, "print each document that matches once, with its number of matches: ID, date, matches and title (--json: id, title, date, matches, in_title)")
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "print at most `N` matches, or documents with --documents (0: all)")
	cmd.Flags().IntVarP(&width, "width", "w", 0, "fit each match's line to `N` cells, the text around the match cut (default: the terminal's width; unbroken when piped)")
	return cmd
}

// searchDocuments prints the documents that hold query, each once, in
// search's order (search --documents): in a table like list's, the number
// of matches in place of the script and the length.
func (a *app) searchDocuments(c *corpus.Corpus, ix *corpus.Index, query string, limit, width int, asJSON bool) error {
	docs, cut := upTo(limit, func(n int) []corpus.DocumentMatches { return ix.SearchDocuments(query, n) })
	if len(docs) == 0 {
		return noMatch(query, c)
	}
	if asJSON {
		type hit struct {
			ID      string `json:"id"`
			Title   string `json:"title"`
			Date    string `json:"date"`
			Matches int    `json:"matches"`
			InTitle bool   `json:"in_title"`
		}
		hits := make([]hit, len(docs))
		for i, d := range docs {
			hits[i] = hit{d.Doc.ID, d.Doc.DisplayTitle(), d.Doc.Date, d.Matches, d.InTitle}
		}
		return a.writeJSON(hits)
	}
	if width <= 0 {
		width = a.outWidth()
	}
	rows := make([][]string, 0, len(docs))
	for _, d := range docs {
		rows = append(rows, []string{layout.Inert(d.Doc.ID), orDash(d.Doc.Date), strconv.Itoa(d.Matches), layout.Inert(d.Doc.DisplayTitle())})
	}
	cols := []layout.Column{{Header: "ID"}, {Header: "DATE", Drop: 1}, {Header: "MATCHES", Right: true}, {Header: "TITLE"}}
	for _, line := range a.policy.Table(cols, rows, width) {
		fmt.Fprintln(a.stdout, line)
	}
	a.saySomeOnly(cut, limit, "documents")
	return nil
}

// upTo returns what find gives, at most limit (limit <= 0: all), and
// whether there was more: find is asked for one more than the limit.
func upTo[T any](limit int, find func(n int) []T) ([]T, bool) {
	found := find(limit + min(limit, 1))
	if limit > 0 && len(found) > limit {
		return found[:limit], true
	}
	return found, false
}

func noMatch(query string, c *corpus.Corpus) error {
	return fmt.Errorf("no match for %s in %s", quoteClipped(query, 60), layout.Count(c.Len(), "document", "documents"))
}

// saySomeOnly tells a terminal's user that --limit left some of what
// search found unprinted (a script's output stays what was asked for).
func (a *app) saySomeOnly(cut bool, limit int, what string) {
	if cut && a.isTerminal() {
		fmt.Fprintf(a.stderr, "jianbao: the first %d %s; --limit 0 prints all\n", limit, what)
	}
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print jianbao's version",
		Args:  exactArgs(0),
		Run: func(cmd *cobra.Command, _ []string) {
			v := version
			goVersion := ""
			if bi, ok := debug.ReadBuildInfo(); ok {
				goVersion = bi.GoVersion
				if v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
					v = bi.Main.Version
				}
			}
			fmt.Fprintf(a.stdout, "jianbao %s (%s)\n", v, goVersion)
		},
	}
}
