// Package corpus loads briefings from the embedded seeds and from disk,
// decodes them from whatever encoding they arrive in, and holds the
// documents the rest of jianbao reads. It knows nothing of terminals.
package corpus

import (
	"strings"
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
	// Size is the size of the file in bytes.
	Size int64
	// Raw is the decoded text with line ends normalised to LF and nothing
	// else changed.
	Raw string
	// Clean is the text after the cleaning passes; see Cleaned.
	Clean   string
	cleaned bool

	// Metadata read off the clean text; empty where not known.
	Title  string
	Date   string // YYYY-MM-DD, YYYY-MM or YYYY
	Source string
	Author string
	Script Script

	// Warnings are notes about this document that the user should see,
	// such as a renamed ID.
	Warnings []string
}

// Text returns the text to read: the clean text once the document has
// been cleaned, else the raw text.
func (d *Document) Text() string {
	if d.cleaned {
		return d.Clean
	}
	return d.Raw
}

// NewDocument makes a cleaned document of already decoded text, for
// callers that do not load files (tests, generated corpora).
func NewDocument(id, origin, raw string) *Document {
	d := &Document{ID: id, Origin: origin, Encoding: UTF8, Raw: NormalizeNewlines(raw), Size: int64(len(raw))}
	d.CleanUp()
	return d
}

// CleanUp cleans the raw text and reads the metadata off the result.
//
// The record of what changed is not kept (on a large corpus it weighs more
// than the text); Changes cleans again to produce it, which takes
// milliseconds for one document.
func (d *Document) CleanUp() {
	d.Clean, _ = Clean(d.Raw)
	d.cleaned = true
	md := ExtractMetadata(d.Clean)
	d.Title, d.Date, d.Source, d.Author, d.Script = md.Title, md.Date, md.Source, md.Author, md.Script
}

// Cleaned reports whether CleanUp has run.
func (d *Document) Cleaned() bool { return d.cleaned }

// Changes lists what the cleaner changed, in raw-text order (nil before
// CleanUp).
func (d *Document) Changes() []Change {
	if !d.cleaned {
		return nil
	}
	_, c := Clean(d.Raw)
	return c.Changes()
}

// Chars is the length of Text in characters (runes).
func (d *Document) Chars() int { return utf8.RuneCountInString(d.Text()) }

// DisplayTitle is the document's title, or failing that its first non-blank
// line, so that lists always have something to show.
func (d *Document) DisplayTitle() string {
	if d.Title != "" {
		return d.Title
	}
	return firstLine(d.Text())
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
	Warnings []string `json:"warnings"`
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
