package ui

import (
	"math"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds every key of the reader, by mode. Help (the status bar hints
// and the ? page) is made from these bindings.
type KeyMap struct {
	// Global.
	Help, Quit, Switch, Suspend key.Binding
	// List.
	Up, Down, PageUp, PageDown, Top, Bottom, Open, Filter, ClearFilter, Sort key.Binding
	// Article.
	LineUp, LineDown, ArticlePageDown, ArticlePageUp, HalfDown, HalfUp, ArticleTop, ArticleBottom key.Binding
	Back, Search, NextMatch, PrevMatch, Raw, Script, Changes                                      key.Binding
	// Query line (filter or article search).
	Accept, Cancel key.Binding
	// Selecting a passage in the article.
	Select, NextSentence, PrevSentence, Extend, Shrink, Paragraph, EndRight, EndLeft, StartRight, StartLeft, Tag key.Binding
	// The tag prompt.
	Complete key.Binding
	// The notes view.
	Notes, NoteOpen, NoteDelete, NoteUndo, NoteEdit, NoteGroup, NotePreview key.Binding
}

// DefaultKeyMap returns the reader's keys: less and vi for moving, / for
// searching, as in glow, less and fzf.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k, h := key.WithKeys, key.WithHelp
	return KeyMap{
		Help:   b(k("?"), h("?", "help")),
		Quit:   b(k("q", "ctrl+c"), h("q", "quit")),
		Switch: b(k("tab"), h("tab", "switch pane")),
		// Suspend is turned on by Config.Suspend.
		Suspend: b(k("ctrl+z"), h("ctrl+z", "suspend (fg resumes)"), key.WithDisabled()),

		Up:          b(k("up", "k"), h("↑/k", "up")),
		Down:        b(k("down", "j"), h("↓/j", "down")),
		PageUp:      b(k("pgup", "ctrl+b"), h("pgup", "page up")),
		PageDown:    b(k("pgdown", "ctrl+f"), h("pgdn", "page down")),
		Top:         b(k("g", "home"), h("g/home", "first")),
		Bottom:      b(k("G", "end"), h("G/end", "last")),
		Open:        b(k("enter", "right", "l"), h("enter", "read")),
		Filter:      b(k("/"), h("/", "filter")),
		ClearFilter: b(k("esc"), h("esc", "clear filter")),
		Sort:        b(k("s"), h("s", "cycle sort order")),

		LineUp:          b(k("up", "k"), h("↑/k", "line up")),
		LineDown:        b(k("down", "j"), h("↓/j", "line down")),
		ArticlePageDown: b(k(" ", "pgdown", "f"), h("space/pgdn", "page down")),
		ArticlePageUp:   b(k("b", "pgup"), h("b/pgup", "page up")),
		HalfDown:        b(k("d"), h("d", "half page down")),
		HalfUp:          b(k("u"), h("u", "half page up")),
		ArticleTop:      b(k("g", "home"), h("g", "top")),
		ArticleBottom:   b(k("G", "end"), h("G", "bottom")),
		Back:            b(k("esc", "q", "left", "h"), h("esc/q", "back")),
		Search:          b(k("/"), h("/", "search")),
		NextMatch:       b(k("n"), h("n", "next match")),
		PrevMatch:       b(k("N"), h("N", "previous match")),
		Raw:             b(k("r"), h("r", "raw/clean")),
		Script:          b(k("c"), h("c", "script: original→简→繁")),
		Changes:         b(k("e"), h("e", "show cleaner's changes")),

		Accept: b(k("enter"), h("enter", "keep")),
		Cancel: b(k("esc"), h("esc", "clear")),

		Select:       b(k("v"), h("v", "select a sentence to tag")),
		NextSentence: b(k("j", "down"), h("j", "next sentence")),
		PrevSentence: b(k("k", "up"), h("k", "previous sentence")),
		Extend:       b(k("J", "shift+down"), h("J", "extend by a sentence")),
		Shrink:       b(k("K", "shift+up"), h("K", "shrink by a sentence")),
		Paragraph:    b(k("p"), h("p", "whole paragraph")),
		EndRight:     b(k("l", "right"), h("l/h", "end ±1 character")),
		EndLeft:      b(k("h", "left")), // help: EndRight says l/h
		StartRight:   b(k("L", "shift+right"), h("L/H", "start ±1 character")),
		StartLeft:    b(k("H", "shift+left")), // help: StartRight says L/H
		Tag:          b(k("t", "enter"), h("t/enter", "tag it")),

		Complete: b(k("tab"), h("tab", "complete tag")),

		Notes:       b(k("N"), h("N", "notes")),
		NoteOpen:    b(k("enter"), h("enter", "go to passage")),
		NoteDelete:  b(k("d", "delete"), h("d", "delete")),
		NoteUndo:    b(k("u"), h("u", "undo delete")),
		NoteEdit:    b(k("e"), h("e", "edit tags and comment")),
		NoteGroup:   b(k("b"), h("b", "by tag / by document")),
		NotePreview: b(k("m"), h("m", "Markdown export preview")),
	}
}

func (k KeyMap) selectHelp() []key.Binding {
	return []key.Binding{k.Tag, k.NextSentence, k.Extend, k.Shrink, k.Paragraph, k.EndRight, k.StartRight, k.Cancel}
}

// promptHelp is the tag prompt's hints: at the tags (step 0) tab completes
// and enter goes on to the comment; at the comment enter saves. esc drops
// the note at either.
func (k KeyMap) promptHelp(step int) []key.Binding {
	if step == 0 {
		return []key.Binding{k.Complete, relabel(k.Accept, "comment next"), relabel(k.Cancel, "cancel")}
	}
	return []key.Binding{relabel(k.Accept, "save"), relabel(k.Cancel, "cancel")}
}

// relabel is b with another description, for a key that does something
// else where it is shown.
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

func (k KeyMap) notesHelp() []key.Binding {
	return []key.Binding{k.NoteOpen, k.Filter, k.NoteDelete, k.NoteUndo, k.NoteEdit, k.NoteGroup, k.NotePreview, k.Back}
}

// listHelp, articleHelp and queryHelp are the status bar hints.
func (k KeyMap) listHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Notes, k.Up, k.Down, k.Help, k.Quit}
}

func (k KeyMap) articleHelp() []key.Binding {
	return []key.Binding{k.ArticlePageDown, k.Search, k.NextMatch, k.Select, k.Raw, k.Script, k.Changes, k.Back, k.Help}
}

func (k KeyMap) queryHelp() []key.Binding { return []key.Binding{k.Accept, k.Cancel} }

// FullHelp lists every binding, by mode, for the ? page.
func (k KeyMap) FullHelp() []helpGroup {
	return []helpGroup{
		{"Everywhere", enabled(k.Help, k.Quit, k.Switch, k.Suspend)},
		{"Document list", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.Filter, k.ClearFilter, k.Sort, k.Notes}},
		{"Article", []key.Binding{k.LineDown, k.LineUp, k.ArticlePageDown, k.ArticlePageUp, k.HalfDown, k.HalfUp, k.ArticleTop, k.ArticleBottom,
			k.Search, k.NextMatch, k.PrevMatch, k.Raw, k.Script, k.Changes, k.Select, k.Back}},
		{"Selecting (after v)", []key.Binding{k.NextSentence, k.PrevSentence, k.Extend, k.Shrink, k.Paragraph, k.EndRight, k.StartRight, k.Tag, k.Cancel}},
		{"Tag prompt", []key.Binding{k.Complete, relabel(k.Accept, "comment next, then save"), relabel(k.Cancel, "cancel: nothing is written")}},
		{"Notes (N)", []key.Binding{k.NoteOpen, k.Filter, k.NoteDelete, k.NoteUndo, k.NoteEdit, k.NoteGroup, k.NotePreview, k.Back}},
		{"Query line (/)", []key.Binding{k.Accept, k.Cancel,
			key.NewBinding(key.WithHelp("a b", "both words")),
			key.NewBinding(key.WithHelp("a -b", "a, not b (also a NOT b)")),
			key.NewBinding(key.WithHelp(`"a b"`, "the phrase")),
			key.NewBinding(key.WithHelp("a OR b", "either (also a | b)")),
			key.NewBinding(key.WithHelp("(a b) OR c", "parentheses group")),
			key.NewBinding(key.WithHelp("date:2024", "by metadata (source: too)")),
			key.NewBinding(key.WithHelp("mayun", "pinyin (albb: initials)")),
			key.NewBinding(key.WithHelp("软件", "軟體 too (\"软件\": as typed)")),
			key.NewBinding(key.WithHelp("10条", "十条 too (and back)")),
		}},
		{"Mouse", []key.Binding{
			key.NewBinding(key.WithHelp("wheel", "scroll the pane pointed at")),
			key.NewBinding(key.WithHelp("click", "pick a document or a pane")),
		}},
	}
}

// enabled leaves out the bindings that are off.
func enabled(bs ...key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

type helpGroup struct {
	title    string
	bindings []key.Binding
}

// scroll moves top, the first line a page shows, for a line or page key
// (page is the page's height); g and G go to the start and past the end,
// which the caller clamps to its length. ok is false for any other key.
func (k KeyMap) scroll(msg tea.KeyMsg, top, page int) (_ int, ok bool) {
	switch {
	case key.Matches(msg, k.LineDown):
		return top + 1, true
	case key.Matches(msg, k.LineUp):
		return top - 1, true
	case key.Matches(msg, k.ArticlePageDown):
		return top + page, true
	case key.Matches(msg, k.ArticlePageUp):
		return top - page, true
	case key.Matches(msg, k.ArticleTop):
		return 0, true
	case key.Matches(msg, k.ArticleBottom):
		return math.MaxInt / 2, true
	}
	return top, false
}
