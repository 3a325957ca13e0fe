// Package notes keeps the passages analysts tag: note records anchored to
// documents, an append-only JSON Lines store that never loses a line, and
// exports. It knows nothing of terminals.
package notes

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// contextRunes is how much text either side of a quote a note keeps, to
// find the quote again when the document changes.
const contextRunes = 32

// Note is one tagged passage. Its anchor follows the W3C Web Annotation
// selectors: the exact quote with the text before and after it
// (TextQuoteSelector) and rune offsets into the clean text
// (TextPositionSelector).
type Note struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Author  string    `json:"author"`
	Doc     string    `json:"doc"`
	// DocHash identifies the clean text the offsets refer to.
	DocHash string   `json:"doc_hash"`
	Quote   string   `json:"quote"`
	Prefix  string   `json:"prefix"`
	Suffix  string   `json:"suffix"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Tags    []string `json:"tags"`
	Comment string   `json:"comment,omitempty"`
}

// TextHash is the DocHash of a clean text.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:12])
}

// NewID makes a note id: the creation time in base 36, then 32 random bits,
// so ids sort by time and two writers never pick the same one.
func NewID(now time.Time) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	return strconv.FormatInt(now.UnixMilli(), 36) + "-" + hex.EncodeToString(b[:])
}

// New makes a note for the runes [start, end) of a document's clean text.
func New(doc, text string, start, end int, tags []string, comment, author string, now time.Time) (Note, error) {
	runes := []rune(text)
	if start < 0 || end > len(runes) || start >= end {
		return Note{}, fmt.Errorf("passage [%d,%d) is outside the text (%d characters)", start, end, len(runes))
	}
	tags = NormalizeTags(tags)
	return Note{
		ID:      NewID(now),
		Created: now.UTC().Truncate(time.Millisecond),
		Author:  author,
		Doc:     doc,
		DocHash: TextHash(text),
		Quote:   string(runes[start:end]),
		Prefix:  string(runes[max(0, start-contextRunes):start]),
		Suffix:  string(runes[end:min(len(runes), end+contextRunes)]),
		Start:   start,
		End:     end,
		Tags:    tags,
		Comment: comment,
	}, nil
}

// NormalizeTags splits tags given as "a, b c" or several arguments,
// trims them, drops empty ones and duplicates, and keeps the order.
func NormalizeTags(in []string) []string {
	var out []string
	for _, t := range in {
		for _, f := range strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r) }) {
			if f = strings.TrimSpace(f); f != "" && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// Author is the local user's name, for notes made on this machine.
func Author() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if s := os.Getenv("USER"); s != "" {
		return s
	}
	return "unknown"
}

// DefaultPath is $XDG_DATA_HOME/jianbao/notes.jsonl, or
// ~/.local/share/jianbao/notes.jsonl.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("finding the notes file: %w (use --notes FILE)", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "jianbao", "notes.jsonl"), nil
}

// Status says how a note's anchor fits the document's current text.
type Status int

const (
	// Exact: the text is the one the note was made on.
	Exact Status = iota
	// Moved: the text changed; the quote was found again by its context.
	Moved
	// Approximate: the quote itself changed; this is where it most likely
	// went.
	Approximate
	// Orphaned: the quote could not be found, or the document is gone.
	// The note is kept.
	Orphaned
)

func (s Status) String() string {
	return [...]string{"exact", "moved", "approximate", "orphaned"}[s]
}

// Placed is a note with where it stands in the current text.
type Placed struct {
	Note
	Status Status
	// Start and End are the current rune offsets (the note's own when
	// orphaned).
	Start, End int
}

// Place anchors n in text, the document's current clean text: at its
// offsets when the text is unchanged, else by its quote and context (exact
// quote first, then an approximate one), else it is orphaned.
func Place(n Note, text string) Placed {
	p := Placed{Note: n, Status: Orphaned, Start: n.Start, End: n.End}
	runes := []rune(text)
	q := []rune(n.Quote)
	if len(q) == 0 {
		return p
	}
	if n.Start >= 0 && n.Start <= n.End && n.End <= len(runes) && string(runes[n.Start:n.End]) == n.Quote && (n.DocHash == TextHash(text) || n.DocHash == "") {
		p.Status = Exact
		return p
	}
	pre, suf := []rune(n.Prefix), []rune(n.Suffix)
	context := func(s, e int) int { return commonSuffix(runes[:s], pre) + commonPrefix(runes[e:], suf) }
	// Every exact occurrence, scored by how much context agrees (and, on a
	// tie, by nearness to where it was).
	best, bestScore := -1, -1
	for i := 0; i+len(q) <= len(runes); i++ {
		if runes[i] != q[0] || !equalRunes(runes[i:i+len(q)], q) {
			continue
		}
		score := 4*context(i, i+len(q)) - min(abs(i-n.Start), 1000)/100
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	// An edited quote whose context agrees better beats an exact copy of
	// the quote elsewhere (a repeated sentence, the other one corrected).
	if s, e, ok := approximate(runes, q, pre, suf); ok && (best < 0 || context(s, e) > context(best, best+len(q))) {
		p.Status, p.Start, p.End = Approximate, s, e
		return p
	}
	if best >= 0 {
		p.Status, p.Start, p.End = Moved, best, best+len(q)
		if best == n.Start && n.DocHash == TextHash(text) {
			p.Status = Exact
		}
	}
	return p
}

// approximate finds a quote that was edited. Candidates: the text between
// its old context (the end of the prefix and the start of the suffix found
// close together); a span starting where the quote's first half still is;
// a span ending where its second half still is. The candidate whose
// surroundings agree most with the old context wins.
func approximate(text, q, pre, suf []rune) (int, int, bool) {
	const ctx = 6
	near := func(a, b int) bool { return b > a && abs((b-a)-len(q)) <= max(4, len(q)/2) }
	best, bestS, bestE := -1, 0, 0
	consider := func(s, e int) {
		if s < 0 || e > len(text) || !near(s, e) {
			return
		}
		if c := commonSuffix(text[:s], pre) + commonPrefix(text[e:], suf); c > best {
			best, bestS, bestE = c, s, e
		}
	}
	tail := pre[max(0, len(pre)-ctx):]
	head := suf[:min(len(suf), ctx)]
	if len(tail)+len(head) >= ctx {
		for i := 0; i+len(tail) <= len(text); i++ {
			if len(tail) > 0 && !equalRunes(text[i:i+len(tail)], tail) {
				continue
			}
			s := i + len(tail)
			if len(head) == 0 {
				consider(s, s+len(q))
				continue
			}
			for j := s + 1; j+len(head) <= len(text) && j-s <= 2*len(q)+4; j++ {
				if equalRunes(text[j:j+len(head)], head) {
					consider(s, j)
					break
				}
			}
			if len(tail) == 0 {
				break
			}
		}
	}
	if len(q) >= 6 {
		half := len(q) / 2
		a, b := q[:half], q[len(q)-half:]
		for i := 0; i+len(a) <= len(text); i++ {
			if equalRunes(text[i:i+len(a)], a) {
				consider(i, i+len(q))
			}
			if equalRunes(text[i:min(len(text), i+len(b))], b) {
				consider(i+len(b)-len(q), i+len(b))
			}
		}
	}
	// Without any agreeing context, an edited quote is a guess.
	return bestS, bestE, best >= ctx/2
}

func equalRunes(a, b []rune) bool { return slices.Equal(a, b) }

func commonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Find returns the rune offsets of the nth (1-based) occurrence of quote in
// text: an exact match first; failing that, a match after folding scripts
// and widths (fold, which may be nil), so 贸易 finds 貿易; failing that, a
// folded match that ignores white space on both sides, so a quote copied
// from a wrapped screen (line breaks and the pane's margin in it) or typed
// with spaces between Chinese words still finds its passage; that match
// also looks through the characters unseen reports (may be nil: those that
// draw nothing, such as a zero-width space a web page put inside a word).
// The span returned then starts and ends on the quote's first and last
// visible characters. A quote that is not valid UTF-8 is never found.
func Find(text, quote string, nth int, fold func(string) string, unseen func(rune) bool) (int, int, bool) {
	skip := func(r rune) bool { return unicode.IsSpace(r) || unseen != nil && unseen(r) }
	if nth < 1 || !utf8.ValidString(quote) || strings.IndexFunc(quote, func(r rune) bool { return !skip(r) }) < 0 {
		return 0, 0, false // nothing to see in the quote
	}
	if fold == nil {
		fold = func(s string) string { return s }
	}
	if s, e, ok := findNth(text, quote, nth); ok {
		return s, e, true
	}
	// Folding maps rune to rune, so rune offsets carry over.
	hay, needle := fold(text), fold(quote)
	if s, e, ok := findNth(hay, needle, nth); ok {
		return s, e, true
	}
	// The same without white space (and unseen characters); at[i] is the
	// rune offset of the i-th rune kept.
	var sk strings.Builder
	var at []int32
	i := int32(0)
	for _, r := range hay {
		if !skip(r) {
			sk.WriteRune(r)
			at = append(at, i)
		}
		i++
	}
	s, e, ok := findNth(sk.String(), strings.Map(func(r rune) rune {
		if skip(r) {
			return -1
		}
		return r
	}, needle), nth)
	if !ok || e == s {
		return 0, 0, false
	}
	return int(at[s]), int(at[e-1]) + 1, true
}

// findNth returns the rune span of the nth occurrence of needle in hay
// (occurrences may overlap).
func findNth(hay, needle string, nth int) (int, int, bool) {
	at, n := 0, 0
	for {
		i := strings.Index(hay[at:], needle)
		if i < 0 {
			return 0, 0, false
		}
		if n++; n == nth {
			start := utf8.RuneCountInString(hay[:at+i])
			return start, start + utf8.RuneCountInString(needle), true
		}
		_, size := utf8.DecodeRuneInString(hay[at+i:])
		at += i + size
	}
}
