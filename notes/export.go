package notes

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Entry is a note placed in its document, with what exports show of the
// document.
type Entry struct {
	Placed
	// Title and Date describe the document; Loaded is false when the
	// document was not in the corpus (the note is then orphaned).
	Title, Date string
	Loaded      bool
}

// Formats lists the export formats.
var Formats = []string{"markdown", "csv", "jsonld", "docx"}

// Binary reports the formats that are no text to print on a terminal.
func Binary(format string) bool { return format == "docx" || format == "word" }

// FormatOf is the format a file's extension names ("" for none known).
func FormatOf(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	switch strings.ToLower(name[i+1:]) {
	case "md", "markdown":
		return "markdown"
	case "csv":
		return "csv"
	case "jsonld", "json":
		return "jsonld"
	case "docx":
		return "docx"
	}
	return ""
}

// Export writes entries in one of Formats.
func Export(w io.Writer, format string, entries []Entry) error {
	switch format {
	case "markdown", "md":
		return exportMarkdown(w, entries)
	case "csv":
		return exportCSV(w, entries)
	case "jsonld", "json-ld":
		return exportJSONLD(w, entries)
	case "docx", "word":
		return exportDOCX(w, entries)
	}
	return fmt.Errorf("unknown export format %q: want %s", format, strings.Join(Formats, ", "))
}

// ByTag groups entries by tag, tags in order of first use; an entry with
// several tags is in each group, one without tags under "".
func ByTag(entries []Entry) ([]string, map[string][]Entry) {
	groups := map[string][]Entry{}
	var order []string
	for _, e := range entries {
		tags := e.Tags
		if len(tags) == 0 {
			tags = []string{""}
		}
		for _, t := range tags {
			if _, ok := groups[t]; !ok {
				order = append(order, t)
			}
			groups[t] = append(groups[t], e)
		}
	}
	return order, groups
}

// SourceLine says where a quote comes from: title, document, date, and how
// the anchor stands.
func (e Entry) SourceLine() string {
	var parts []string
	if e.Title != "" {
		parts = append(parts, e.Title)
	}
	doc := e.Doc
	if e.Date != "" {
		doc += ", " + e.Date
	}
	parts = append(parts, "("+doc+")")
	line := "— " + strings.Join(parts, " ")
	switch {
	case !e.Loaded:
		line += " · document not loaded"
	case e.Status != Exact:
		line += " · " + e.Status.String()
	}
	return line
}

// inert replaces control characters (except line feeds and tabs) with
// visible Control Pictures, so an exported file printed in a terminal
// cannot move the cursor, set the title or write the clipboard.
func inert(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r < 0x20:
			return 0x2400 + r
		case r == 0x7F:
			return '␡'
		case r >= 0x80 && r <= 0x9F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return '�'
		}
		return r
	}, s)
}

func exportMarkdown(w io.Writer, entries []Entry) error {
	var sb strings.Builder
	sb.WriteString("# 简报 jianbao notes\n")
	tags, groups := ByTag(entries)
	for _, t := range tags {
		title := t
		if t == "" {
			title = "(untagged)"
		}
		fmt.Fprintf(&sb, "\n## %s\n", mdEscape(title, false))
		for _, e := range groups[t] {
			sb.WriteString("\n")
			for _, line := range strings.Split(e.Quote, "\n") {
				sb.WriteString("> " + mdEscape(line, true) + "\n")
			}
			sb.WriteString(">\n> " + mdEscape(e.SourceLine(), true) + "\n")
			if e.Comment != "" {
				lines := strings.Split(e.Comment, "\n")
				for i, line := range lines {
					lines[i] = mdEscape(line, true)
				}
				sb.WriteString("\n" + strings.Join(lines, "  \n") + "\n") // kept as separate lines
			}
		}
	}
	_, err := io.WriteString(w, inert(sb.String()))
	return err
}

// mdEscape makes one line of text read literally in Markdown: every
// character that could start markup (emphasis, links, code, HTML, tables,
// strikethrough, entities) is escaped with a backslash, and so, when the
// text starts a line, is what would make it a heading, list item, rule or
// quote. Quotes with * or [ in them reach the report as they were tagged.
func mdEscape(s string, lineStart bool) string {
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	rest := s
	if lineStart {
		t := strings.TrimLeft(s, " ")
		sb.WriteString(s[:len(s)-len(t)])
		rest = t
		if rest != "" && strings.IndexByte("#+-=>", rest[0]) >= 0 {
			sb.WriteByte('\\')
			sb.WriteByte(rest[0])
			rest = rest[1:]
		} else if i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && i <= 9 && (rest[i] == '.' || rest[i] == ')') {
			sb.WriteString(rest[:i])
			sb.WriteByte('\\')
			sb.WriteByte(rest[i])
			rest = rest[i+1:]
		}
	}
	for i := 0; i < len(rest); i++ {
		if strings.IndexByte("\\`*_[]<>|~&!#", rest[i]) >= 0 {
			sb.WriteByte('\\')
		}
		sb.WriteByte(rest[i])
	}
	return sb.String()
}

// cell makes text safe as a CSV cell a spreadsheet will open: inert, and
// with a ' before a leading = + - @ (or tab or CR), which would make it a
// formula (=HYPERLINK(…) in a quote from the web runs when the file is
// opened). Spreadsheets show the ' as a text marker, not as content.
func cell(s string) string {
	s = inert(s)
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func exportCSV(w io.Writer, entries []Entry) error {
	// A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "created", "author", "document", "title", "date", "tags", "quote", "comment", "start", "end", "status"})
	for _, e := range entries {
		status := e.Status.String()
		if !e.Loaded {
			status = "document not loaded"
		}
		cw.Write([]string{cell(e.ID), e.Created.Format(time.RFC3339), cell(e.Author), cell(e.Doc), cell(e.Title), e.Date,
			cell(strings.Join(e.Tags, "; ")), cell(e.Quote), cell(e.Comment), strconv.Itoa(e.Placed.Start), strconv.Itoa(e.Placed.End), status})
	}
	cw.Flush()
	return cw.Error()
}

// exportJSONLD writes a W3C Web Annotation collection: each note an
// Annotation whose target selects the quote by TextQuoteSelector and (when
// the note has a place in the loaded text) TextPositionSelector, with its
// tags and comment as textual bodies.
func exportJSONLD(w io.Writer, entries []Entry) error {
	type selector struct {
		Type   string `json:"type"`
		Exact  string `json:"exact,omitempty"`
		Prefix string `json:"prefix,omitempty"`
		Suffix string `json:"suffix,omitempty"`
		Start  *int   `json:"start,omitempty"`
		End    *int   `json:"end,omitempty"`
	}
	type body struct {
		Type    string `json:"type"`
		Purpose string `json:"purpose"`
		Value   string `json:"value"`
	}
	type annotation struct {
		ID      string         `json:"id"`
		Type    string         `json:"type"`
		Created string         `json:"created"`
		Creator map[string]any `json:"creator"`
		Body    []body         `json:"body"`
		Target  map[string]any `json:"target"`
	}
	items := make([]annotation, 0, len(entries))
	for _, e := range entries {
		start, end := e.Placed.Start, e.Placed.End
		sels := []selector{{Type: "TextQuoteSelector", Exact: e.Quote, Prefix: e.Prefix, Suffix: e.Suffix}}
		if e.Loaded && e.Status != Orphaned {
			// An orphaned note has no place in the text to give.
			sels = append(sels, selector{Type: "TextPositionSelector", Start: &start, End: &end})
		}
		a := annotation{
			ID:      "urn:jianbao:note:" + e.ID,
			Type:    "Annotation",
			Created: e.Created.Format(time.RFC3339),
			Creator: map[string]any{"type": "Person", "nickname": e.Author},
			Target:  map[string]any{"source": "urn:jianbao:doc:" + e.Doc, "selector": sels},
		}
		for _, t := range e.Tags {
			a.Body = append(a.Body, body{"TextualBody", "tagging", t})
		}
		if e.Comment != "" {
			a.Body = append(a.Body, body{"TextualBody", "commenting", e.Comment})
		}
		items = append(items, a)
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Created < items[j].Created })
	doc := map[string]any{
		"@context": "http://www.w3.org/ns/anno.jsonld",
		"type":     "AnnotationCollection",
		"label":    "简报 jianbao notes",
		"total":    len(items),
		"first":    map[string]any{"type": "AnnotationPage", "items": items},
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, EscapeJSON(buf.String()))
	return err
}

// EscapeJSON writes the C1 controls and bidi overrides of encoded JSON as
// \u escapes: encoding/json escapes only C0, and a raw U+009B is a CSI to
// many terminals, a U+202E reverses what follows it on screen. Inside JSON
// strings (the only place they occur) the value is unchanged.
func EscapeJSON(s string) string {
	escaped := func(r rune) bool {
		return r >= 0x80 && r <= 0x9F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
	}
	if strings.IndexFunc(s, escaped) < 0 {
		return s // the common case: a list of 100,000 documents is not copied
	}
	var sb strings.Builder
	sb.Grow(len(s) + 16)
	for _, r := range s {
		if escaped(r) {
			fmt.Fprintf(&sb, "\\u%04x", r)
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// DocInfo is what placing a note needs of its document.
type DocInfo struct {
	Text, Title, Date string
}

// Entries places every note in its document, found by lookup (false when
// the document is not loaded: the note is then orphaned, and kept).
func Entries(ns []Note, lookup func(id string) (DocInfo, bool)) []Entry {
	out := make([]Entry, 0, len(ns))
	for _, n := range ns {
		e := Entry{Placed: Placed{Note: n, Status: Orphaned, Start: n.Start, End: n.End}}
		if d, ok := lookup(n.Doc); ok {
			e.Placed = Place(n, d.Text)
			e.Title, e.Date, e.Loaded = d.Title, d.Date, true
		}
		out = append(out, e)
	}
	return out
}
