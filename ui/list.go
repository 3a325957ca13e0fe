package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"jianbao/corpus"
	"jianbao/ui/layout"
)

// listModel is the document list: all documents, or those a filter found.
type listModel struct {
	docs   []*corpus.Document
	titles []string // inert display titles
	// hits are the rows when a filter is active; nil shows every document.
	hits  []corpus.Hit
	query string // the filter the rows answer
	// also holds the words searched for besides the query's: the
	// cross-strait vocabulary's, and its numbers written the other way
	// (corpus.AlsoSearched), for the title bar.
	also []string
	// problem says what is wrong with the query's qualifiers (date:xyz).
	problem string
	cursor  int
	top     int
	width   int
	height  int
	// counts are the notes per document index.
	counts map[int]int
	// sortMode is the unfiltered list's order (listSorts); order holds
	// the document indices in it (nil: as loaded) and keys their sort keys.
	sortMode int
	sorter   *corpus.Sorter
	order    []int
	keys     [][]byte
}

// listSorts are the orders s steps through.
var listSorts = []struct {
	label, key string
	reverse    bool
}{
	{"as loaded", "file", false},
	{"newest first", "date", true},
	{"oldest first", "date", false},
	{"by title", "title", false},
}

// cycleSort puts the unfiltered list in the next of listSorts, keeping the
// selected document selected.
func (l *listModel) cycleSort() {
	sel := l.selected()
	l.sortMode = (l.sortMode + 1) % len(listSorts)
	l.order, l.keys, l.sorter = nil, nil, nil
	if l.sortMode > 0 {
		srt := listSorts[l.sortMode]
		l.sorter, _ = corpus.NewSorter(srt.key, srt.reverse)
		l.keys = make([][]byte, 0, len(l.docs))
		l.order = l.sortIn(0)
	}
	if l.hits == nil && sel >= 0 {
		l.cursor = l.rowOf(sel)
	}
	l.clamp()
}

// sortIn merges the documents from index from on into the order.
func (l *listModel) sortIn(from int) []int {
	add := make([]int, 0, len(l.docs)-from)
	for i := from; i < len(l.docs); i++ {
		l.keys = append(l.keys, l.sorter.Key(l.docs[i]))
		add = append(add, i)
	}
	return l.sorter.Merge(l.order, add, l.keys)
}

// rowOf is the row of document index doc in the unfiltered list.
func (l listModel) rowOf(doc int) int {
	if l.order == nil {
		return doc
	}
	return max(0, slices.Index(l.order, doc))
}

func newListModel(docs []*corpus.Document) listModel {
	titles := make([]string, len(docs))
	for i, d := range docs {
		titles[i] = layout.Inert(d.DisplayTitle())
	}
	return listModel{docs: docs, titles: titles}
}

// add appends newly loaded documents (the list shares the corpus's slice
// of documents; this extends its titles).
func (l *listModel) add(docs []*corpus.Document) {
	from := len(l.docs)
	sel, atTop := l.selected(), l.cursor == 0
	l.docs = append(l.docs, docs...)
	for _, d := range docs {
		l.titles = append(l.titles, layout.Inert(d.DisplayTitle()))
	}
	if l.sorter != nil {
		l.order = l.sortIn(from)
		if l.hits == nil && sel >= 0 && !atTop {
			l.cursor = l.rowOf(sel) // the selection stays as documents arrive
		}
	}
	l.clamp()
}

// len is the number of rows.
func (l listModel) len() int {
	if l.hits != nil {
		return len(l.hits)
	}
	return len(l.docs)
}

// docAt is the document index of row i.
func (l listModel) docAt(i int) int {
	if l.hits != nil {
		return int(l.hits[i].Doc)
	}
	if l.order != nil {
		return l.order[i]
	}
	return i
}

// selected is the document under the cursor, or -1.
func (l listModel) selected() int {
	if l.len() == 0 {
		return -1
	}
	return l.docAt(l.cursor)
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = w, h
	l.clamp()
}

func (l *listModel) move(n int) {
	l.cursor += n
	l.clamp()
}

func (l *listModel) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

func (l *listModel) clamp() {
	l.cursor = max(0, min(l.cursor, l.len()-1))
	rows := max(1, l.height)
	l.top = max(0, min(l.top, l.cursor), l.cursor-rows+1)
	l.top = min(l.top, max(0, l.len()-rows))
}

// setHits shows a filter's results with the best one selected, as fzf
// does. Clearing the filter (query "") keeps the selected document.
func (l *listModel) setHits(query string, hits []corpus.Hit) {
	sel := l.selected()
	if hits == nil && query != "" {
		hits = []corpus.Hit{} // nothing found (hits nil is no filter: every document)
	}
	l.query, l.hits = query, hits
	l.also = corpus.AlsoSearched(query)
	l.problem = corpus.QualifierProblem(query)
	l.cursor, l.top = 0, 0
	if query == "" {
		l.hits = nil
		if sel >= 0 {
			l.cursor = l.rowOf(sel)
		}
	}
	l.clamp()
}

// rowAt maps a screen row of the pane to a list row, or -1.
func (l listModel) rowAt(y int) int {
	if i := l.top + y; y >= 0 && i < l.len() {
		return i
	}
	return -1
}

// view draws the pane: exactly height rows of exactly width cells. The
// selected row carries a ▶ marker as well as its style; matched
// characters of the filter are reversed.
func (l *listModel) view(p *layout.Policy, st Styles, focused bool) []string {
	out := make([]string, 0, l.height)
	// Columns that fit: title always, then badge, date, length.
	showBadge, showDate, showLen := l.width >= 24, l.width >= 44, l.width >= 56
	for y := 0; y < l.height; y++ {
		i := l.top + y
		if i >= l.len() {
			out = append(out, row(p, "", l.width, lipgloss.NewStyle(), nil))
			continue
		}
		d := l.docs[l.docAt(i)]
		right := ""
		if showDate {
			date := d.Date
			if date == "" {
				date = "-"
			}
			right += " " + p.Fit(date, 10)
		}
		if showBadge {
			right += " " + p.Fit(d.Script.Label(), 2)
		}
		if showLen {
			right += " " + p.PadLeft(strconv.Itoa(d.Chars()), 6)
		}
		if showBadge {
			n := ""
			if c := l.counts[l.docAt(i)]; c > 0 {
				n = noteMark + strconv.Itoa(min(c, 99))
			}
			right += " " + p.Fit(n, 3)
		}
		// ▶ is ambiguous-width: the blank marker takes the same cells.
		marker := strings.Repeat(" ", p.StringWidth(selMarker))
		base := lipgloss.NewStyle()
		if i == l.cursor {
			marker = selMarker
			if focused {
				base = st.Selected
			}
		}
		titleW := l.width - p.StringWidth(marker) - p.StringWidth(right)
		title := l.titles[l.docAt(i)]
		var spans []span
		if l.query != "" {
			off := p.StringWidth(marker)
			for _, r := range corpus.HighlightRanges(title, l.query) {
				a := off + p.StringWidth(string([]rune(title)[:r[0]]))
				b := off + p.StringWidth(string([]rune(title)[:r[1]]))
				spans = append(spans, span{a, min(b, off+titleW), st.Match})
			}
		}
		out = append(out, row(p, marker+p.Fit(title, titleW)+right, l.width, base, spans))
	}
	return out
}

// selMarker marks the selected row, so that the selection shows without
// colour too.
const selMarker = "▶ "

// status describes the list for the status bar.
func (l listModel) status() string {
	if l.len() == 0 && l.query == "" {
		return "0 documents"
	}
	if l.len() == 0 {
		return "no match"
	}
	return fmt.Sprintf("%d/%d", l.cursor+1, l.len())
}
