package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/lipgloss"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/ui/layout"
)

// noteMark is the gutter mark of a line holding a tagged passage (one cell
// in both ambiguous-width modes).
const noteMark = "✎"

// sentenceEnds end a sentence; closers after them belong to the sentence.
const (
	sentenceEnds = "。！？；!?;"
	closers      = "”’」』）》〉】〕)]\"'"
)

// sentences returns the start offsets of the sentences of text (runes),
// paragraph starts included, and len(text) at the end. A sentence ends at
// 。！？； (or their ASCII forms; an ASCII full stop only before a space, a
// Han character or the end of the paragraph, so 1.24 stays whole), with
// closing quotes and brackets after it, or at the end of a paragraph.
func sentences(text []rune) []int {
	starts := []int{}
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if start >= 0 {
				starts = append(starts, start)
			}
			start = -1
			continue
		}
		if start < 0 {
			if unicode.IsSpace(text[i]) {
				continue
			}
			start = i
		}
		r := text[i]
		end := strings.ContainsRune(sentenceEnds, r)
		if r == '.' {
			end = i+1 == len(text) || text[i+1] == '\n' || text[i+1] == ' ' || unicode.Is(unicode.Han, text[i+1])
		}
		if end {
			for i+1 < len(text) && strings.ContainsRune(closers, text[i+1]) {
				i++
			}
			starts = append(starts, start)
			start = -1
		}
	}
	return append(starts, len(text))
}

// selection is a passage being chosen for a note, in clean-text runes.
type selection struct {
	active     bool
	start, end int
}

// tagPrompt asks for the tags and the comment of a note. It keeps what was
// typed when saving fails, so the note can be saved again.
type tagPrompt struct {
	active  bool
	editID  string // set when editing an existing note
	doc     *corpus.Document
	docText string // doc's clean text as shown, which start and end are in
	start   int
	end     int
	step    int // 0: tags, 1: comment
	tags    queryLine
	comment queryLine
	err     string
}

// maxCommentRunes bounds a comment typed in the reader (a paragraph or
// two); tag --comment takes any length.
const maxCommentRunes = 4000

// known tags, most used first, for completion.
func knownTags(all []notes.Note) []string {
	count := map[string]int{}
	for _, n := range all {
		for _, t := range n.Tags {
			count[t]++
		}
	}
	out := make([]string, 0, len(count))
	for t := range count {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// completions of the tag being typed (the last word of the tags line).
func (p *tagPrompt) completions(known []string) []string {
	words := strings.FieldsFunc(p.tags.String(), func(r rune) bool { return r == ' ' || r == ',' || r == '，' })
	last := ""
	if s := p.tags.String(); len(words) > 0 && !strings.HasSuffix(s, " ") && !strings.HasSuffix(s, ",") {
		last = words[len(words)-1]
	}
	if last == "" {
		return nil
	}
	var out []string
	for _, t := range known {
		if t != last && strings.HasPrefix(corpus.FoldString(t), corpus.FoldString(last)) {
			out = append(out, t)
		}
	}
	return out
}

// complete replaces the tag being typed by its first completion.
func (p *tagPrompt) complete(known []string) {
	c := p.completions(known)
	if len(c) == 0 {
		return
	}
	s := []rune(p.tags.String())
	i := len(s)
	for i > 0 && s[i-1] != ' ' && s[i-1] != ',' && s[i-1] != '，' {
		i--
	}
	p.tags.text = append(append(s[:i:i], []rune(c[0])...), ' ')
}

func (p *tagPrompt) text(known []string) string {
	if p.step == 0 {
		s := "tags: " + layout.Inert(p.tags.String()) + "_"
		if c := p.completions(known); len(c) > 0 {
			s += "  tab → " + strings.Join(c[:min(3, len(c))], ", ")
		}
		return s
	}
	s := "comment (optional): " + layout.Inert(p.comment.String()) + "_"
	if p.err != "" {
		s = "✗ " + layout.Inert(p.err) + " · enter retries · " + s
	}
	return s
}

// Messages from the notes commands.
type (
	noteSavedMsg struct {
		note   notes.Note
		edited bool
	}
	noteErrMsg     struct{ err error }
	noteDeletedMsg struct {
		id      string
		restore bool
	}
)

// notesReloadedMsg carries the notes as the notes file now holds them,
// read again because it changed (another session, or jianbao tag in
// another terminal, wrote to it); notes is nil when nothing changed. gen
// is the reader's notesGen when the look was scheduled.
type notesReloadedMsg struct {
	notes   []notes.Note
	version int
	gen     int
}

// notesPoll is how often the reader looks at the notes file.
var notesPoll = 2 * time.Second // a variable for tests

// watchNotes looks at the notes file after notesPoll and, when it changed
// (or when again says a read was dropped and must be given again), brings
// the notes it holds. The file is read in the command, off the keyboard's
// path, and only what was appended since the last look.
func watchNotes(f *notes.Feed, seen, gen int, again bool) tea.Cmd {
	return tea.Tick(notesPoll, func(time.Time) tea.Msg {
		msg := notesReloadedMsg{gen: gen}
		all, version, err := f.Next()
		if err == nil && (version != seen || again) {
			msg.notes, msg.version = all, version
			if msg.notes == nil {
				msg.notes = []notes.Note{} // read, and empty
			}
		}
		return msg
	})
}

// saveNote writes a new note, or an edit, in a command.
func saveNote(store *notes.Store, n notes.Note, edit bool, by string) tea.Cmd {
	return func() tea.Msg {
		if store == nil {
			return noteErrMsg{fmt.Errorf("no notes file")}
		}
		var err error
		if edit {
			err = store.Edit(n.ID, n.Tags, n.Comment, by)
		} else {
			err = store.Add(n)
		}
		if err != nil {
			return noteErrMsg{err}
		}
		return noteSavedMsg{note: n, edited: edit}
	}
}

// deleteNote deletes (or restores) a note in a command.
func deleteNote(store *notes.Store, id string, restore bool, by string) tea.Cmd {
	return func() tea.Msg {
		var err error
		if restore {
			err = store.Restore(id, by)
		} else {
			err = store.Delete(id, by)
		}
		if err != nil {
			return noteErrMsg{err}
		}
		return noteDeletedMsg{id: id, restore: restore}
	}
}

// notesView lists the notes, grouped by tag or by document, filterable.
type notesView struct {
	active bool
	byDoc  bool
	filter queryLine
	cursor int
	top    int
	rows   []noteRow
	undo   *notes.Note // the last note deleted, for u
	// preview holds the Markdown export as glamour renders it (m), and
	// previewTop its first shown line.
	preview    []string
	previewTop int
	// showAuthors names each note's author (shared notes).
	showAuthors bool
	// height is the rows the list has; status where the notes on them
	// stand in their documents' current text (see place), by note ID.
	height int
	status map[string]notes.Status
}

type noteRow struct {
	header string // a group heading, or ""
	note   *notes.Note
}

// build lays out the rows from the notes, the grouping and the filter.
func (v *notesView) build(all []notes.Note, docs map[string]*corpus.Document) {
	q := strings.TrimSpace(v.filter.String())
	var shown []notes.Note
	for _, n := range all {
		if q == "" || len(corpus.MatchRanges(n.Quote+" "+strings.Join(n.Tags, " ")+" "+n.Comment+" "+docTitle(docs, n.Doc), q)) > 0 {
			shown = append(shown, n)
		}
	}
	v.rows = v.rows[:0]
	if v.byDoc {
		groups := map[string][]int{}
		var order []string
		for i, n := range shown {
			if _, ok := groups[n.Doc]; !ok {
				order = append(order, n.Doc)
			}
			groups[n.Doc] = append(groups[n.Doc], i)
		}
		for _, d := range order {
			v.rows = append(v.rows, noteRow{header: docTitle(docs, d) + "  (" + d + ")"})
			for _, i := range groups[d] {
				v.rows = append(v.rows, noteRow{note: &shown[i]})
			}
		}
	} else {
		es := make([]notes.Entry, len(shown))
		for i, n := range shown {
			es[i] = notes.Entry{Placed: notes.Placed{Note: n}}
		}
		tags, groups := notes.ByTag(es)
		for _, t := range tags {
			h := "#" + t
			if t == "" {
				h = "(untagged)"
			}
			v.rows = append(v.rows, noteRow{header: h})
			for _, e := range groups[t] {
				n := e.Note
				v.rows = append(v.rows, noteRow{note: &n})
			}
		}
	}
	v.cursor = max(0, min(v.cursor, len(v.rows)-1))
	v.skipHeaders(1)
	v.status = nil // the notes or their documents may have changed
	v.place(docs)
}

// place keeps the cursor's row on screen and finds where each note on
// screen stands in its document's current text (exact, moved, approximate
// or orphaned), as jianbao notes says: a document is read only for the
// notes on screen, so a large notes file costs nothing more.
func (v *notesView) place(docs map[string]*corpus.Document) {
	height := max(1, v.height)
	v.top = max(0, min(v.top, v.cursor), v.cursor-height+1)
	if v.status == nil {
		v.status = map[string]notes.Status{}
	}
	for i := v.top; i < min(len(v.rows), v.top+height); i++ {
		n := v.rows[i].note
		if n == nil {
			continue
		}
		if _, ok := v.status[n.ID]; ok {
			continue
		}
		d, ok := docs[n.Doc]
		if !ok {
			continue // not loaded: the grouping says so
		}
		text := d.Text()
		if d.ReadErr() != nil {
			continue
		}
		v.status[n.ID] = notes.Place(*n, text).Status
	}
}

// skipHeaders moves the cursor off a heading, in direction dir.
func (v *notesView) skipHeaders(dir int) {
	for v.cursor >= 0 && v.cursor < len(v.rows) && v.rows[v.cursor].note == nil {
		v.cursor += dir
	}
	if v.cursor < 0 || v.cursor >= len(v.rows) {
		v.cursor = max(0, min(v.cursor, len(v.rows)-1))
		if dir > 0 && len(v.rows) > 0 && v.rows[v.cursor].note == nil {
			v.cursor = max(0, v.cursor-1)
		}
	}
}

func (v *notesView) selected() *notes.Note {
	if v.cursor >= 0 && v.cursor < len(v.rows) {
		return v.rows[v.cursor].note
	}
	return nil
}

func docTitle(docs map[string]*corpus.Document, id string) string {
	if d, ok := docs[id]; ok {
		return d.DisplayTitle()
	}
	return id + " (not loaded)"
}

// view draws the notes pane.
func (v *notesView) view(p *layout.Policy, st Styles, width, height int) []string {
	out := make([]string, 0, height)
	if v.preview != nil {
		v.previewTop = max(0, min(v.previewTop, len(v.preview)-height))
		for y := 0; y < height; y++ {
			line := ""
			if i := v.previewTop + y; i < len(v.preview) {
				line = v.preview[i]
			}
			out = append(out, row(p, " "+line, width, lipgloss.NewStyle(), nil))
		}
		return out
	}
	top := max(0, min(v.top, v.cursor), v.cursor-height+1) // as place left it, unless resized since
	for y := 0; y < height; y++ {
		i := top + y
		switch {
		case i >= len(v.rows):
			if i == 0 && y == 0 {
				out = append(out, row(p, "  no notes yet: select a passage in an article with v, then t to tag it", width, st.Dim, nil))
			} else {
				out = append(out, row(p, "", width, lipgloss.NewStyle(), nil))
			}
		case v.rows[i].note == nil:
			out = append(out, row(p, " "+layout.Inert(v.rows[i].header), width, st.Badge.Bold(true), nil))
		default:
			n := v.rows[i].note
			marker := strings.Repeat(" ", p.StringWidth(selMarker))
			base := lipgloss.NewStyle()
			if i == v.cursor {
				marker, base = selMarker, st.Selected
			}
			line := marker
			if st, ok := v.status[n.ID]; ok && st != notes.Exact {
				line += "[" + st.String() + "] " // before the quote, which a narrow pane cuts
			}
			line += "“" + layout.Inert(n.Quote) + "”"
			if v.byDoc {
				line += "  #" + strings.Join(n.Tags, " #")
			} else {
				line += "  — " + n.Doc
			}
			if n.Comment != "" {
				line += "  · " + layout.Inert(n.Comment)
			}
			if v.showAuthors {
				line += "  — @" + layout.Inert(n.Author)
			}
			out = append(out, row(p, line, width, base, nil))
		}
	}
	return out
}

// noteFor makes the note for the prompt's passage.
func (p *tagPrompt) noteFor(author string) (notes.Note, error) {
	return notes.New(p.doc.ID, p.docText, p.start, p.end, []string{p.tags.String()}, strings.TrimSpace(p.comment.String()), author, time.Now())
}

// markdownPreview renders the notes as the Markdown export does, through
// glamour, and lays the result out to width with jianbao's own engine:
// glamour is told not to wrap (it cannot wrap Chinese), and each line is
// wrapped under its own prefix (indent and block-quote bar).
func markdownPreview(p *layout.Policy, es []notes.Entry, width int) ([]string, error) {
	var md strings.Builder
	if err := notes.Export(&md, "markdown", es); err != nil {
		return nil, err
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("notty"), glamour.WithWordWrap(0))
	if err != nil {
		return nil, err
	}
	out, err := r.Render(md.String())
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		line = layout.Inert(line)
		body := strings.TrimLeft(line, " ")
		prefix := line[:len(line)-len(body)]
		for strings.HasPrefix(body, "| ") {
			prefix += "| "
			body = body[2:]
		}
		if body == "" {
			lines = append(lines, strings.TrimRight(prefix, " "))
			continue
		}
		pw := p.StringWidth(prefix)
		for _, l := range p.Wrap(body, max(4, width-pw)) {
			lines = append(lines, prefix+l.Text)
		}
	}
	return lines, nil
}
