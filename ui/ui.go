// Package ui is jianbao's terminal interface: Bubble Tea models, key maps
// and styles. Text is measured and laid out by ui/layout, so that every row
// of the frame is exactly the terminal's width under one width policy.
package ui

import (
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/ui/layout"
)

// Config is what the reader needs from its caller.
type Config struct {
	Corpus *corpus.Corpus
	// Index searches the corpus; New builds one when nil.
	Index *corpus.Index
	// Label names the corpus in the title bar.
	Label string
	// Skipped is how many files failed to load.
	Skipped  int
	Policy   *layout.Policy
	Renderer *lipgloss.Renderer
	// Notes is where tagged passages are stored (nil: tagging is off),
	// NoteList the notes it held at start, Author who tags. Feed, if set,
	// follows the notes file from where NoteList came from (see
	// notes.NewFeed), so the reader reads only what others append after;
	// readers of one file may share it, and with it one copy of the notes.
	Notes    *notes.Store
	NoteList []notes.Note
	Feed     *notes.Feed
	Author   string
	// ShowAuthors shows who made each note (a shared notes file).
	ShowAuthors bool
	// Stream, when set, delivers the corpus while the reader runs: the
	// first frame comes at once and the list fills in.
	Stream <-chan corpus.Batch
	// Suspend lets ctrl+z stop the reader and return to the shell, as in
	// less and vim (fg resumes it). Off over SSH, where there is no shell.
	Suspend bool
}

// Window sizes are clamped: a client may claim any size, and the frame is
// allocated per row and cell.
const (
	maxWidth  = 1000
	maxHeight = 500
)

// splitWidth is the terminal width from which the list and the article
// stand side by side.
const splitWidth = 100

// filterCheck is how many of a filter's best documents are checked
// against their text on each keystroke (the rest are trusted to the index).
const filterCheck = 200

// pane is what has the keyboard.
type pane int

const (
	paneList pane = iota
	paneArticle
)

func (p pane) String() string { return [...]string{"list", "article"}[p] }

// Model is the root of the reader. It routes keys to the focused pane,
// lays the panes out, and draws the title and status bars.
type Model struct {
	cfg      Config
	keys     KeyMap
	st       Styles
	list     listModel
	art      articleModel
	focus    pane
	split    bool
	showHelp bool
	helpTop  int // the ? page's first line on screen
	// filter is the list's / line, search the article's.
	filter, search queryLine
	filterSeq      int
	width, height  int
	listW          int // list pane width in split view

	// Notes.
	allNotes []notes.Note
	docByID  map[string]*corpus.Document
	docIndex map[string]int
	prompt   tagPrompt
	nv       notesView
	message  string // a one-off line for the status bar
	// feed reads the notes file as others append to it, notesVersion is
	// the version of its notes allNotes came from; notesGen counts this
	// reader's own changes to allNotes, so that notes read before one of
	// them are not taken (see watchNotes). allNotes may be the feed's
	// list, shared with other readers: it is never changed in place.
	feed         *notes.Feed
	notesVersion int
	notesGen     int

	// Loading progress, while Stream delivers.
	loading   bool
	loadFiles int
	loadDone  int
	loadBytes int64
	loadStart time.Time
}

// batchMsg is a part of the corpus arriving; loadEndMsg its end.
type batchMsg corpus.Batch

// waitBatch waits for the next batch of the corpus.
func waitBatch(ch <-chan corpus.Batch) tea.Cmd {
	return func() tea.Msg {
		b, ok := <-ch
		if !ok {
			return batchMsg{Last: true}
		}
		return batchMsg(b)
	}
}

// filterResultMsg carries a filter's answer; seq drops stale ones.
type filterResultMsg struct {
	seq   int
	query string
	hits  []corpus.Hit
}

// New makes the reader.
func New(cfg Config) Model {
	if cfg.Renderer == nil {
		cfg.Renderer = lipgloss.DefaultRenderer()
	}
	if cfg.Index == nil {
		cfg.Index = corpus.BuildIndex(cfg.Corpus)
	}
	if cfg.Corpus == nil {
		cfg.Corpus = corpus.New(nil)
	}
	m := Model{
		cfg:      cfg,
		keys:     DefaultKeyMap(),
		st:       NewStyles(cfg.Renderer),
		list:     newListModel(cfg.Corpus.Docs),
		art:      newArticleModel(cfg.Policy),
		allNotes: cfg.NoteList,
		docByID:  map[string]*corpus.Document{},
		docIndex: map[string]int{},
	}
	m.keys.Suspend.SetEnabled(cfg.Suspend)
	switch {
	case cfg.Feed != nil:
		m.feed = cfg.Feed
		_, m.notesVersion = cfg.Feed.Notes()
	case cfg.Notes != nil:
		// Nothing read yet: the first look reads the file whole (version 1).
		m.feed = notes.NewFeed(cfg.Notes.Follow(), nil)
	}
	for i, d := range cfg.Corpus.Docs {
		m.docByID[d.ID], m.docIndex[d.ID] = d, i
	}
	m.refreshNotes()
	if cfg.Stream != nil {
		m.loading, m.loadStart = true, time.Now()
	}
	return m
}

// refreshNotes recounts the notes per document and places the shown
// document's notes in its text.
func (m *Model) refreshNotes() {
	m.list.counts = map[int]int{}
	for _, n := range m.allNotes {
		if i, ok := m.docIndex[n.Doc]; ok {
			m.list.counts[i]++
		}
	}
	m.art.marks = nil
	if d := m.art.doc; d != nil {
		for _, n := range m.allNotes {
			if n.Doc == d.ID {
				if p := notes.Place(n, m.art.text); p.Status != notes.Orphaned {
					m.art.marks = append(m.art.marks, [2]int{p.Start, p.End})
				}
			}
		}
	}
	if m.nv.active {
		m.nv.build(m.allNotes, m.docByID)
	}
}

// Init implements tea.Model: it starts taking in the corpus when it is
// streamed.
func (m Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.cfg.Stream != nil {
		cmds = append(cmds, waitBatch(m.cfg.Stream))
	}
	if m.feed != nil {
		cmds = append(cmds, watchNotes(m.feed, m.notesVersion, m.notesGen, false))
	}
	return tea.Batch(cmds...)
}

// addBatch takes in a part of the corpus: the list, the index, the notes
// counts, and the active filter run again over what has loaded.
func (m *Model) addBatch(b batchMsg) tea.Cmd {
	m.loadFiles, m.loadDone, m.loadBytes = b.Files, b.Done, b.Bytes
	for _, w := range b.Warnings {
		if w.Loaded {
			slog.Warn("loaded with a warning", "path", w.Path, "warning", w.Err)
			continue
		}
		if w.NotRead > 0 {
			slog.Warn("files of other formats not read", "folder", w.Path, "reason", w.Err)
			m.cfg.Skipped += w.NotRead
			continue
		}
		slog.Warn("skipped while loading", "path", w.Path, "reason", w.Err)
		m.cfg.Skipped++
	}
	if len(b.Docs) > 0 {
		first := len(m.cfg.Corpus.Docs)
		m.cfg.Corpus.Append(b.Docs...)
		m.cfg.Index.Publish(corpus.Batch(b))
		for i, d := range b.Docs {
			m.docByID[d.ID], m.docIndex[d.ID] = d, first+i
		}
		m.list.add(b.Docs)
		m.refreshNotes()
		m.syncArticle()
	}
	var cmds []tea.Cmd
	if len(b.Docs) > 0 && m.list.query != "" {
		cmds = append(cmds, m.runFilter())
	}
	if b.Last {
		m.loading = false
		if len(m.cfg.Corpus.Docs) == 0 {
			m.message = "no documents loaded: every file was skipped or none was found (see the log)"
		}
	} else {
		cmds = append(cmds, waitBatch(m.cfg.Stream))
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case batchMsg:
		return m, m.addBatch(msg)
	case filterResultMsg:
		if msg.seq == m.filterSeq {
			m.list.setHits(msg.query, msg.hits)
			m.syncArticle()
		}
	case tea.MouseMsg:
		m.mouse(msg)
	case tea.ResumeMsg:
		// Suspending gave the terminal back with the mouse off.
		return m, tea.EnableMouseCellMotion
	case tea.KeyMsg:
		m.message = ""
		return m.key(msg)
	case notesReloadedMsg:
		stale := msg.gen != m.notesGen
		if !stale && msg.notes != nil {
			m.allNotes, m.notesVersion = msg.notes, msg.version
			m.refreshNotes()
		}
		// Notes read before this reader's own change are dropped, and given
		// again at the next look, read or not.
		return m, watchNotes(m.feed, m.notesVersion, m.notesGen, stale && msg.notes != nil)
	case noteSavedMsg:
		m.notesGen++
		if msg.edited {
			m.allNotes = slices.Clone(m.allNotes) // the feed's list may be shared
			for i := range m.allNotes {
				if m.allNotes[i].ID == msg.note.ID {
					m.allNotes[i].Tags, m.allNotes[i].Comment = msg.note.Tags, msg.note.Comment
				}
			}
			m.message = "saved changes to " + msg.note.ID
		} else {
			if !slices.ContainsFunc(m.allNotes, func(n notes.Note) bool { return n.ID == msg.note.ID }) {
				m.allNotes = append(slices.Clip(m.allNotes), msg.note) // a reload may have brought it already
			}
			m.message = fmt.Sprintf("%s tagged #%s · saved as %s", noteMark, strings.Join(msg.note.Tags, " #"), msg.note.ID)
		}
		m.prompt = tagPrompt{}
		m.art.sel = selection{}
		m.refreshNotes()
	case noteErrMsg:
		if m.prompt.active {
			// Keep the note in the prompt: enter retries. The cause first,
			// as the status bar is narrow.
			m.prompt.err = "not saved: " + rootCause(msg.err)
		} else {
			m.message = "✗ " + msg.err.Error()
		}
	case noteDeletedMsg:
		m.notesGen++
		if msg.restore {
			if m.nv.undo != nil && m.nv.undo.ID == msg.id {
				m.allNotes = append(slices.Clip(m.allNotes), *m.nv.undo)
				m.nv.undo = nil
			}
			m.message = "restored " + msg.id
		} else {
			for i := range m.allNotes {
				if m.allNotes[i].ID == msg.id {
					n := m.allNotes[i]
					m.nv.undo = &n
					m.allNotes = append(m.allNotes[:i:i], m.allNotes[i+1:]...)
					break
				}
			}
			m.message = "deleted " + msg.id + " · u undoes"
		}
		m.refreshNotes()
	}
	return m, nil
}

// resize gives each pane its size: the list beside the article from
// splitWidth cells, one pane at a time below that.
func (m *Model) resize(w, h int) {
	w, h = max(1, min(w, maxWidth)), max(1, min(h, maxHeight))
	m.width, m.height = w, h
	body := max(1, h-2)
	m.nv.height = body
	if m.nv.active {
		m.nv.place(m.docByID)
	}
	m.split = w >= splitWidth
	if m.split {
		m.listW = max(30, min(60, w*2/5))
		artW := w - m.listW - m.cfg.Policy.StringWidth(border)
		m.list.setSize(m.listW, body)
		m.art.setSize(artW, body)
	} else {
		m.list.setSize(w, body)
		m.art.setSize(w, body)
	}
	m.syncArticle()
}

// border separates the panes in split view.
const border = "│"

// syncArticle shows the selected document in the article pane when both
// panes are on screen.
func (m *Model) syncArticle() {
	if !m.split && m.focus == paneList {
		return
	}
	var d *corpus.Document
	if i := m.list.selected(); i >= 0 {
		d = m.cfg.Corpus.Docs[i]
	}
	if d != m.art.doc {
		m.art.setDoc(d)
		m.refreshNotes()
	}
	// The list's filter is found in the article too (n/N go through it),
	// unless a search of the article's own is on. Not in a text over
	// maxFilterInArticle: finding a word costs 15–50 ms a MB, and this runs
	// on the key loop each time the filter's answer comes (`/` searches
	// such a text when asked).
	q := m.list.query
	if len(m.art.text) > maxFilterInArticle {
		q = ""
	}
	if m.search.String() == "" && m.art.query != q {
		m.art.setQuery(q)
	}
}

// maxFilterInArticle is the largest text, in bytes, the list's filter is
// found in as it changes.
const maxFilterInArticle = 1 << 20

func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if msg.Type == tea.KeyCtrlC {
		return m, tea.Quit
	}
	if key.Matches(msg, k.Suspend) {
		return m, tea.Suspend
	}
	// Runes typed fast (or pasted) arrive in one event. A query line takes
	// them whole, as it must for input methods; anywhere else they are
	// keys pressed one after another.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.filter.active && !m.search.active {
		var cmds []tea.Cmd
		var model tea.Model = m
		for i, r := range msg.Runes {
			var cmd tea.Cmd
			model, cmd = model.(Model).key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
			cmds = append(cmds, cmd)
			if mm := model.(Model); mm.filter.active || mm.search.active {
				// The rest was typed into the line just opened.
				rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i+1:]}
				if len(rest.Runes) > 0 {
					model, cmd = mm.key(rest)
					cmds = append(cmds, cmd)
				}
				break
			}
		}
		return model, tea.Batch(cmds...)
	}
	if m.showHelp {
		return m.helpKey(msg)
	}
	if m.prompt.active {
		return m.promptKey(msg)
	}
	if m.nv.active {
		return m.notesKey(msg)
	}
	switch {
	case m.filter.active:
		switch {
		case key.Matches(msg, k.Accept):
			m.filter.active = false
			return m, nil
		case key.Matches(msg, k.Cancel):
			return m.clearFilter()
		case m.filter.update(msg):
			return m, m.runFilter()
		}
		return m, nil
	case m.search.active:
		switch {
		case key.Matches(msg, k.Accept):
			m.search.active = false
		case key.Matches(msg, k.Cancel):
			m.search = queryLine{}
			m.art.setQuery("")
		case m.search.update(msg):
			m.art.setQuery(m.search.String())
		}
		return m, nil
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpTop = true, 0
		return m, nil
	}
	if m.focus == paneArticle {
		return m.articleKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Sort):
		m.list.cycleSort()
		m.message = "order: " + listSorts[m.list.sortMode].label
		if m.list.hits != nil {
			m.message += " (after the filter is cleared)"
		}
		m.syncArticle()
	case key.Matches(msg, k.Up):
		m.list.move(-1)
	case key.Matches(msg, k.Down):
		m.list.move(1)
	case key.Matches(msg, k.PageUp):
		m.list.move(-m.list.height)
	case key.Matches(msg, k.PageDown):
		m.list.move(m.list.height)
	case key.Matches(msg, k.Top):
		m.list.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.list.moveTo(m.list.len() - 1)
	case key.Matches(msg, k.Open), key.Matches(msg, k.Switch) && m.split:
		if m.list.selected() >= 0 {
			m.focus = paneArticle
		}
	case key.Matches(msg, k.Filter):
		m.filter.active = true
		return m, nil
	case key.Matches(msg, k.Notes):
		m.nv.active = true
		m.nv.build(m.allNotes, m.docByID)
		return m, nil
	case key.Matches(msg, k.ClearFilter):
		if m.list.query != "" || len(m.filter.text) > 0 {
			return m.clearFilter()
		}
	}
	m.syncArticle()
	return m, nil
}

func (m Model) articleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k, a := m.keys, &m.art
	if a.sel.active {
		return m.selectKey(msg)
	}
	switch {
	case key.Matches(msg, k.Select):
		if a.doc == nil {
			break
		}
		if a.mode != showClean {
			a.setMode(showClean) // notes anchor to the clean text
		}
		off := a.anchor
		if a.current >= 0 && a.query != "" {
			off = a.toClean(a.matches[a.current][0])
		}
		a.selectSentence(off)
	case key.Matches(msg, k.Back), key.Matches(msg, k.Switch) && m.split:
		m.focus = paneList
	case key.Matches(msg, k.LineDown):
		a.scroll(1)
	case key.Matches(msg, k.LineUp):
		a.scroll(-1)
	case key.Matches(msg, k.ArticlePageDown):
		a.scroll(max(1, a.height-1))
	case key.Matches(msg, k.ArticlePageUp):
		a.scroll(-max(1, a.height-1))
	case key.Matches(msg, k.HalfDown):
		a.scroll(max(1, a.height/2))
	case key.Matches(msg, k.HalfUp):
		a.scroll(-max(1, a.height/2))
	case key.Matches(msg, k.ArticleTop):
		a.toTop()
	case key.Matches(msg, k.ArticleBottom):
		a.toEnd()
	case key.Matches(msg, k.Search):
		m.search = queryLine{active: true}
	case key.Matches(msg, k.NextMatch):
		a.next(1)
	case key.Matches(msg, k.PrevMatch):
		a.next(-1)
	case key.Matches(msg, k.Raw):
		a.setMode(showRaw)
	case key.Matches(msg, k.Changes):
		a.setMode(showChanges)
	case key.Matches(msg, k.Script):
		a.cycleScript()
	}
	return m, nil
}

// selectKey handles keys while a passage is being selected.
func (m Model) selectKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k, a := m.keys, &m.art
	switch {
	case key.Matches(msg, k.Cancel):
		a.sel = selection{}
	case key.Matches(msg, k.Tag):
		if m.cfg.Notes == nil {
			m.message = "tagging is off: no notes file"
			break
		}
		m.prompt = tagPrompt{active: true, doc: a.doc, docText: a.text, start: a.sel.start, end: a.sel.end, comment: queryLine{limit: maxCommentRunes}}
	case key.Matches(msg, k.Extend):
		a.growSel(1)
	case key.Matches(msg, k.Shrink):
		a.growSel(-1)
	case key.Matches(msg, k.NextSentence):
		a.moveSel(1)
	case key.Matches(msg, k.PrevSentence):
		a.moveSel(-1)
	case key.Matches(msg, k.Paragraph):
		a.selParagraph()
	case key.Matches(msg, k.EndRight):
		a.nudgeSel(true, 1)
	case key.Matches(msg, k.EndLeft):
		a.nudgeSel(true, -1)
	case key.Matches(msg, k.StartRight):
		a.nudgeSel(false, 1)
	case key.Matches(msg, k.StartLeft):
		a.nudgeSel(false, -1)
	case key.Matches(msg, k.ArticlePageDown):
		a.scroll(max(1, a.height-1))
	case key.Matches(msg, k.ArticlePageUp):
		a.scroll(-max(1, a.height-1))
	}
	return m, nil
}

// promptKey handles the tag prompt: tags (tab completes), then an optional
// comment; enter saves, esc cancels without writing anything.
func (m Model) promptKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k, p := m.keys, &m.prompt
	switch {
	case key.Matches(msg, k.Cancel):
		m.prompt = tagPrompt{}
		m.message = "not tagged"
	case p.step == 0 && key.Matches(msg, k.Complete):
		p.complete(knownTags(m.allNotes))
	case key.Matches(msg, k.Accept):
		if p.step == 0 {
			if len(notes.NormalizeTags([]string{p.tags.String()})) == 0 {
				p.err = "type at least one tag"
				break
			}
			p.step, p.err = 1, ""
			break
		}
		if p.editID != "" {
			n := notes.Note{ID: p.editID, Tags: notes.NormalizeTags([]string{p.tags.String()}), Comment: strings.TrimSpace(p.comment.String())}
			return m, saveNote(m.cfg.Notes, n, true, m.cfg.Author)
		}
		n, err := p.noteFor(m.cfg.Author)
		if err != nil {
			p.err = err.Error()
			break
		}
		return m, saveNote(m.cfg.Notes, n, false, m.cfg.Author)
	case p.step == 0:
		p.tags.update(msg)
	default:
		p.comment.update(msg)
	}
	return m, nil
}

// notesKey handles the notes view.
func (m Model) notesKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k, v := m.keys, &m.nv
	if v.filter.active {
		switch {
		case key.Matches(msg, k.Accept):
			v.filter.active = false
		case key.Matches(msg, k.Cancel):
			v.filter = queryLine{}
		default:
			v.filter.update(msg)
		}
		v.build(m.allNotes, m.docByID)
		return m, nil
	}
	v.showAuthors = m.cfg.ShowAuthors
	if v.preview != nil {
		if key.Matches(msg, k.Back, k.NotePreview) {
			v.preview = nil
		} else {
			v.previewTop, _ = k.scroll(msg, v.previewTop, max(1, m.height-3))
		}
		v.previewTop = max(0, v.previewTop) // the view keeps it above the end
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Back), key.Matches(msg, k.Notes):
		v.active = false
	case key.Matches(msg, k.NotePreview):
		es := notes.Entries(m.allNotes, func(id string) (notes.DocInfo, bool) {
			d, ok := m.docByID[id]
			if !ok {
				return notes.DocInfo{}, false
			}
			text := d.Text()
			if d.ReadErr() != nil {
				return notes.DocInfo{}, false // its file is gone: as if not loaded
			}
			return notes.DocInfo{Text: text, Title: d.Title, Date: d.Date}, true
		})
		lines, err := markdownPreview(m.cfg.Policy, es, m.width-1)
		if err != nil {
			m.message = "✗ " + err.Error()
			break
		}
		v.preview, v.previewTop = lines, 0
	case key.Matches(msg, k.Up):
		v.cursor--
		v.skipHeaders(-1)
		v.place(m.docByID)
	case key.Matches(msg, k.Down):
		v.cursor++
		v.skipHeaders(1)
		v.place(m.docByID)
	case key.Matches(msg, k.Filter):
		v.filter.active = true
	case key.Matches(msg, k.NoteGroup):
		v.byDoc = !v.byDoc
		v.cursor = 0
		v.build(m.allNotes, m.docByID)
	case key.Matches(msg, k.NoteDelete):
		if n := v.selected(); n != nil && m.cfg.Notes != nil {
			return m, deleteNote(m.cfg.Notes, n.ID, false, m.cfg.Author)
		}
	case key.Matches(msg, k.NoteUndo):
		if v.undo != nil && m.cfg.Notes != nil {
			return m, deleteNote(m.cfg.Notes, v.undo.ID, true, m.cfg.Author)
		}
	case key.Matches(msg, k.NoteEdit):
		if n := v.selected(); n != nil && m.cfg.Notes != nil {
			m.prompt = tagPrompt{active: true, editID: n.ID, comment: queryLine{limit: maxCommentRunes}}
			m.prompt.tags.text = []rune(strings.Join(n.Tags, " "))
			m.prompt.comment.text = []rune(n.Comment)
		}
	case key.Matches(msg, k.NoteOpen):
		n := v.selected()
		if n == nil {
			break
		}
		d, ok := m.docByID[n.Doc]
		if !ok {
			m.message = "document " + n.Doc + " is not loaded"
			break
		}
		if m.list.query != "" {
			m.clearFilterInPlace()
		}
		m.list.moveTo(m.docIndex[d.ID])
		m.art.setDoc(d)
		if m.art.mode != showClean {
			m.art.setMode(showClean)
		}
		m.refreshNotes()
		p := notes.Place(*n, m.art.text)
		switch p.Status {
		case notes.Orphaned: // its offsets are the note's own, maybe not of this text
			m.message = "note orphaned: its passage is no longer in the text"
		default:
			m.art.sel = selection{active: true, start: p.Start, end: p.End}
			m.art.showSel()
			if p.Status != notes.Exact {
				m.message = "note " + p.Status.String()
			}
		}
		v.active = false
		m.focus = paneArticle
	}
	return m, nil
}

// progress says how loading goes: files read of files found, and speed.
func (m Model) progress() string {
	if m.loadFiles == 0 {
		return "finding files…"
	}
	secs := time.Since(m.loadStart).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(m.loadBytes) / 1e6 / secs
	}
	return fmt.Sprintf("loading %d/%d files, %.0f MB/s", m.loadDone, m.loadFiles, rate)
}

// rootCause is the innermost error's text ("is a directory", "permission
// denied", "no space left on device").
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// clearFilterInPlace drops the list filter (used when jumping to a note).
func (m *Model) clearFilterInPlace() {
	m.filter = queryLine{}
	m.filterSeq++
	m.list.setHits("", nil)
}

// runFilter starts a search for the filter line's text in a command.
func (m *Model) runFilter() tea.Cmd {
	m.filterSeq++
	seq, q, ix := m.filterSeq, m.filter.String(), m.cfg.Index
	if !m.filter.active && m.list.query != "" {
		q = m.list.query // a kept filter, run again over new documents
	}
	if strings.TrimSpace(q) == "" {
		return func() tea.Msg { return filterResultMsg{seq: seq} }
	}
	return func() tea.Msg { return filterResultMsg{seq: seq, query: q, hits: ix.Filter(q, filterCheck)} }
}

func (m Model) clearFilter() (tea.Model, tea.Cmd) {
	m.filter = queryLine{}
	m.filterSeq++
	m.list.setHits("", nil)
	m.syncArticle()
	return m, nil
}

func (m *Model) mouse(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || m.showHelp {
		return
	}
	y := msg.Y - 1 // below the title bar
	if y < 0 || y >= m.height-2 {
		return
	}
	onList := m.split && msg.X < m.listW || !m.split && m.focus == paneList
	switch msg.Button {
	case tea.MouseButtonWheelUp, tea.MouseButtonWheelDown:
		n := 3
		if msg.Button == tea.MouseButtonWheelUp {
			n = -3
		}
		if onList {
			m.list.move(n)
			m.syncArticle()
		} else {
			m.art.scroll(n)
		}
	case tea.MouseButtonLeft:
		if !onList {
			m.focus = paneArticle
			return
		}
		if i := m.list.rowAt(y); i >= 0 {
			m.list.moveTo(i)
			m.focus = paneList
			m.syncArticle()
		}
	}
}

// View implements tea.Model. Every row is exactly the terminal's width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	p := m.cfg.Policy
	rows := make([]string, 0, m.height)
	rows = append(rows, row(p, m.titleText(), m.width, m.st.TitleBar, nil))
	body := max(1, m.height-2)
	switch {
	case m.showHelp:
		rows = append(rows, m.helpView(body)...)
	case m.nv.active:
		rows = append(rows, m.nv.view(p, m.st, m.width, body)...)
	case m.split:
		left := m.list.view(p, m.st, m.focus == paneList)
		right := m.art.view(m.st)
		sep := m.st.Border.Render(border)
		for i := 0; i < body; i++ {
			rows = append(rows, left[i]+sep+right[i])
		}
	case m.focus == paneArticle:
		rows = append(rows, m.art.view(m.st)...)
	default:
		rows = append(rows, m.list.view(p, m.st, true)...)
	}
	if m.height >= 2 {
		rows = append(rows, m.statusRow())
	}
	return strings.Join(rows[:m.height], "\n")
}

// titleText is the title bar: the filter first (it is what matters while
// filtering, and the end of the bar is cut on narrow screens), then the
// corpus and its size.
func (m Model) titleText() string {
	t := " 简报"
	switch {
	case m.filter.active:
		t += " · /" + layout.Inert(m.filter.String()) + "_"
		if m.list.query != "" || len(m.filter.text) > 0 {
			t += fmt.Sprintf(" (%d)", m.list.len())
		}
	case m.list.query != "":
		t += fmt.Sprintf(" · /%s (%s)", layout.Inert(m.list.query), layout.Count(m.list.len(), "match", "matches"))
	}
	if len(m.list.also) > 0 && (m.filter.active || m.list.query != "") {
		t += " · also " + layout.Inert(strings.Join(m.list.also, " ")) // the query's words, some replaced
	}
	if m.list.problem != "" && (m.filter.active || m.list.query != "") {
		t += " · " + layout.Inert(m.list.problem) // why nothing is found
	}
	if !m.split && m.focus == paneArticle && m.art.doc != nil {
		return t + " · " + layout.Inert(m.art.doc.DisplayTitle())
	}
	t += fmt.Sprintf(" · jianbao · %s · %s", layout.Inert(m.cfg.Label), layout.Count(len(m.cfg.Corpus.Docs), "document", "documents"))
	if m.list.sortMode > 0 && m.list.query == "" {
		t += " · " + listSorts[m.list.sortMode].label
	}
	if m.cfg.Skipped > 0 {
		t += " · " + layout.Count(m.cfg.Skipped, "file", "files") + " skipped"
	}
	return t
}

// statusRow is the status bar: where you are, the mode, and key hints.
func (m Model) statusRow() string {
	p := m.cfg.Policy
	var left string
	var hints []key.Binding
	switch {
	case m.showHelp:
		left, hints = "help", []key.Binding{m.keys.Help}
		if n, body := len(m.helpRows()), max(1, m.height-2); n > body {
			top := min(m.helpTop, n-body)
			left = fmt.Sprintf("help %d–%d of %d", top+1, top+body, n)
			hints = []key.Binding{m.keys.LineDown, m.keys.ArticlePageDown, m.keys.Help}
		}
	case m.prompt.active:
		left, hints = m.prompt.text(knownTags(m.allNotes)), m.keys.promptHelp(m.prompt.step)
		if m.prompt.step == 0 && m.prompt.err != "" {
			left = "✗ " + layout.Inert(m.prompt.err) + " · " + left
		}
	case m.message != "":
		left = m.message
	case m.nv.active && m.nv.filter.active:
		left, hints = "notes filter: /"+layout.Inert(m.nv.filter.String())+"_", m.keys.queryHelp()
	case m.nv.active:
		left, hints = layout.Count(len(m.allNotes), "note", "notes"), m.keys.notesHelp()
	case m.art.sel.active && m.focus == paneArticle:
		left, hints = "selected "+layout.Count(m.art.sel.end-m.art.sel.start, "character", "characters"), m.keys.selectHelp()
	case m.search.active:
		left, hints = "search: /"+layout.Inert(m.search.String())+"_ "+m.art.count(), m.keys.queryHelp()
	case m.filter.active:
		left, hints = "filter", m.keys.queryHelp()
	case m.focus == paneArticle:
		left, hints = m.art.status(), m.keys.articleHelp()
	default:
		left, hints = m.list.status(), m.keys.listHelp()
		if m.loading {
			left += " · " + m.progress()
		}
		if m.split {
			if s := m.art.status(); s != "" {
				left += " │ " + s
			}
		}
	}
	left = " " + left + "  "
	right := p.Truncate(helpLine(hints), max(0, m.width-p.StringWidth(left)), "…")
	return row(p, left+right, m.width, m.st.StatusBar, nil)
}

// helpLine renders key bindings as plain text, so that it can be measured
// and cut by the width policy before it is styled.
func helpLine(bs []key.Binding) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

// helpKey handles keys on the ? page: it scrolls like an article, and ?,
// esc or q close it.
func (m Model) helpKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	body := max(1, m.height-2)
	if key.Matches(msg, k.Help, k.Cancel, k.Back) {
		m.showHelp = false
	} else {
		m.helpTop, _ = k.scroll(msg, m.helpTop, body)
	}
	m.helpTop = max(0, min(m.helpTop, len(m.helpRows())-body))
	return m, nil
}

// helpView is the ? page from line m.helpTop: height rows of helpRows.
func (m Model) helpView(height int) []string {
	p := m.cfg.Policy
	rows := m.helpRows()
	top := min(m.helpTop, max(0, len(rows)-height))
	out := make([]string, 0, height)
	for y := top; y < top+height; y++ {
		line := ""
		if y < len(rows) {
			line = rows[y]
		}
		out = append(out, row(p, " "+line, m.width, lipgloss.NewStyle(), nil))
	}
	return out
}

// helpRows lays out every binding, by mode, for the ? page. Each group stays
// whole in one column; there are as many columns as fit at the width of the
// longest line, and the groups are spread over them so that the tallest
// column is as short as it can be. What does not fit the screen scrolls.
// A description is cut only when one column is wider than the screen.
func (m Model) helpRows() []string {
	p := m.cfg.Policy
	groups := m.keys.FullHelp()
	keyW := 0
	for _, g := range groups {
		for _, b := range g.bindings {
			keyW = max(keyW, p.StringWidth(b.Help().Key))
		}
	}
	var blocks [][]string
	colW := 0
	for _, g := range groups {
		lines := []string{g.title}
		for _, b := range g.bindings {
			lines = append(lines, "  "+p.Fit(b.Help().Key, keyW)+"  "+b.Help().Desc)
		}
		for _, l := range lines {
			colW = max(colW, p.StringWidth(l))
		}
		blocks = append(blocks, lines)
	}
	const gap = 3
	avail := max(1, m.width-1)
	colW = min(colW+gap, avail)
	cols := helpColumns(blocks, max(1, avail/colW))
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	out := make([]string, height)
	for y := range out {
		var sb strings.Builder
		for _, c := range cols {
			line := ""
			if y < len(c) {
				line = c[y]
			}
			sb.WriteString(p.Fit(line, colW))
		}
		out[y] = sb.String()
	}
	return out
}

// helpColumns spreads blocks, in order and whole, over at most n columns
// (a blank line between blocks) so that the tallest column is as short as
// it can be.
func helpColumns(blocks [][]string, n int) [][]string {
	// fill returns the columns of the greedy packing under height h.
	fill := func(h int) [][]string {
		var cols [][]string
		var cur []string
		for _, b := range blocks {
			if len(cur) > 0 && len(cur)+1+len(b) > h {
				cols, cur = append(cols, cur), nil
			}
			if len(cur) > 0 {
				cur = append(cur, "")
			}
			cur = append(cur, b...)
		}
		if len(cur) > 0 {
			cols = append(cols, cur)
		}
		return cols
	}
	lo, hi := 0, 0
	for _, b := range blocks {
		lo = max(lo, len(b))
		hi += len(b) + 1
	}
	for lo < hi { // the least height at which the packing needs n columns or fewer
		mid := (lo + hi) / 2
		if len(fill(mid)) <= n {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return fill(lo)
}
