package ui

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/charmbracelet/lipgloss"

	"jianbao/corpus"
	"jianbao/ui/layout"
)

// textMode is which text the article shows.
type textMode int

const (
	showClean   textMode = iota
	showRaw              // the text as decoded
	showChanges          // the raw text with the cleaner's changes marked
)

func (m textMode) String() string {
	return [...]string{"clean", "raw", "changes"}[m]
}

// scriptMode is the script the article is shown in.
type scriptMode int

const (
	scriptOriginal scriptMode = iota
	scriptSimplified
	scriptTraditional // approximate: one Simplified character can stand for several
)

func (s scriptMode) String() string {
	return [...]string{"original", "简", "繁≈"}[s]
}

// articleModel shows one document laid out to the pane. Its place is kept
// as a rune offset into the clean text (anchor), not a line number, so a
// resize or a change of mode keeps the same sentence at the top.
type articleModel struct {
	policy  *layout.Policy
	doc     *corpus.Document
	changes []corpus.Change // the cleaner's changes, computed on first need
	mode    textMode
	script  scriptMode

	lay    *layout.Layout
	lines  []layout.Line
	paraOf []int // paragraph number of each line; 0 for blank lines
	paras  int
	top    int
	anchor int // clean-text offset of the top line

	width, height int

	query   string
	matches [][2]int // rune ranges of the shown text: query matches, or changes in changes mode
	current int      // the match n/N is on, or -1

	// marks are the document's tagged passages and sel the passage being
	// chosen, both in clean-text runes.
	marks [][2]int
	sel   selection

	// text is the document's clean text, taken when the document is
	// opened, and raw its raw text, read when first shown (rawRead): the
	// text is read from the file (corpus.Document.Raw), and what is shown,
	// selected and tagged must be one text.
	text, raw string
	rawRead   bool
}

// gutter is the column left of the text that marks lines holding a note.
const gutter = 2

func newArticleModel(p *layout.Policy) articleModel {
	return articleModel{policy: p, current: -1}
}

// setDoc shows d from its top; the text and script modes stay.
func (a *articleModel) setDoc(d *corpus.Document) {
	if a.doc == d {
		return
	}
	a.doc, a.changes, a.raw, a.rawRead, a.text = d, nil, "", false, ""
	if d != nil {
		a.text = d.Text()
	}
	a.anchor, a.query, a.current = 0, "", -1
	a.sel = selection{}
	a.rebuild()
}

func (a *articleModel) setSize(w, h int) {
	if w == a.width && h == a.height {
		return
	}
	rewrap := w != a.width
	a.width, a.height = w, h
	if rewrap {
		a.wrap()
	} else {
		a.clamp()
	}
}

// docChanges returns the cleaner's changes, computing them once.
func (a *articleModel) docChanges() []corpus.Change {
	if a.changes == nil && a.doc != nil {
		a.changes = corpus.ChangesOf(a.rawText())
		if a.changes == nil {
			a.changes = []corpus.Change{}
		}
	}
	return a.changes
}

// rawText returns the document's raw text, read once.
func (a *articleModel) rawText() string {
	if !a.rawRead && a.doc != nil {
		a.raw, a.rawRead = a.doc.Raw(), true
	}
	return a.raw
}

// shown returns the text for the current modes.
func (a *articleModel) shown() string {
	if a.doc == nil {
		return ""
	}
	text := a.text
	if a.mode != showClean {
		text = a.rawText()
	}
	switch a.script {
	case scriptSimplified:
		text = corpus.ToSimplified(text)
	case scriptTraditional:
		text = corpus.ToTraditional(text)
	}
	return text
}

// toShown and toClean map offsets between the clean text and the shown one
// (script conversion keeps offsets; raw text has its own).
func (a *articleModel) toShown(clean int) int {
	if a.mode == showClean {
		return clean
	}
	return corpus.CleanToRaw(a.docChanges(), clean)
}

func (a *articleModel) toClean(shown int) int {
	if a.mode == showClean {
		return shown
	}
	return corpus.RawToClean(a.docChanges(), shown)
}

// rebuild lays out the text again after a change of document or mode.
func (a *articleModel) rebuild() {
	a.lay = a.policy.Prepare(a.shown())
	a.findMatches()
	a.wrap()
}

// wrap lays the prepared text out to the width, keeping the anchor on top.
func (a *articleModel) wrap() {
	if a.lay == nil || a.width <= 0 {
		return
	}
	a.lines = a.lay.Wrap(a.textWidth())
	a.paraOf = make([]int, len(a.lines))
	a.paras = 0
	for i, l := range a.lines {
		if l.Text != "" && (i == 0 || a.lines[i-1].Text == "" || a.lines[i-1].End != l.Start) {
			a.paras++
		}
		if l.Text != "" {
			a.paraOf[i] = a.paras
		}
	}
	a.top = layout.LineAt(a.lines, a.toShown(a.anchor))
	a.clamp()
}

// gutterWidth is the gutter's width: all of it, unless the pane is too
// narrow to hold it and a character beside.
func (a *articleModel) gutterWidth() int { return min(gutter, max(0, a.width-1)) }

// textWidth is the width the text is laid out to, beside the gutter.
func (a *articleModel) textWidth() int { return max(1, a.width-a.gutterWidth()) }

func (a *articleModel) clamp() {
	a.top = max(0, min(a.top, len(a.lines)-a.height))
}

// scroll moves by n lines and remembers the new top.
func (a *articleModel) scroll(n int) {
	a.top += n
	a.clamp()
	if a.top < len(a.lines) {
		a.anchor = a.toClean(a.lines[a.top].Start)
	}
}

func (a *articleModel) toTop() { a.top = 0; a.scroll(0) }
func (a *articleModel) toEnd() { a.top = len(a.lines); a.scroll(0) }

// setMode switches the text shown, keeping the place.
func (a *articleModel) setMode(m textMode) {
	if m == a.mode {
		m = showClean
	}
	a.mode = m
	a.rebuild()
}

// cycleScript shows the next script: original → 简 → 繁 (approximate).
func (a *articleModel) cycleScript() {
	a.script = (a.script + 1) % 3
	a.rebuild()
}

// setQuery searches the shown text and moves to the first match at or
// after the top.
func (a *articleModel) setQuery(q string) {
	a.query = q
	a.findMatches()
	a.current = -1
	if len(a.matches) > 0 && a.top < len(a.lines) {
		from := a.lines[a.top].Start
		a.current = sort.Search(len(a.matches), func(i int) bool { return a.matches[i][0] >= from }) % len(a.matches)
		a.show(a.current)
	}
}

// findMatches finds the query in the shown text, or in changes mode with
// no query, the cleaner's changes.
func (a *articleModel) findMatches() {
	a.matches = nil
	switch {
	case a.query != "":
		a.matches = corpus.HighlightRanges(a.shown(), a.query)
	case a.mode == showChanges:
		for _, c := range a.docChanges() {
			a.matches = append(a.matches, [2]int{c.RawStart, c.RawEnd})
		}
	}
	if a.current >= len(a.matches) {
		a.current = -1
	}
}

// next moves to the next (dir 1) or previous (dir -1) match.
func (a *articleModel) next(dir int) {
	if len(a.matches) == 0 {
		return
	}
	if a.current < 0 {
		a.current = 0
		if dir < 0 {
			a.current = len(a.matches) - 1
		}
	} else {
		a.current = (a.current + dir + len(a.matches)) % len(a.matches)
	}
	a.show(a.current)
}

// show scrolls so that match i stands a third down the pane, unless it is
// already in view.
func (a *articleModel) show(i int) {
	line := layout.LineAt(a.lines, a.matches[i][0])
	if line < a.top || line >= a.top+a.height {
		a.top = line - a.height/3
		a.scroll(0)
	}
}

// view draws the pane: exactly height rows of exactly width cells, a
// gutter marking the lines that hold a tagged passage.
func (a *articleModel) view(st Styles) []string {
	out := make([]string, 0, a.height)
	plain := lipgloss.NewStyle()
	gw := a.gutterWidth()
	blank := strings.Repeat(" ", gw)
	marked := blank
	if mw := a.policy.StringWidth(noteMark); mw <= gw {
		marked = st.Badge.Render(noteMark) + strings.Repeat(" ", gw-mw)
	}
	for y := 0; y < a.height; y++ {
		i := a.top + y
		if i >= len(a.lines) {
			out = append(out, blank+row(a.policy, "", a.textWidth(), plain, nil))
			continue
		}
		ln := a.lines[i]
		g := blank
		if a.hasMark(ln) {
			g = marked
		}
		out = append(out, g+row(a.policy, ln.Text, a.textWidth(), plain, a.spans(ln, st)))
	}
	return out
}

// shownRange maps a clean-text range to the shown text.
func (a *articleModel) shownRange(r [2]int) [2]int {
	if a.mode == showClean {
		return r
	}
	return [2]int{a.toShown(r[0]), a.toShown(r[1])}
}

func (a *articleModel) hasMark(ln layout.Line) bool {
	for _, m := range a.marks {
		m = a.shownRange(m)
		if m[0] < ln.End && m[1] > ln.Start && ln.End > ln.Start {
			return true
		}
	}
	return false
}

// cells maps the part of range r on line ln to cells, or false.
func (a *articleModel) cells(ln layout.Line, r [2]int) (int, int, bool) {
	if r[1] <= ln.Start || r[0] >= ln.End || ln.End == ln.Start {
		return 0, 0, false
	}
	from := a.lay.CellAt(ln, max(r[0], ln.Start))
	to := a.lay.CellAt(ln, min(r[1], ln.End))
	if r[1] >= ln.End {
		to = ln.Width
	}
	return from, to, to > from
}

// spans marks, in priority order, the selection, the matches (or
// changes), and the tagged passages on one line, in cells.
func (a *articleModel) spans(ln layout.Line, st Styles) []span {
	var out []span
	if a.sel.active {
		if f, t, ok := a.cells(ln, a.shownRange([2]int{a.sel.start, a.sel.end})); ok {
			out = append(out, span{f, t, st.Selection})
		}
	}
	if len(a.matches) > 0 {
		i := sort.Search(len(a.matches), func(i int) bool { return a.matches[i][1] > ln.Start })
		for ; i < len(a.matches) && a.matches[i][0] < ln.End; i++ {
			f, t, ok := a.cells(ln, a.matches[i])
			if !ok {
				continue
			}
			style := st.Match
			switch {
			case i == a.current:
				style = st.Current
			case a.query == "" && a.mode == showChanges:
				style = st.Change
			}
			out = append(out, span{f, t, style})
		}
	}
	for _, m := range a.marks {
		if f, t, ok := a.cells(ln, a.shownRange(m)); ok {
			out = append(out, span{f, t, st.Note})
		}
	}
	return out
}

// sentenceBounds are the sentence starts of the clean text.
func (a *articleModel) sentenceBounds() []int {
	if a.doc == nil {
		return nil
	}
	return sentences([]rune(a.text))
}

// selectSentence selects the sentence holding clean offset off.
func (a *articleModel) selectSentence(off int) {
	b := a.sentenceBounds()
	if len(b) < 2 {
		return
	}
	i := max(0, sort.SearchInts(b, off+1)-1)
	i = min(i, len(b)-2)
	a.sel = selection{active: true, start: b[i], end: trimEnd(a.text, b[i], b[i+1])}
	a.showSel()
}

// trimEnd drops the line feeds and spaces that end a sentence span.
func trimEnd(text string, s, e int) int {
	r := []rune(text)
	for e > s+1 && unicode.IsSpace(r[e-1]) {
		e--
	}
	return e
}

// moveSel moves the selection to the next (dir 1) or previous sentence.
func (a *articleModel) moveSel(dir int) {
	b := a.sentenceBounds()
	i := sort.SearchInts(b, a.sel.start+1) - 1
	if j := i + dir; j >= 0 && j < len(b)-1 {
		a.sel.start, a.sel.end = b[j], trimEnd(a.text, b[j], b[j+1])
	}
	a.showSel()
}

// growSel extends (dir 1) or shrinks the selection's end by a sentence.
func (a *articleModel) growSel(dir int) {
	b := a.sentenceBounds()
	i := sort.SearchInts(b, a.sel.end) // first start at or after the end
	switch {
	case dir > 0 && i < len(b)-1:
		a.sel.end = trimEnd(a.text, a.sel.start, b[i+1])
	case dir < 0:
		if j := sort.SearchInts(b, a.sel.end) - 1; j > 0 && b[j] > a.sel.start {
			a.sel.end = trimEnd(a.text, a.sel.start, b[j])
		}
	}
	a.showSel()
}

// selParagraph selects the paragraph holding the selection's start.
func (a *articleModel) selParagraph() {
	r := []rune(a.text)
	s, e := a.sel.start, a.sel.start
	for s > 0 && r[s-1] != '\n' {
		s--
	}
	for e < len(r) && r[e] != '\n' {
		e++
	}
	a.sel.start, a.sel.end = s, trimEnd(a.text, s, e)
	a.showSel()
}

// nudgeSel moves one end of the selection by one character.
func (a *articleModel) nudgeSel(end bool, dir int) {
	n := len([]rune(a.text))
	if end {
		a.sel.end = max(a.sel.start+1, min(n, a.sel.end+dir))
	} else {
		a.sel.start = max(0, min(a.sel.end-1, a.sel.start+dir))
	}
	a.showSel()
}

// showSel scrolls so that the selection's end is in view.
func (a *articleModel) showSel() {
	line := layout.LineAt(a.lines, a.toShown(max(a.sel.start, a.sel.end-1)))
	if line < a.top || line >= a.top+a.height {
		a.top = line - a.height/3
		a.scroll(0)
	}
}

// status describes the article for the status bar: paragraph, percent,
// modes, and the match or change count.
func (a *articleModel) status() string {
	if a.doc == nil {
		return ""
	}
	para := 0
	for i := a.top; i < len(a.lines) && para == 0; i++ {
		para = a.paraOf[i]
	}
	pct := 100
	if len(a.lines) > a.height {
		pct = min(100, (a.top+a.height)*100/len(a.lines))
	}
	parts := []string{fmt.Sprintf("¶%d/%d %d%%", max(para, 1), max(a.paras, 1), pct), a.mode.String()}
	if a.script != scriptOriginal {
		parts = append(parts, a.script.String())
	}
	if a.doc.Damaged > 0 {
		parts = append(parts, "⚠ "+layout.Count(a.doc.Damaged, "unreadable character", "unreadable characters")+" shown as �")
	}
	for _, note := range a.doc.Notes() {
		parts = append(parts, "⚠ "+layout.Inert(note))
	}
	switch {
	case a.query != "":
		parts = append(parts, fmt.Sprintf("/%s %s", layout.Inert(a.query), a.count()))
	case a.mode == showChanges:
		parts = append(parts, a.count()+" changes: "+a.changeSummary())
	}
	return strings.Join(parts, " · ")
}

func (a *articleModel) count() string {
	if a.current >= 0 {
		return fmt.Sprintf("%d/%d", a.current+1, len(a.matches))
	}
	return fmt.Sprintf("%d", len(a.matches))
}

// changeSummary counts the changes by pass.
func (a *articleModel) changeSummary() string {
	counts := map[string]int{}
	for _, c := range a.docChanges() {
		counts[c.Pass]++
	}
	var parts []string
	for _, p := range corpus.PassNames() {
		if counts[p] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", p, counts[p]))
		}
	}
	return strings.Join(parts, ", ")
}
