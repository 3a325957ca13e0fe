package ui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/seeds"
	"jianbao/ui/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var seedCorpus = func() *corpus.Corpus {
	c, warns := corpus.Load(context.Background(), corpus.Options{Seeds: seeds.FS()})
	if len(warns) > 0 {
		panic(warns)
	}
	return c
}()

// fuzzCorpus is the seeds and a document of what terminals disagree on:
// emoji sequences, format characters, controls, bidi overrides, tabs, line
// separators, a long unbroken line.
var fuzzCorpus = func() *corpus.Corpus {
	docs := slices.Clone(seedCorpus.Docs)
	text := "点赞👍🏽👍🏽支持❤️，家庭👨\u200d👩\u200d👧\u200d👦来了1️⃣🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f\n\n" +
		"软\u00ad连字\u200b零宽\u2060词\ufeff，e\u0301cole 組合\t制表\x1b[2J清屏\u202e反向\u202c\u2028新行\u0085下一行\n\n" +
		strings.Repeat("长", 3000) + "\n"
	docs = append(docs, corpus.NewDocument("emoji", "emoji.txt", text))
	return corpus.New(docs)
}()

func newModel(t testing.TB, amb layout.Ambiguity) tea.Model {
	t.Helper()
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	return New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(amb), Renderer: r})
}

// drive feeds msgs to m, running the commands they return as the runtime
// would (filters run in commands).
func drive(m tea.Model, msgs ...tea.Msg) tea.Model {
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m = run(m, cmd)
	}
	return m
}

// run runs a command and every command its messages lead to, batches
// included, until none is left (or the program quits).
func run(m tea.Model, cmd tea.Cmd) tea.Model {
	if cmd == nil {
		return m
	}
	switch next := cmd().(type) {
	case nil, tea.QuitMsg:
		return m
	case tea.BatchMsg:
		for _, c := range next {
			m = run(m, c)
		}
		return m
	default:
		m, cmd = m.Update(next)
		return run(m, cmd)
	}
}

func keys(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	esc   = tea.KeyMsg{Type: tea.KeyEscape}
)

func size(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// checkFrame checks every row is exactly w cells and the frame h rows,
// and that any pane border stands in the same column on every body row.
func checkFrame(t *testing.T, name string, p *layout.Policy, view string, w, h int) []string {
	t.Helper()
	rows := strings.Split(ansi.Strip(view), "\n")
	if len(rows) != h {
		t.Fatalf("%s: %d rows, want %d", name, len(rows), h)
	}
	borderCol := -1
	for i, r := range rows {
		if got := p.StringWidth(r); got != w {
			t.Errorf("%s: row %d is %d cells, want %d: %q", name, i, got, w, r)
		}
		// Terminals that measure rune by rune must agree with those that
		// measure grapheme clusters (see layout.ShownCluster).
		sum := 0
		for _, c := range r {
			sum += p.RuneWidth(c)
		}
		if sum != w {
			t.Errorf("%s: row %d is %d cells rune by rune, want %d: %q", name, i, sum, w, r)
		}
		if i == 0 || i == h-1 {
			continue
		}
		if j := strings.Index(r, border); j >= 0 {
			col := p.StringWidth(r[:j])
			if borderCol >= 0 && col != borderCol {
				t.Errorf("%s: border at cell %d on row %d, %d above", name, col, i, borderCol)
			}
			borderCol = col
		}
	}
	return rows
}

// TestFrameIsExact drives the reader through its screens at the sizes
// users run and checks every frame.
func TestFrameIsExact(t *testing.T) {
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		p := layout.NewPolicy(amb)
		for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {61, 20}, {30, 8}} {
			w, h := sz[0], sz[1]
			steps := []struct {
				name string
				msgs []tea.Msg
			}{
				{"list", nil},
				{"open", []tea.Msg{keys("j"), enter}},
				{"scroll", []tea.Msg{keys(" "), keys("d")}},
				{"raw", []tea.Msg{keys("r")}},
				{"changes", []tea.Msg{keys("e"), keys("n")}},
				{"script", []tea.Msg{keys("e"), keys("c"), keys("c")}},
				{"search", []tea.Msg{keys("/"), keys("贸易"), enter, keys("n")}},
				{"back", []tea.Msg{esc, esc}},
				{"filter", []tea.Msg{keys("/"), keys("mayun")}},
				{"filtered", []tea.Msg{enter, keys("j")}},
				{"help", []tea.Msg{keys("?")}},
			}
			m := drive(newModel(t, amb), size(w, h))
			for _, s := range steps {
				m = drive(m, s.msgs...)
				checkFrame(t, amb.String()+" "+s.name+" "+strings.Trim(strings.Join(strings.Fields(sizeName(w, h)), ""), " "), p, m.View(), w, h)
			}
		}
	}
}

func sizeName(w, h int) string { return strings.Repeat(" ", 0) + itoa(w) + "x" + itoa(h) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// The title bar says what else the cross-strait vocabulary looked for,
// while filtering and after.
func TestFilterSaysVocabulary(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("特朗普 马云"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "简报 · /特朗普 马云_ (2) · also 川普 · jianbao") {
		t.Errorf("title bar:\n%s", strings.SplitN(v, "\n", 2)[0])
	}
	m = drive(m, keys("enter"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "(2 matches) · also 川普 · jianbao") {
		t.Errorf("title bar after enter:\n%s", strings.SplitN(v, "\n", 2)[0])
	}
	m = drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("\"特朗普\""), keys("enter"))
	if v := strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0]; !strings.Contains(v, "(2 matches)") || strings.Contains(v, "also") {
		t.Errorf("quoted: title bar:\n%s", v)
	}
}

// A filter of qualifiers that allow no document lists none (it listed
// every document, as "5 matches"), and one that is no date says so.
func TestFilterOfQualifiersFindingNothing(t *testing.T) {
	for _, tc := range []struct{ query, says string }{
		{"source:nothing", "(0 matches) · jianbao"},
		{"date:1999", "(0 matches) · jianbao"},
		{"date:yesterday", "(0 matches) · date:yesterday is not a date · jianbao"},
		{"date:2017..2018", "(2 matches) · jianbao"},
	} {
		m := drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys(tc.query), enter)
		mm := m.(Model)
		title := strings.SplitN(ansi.Strip(m.View()), "\n", 2)[0]
		if !strings.Contains(title, tc.says) {
			t.Errorf("%s: title bar:\n%s", tc.query, title)
		}
		if want := strings.HasPrefix(tc.says, "(0 "); want != (mm.list.len() == 0) {
			t.Errorf("%s: %d rows listed", tc.query, mm.list.len())
		}
	}
}

// The list's filter is found in the article beside it: highlighted, and n
// goes from match to match; a search of the article's own takes over, and
// clearing the filter clears the highlight.
func TestFilterHighlightsTheArticle(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("mayun"), enter)
	mm := m.(Model)
	if mm.art.query != "mayun" || len(mm.art.matches) == 0 {
		t.Fatalf("article query %q, %d matches", mm.art.query, len(mm.art.matches))
	}
	if v := m.View(); !strings.Contains(v, "\x1b[7m马云") {
		t.Errorf("马云 not highlighted in the article:\n%s", v)
	}
	first := mm.art.current
	m = drive(m, enter, keys("n"))
	if mm := m.(Model); mm.art.current != first+1 {
		t.Errorf("n: match %d, want %d", mm.art.current, first+1)
	}
	m = drive(m, keys("/"), keys("特朗普"), enter)
	if mm := m.(Model); mm.art.query != "特朗普" {
		t.Errorf("the article's own search: query %q", mm.art.query)
	}
	m = drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("mayun"), enter, keys("/"), esc)
	if mm := m.(Model); mm.list.query != "" || mm.art.query != "" || len(mm.art.matches) != 0 {
		t.Errorf("filter cleared: list %q, article %q, %d matches", mm.list.query, mm.art.query, len(mm.art.matches))
	}
}

func TestFilterNarrowsAndHighlights(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("贸易"))
	v := m.View()
	if !strings.Contains(ansi.Strip(v), "简报 · /贸易_ (5)") {
		t.Errorf("no filter count in the title bar:\n%s", ansi.Strip(v))
	}
	// The title match comes first and its matched characters are reversed.
	rows := strings.Split(v, "\n")
	if !strings.HasPrefix(ansi.Strip(rows[1]), "▶ 阿里巴巴世界电子贸易平台首") {
		t.Errorf("first row: %q", ansi.Strip(rows[1]))
	}
	if !strings.Contains(rows[1], "\x1b[7m贸易") {
		t.Errorf("matched characters not highlighted: %q", rows[1])
	}
	// Several runes in one key event, as an input method sends them.
	m = drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("中小企業")})
	if got := m.(Model).list.len(); got != 3 {
		t.Errorf("中小企業 leaves %d documents, want 3", got)
	}
	// Pinyin, then Esc clears.
	m = drive(newModel(t, layout.Narrow), size(120, 30), keys("/"), keys("albb"), enter)
	if got := m.(Model).list.len(); got != 3 {
		t.Errorf("albb leaves %d documents, want 3", got)
	}
	m = drive(m, esc)
	if got := m.(Model).list.len(); got != 5 || m.(Model).list.query != "" {
		t.Errorf("esc leaves %d documents", got)
	}
}

// TestResizeKeepsPlace scrolls into an article and resizes: the text at
// the top stays in view.
func TestResizeKeepsPlace(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(120, 30), keys("G"), enter)
	m = drive(m, keys(" "), keys(" "), keys("j"), keys("j"))
	a := m.(Model).art
	anchor := a.lines[a.top].Start
	for _, sz := range [][2]int{{61, 20}, {200, 50}, {80, 24}, {120, 30}} {
		m = drive(m, size(sz[0], sz[1]))
		a = m.(Model).art
		last := a.lines[min(len(a.lines), a.top+a.height)-1]
		if a.lines[a.top].Start > anchor || last.End <= anchor {
			t.Errorf("%v: offset %d is not in view (lines [%d,%d))", sz, anchor, a.lines[a.top].Start, last.End)
		}
	}
	// Back at the first size, the same line is on top again.
	if a.lines[a.top].Start != anchor {
		t.Errorf("the top line starts at %d, was %d", a.lines[a.top].Start, anchor)
	}
}

func TestArticleModes(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(80, 24), enter)
	text := func() string { return ansi.Strip(m.View()) }
	if !strings.Contains(text(), "中美首腦會晤后，兩國經貿合作") {
		t.Fatalf("clean text not shown:\n%s", text())
	}
	m = drive(m, keys("r"))
	if !strings.Contains(text(), "會(huì)晤后,,兩國") || !strings.Contains(text(), "raw") {
		t.Errorf("r does not show the raw text:\n%s", text())
	}
	m = drive(m, keys("r"), keys("c"))
	if !strings.Contains(text(), "中美首脑会晤后，两国经贸合作") || !strings.Contains(text(), "简") {
		t.Errorf("c does not show Simplified:\n%s", text())
	}
	m = drive(m, keys("c"))
	if !strings.Contains(text(), "繁≈") {
		t.Errorf("Traditional is not marked approximate:\n%s", text())
	}
	m = drive(m, keys("c"), keys("e"))
	if !strings.Contains(text(), "changes") || !strings.Contains(text(), "pinyin") {
		t.Errorf("e does not show the changes:\n%s", text())
	}
	if !strings.Contains(m.View(), "\x1b[4;") && !strings.Contains(m.View(), "\x1b[4m") {
		t.Errorf("changes are not underlined")
	}
}

func TestArticleRowsKeepClreq(t *testing.T) {
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		for _, w := range []int{61, 80} {
			m := drive(newModel(t, amb), size(w, 200))
			for i := range seedCorpus.Docs {
				mm := drive(m, keys(strings.Repeat("j", i)), enter)
				lines := mm.(Model).art.lines
				for k := 1; k < len(lines); k++ {
					if lines[k].Text == "" || lines[k-1].Text == "" {
						continue
					}
					if r := []rune(lines[k].Text)[0]; strings.ContainsRune("，。、；：？！」』）》〉】〕”’", r) {
						t.Errorf("%v width %d doc %d: line starts with %q", amb, w, i, r)
					}
				}
			}
		}
	}
}

// TestGolden compares whole screens with the files in testdata; run with
// -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		msgs []tea.Msg
	}{
		{"list-80x24", 80, 24, nil},
		{"split-120x40", 120, 40, []tea.Msg{keys("j"), keys("j")}},
		{"article-61x20", 61, 20, []tea.Msg{keys("j"), enter, keys("j")}},
		{"filter-100x30", 100, 30, []tea.Msg{keys("/"), keys("mayun"), enter}},
		{"help-100x30", 100, 30, []tea.Msg{keys("?")}},
	}
	for _, c := range cases {
		m := drive(newModel(t, layout.Narrow), append([]tea.Msg{size(c.w, c.h)}, c.msgs...)...)
		got := ansi.Strip(m.View()) + "\n"
		path := filepath.Join("testdata", c.name+".golden")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./ui -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", c.name, path, got)
		}
	}
}

func TestQuit(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(80, 24))
	if _, cmd := m.Update(keys("q")); cmd == nil {
		t.Error("q on the list does not quit")
	}
	m = drive(m, enter)
	if _, cmd := m.Update(keys("q")); cmd != nil {
		t.Error("q in the article quits instead of going back")
	}
	m = drive(m, keys("/"))
	if _, cmd := m.Update(keys("q")); cmd != nil {
		t.Error("q typed into the filter quits")
	}
}

// TestSuspend: ctrl+z suspends only where Config.Suspend says (not over
// SSH), is on the help page only then, and the mouse comes back on resume.
func TestSuspend(t *testing.T) {
	ctrlZ := tea.KeyMsg{Type: tea.KeyCtrlZ}
	for _, on := range []bool{false, true} {
		r := lipgloss.NewRenderer(nil)
		m := drive(New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: r, Suspend: on}), size(100, 40))
		for _, where := range []tea.Msg{nil, enter, keys("/")} {
			if where != nil {
				m = drive(m, where)
			}
			_, cmd := m.Update(ctrlZ)
			var got tea.Msg
			if cmd != nil {
				got = cmd()
			}
			if _, suspends := got.(tea.SuspendMsg); suspends != on {
				t.Errorf("Suspend %v, after %v: ctrl+z gives %T", on, where, got)
			}
		}
		m = drive(m, esc, esc, keys("?"))
		if help := ansi.Strip(m.View()); strings.Contains(help, "ctrl+z") != on {
			t.Errorf("Suspend %v: help page shows ctrl+z: %v", on, !on)
		}
	}
	_, cmd := newModel(t, layout.Narrow).Update(tea.ResumeMsg{})
	if cmd == nil || fmt.Sprintf("%T", cmd()) != fmt.Sprintf("%T", tea.EnableMouseCellMotion()) {
		t.Error("the mouse is not turned back on after a suspend")
	}
}

// TestFastKeysAreSeparateKeys: runes arriving in one event are separate
// commands outside the query line, and whole text inside it.
func TestFastKeysAreSeparateKeys(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(80, 24), keys("jj"))
	if got := m.(Model).list.cursor; got != 2 {
		t.Errorf("jj moved the cursor to %d, want 2", got)
	}
	m = drive(m, keys("/贸易"))
	if got := m.(Model).filter.String(); got != "贸易" {
		t.Errorf("/贸易 in one event typed %q into the filter", got)
	}
}

// TestPasteIsBounded: a paste of a whole document into the filter keeps
// its first maxQueryRunes runes; backspace still edits what is kept.
func TestPasteIsBounded(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(80, 24), keys("/"))
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("贸易", 10_000)), Paste: true}
	m = drive(m, paste, paste)
	if got := []rune(m.(Model).filter.String()); len(got) != maxQueryRunes || string(got[:2]) != "贸易" {
		t.Fatalf("filter holds %d runes", len(got))
	}
	m = drive(m, tea.KeyMsg{Type: tea.KeyBackspace}, keys("x"))
	if got := []rune(m.(Model).filter.String()); len(got) != maxQueryRunes || got[len(got)-1] != 'x' {
		t.Errorf("after backspace and x: %d runes, last %q", len(got), got[len(got)-1])
	}
	var q queryLine
	q.limit = 3
	if !q.update(keys("abcd")) || q.String() != "abc" || q.update(keys("e")) {
		t.Errorf("limit 3: %q", q.String())
	}
}

// TestNotesFromElsewhere: a note another writer (a session of the team
// server, jianbao tag in another terminal) appends shows in a running
// reader at the next look at the file; notes read before the reader's own
// change are dropped and given again at the next look; an unchanged file
// brings nothing.
func TestNotesFromElsewhere(t *testing.T) {
	defer func(d time.Duration) { notesPoll = d }(notesPoll)
	notesPoll = time.Millisecond
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	var m tea.Model = New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: lipgloss.NewRenderer(nil), Notes: notes.Open(path), Author: "me"})
	m = drive(m, size(120, 30))
	look := func(again bool) notesReloadedMsg {
		return watchNotes(m.(Model).feed, m.(Model).notesVersion, m.(Model).notesGen, again)().(notesReloadedMsg)
	}
	if msg := look(false); msg.notes != nil {
		t.Fatalf("no file yet, yet notes: %+v", msg)
	}
	d := seedCorpus.Docs[1]
	other := notes.Open(path) // another writer
	add := func(tag string) {
		n, err := notes.New(d.ID, d.Text(), 0, 4, []string{tag}, "", "alice", time.Now())
		if err != nil || other.Add(n) != nil {
			t.Fatal(err)
		}
	}
	add("远方")
	m, _ = m.Update(look(false))
	if got := m.(Model); len(got.allNotes) != 1 || got.list.counts[1] != 1 {
		t.Fatalf("after the look: %d notes, counts %v", len(got.allNotes), got.list.counts)
	}
	if msg := look(false); msg.notes != nil {
		t.Error("an unchanged file brought notes")
	}
	// Another note comes in, then the reader saves one of its own before
	// the look scheduled earlier runs: that look reads both, and is
	// dropped; the next one, with nothing new to read, gives all three.
	add("又一个")
	scheduled := watchNotes(m.(Model).feed, m.(Model).notesVersion, m.(Model).notesGen, false)
	m = drive(m, keys("j"), enter, keys("v"), keys("t"), keys("本地"), enter, enter)
	if len(m.(Model).allNotes) != 2 {
		t.Fatalf("own note: %d notes", len(m.(Model).allNotes))
	}
	m, cmd := m.Update(scheduled())
	if len(m.(Model).allNotes) != 2 {
		t.Errorf("notes read before the reader's own note replaced them: %d", len(m.(Model).allNotes))
	}
	m, _ = m.Update(cmd())
	if got := m.(Model).allNotes; len(got) != 3 {
		t.Errorf("the look after: %d notes, want 3", len(got))
	}
	// Deleted elsewhere, then restored: the follower reads one line each.
	if err := other.Delete(m.(Model).allNotes[0].ID, "alice"); err != nil {
		t.Fatal(err)
	}
	if m, _ = m.Update(look(false)); len(m.(Model).allNotes) != 2 {
		t.Errorf("after a delete elsewhere: %d notes", len(m.(Model).allNotes))
	}
}

// TestSharedFeed: two readers of one notes file share one feed, as the
// sessions of a team server do. A note one tags reaches the other at its
// next look, and neither changes the list the other holds.
func TestSharedFeed(t *testing.T) {
	defer func(d time.Duration) { notesPoll = d }(notesPoll)
	notesPoll = time.Millisecond
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	d := seedCorpus.Docs[1]
	seedNote, _ := notes.New(d.ID, d.Text(), 0, 4, []string{"旧"}, "", "alice", time.Now())
	if err := notes.Open(path).Add(seedNote); err != nil {
		t.Fatal(err)
	}
	list, _, f, err := notes.Open(path).LoadFollowing()
	if err != nil {
		t.Fatal(err)
	}
	feed := notes.NewFeed(f, list)
	reader := func(who string) tea.Model {
		m := New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: lipgloss.NewRenderer(nil),
			Notes: notes.Open(path), NoteList: list, Feed: feed, Author: who})
		return drive(m, size(120, 30))
	}
	alice, bob := reader("alice"), reader("bob")
	shared := &alice.(Model).allNotes[0]
	alice = drive(alice, keys("j"), enter, keys("v"), keys("t"), keys("新"), enter, enter)
	if n := len(alice.(Model).allNotes); n != 2 {
		t.Fatalf("alice holds %d notes after tagging, want 2", n)
	}
	if n := len(bob.(Model).allNotes); n != 1 || &bob.(Model).allNotes[0] != shared {
		t.Fatalf("bob's list changed under him: %d notes", n)
	}
	msg := watchNotes(feed, bob.(Model).notesVersion, bob.(Model).notesGen, false)().(notesReloadedMsg)
	bob, _ = bob.Update(msg)
	if n := len(bob.(Model).allNotes); n != 2 {
		t.Fatalf("bob sees %d notes after his look, want 2", n)
	}
	if got, _ := feed.Notes(); len(got) != 2 {
		t.Errorf("the feed holds %d notes", len(got))
	}
	// Alice's look brings her the feed's list: one copy again.
	msg = watchNotes(feed, alice.(Model).notesVersion, alice.(Model).notesGen, true)().(notesReloadedMsg)
	alice, _ = alice.Update(msg)
	if &alice.(Model).allNotes[0] != &bob.(Model).allNotes[0] {
		t.Error("alice and bob do not share the feed's list")
	}
}

// The Follower reads what was appended and agrees with Load, whatever the
// records; a file replaced by a shorter one is read whole.
func TestFollowerAgreesWithLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	s := notes.Open(path)
	_, _, f, err := notes.Open(path).LoadFollowing() // no file yet
	if err != nil {
		t.Fatal(err)
	}
	d := seedCorpus.Docs[0]
	var ids []string
	for i := range 40 {
		switch {
		case i%5 == 3 && len(ids) > 0:
			s.Delete(ids[i%len(ids)], "x")
		case i%7 == 6 && len(ids) > 0:
			s.Restore(ids[(i*3)%len(ids)], "x")
		case i%4 == 1 && len(ids) > 0:
			s.Edit(ids[i%len(ids)], []string{fmt.Sprint("改", i)}, "新评论", "x")
		default:
			n, _ := notes.New(d.ID, d.Text(), i, i+3, []string{"t"}, "", "x", time.Now())
			s.Add(n)
			ids = append(ids, n.ID)
		}
		got, _, err := f.Next()
		want, _, _ := s.Load()
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("step %d: follower %d notes, Load %d (%v)", i, len(got), len(want), err)
		}
	}
	// Replaced by a longer file (another inode): read whole, not from the
	// old offset.
	other := filepath.Join(filepath.Dir(path), "other.jsonl")
	o := notes.Open(other)
	for i := range 60 {
		n, _ := notes.New(d.ID, d.Text(), i, i+2, []string{"新"}, "", "y", time.Now())
		o.Add(n)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if got, _, err := f.Next(); err != nil || len(got) != 60 || got[0].Tags[0] != "新" {
		t.Errorf("replaced file: %d notes, %v", len(got), err)
	}
	os.WriteFile(path, []byte{}, 0o644)
	if got, changed, err := f.Next(); err != nil || !changed || len(got) != 0 {
		t.Errorf("emptied file: %d notes, changed %v, %v", len(got), changed, err)
	}
}

// TestTagAPassage selects a sentence, extends it, tags it and checks the
// note is stored, marked in the article and counted in the list; then a
// new reader on the same file shows the mark.
func TestTagAPassage(t *testing.T) {
	store := notes.Open(filepath.Join(t.TempDir(), "notes.jsonl"))
	mk := func() tea.Model {
		list, _, err := store.Load()
		if err != nil {
			t.Fatal(err)
		}
		r := lipgloss.NewRenderer(nil)
		r.SetColorProfile(termenv.ANSI)
		return New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: r, Notes: store, NoteList: list, Author: "tester"})
	}
	m := drive(mk(), size(120, 30), keys("j"), enter, keys("v"))
	a := m.(Model).art
	if !a.sel.active || string([]rune(a.doc.Text())[a.sel.start:a.sel.end]) != "北京时间2017年1月10日凌晨，马云在纽约特朗普大厦，与美国候任总统唐纳德·特朗普在他的会议室进行了会面交流。" {
		t.Fatalf("v selected %q", string([]rune(a.doc.Text())[a.sel.start:a.sel.end]))
	}
	m = drive(m, keys("J"))
	a = m.(Model).art
	if got := string([]rune(a.doc.Text())[a.sel.start:a.sel.end]); !strings.HasSuffix(got, "称他是个伟大的企业家。") {
		t.Errorf("J extended to %q", got)
	}
	// Esc in the prompt writes nothing.
	m = drive(m, keys("t"), keys("测试"), esc)
	if got, _, _ := store.Load(); len(got) != 0 {
		t.Fatalf("esc saved a note")
	}
	// The status bar says what enter and esc do at each step.
	m = drive(m, keys("t"), keys("马云, 中美"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "tab complete tag · enter comment next · esc cancel") {
		t.Errorf("the tags step's hints:\n%s", v)
	}
	m = drive(m, enter)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "enter save · esc cancel") || strings.Contains(v, "tab complete") {
		t.Errorf("the comment step's hints:\n%s", v)
	}
	m = drive(m, keys("会面"), enter)
	got, _, _ := store.Load()
	if len(got) != 1 || strings.Join(got[0].Tags, "|") != "马云|中美" || got[0].Comment != "会面" || got[0].Author != "tester" {
		t.Fatalf("stored %+v", got)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, noteMark+" 北京时间") || !strings.Contains(v, "saved as") {
		t.Errorf("no gutter mark or message:\n%s", v)
	}
	// Tag completion from tags already used.
	m = drive(m, keys("v"), keys("j"), keys("t"), keys("马"), tea.KeyMsg{Type: tea.KeyTab}, enter, enter)
	got, _, _ = store.Load()
	if len(got) != 2 || got[1].Tags[0] != "马云" {
		t.Fatalf("completion: %+v", got)
	}
	// A new reader on the same file: the list counts, the article marks.
	m2 := drive(mk(), size(120, 30))
	if v := ansi.Strip(m2.View()); !strings.Contains(v, noteMark+"2") {
		t.Errorf("the list does not count the notes:\n%s", v)
	}
	m2 = drive(m2, keys("j"), enter)
	if v := ansi.Strip(m2.View()); !strings.Contains(v, noteMark+" 北京时间") {
		t.Errorf("the mark is not there after a restart:\n%s", v)
	}
	// The notes view: delete, undo, jump.
	m2 = drive(m2, esc, keys("N"))
	if v := ansi.Strip(m2.View()); !strings.Contains(v, "#马云") || !strings.Contains(v, "“北京时间") {
		t.Errorf("notes view:\n%s", v)
	}
	m2 = drive(m2, keys("d"))
	if got, _, _ := store.Load(); len(got) != 1 {
		t.Errorf("d: %d notes left", len(got))
	}
	m2 = drive(m2, keys("u"))
	if got, _, _ := store.Load(); len(got) != 2 {
		t.Errorf("u: %d notes", len(got))
	}
	// The Markdown export, through glamour, wrapped by the layout engine.
	m2 = drive(m2, size(50, 30), keys("m"))
	v := ansi.Strip(m2.View())
	if !strings.Contains(v, "## 马云") || !strings.Contains(v, "| 北京时间") {
		t.Errorf("markdown preview:\n%s", v)
	}
	checkFrame(t, "preview", layout.NewPolicy(layout.Narrow), m2.View(), 50, 30)
	m2 = drive(m2, keys("m"), size(120, 30), enter)
	if mm := m2.(Model); mm.focus != paneArticle || !mm.art.sel.active {
		t.Errorf("enter does not jump to the passage")
	}
}

// The notes view says where each note on screen stands in its document's
// current text, before the quote; and it scrolls as the list does (moving
// up within the screen leaves the screen where it is).
func TestNotesViewStatusAndScroll(t *testing.T) {
	d := seedCorpus.Docs[1]
	text := d.Text()
	at := strings.Index(text, "马云")
	start := utf8.RuneCountInString(text[:at])
	exact, err := notes.New(d.ID, text, start, start+2, []string{"甲"}, "", "tester", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	moved := exact
	moved.ID, moved.Start, moved.End, moved.DocHash = "moved-1", 0, 2, "0000" // its offsets are stale
	orphan := exact
	orphan.ID, orphan.Quote = "orphan-1", "不在文中的一句话"
	list := []notes.Note{exact, moved, orphan}
	for i := range 30 { // more than a screen
		n := exact
		n.ID, n.Tags, n.Comment = fmt.Sprintf("more-%02d", i), []string{"乙"}, fmt.Sprintf("第%02d条", i) // rows told apart
		list = append(list, n)
	}
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	m := drive(New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: r, NoteList: list}), size(100, 12), keys("N"))
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "[moved] “马云”") || !strings.Contains(v, "[orphaned] “不在文中的一句话”") || strings.Contains(v, "[exact]") {
		t.Errorf("statuses:\n%s", v)
	}
	for range 15 {
		m = drive(m, keys("j"))
	}
	before := strings.Split(ansi.Strip(m.View()), "\n")[1]
	m = drive(m, keys("k"))
	if after := strings.Split(ansi.Strip(m.View()), "\n")[1]; after != before {
		t.Errorf("k within the screen scrolled it: first row %q, was %q", after, before)
	}
}

// TestTagWriteFailureKeepsTheNote: an unwritable notes file gives a clear
// error in the reader, and the prompt keeps the note for another try.
func TestTagWriteFailureKeepsTheNote(t *testing.T) {
	dir := t.TempDir()
	store := notes.Open(dir) // a directory: writes fail
	r := lipgloss.NewRenderer(nil)
	m := drive(New(Config{Corpus: seedCorpus, Label: "seeds", Policy: layout.NewPolicy(layout.Narrow), Renderer: r, Notes: store, Author: "tester"}),
		size(100, 20), enter, keys("v"), keys("t"), keys("经贸"), enter, enter)
	mm := m.(Model)
	if !mm.prompt.active || mm.prompt.err == "" || mm.prompt.tags.String() != "经贸" {
		t.Fatalf("prompt after a failed write: %+v", mm.prompt)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "✗ not saved: is a directory · enter retries") {
		t.Errorf("no error shown:\n%s", v)
	}
}

// TestHugeWindowIsClamped: a client claiming 100000×100000 gets a frame of
// sane size.
func TestHugeWindowIsClamped(t *testing.T) {
	m := drive(newModel(t, layout.Narrow), size(100000, 100000))
	rows := strings.Split(m.View(), "\n")
	if len(rows) != maxHeight {
		t.Errorf("%d rows", len(rows))
	}
}

// TestStreamingCorpus: the reader draws its first frame before anything has
// loaded, then fills in as batches arrive, a kept filter running again
// over them.
func TestStreamingCorpus(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 300; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%03d.txt", i)), []byte(fmt.Sprintf("第%d号简报\n中美经贸合作，第%d段。\n", i, i)), 0o644)
	}
	r := lipgloss.NewRenderer(nil)
	m0 := New(Config{Corpus: corpus.New(nil), Index: corpus.NewIndex(), Label: "stream", Policy: layout.NewPolicy(layout.Narrow), Renderer: r,
		Stream: corpus.Stream(context.Background(), corpus.Options{Paths: []string{dir}})})
	var m tea.Model = m0
	m = drive(m, size(100, 20))
	checkFrame(t, "before loading", layout.NewPolicy(layout.Narrow), m.View(), 100, 20)
	if !strings.Contains(ansi.Strip(m.View()), "0 documents") {
		t.Errorf("first frame:\n%s", ansi.Strip(m.View()))
	}
	m = drive(m, keys("/"), keys("299"), enter) // a filter kept while loading
	m = run(m, m0.Init())                       // takes in every batch, as the runtime would
	mm := m.(Model)
	if mm.loading {
		t.Fatal("still loading after the last batch")
	}
	if len(mm.cfg.Corpus.Docs) != 300 || mm.cfg.Index.Len() != 300 {
		t.Fatalf("loaded %d documents, indexed %d", len(mm.cfg.Corpus.Docs), mm.cfg.Index.Len())
	}
	if mm.list.len() != 1 || !strings.Contains(ansi.Strip(m.View()), "第299号简报") {
		t.Errorf("the kept filter did not run over what loaded: %d rows\n%s", mm.list.len(), ansi.Strip(m.View()))
	}
}

// TestSortList: s steps the list through newest first, oldest first, by
// title and back, keeping the selected document; the order holds while
// documents stream in, and a filter's ranking is left alone.
func TestSortList(t *testing.T) {
	rows := func(m tea.Model) []string {
		l := m.(Model).list
		var ids []string
		for i := 0; i < l.len(); i++ {
			ids = append(ids, l.docs[l.docAt(i)].ID[:3])
		}
		return ids
	}
	m := drive(newModel(t, layout.Narrow), size(120, 30), keys("j")) // 001 selected
	for _, tt := range []struct{ label, want string }{
		{"newest first", "004 003 002 001 000"},
		{"oldest first", "001 002 003 004 000"}, // 000 has no date: last both ways
		{"by title", "002 001 003 004 000"},     // pinyin: a, bei, shang, zheng, zhong
		{"", "000 001 002 003 004"},
	} {
		m = drive(m, keys("s"))
		if got := strings.Join(rows(m), " "); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.label, got, tt.want)
		}
		if sel := m.(Model).list.selected(); m.(Model).list.docs[sel].ID[:3] != "001" {
			t.Errorf("%q: the selection moved to %s", tt.label, m.(Model).list.docs[sel].ID)
		}
		if title := strings.Split(ansi.Strip(m.View()), "\n")[0]; tt.label != "" && !strings.Contains(title, tt.label) {
			t.Errorf("title bar %q does not say %q", title, tt.label)
		}
	}
	// A filter ranks by relevance whatever the order.
	m = drive(m, keys("s"), keys("/"), keys("马云"), enter)
	if l := m.(Model).list; l.hits == nil || l.len() != 3 {
		t.Fatalf("filter: %d rows", l.len())
	}
	// Streaming in batches, newest first from the start.
	dir := t.TempDir()
	for i := 0; i < 120; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%03d.txt", i)), []byte(fmt.Sprintf("第%d号简报\n发布时间：20%02d-01-01\n", i, i%40)), 0o644)
	}
	m0 := New(Config{Corpus: corpus.New(nil), Index: corpus.NewIndex(), Label: "stream", Policy: layout.NewPolicy(layout.Narrow), Renderer: lipgloss.NewRenderer(nil),
		Stream: corpus.Stream(context.Background(), corpus.Options{Paths: []string{dir}})})
	var sm tea.Model = drive(m0, size(100, 20), keys("s"))
	sm = run(sm, m0.Init())
	l := sm.(Model).list
	if l.len() != 120 || l.cursor != 0 {
		t.Fatalf("%d rows, cursor %d", l.len(), l.cursor)
	}
	for i := 1; i < l.len(); i++ {
		if a, b := l.docs[l.docAt(i-1)].Date, l.docs[l.docAt(i)].Date; a < b {
			t.Fatalf("row %d (%s) before row %d (%s): not newest first", i-1, a, i, b)
		}
	}
}

// TestHelpShowsEveryBinding pages through the ? page at several sizes: every
// binding's description is there in full (once the screen is wide enough
// for one column), each group's title sits right above its first binding,
// and the last page ends at the last line.
func TestHelpShowsEveryBinding(t *testing.T) {
	km := DefaultKeyMap()
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		p := layout.NewPolicy(amb)
		for _, sz := range [][2]int{{60, 10}, {80, 24}, {100, 30}, {160, 40}, {200, 60}} {
			w, h := sz[0], sz[1]
			m := drive(newModel(t, amb), size(w, h), keys("?"))
			var all []string
			for range 100 {
				v := m.View()
				checkFrame(t, "help", p, v, w, h)
				rows := strings.Split(ansi.Strip(v), "\n")
				all = append(all, rows[1:h-1]...)
				var a, b, n int
				if _, err := fmt.Sscanf(rows[h-1], " help %d–%d of %d", &a, &b, &n); err != nil || b == n {
					break // it all fits, or the last line is on screen
				}
				m = drive(m, keys(" "))
			}
			text := strings.Join(all, "\n")
			for _, g := range km.FullHelp() {
				if !strings.Contains(text, g.title) {
					t.Errorf("%dx%d: group %q not shown", w, h, g.title)
				}
				for _, b := range g.bindings {
					if !strings.Contains(text, b.Help().Desc) {
						t.Errorf("%dx%d %v: %q is missing or cut", w, h, amb, b.Help().Desc)
					}
				}
			}
			for i, r := range all[:len(all)-1] {
				if strings.HasSuffix(strings.TrimRight(r, " "), "Everywhere") && strings.TrimSpace(all[i+1]) == "" {
					t.Errorf("%dx%d: a title is cut off from its bindings", w, h)
				}
			}
			if m = drive(m, keys("q")); m.(Model).showHelp {
				t.Errorf("%dx%d: q does not close the help", w, h)
			}
		}
	}
}

func TestHelpColumns(t *testing.T) {
	block := func(n int) []string { return make([]string, n) }
	tests := []struct {
		sizes []int
		n     int
		want  []int // column heights
	}{
		{[]int{3, 3, 3, 3}, 2, []int{7, 7}},
		{[]int{3, 3, 3, 3}, 1, []int{15}},
		{[]int{10, 1, 1, 1}, 2, []int{10, 5}},
		{[]int{1, 1, 1, 10}, 2, []int{5, 10}},
		{[]int{4, 11, 17, 12, 4, 9, 3, 3}, 3, []int{16, 30, 22}},
		{[]int{5}, 4, []int{5}},
	}
	for _, tt := range tests {
		var blocks [][]string
		for _, s := range tt.sizes {
			blocks = append(blocks, block(s))
		}
		var got []int
		for _, c := range helpColumns(blocks, tt.n) {
			got = append(got, len(c))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("helpColumns(%v, %d) heights %v, want %v", tt.sizes, tt.n, got, tt.want)
		}
	}
}

// fuzzKeys are the keys FuzzReader presses: every binding of every mode,
// typed text, and sizes.
var fuzzKeys = []tea.Msg{
	keys("j"), keys("k"), enter, esc, keys("/"), keys("v"), keys("t"), keys("s"), keys("N"), keys("d"),
	keys("u"), keys("e"), keys("b"), keys("m"), keys("?"), tea.KeyMsg{Type: tea.KeyTab}, keys("g"), keys("G"),
	keys(" "), keys("J"), keys("K"), keys("p"), keys("l"), keys("h"), keys("L"), keys("H"), keys("n"),
	keys("r"), keys("c"), tea.KeyMsg{Type: tea.KeyBackspace}, keys("贸易"), keys("mayun"), keys("q"),
	tea.KeyMsg{Type: tea.KeyPgDown}, tea.KeyMsg{Type: tea.KeyPgUp}, tea.KeyMsg{Type: tea.KeyCtrlZ},
	tea.MouseMsg{X: 5, Y: 3, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft},
	tea.MouseMsg{X: 70, Y: 5, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown},
}

// FuzzReader presses any sequence of keys at any size, in both width
// policies, tagging into a notes file: no panic, and every frame is
// exactly the terminal's size.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0, 0, 2, 5, 6, 30, 2, 2}, uint8(100), uint8(30), false)
	f.Add([]byte{8, 2, 4, 9, 1, 2, 11, 12, 13}, uint8(61), uint8(12), true)
	f.Add([]byte{4, 30, 2, 16, 26, 27, 28, 7, 7, 7, 7}, uint8(30), uint8(8), false)
	f.Fuzz(func(t *testing.T, presses []byte, w, h uint8, wide bool) {
		if len(presses) > 200 {
			presses = presses[:200]
		}
		amb := layout.Narrow
		if wide {
			amb = layout.Wide
		}
		p := layout.NewPolicy(amb)
		width, height := 1+int(w)%200, 1+int(h)%80
		store := notes.Open(filepath.Join(t.TempDir(), "notes.jsonl"))
		var m tea.Model = New(Config{Corpus: fuzzCorpus, Label: "seeds", Policy: p, Renderer: lipgloss.NewRenderer(nil), Notes: store, Author: "fuzz"})
		m = drive(m, size(width, height))
		for i, b := range presses {
			if b >= 250 { // a resize
				width, height = 1+int(presses[(i+1)%len(presses)])%200, 1+int(b-250)*7
				m = drive(m, size(width, height))
			} else {
				m = drive(m, fuzzKeys[int(b)%len(fuzzKeys)])
			}
			checkFrame(t, fmt.Sprintf("after press %d (%v)", i, presses[:i+1]), p, m.View(), width, height)
		}
	})
}

// TestDisagreeingCharactersFrame opens the document of characters that
// terminals measure differently and checks each frame, rune by rune too,
// through its modes and at several widths.
func TestDisagreeingCharactersFrame(t *testing.T) {
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		p := layout.NewPolicy(amb)
		for _, sz := range [][2]int{{100, 20}, {61, 12}, {33, 9}, {7, 5}} {
			var m tea.Model = New(Config{Corpus: fuzzCorpus, Label: "seeds", Policy: p, Renderer: lipgloss.NewRenderer(nil)})
			m = drive(m, size(sz[0], sz[1]), keys("G"))
			checkFrame(t, fmt.Sprintf("%v %v list", amb, sz), p, m.View(), sz[0], sz[1])
			m = drive(m, enter)
			if !strings.Contains(ansi.Strip(m.View()), "点赞") && sz[0] > 30 {
				t.Fatalf("%v: the emoji document is not open:\n%s", sz, ansi.Strip(m.View()))
			}
			for _, k := range []tea.Msg{keys(" "), keys("r"), keys("e"), keys("c"), keys("v"), keys("J"), keys("G")} {
				m = drive(m, k)
				checkFrame(t, fmt.Sprintf("%v %v after %v", amb, sz, k), p, m.View(), sz[0], sz[1])
			}
		}
	}
}

// A document read with damage (or mojibake whose lost characters could not
// be restored) says in the status line how many characters show as �.
func TestDamageInStatus(t *testing.T) {
	d := corpus.NewDocument("damaged", "damaged.txt", "中美經貿合作正在加速進行�，兩國�商。\n")
	d.Damaged = 2
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	m := tea.Model(New(Config{Corpus: corpus.New([]*corpus.Document{d}), Label: "t", Policy: layout.NewPolicy(layout.Narrow), Renderer: r}))
	m = drive(m, size(120, 20), enter)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "⚠ 2 unreadable characters shown as �") {
		t.Errorf("no damage in the status line:\n%s", v)
	}
}

// A document whose text may differ from what its file shows (a PDF's
// damaged character maps) says so in the status line while it is read;
// a warning that is not about the text (a renamed ID) does not.
func TestNotesInStatus(t *testing.T) {
	d := corpus.NewDocument("gs", "gs.pdf", "Xð时间2017年1o10日凌晨，马云在纽约。\n")
	d.Warnings = []string{"105 characters look misread" + corpus.NoteEnd + "the PDF's character maps seem damaged", `ID "gs" is already used by a.txt; this document's ID is "gs-2"`}
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	m := tea.Model(New(Config{Corpus: corpus.New([]*corpus.Document{d}), Label: "t", Policy: layout.NewPolicy(layout.Narrow), Renderer: r}))
	m = drive(m, size(120, 20), enter)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "⚠ 105 characters look misread") {
		t.Errorf("no note in the status line:\n%s", v)
	}
	if strings.Contains(v, "already used") || strings.Contains(v, "seem damaged") {
		t.Errorf("more than the note in the status line:\n%s", v)
	}
}

// A document's text is read from its file (it is not kept once indexed):
// a passage tagged is the one shown even when the file changes meanwhile;
// opened again, the file's new text shows with a note that it changed;
// a file gone says so.
func TestReaderReadsFileAgain(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	for name, text := range map[string]string{file: "中美经贸合作正在加速进行。两国同意推进百日计划。\n", filepath.Join(dir, "b.txt"): "另一篇简报的正文。\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, warns := corpus.Load(context.Background(), corpus.Options{Paths: []string{dir}})
	if len(warns) != 0 || c.Len() != 2 {
		t.Fatal(warns)
	}
	store := notes.Open(filepath.Join(t.TempDir(), "notes.jsonl"))
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI)
	m := tea.Model(New(Config{Corpus: c, Label: "t", Policy: layout.NewPolicy(layout.Narrow), Renderer: r, Notes: store, Author: "tester"}))
	m = drive(m, size(120, 20), enter, keys("v"))
	if err := os.WriteFile(file, []byte("完全不同的正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m = drive(m, keys("t"), keys("经贸"), enter, enter)
	got, _, err := store.Load()
	if err != nil || len(got) != 1 || got[0].Quote != "中美经贸合作正在加速进行。" {
		t.Fatalf("tagged %+v (%v)", got, err)
	}
	m = drive(m, esc, keys("j"), enter, esc, keys("k"), enter) // the other document, and back
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "完全不同的正文") || !strings.Contains(v, "⚠ file changed since it loaded") {
		t.Errorf("changed file:\n%s", v)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	m = drive(m, esc, keys("j"), enter, esc, keys("k"), enter)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "⚠ cannot read the file again: no such file or directory") {
		t.Errorf("gone file:\n%s", v)
	}
}
