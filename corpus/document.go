// Package corpus loads briefings from the embedded seeds and from disk,
// decodes them from whatever encoding they arrive in, and holds the
// documents the rest of jianbao reads. It knows nothing of terminals.
package corpus

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// OriginEmbedded is the Origin of documents that ship inside the binary.
const OriginEmbedded = "embedded"

// Script says which written form of Chinese a document uses.
type Script string

// Script values. The zero value means "not determined yet".
const (
	ScriptUnknown     Script = ""
	ScriptSimplified  Script = "simplified"
	ScriptTraditional Script = "traditional"
	ScriptMixed       Script = "mixed"
	ScriptNone        Script = "none"
)

// Label is the one-character label of a script in lists: 简, 繁 or 混, and
// "" when there is no telling.
func (s Script) Label() string {
	switch s {
	case ScriptSimplified:
		return "简"
	case ScriptTraditional:
		return "繁"
	case ScriptMixed:
		return "混"
	}
	return ""
}

// Document is one briefing.
type Document struct {
	// ID is the file name without its extension, made unique within the
	// corpus by a numeric suffix when two files share a stem.
	ID string
	// Origin is OriginEmbedded or the path the file was loaded from.
	Origin string
	// Encoding is the encoding the file was decoded from, and
	// EncodingReason why the loader chose it.
	Encoding       Encoding
	EncodingReason string
	// Damaged counts the invalid byte sequences read as U+FFFD (rule 7
	// of Decode); a warning says where.
	Damaged int
	// Size is the size of the file in bytes.
	Size int64
	// raw is the decoded text with line ends normalised to LF and nothing
	// else changed; for Markdown and HTML, the text they show (see
	// markdown.go and html.go). A loaded file's text is held only while it
	// loads, when back says how to read it again (see Raw).
	raw  string
	back *readBack
	// reread is what the last reading back found wrong, or nil.
	reread atomic.Pointer[rereadProblem]
	// Markup is "markdown" for a file read as Markdown, "html" for one
	// read as HTML, "" for plain text; front is what its front matter or
	// head says, until the metadata is read.
	Markup string
	front  *frontMatter
	// chars is the length of the clean text in characters, once counted
	// (charsKnown); fallback the first non-blank line of the head, for
	// DisplayTitle.
	chars      atomic.Int64
	charsKnown atomic.Bool // set once chars is
	fallback   string

	// Metadata read off the head and foot of the text (see
	// ExtractMetadata); empty where not known.
	Title  string
	Date   string // YYYY-MM-DD, YYYY-MM or YYYY
	Source string
	Author string
	Script Script

	// Warnings are notes about this document that the user should see,
	// such as a renamed ID. One that says the text may differ from what
	// the file shows (a PDF's damaged maps) starts with a short note that
	// NoteEnd ends: see Notes.
	Warnings []string
}

// NoteEnd ends the short note a warning about the text starts with.
const NoteEnd = " — "

// Notes are the short notes of the warnings that say the text may differ
// from what the file shows, for a reader's status line while it is read;
// and, when reading the file again went wrong, what did.
func (d *Document) Notes() []string {
	var out []string
	for _, w := range d.Warnings {
		if note, _, ok := strings.Cut(w, NoteEnd); ok {
			out = append(out, note)
		}
	}
	if p := d.reread.Load(); p != nil {
		out = append(out, p.note())
	}
	return out
}

// Raw returns the decoded text with line ends normalised to LF and nothing
// else changed; for Markdown and HTML, the text they show (see markdown.go
// and html.go).
//
// A corpus of 100,000 files is 730 MB of text that nothing reads but the
// document open and the few a search checks, so a loaded file's text is
// not kept: Raw reads the file again (the source of truth; converted
// formats come from the text cache). When that fails, Raw returns "" and
// ReadErr says why; when the file has changed since it loaded, Raw returns
// what it holds now and Notes says so (the index and metadata are of the
// text it held).
func (d *Document) Raw() string {
	text, _ := d.rawStamped()
	return text
}

// rawStamped is Raw, with the stamp of the file as read (the zero stamp
// for a text kept in memory).
func (d *Document) rawStamped() (string, stamp) {
	if d.back == nil {
		return d.raw, stamp{}
	}
	text, st, changed, err := d.back.read()
	switch {
	case err != nil:
		d.reread.Store(&rereadProblem{err: err})
	case changed:
		d.reread.Store(&rereadProblem{changed: true})
	default:
		d.reread.Store(nil)
	}
	return text, st
}

// ReadErr is why the file could not be read again the last time its text
// was asked for, or nil.
func (d *Document) ReadErr() error {
	if p := d.reread.Load(); p != nil {
		return p.err
	}
	return nil
}

// Text returns the clean text: the raw text after the cleaning passes. A
// document is cleaned when its text is asked for, which takes a fraction
// of a millisecond for a briefing; the clean texts last asked for are kept
// (cleanTexts), a bounded amount, and given again while the file's size
// and modification time are those it had when read (a stat, not a read).
// Text is safe to call from several goroutines. Like Raw, it returns ""
// when the file cannot be read again.
func (d *Document) Text() string {
	if c, st, ok := cleanTexts.get(d); ok && (d.back == nil || d.back.unchanged(st)) {
		return c
	}
	raw, st := d.rawStamped()
	c, _ := Clean(raw)
	if c == raw {
		c = raw // share the memory
	}
	if d.ReadErr() == nil {
		cleanTexts.put(d, c, st)
		d.setChars(utf8.RuneCountInString(c))
	}
	return c
}

// NewDocument makes a document of already decoded text, for callers that
// do not load files (tests, generated corpora).
func NewDocument(id, origin, raw string) *Document {
	d := &Document{ID: id, Origin: origin, Encoding: UTF8, raw: ComposeMarks(NormalizeNewlines(raw)), Size: int64(len(raw))}
	d.readMetadata()
	d.setStats(countText(d.raw))
	return d
}

// readMetadata reads title, date, source and author off the raw text (the
// loader finds the script and the length while indexing), which it must
// hold (d.raw).
func (d *Document) readMetadata() {
	md := extractFields(d.raw)
	// Cloned: the fields are cut from the windows, which must not stay
	// alive with them (kilobytes a document).
	d.Title, d.Date, d.Source, d.Author = strings.Clone(md.Title), strings.Clone(md.Date), strings.Clone(md.Source), strings.Clone(md.Author)
	if fm := d.front; fm != nil { // what front matter says comes first
		d.front = nil
		if t := clip(cleanField(fm.Title)); t != "" {
			d.Title = t
		}
		if date := findDate(fm.Date, true); date != "" {
			d.Date = date
		}
		if fm.Source != "" {
			d.Source = cleanField(fm.Source)
		}
		if fm.Author != "" {
			d.Author = cleanField(fm.Author)
		}
	}
	if d.Title == "" {
		d.fallback = strings.Clone(truncateRunes(firstLine(metaLines(d.raw, false)), maxFallbackTitle))
	}
}

// setStats records what indexing (or countText) counted of the raw text.
func (d *Document) setStats(st TextStats) { d.Script = st.Script() }

// CleanUp cleans the text now rather than when it is first read.
func (d *Document) CleanUp() { d.Text() }

// Cleaned reports whether the clean text is kept, to be given at once.
func (d *Document) Cleaned() bool {
	_, _, ok := cleanTexts.get(d)
	return ok
}

// Changes lists what the cleaner changed, in raw-text order.
//
// The record is not kept (on a large corpus it weighs more than the text);
// Changes cleans again to produce it, which takes milliseconds for one
// document.
func (d *Document) Changes() []Change { return ChangesOf(d.Raw()) }

// ChangesOf lists what the cleaner changes in raw, in raw-text order.
func ChangesOf(raw string) []Change {
	_, c := Clean(raw)
	return c.Changes()
}

// Chars is the length of the clean text in characters. Counting cleans the
// text but does not keep the clean text when it was not kept already:
// listing a corpus must not hold a second copy of it. A file that cannot
// be read again counts 0, until it can.
func (d *Document) Chars() int {
	if n, ok := d.knownChars(); ok {
		return n
	}
	c, _, ok := cleanTexts.get(d)
	if !ok {
		c, _ = Clean(d.Raw())
		if d.ReadErr() != nil {
			return 0
		}
	}
	d.setChars(utf8.RuneCountInString(c))
	return int(d.chars.Load())
}

// setChars gives the document its length, counted before (the cache).
// The first count stands: a file changed since it loaded keeps the length
// its index entry has.
func (d *Document) setChars(n int) {
	if d.charsKnown.Load() {
		return
	}
	d.chars.CompareAndSwap(0, int64(n))
	d.charsKnown.Store(true)
}

// knownChars returns the document's length if it has been counted.
func (d *Document) knownChars() (int, bool) {
	if d.charsKnown.Load() {
		return int(d.chars.Load()), true
	}
	return 0, false
}

// DisplayTitle is the document's title, or failing that its first line,
// so that lists always have something to show.
func (d *Document) DisplayTitle() string {
	if d.Title != "" {
		return d.Title
	}
	return d.fallback
}

func firstLine(s string) string {
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			return truncateRunes(t, maxFallbackTitle)
		}
	}
	return ""
}

// maxFallbackTitle caps a title taken from the first line: a file that is one
// long line must not make a title of megabytes.
const maxFallbackTitle = 200

func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// Summary is the machine-readable description of a document that
// `jianbao list --json` prints.
type Summary struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Date     string   `json:"date"`
	Source   string   `json:"source"`
	Author   string   `json:"author"`
	Script   Script   `json:"script"`
	Chars    int      `json:"chars"`
	Origin   string   `json:"origin"`
	Encoding Encoding `json:"encoding"`
	// Format is "markdown" or "html" for a file read as such, else "text".
	Format   string   `json:"format"`
	Warnings []string `json:"warnings"`
}

// Format is "markdown" or "html" for a file read as such, else "text".
func (d *Document) Format() string {
	if d.Markup != "" {
		return d.Markup
	}
	return "text"
}

// Summary describes d. Fields not known yet are empty, never absent.
func (d *Document) Summary() Summary {
	w := d.Warnings
	if w == nil {
		w = []string{}
	}
	return Summary{
		ID:       d.ID,
		Title:    d.Title,
		Date:     d.Date,
		Source:   d.Source,
		Author:   d.Author,
		Script:   d.Script,
		Chars:    d.Chars(),
		Origin:   d.Origin,
		Encoding: d.Encoding,
		Format:   d.Format(),
		Warnings: w,
	}
}

// CleanToRaw maps a rune offset of the clean text to the raw text, using
// the changes (sorted by position, as Changes returns them).
func CleanToRaw(changes []Change, offset int) int {
	raw := offset
	for _, c := range changes {
		switch {
		case c.CleanEnd <= offset:
			raw = offset - c.CleanEnd + c.RawEnd
		case c.CleanStart <= offset:
			return c.RawStart
		default:
			return raw
		}
	}
	return raw
}

// RawToClean maps a rune offset of the raw text to the clean text.
func RawToClean(changes []Change, offset int) int {
	clean := offset
	for _, c := range changes {
		switch {
		case c.RawEnd <= offset:
			clean = offset - c.RawEnd + c.CleanEnd
		case c.RawStart <= offset:
			return c.CleanStart
		default:
			return clean
		}
	}
	return clean
}
