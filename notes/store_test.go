package notes

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

const sample = "中美首腦會晤后，兩國經貿合作正在加速進行。經過中美兩國30輪磋商的收獲清單日前公布，詳列了雙方達成的10條共識。"

func newNote(t testing.TB, i int) Note {
	t.Helper()
	n, err := New("000_doc", sample, 0, 21, []string{"經貿", fmt.Sprintf("t%d", i%7)}, "comment "+strconv.Itoa(i), "tester", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAddEditDeleteRestore(t *testing.T) {
	s := Open(filepath.Join(t.TempDir(), "sub", "notes.jsonl"))
	a, b := newNote(t, 1), newNote(t, 2)
	for _, n := range []Note{a, b} {
		if err := s.Add(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Edit(a.ID, []string{"新, 标签"}, "改过", "tester"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(b.ID, "tester"); err != nil {
		t.Fatal(err)
	}
	got, warns, err := s.Load()
	if err != nil || len(warns) > 0 || len(got) != 1 || got[0].ID != a.ID || strings.Join(got[0].Tags, "|") != "新|标签" || got[0].Comment != "改过" {
		t.Fatalf("got %+v, %v, %v", got, warns, err)
	}
	if err := s.Restore(b.ID, "tester"); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Load(); len(got) != 2 {
		t.Fatalf("restore: %d notes", len(got))
	}
	if fi, err := os.Stat(s.Path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("notes file mode: %v %v", fi.Mode(), err)
	}
}

func TestNewNote(t *testing.T) {
	n := newNote(t, 0)
	if n.Quote != "中美首腦會晤后，兩國經貿合作正在加速進行。" || n.Prefix != "" || !strings.HasPrefix(n.Suffix, "經過中美兩國") {
		t.Errorf("quote %q prefix %q suffix %q", n.Quote, n.Prefix, n.Suffix)
	}
	if _, err := New("d", "短", 0, 5, nil, "", "x", time.Now()); err == nil {
		t.Error("a passage outside the text was accepted")
	}
	if got := NormalizeTags([]string{"經貿, 中美 ", "中美", "政策、外交"}); strings.Join(got, "|") != "經貿|中美|政策|外交" {
		t.Errorf("NormalizeTags = %q", got)
	}
}

// TestHelperProcess is not a test: it is the writer the concurrency tests
// start as separate processes. It appends notes and prints each id once
// Append has returned.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("JIANBAO_NOTES_HELPER")
	if path == "" {
		t.Skip("helper process")
	}
	count, _ := strconv.Atoi(os.Getenv("JIANBAO_NOTES_COUNT"))
	s := Open(path)
	w := bufio.NewWriter(os.Stdout)
	for i := 0; count == 0 || i < count; i++ {
		n := newNote(t, i)
		if err := s.Add(n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Fprintln(w, n.ID)
		w.Flush()
	}
	os.Exit(0)
}

func helper(path string, count int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "JIANBAO_NOTES_HELPER="+path, "JIANBAO_NOTES_COUNT="+strconv.Itoa(count))
	return cmd
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	const writers, each = 8, 200
	var cmds []*exec.Cmd
	for w := 0; w < writers; w++ {
		c := helper(path, each)
		c.Stdout = nil
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("writer: %v", err)
		}
	}
	got, warns, err := Open(path).Load()
	if err != nil || len(warns) > 0 {
		t.Fatalf("load: %v %v", err, warns)
	}
	ids := map[string]bool{}
	for _, n := range got {
		ids[n.ID] = true
	}
	if len(got) != writers*each || len(ids) != writers*each {
		t.Fatalf("%d notes, %d distinct, want %d", len(got), len(ids), writers*each)
	}
}

// TestKilledWriters kills writers at random moments: every note a writer
// reported saved must load, and the file must take further writes.
func TestKilledWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	rng := rand.New(rand.NewSource(1))
	reported := map[string]bool{}
	for round := 0; round < 6; round++ {
		var cmds []*exec.Cmd
		var outs []*bufio.Scanner
		for w := 0; w < 4; w++ {
			c := helper(path, 0) // until killed
			out, _ := c.StdoutPipe()
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, c)
			outs = append(outs, bufio.NewScanner(out))
		}
		time.Sleep(time.Duration(20+rng.Intn(150)) * time.Millisecond)
		for _, c := range cmds {
			c.Process.Signal(syscall.SIGKILL)
		}
		for i, c := range cmds {
			for outs[i].Scan() {
				reported[outs[i].Text()] = true
			}
			c.Wait()
		}
	}
	if len(reported) == 0 {
		t.Fatal("no writer reported a note")
	}
	s := Open(path)
	after := newNote(t, 99)
	if err := s.Add(after); err != nil {
		t.Fatalf("write after the kills: %v", err)
	}
	got, warns, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, n := range got {
		have[n.ID] = true
	}
	for id := range reported {
		if !have[id] {
			t.Errorf("note %s was reported saved and is lost", id)
		}
	}
	if !have[after.ID] {
		t.Error("the write after the kills is lost")
	}
	t.Logf("%d notes reported, %d loaded, %d damaged lines skipped", len(reported), len(got), len(warns))
}

func TestTornAndGarbageLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	s := Open(path)
	a, b := newNote(t, 1), newNote(t, 2)
	s.Add(a)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("this is not json\n{\"op\":\"add\"}\n")
	f.Close()
	s.Add(b)
	// A torn last line, as a crash mid-write leaves it.
	f, _ = os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"op":"add","at":"2026-01-01T00:00:00Z","note":{"id":"x`)
	f.Close()
	got, warns, err := s.Load()
	if err != nil || len(got) != 2 {
		t.Fatalf("got %d notes, %v", len(got), err)
	}
	if len(warns) != 3 || warns[0].Line != 2 || warns[1].Line != 3 || !warns[2].Torn {
		t.Fatalf("warnings: %v", warns)
	}
	// The torn line does not block later writes, and stays in the file.
	c := newNote(t, 3)
	if err := s.Add(c); err != nil {
		t.Fatal(err)
	}
	got, warns, _ = s.Load()
	if len(got) != 3 || len(warns) != 3 {
		t.Fatalf("after the torn line: %d notes, %v", len(got), warns)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "this is not json") {
		t.Error("a bad line was deleted")
	}
}

func TestUnusablePaths(t *testing.T) {
	dir := t.TempDir()
	// A notes path that is a directory.
	s := Open(dir)
	if _, _, err := s.Load(); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	if err := s.Add(newNote(t, 1)); err == nil || !strings.Contains(err.Error(), "--notes") {
		t.Errorf("directory write: %v", err)
	}
	// A path under a file cannot be created, even by root.
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o644)
	if err := Open(filepath.Join(file, "notes.jsonl")).Add(newNote(t, 1)); err == nil || !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("under a file: %v", err)
	}
	// A read-only file (effective when not root).
	ro := filepath.Join(dir, "ro.jsonl")
	os.WriteFile(ro, nil, 0o400)
	if os.Geteuid() != 0 {
		if err := Open(ro).Add(newNote(t, 1)); err == nil {
			t.Error("wrote to a read-only file")
		}
	}
}

func TestPlace(t *testing.T) {
	text := "甲乙丙丁。中美兩國經貿合作正在加速進行。戊己庚辛。中美兩國經貿合作正在加速進行。壬癸。"
	runes := []rune(text)
	start := strings.Index(text, "戊")
	start = len([]rune(text[:start])) + 5 // the second occurrence
	n, _ := New("d", text, start, start+15, nil, "", "x", time.Now())
	tests := []struct {
		name   string
		text   string
		status Status
		want   string
	}{
		{"unchanged", text, Exact, "中美兩國經貿合作正在加速進行。"},
		{"text added before", "新的一段。" + text, Moved, "中美兩國經貿合作正在加速進行。"},
		{"first copy removed", strings.Replace(text, "中美兩國經貿合作正在加速進行。", "", 1), Moved, "中美兩國經貿合作正在加速進行。"},
		{"quote edited", strings.Replace(text, "辛。中美兩國經貿合作正在加速進行", "辛。中美兩國經貿協作正在加速進行", 1), Approximate, "中美兩國經貿協作正在加速進行。"},
		{"quote edited, context too", strings.Replace(text, "戊己庚辛。中美兩國經貿合作正在加速進行。壬", "戊己庚辛。中美兩國經貿協作正在加速進行。壬", 1), Approximate, "中美兩國經貿協作正在加速進行。"},
		{"quote gone", "完全不同的文字。", Orphaned, ""},
	}
	for _, tt := range tests {
		p := Place(n, tt.text)
		if p.Status != tt.status {
			t.Errorf("%s: status %v, want %v", tt.name, p.Status, tt.status)
			continue
		}
		if tt.status != Orphaned {
			if got := string([]rune(tt.text)[p.Start:p.End]); got != tt.want {
				t.Errorf("%s: placed on %q, want %q", tt.name, got, tt.want)
			}
		}
		if tt.name == "text added before" && p.Start != start+5 {
			t.Errorf("%s: the duplicate was chosen (at %d, want %d)", tt.name, p.Start, start+5)
		}
	}
	_ = runes
}

func TestFind(t *testing.T) {
	text := "贸易和貿易，再說貿易。"
	fold := func(s string) string { return strings.NewReplacer("貿", "贸").Replace(s) }
	for _, tt := range []struct {
		q          string
		nth        int
		start, end int
		ok         bool
	}{
		{"貿易", 1, 3, 5, true},
		{"貿易", 2, 8, 10, true},
		{"贸易", 1, 0, 2, true},
		{"贸易", 2, 3, 5, true}, // one exact match: the second is counted folded
		{"不在", 1, 0, 0, false},
	} {
		s, e, ok := Find(text, tt.q, tt.nth, fold, nil)
		if ok != tt.ok || ok && (s != tt.start || e != tt.end) {
			t.Errorf("Find(%q, %d) = %d, %d, %v", tt.q, tt.nth, s, e, ok)
		}
	}
	if s, e, ok := Find("只有貿易", "贸易", 1, fold, nil); !ok || s != 2 || e != 4 {
		t.Errorf("folded find: %d %d %v", s, e, ok)
	}
	// White space is ignored when nothing else matches: a quote copied
	// from a wrapped screen, or typed with spaces.
	text = "特朗普表示和阿里巴巴主席马云进行了一场“Great Meeting”。\n\n再說貿易 往来。"
	for _, tt := range []struct {
		q          string
		nth        int
		start, end int
		ok         bool
	}{
		{"特朗普 表示", 1, 0, 5, true},
		{"阿里巴巴主席\n  马云进行", 1, 6, 16, true}, // a line break and the pane's margin
		{"Great  Meeting", 1, 20, 33, true},
		{"GreatMeeting", 1, 20, 33, true},
		{" 一场 ", 1, 17, 19, true}, // ends on the quote's visible characters
		{"。再說", 1, 34, 39, true},  // across a paragraph break
		{"贸易往来", 1, 39, 44, true}, // folded and without the space
		{"特朗普 表示", 2, 0, 0, false},
		{"   \n ", 1, 0, 0, false},
		{"马 云 说", 1, 0, 0, false},
	} {
		s, e, ok := Find(text, tt.q, tt.nth, fold, nil)
		if ok != tt.ok || ok && (s != tt.start || e != tt.end) {
			t.Errorf("Find(%q, %d) = %d, %d, %v; want %d, %d, %v", tt.q, tt.nth, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
	// Characters that draw nothing, which web pages put inside words, are
	// looked through with the white space, in the text and in the quote.
	unseen := func(r rune) bool { return r == '\u200b' || r == '\u00ad' }
	text = "两国经\u200b贸合作，软\u00ad连字。"
	for _, tt := range []struct {
		q          string
		start, end int
		ok         bool
	}{
		{"经贸合作", 2, 7, true},
		{"经貿合作", 2, 7, true},
		{"软连字", 8, 12, true},
		{"合\u200b作", 5, 7, true},
		{"\u200b", 0, 0, false},
		{"\u200b \u00ad", 0, 0, false},
	} {
		s, e, ok := Find(text, tt.q, 1, fold, unseen)
		if ok != tt.ok || ok && (s != tt.start || e != tt.end) {
			t.Errorf("Find(%q) = %d, %d, %v; want %d, %d, %v", tt.q, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
	if _, _, ok := Find(text, "经贸合作", 1, fold, nil); ok {
		t.Error("a zero-width space was looked through with no unseen")
	}
}

func FuzzFind(f *testing.F) {
	f.Add("特朗普表示和阿里巴巴\n马云", "巴巴 马", 1)
	f.Add("a b  c", " b c ", 2)
	f.Add("经\u200b贸", "经贸", 1)
	fold := func(s string) string { return strings.NewReplacer("貿", "贸").Replace(s) }
	unseen := func(r rune) bool { return r == '\u200b' }
	dropSpace := func(r rune) rune {
		if unicode.IsSpace(r) || unseen(r) {
			return -1
		}
		return r
	}
	f.Fuzz(func(t *testing.T, text, quote string, nth int) {
		if !utf8.ValidString(text) {
			return // a document's text always is
		}
		s, e, ok := Find(text, quote, nth, fold, unseen)
		if !ok {
			return
		}
		runes := []rune(text)
		if s < 0 || e > len(runes) || s >= e {
			t.Fatalf("span %d..%d out of %d runes", s, e, len(runes))
		}
		got := strings.Map(dropSpace, fold(string(runes[s:e])))
		if got != strings.Map(dropSpace, fold(quote)) {
			t.Fatalf("span %q does not read as %q", string(runes[s:e]), quote)
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("{\"op\":\"add\",\"note\":{\"id\":\"a\",\"doc\":\"d\"}}\ngarbage\n{\"op\":\"delete\",\"id\":\"a\"}"))
	f.Add([]byte("\n\n{"))
	// More deletes than adds: the add lines were lost (this panicked).
	f.Add([]byte("{\"op\":\"delete\",\"id\":\"a\",\"at\":\"2026-01-01T00:00:00Z\"}\n{\"op\":\"delete\",\"id\":\"b\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "n.jsonl")
		os.WriteFile(path, data, 0o600)
		s := Open(path)
		got, _, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		// A follower reading the same file sees the same notes.
		if fl, _, err := s.Follow().Next(); err != nil || fmt.Sprint(fl) != fmt.Sprint(got) {
			t.Fatalf("follower: %d notes, Load %d (%v)", len(fl), len(got), err)
		}
		n := newNote(t, 0)
		if err := s.Add(n); err != nil {
			t.Fatal(err)
		}
		again, _, err := s.Load()
		if err != nil || len(again) < len(got) {
			t.Fatalf("a write lost notes: %d → %d (%v)", len(got), len(again), err)
		}
	})
}

// TestMoreDeletesThanAdds: a file whose add lines were lost still loads
// (it panicked once), and what it does add is there.
func TestMoreDeletesThanAdds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.jsonl")
	n := newNote(t, 1)
	add, _ := json.Marshal(Record{Op: OpAdd, At: n.Created, Note: &n})
	os.WriteFile(path, []byte(`{"op":"delete","id":"gone1","at":"2026-01-01T00:00:00Z"}`+"\n"+`{"op":"delete","id":"gone2"}`+"\n"+string(add)+"\n"), 0o600)
	got, _, err := Open(path).Load()
	if err != nil || len(got) != 1 || got[0].ID != n.ID {
		t.Errorf("%+v %v", got, err)
	}
}

func BenchmarkAppend(b *testing.B) {
	s := Open(filepath.Join(b.TempDir(), "notes.jsonl"))
	n := newNote(b, 0)
	for b.Loop() {
		n.ID = NewID(time.Now())
		if err := s.Add(n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad100k(b *testing.B) {
	path := notesFile100k(b)
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	s := Open(path)
	for b.Loop() {
		got, _, err := s.Load()
		if err != nil || len(got) != 100_000 {
			b.Fatalf("%d notes, %v", len(got), err)
		}
	}
}

// BenchmarkFollow100k: a reader following a file of 100,000 notes while
// one more is appended, per note: what each session of a shared-notes
// server pays when a teammate tags.
func BenchmarkFollow100k(b *testing.B) {
	path := notesFile100k(b)
	s := Open(path)
	f := s.Follow()
	if got, _, err := f.Next(); err != nil || len(got) != 100_000 {
		b.Fatalf("%d notes, %v", len(got), err)
	}
	i := 100_000
	for b.Loop() {
		b.StopTimer()
		if err := s.Add(newNote(b, i)); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		if got, changed, err := f.Next(); err != nil || !changed || len(got) != i {
			b.Fatalf("%d notes, %v", len(got), err)
		}
	}
}

func notesFile100k(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "notes.jsonl")
	f, _ := os.Create(path)
	w := bufio.NewWriter(f)
	for i := 0; i < 100_000; i++ {
		n := newNote(b, i)
		rec := Record{Op: OpAdd, At: n.Created, Note: &n}
		line, _ := jsonMarshal(rec)
		w.Write(line)
		w.WriteByte('\n')
	}
	w.Flush()
	f.Close()
	return path
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// FuzzDecodeRecord: whatever the fast decoder accepts, it reads exactly as
// encoding/json does.
func FuzzDecodeRecord(f *testing.F) {
	n := newNote(f, 1)
	n.Comment = "引号\"和\\反斜杠\n换行\u2028 😀 <&>"
	for _, r := range []Record{{Op: OpAdd, At: n.Created, Note: &n, By: "a"}, {Op: OpDelete, ID: "x"}, {Op: OpEdit, Note: &Note{ID: "y", Tags: []string{}}}} {
		line, _ := json.Marshal(r)
		f.Add(line)
	}
	f.Add([]byte(`{"op":"add","note":{"id":"\ud83d\ude00","tags":null,"start":-3}}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		var fast, slow Record
		if !decodeRecord(string(line), &fast) {
			return
		}
		if err := json.Unmarshal(line, &slow); err != nil {
			t.Fatalf("fast accepted what encoding/json rejects (%v): %q", err, line)
		}
		a, _ := json.Marshal(fast)
		b, _ := json.Marshal(slow)
		if string(a) != string(b) {
			t.Fatalf("fast %s\nslow %s\nline %q", a, b, line)
		}
	})
}

func TestExportsAreInert(t *testing.T) {
	n := newNote(t, 1)
	n.Quote, n.Comment, n.Tags = "引\x1b]52;c;aGk=\x07文", "评\x1b[2J论\u009b31m", []string{"标\x1b]0;x\x07签"}
	es := []Entry{{Placed: Placed{Note: n}, Title: "题\x1b[H目", Loaded: true}}
	for _, f := range Formats {
		var sb strings.Builder
		if err := Export(&sb, f, es); err != nil {
			t.Fatal(err)
		}
		out := sb.String()
		if Binary(f) {
			out = strings.Join(slices.Collect(maps.Values(docxParts(t, out))), "\n") // what a reader unpacks
		}
		if strings.ContainsAny(out, "\x1b\x07\u009b") {
			t.Errorf("%s export lets control characters through: %q", f, out)
		}
	}
}

// TestCSVCellsAreNotFormulas: a quote, comment, tag or title that a
// spreadsheet would run as a formula gets a leading '; other text is as it
// was, and a CSV reader gets every cell back.
func TestCSVCellsAreNotFormulas(t *testing.T) {
	n := newNote(t, 1)
	n.Quote, n.Comment, n.Tags = `=HYPERLINK("http://x","点我")`, "+86 10 1234", []string{"@tag"}
	es := []Entry{{Placed: Placed{Note: n}, Title: "-1%的增长", Loaded: true}}
	var sb strings.Builder
	if err := Export(&sb, "csv", es); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(sb.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %q", err, sb.String())
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	for col, want := range map[string]string{"quote": `'=HYPERLINK("http://x","点我")`, "comment": "'+86 10 1234", "tags": "'@tag", "title": "'-1%的增长", "document": n.Doc} {
		if got[col] != want {
			t.Errorf("%s: %q, want %q", col, got[col], want)
		}
	}
	if cell("经贸=合作") != "经贸=合作" || cell("") != "" {
		t.Error("text not starting a formula was changed")
	}
}

// FuzzPlace: a note from a notes file (hand-edited, from another version,
// from a teammate) is placed in any text without a panic, and a note not
// orphaned is placed inside the text. Offsets out of range panicked once.
func FuzzPlace(f *testing.F) {
	f.Add("經貿", "", "", -5, 999999, "中美經貿合作")
	f.Add("文", "前", "后", 2147483647, -2147483648, "前文后")
	f.Add("合作", "經貿", "", 4, 2, "中美經貿合作")
	f.Add("", "", "", 0, 0, "")
	f.Fuzz(func(t *testing.T, quote, prefix, suffix string, start, end int, text string) {
		n := Note{ID: "x", Doc: "d", Quote: quote, Prefix: prefix, Suffix: suffix, Start: start, End: end}
		p := Place(n, text)
		if p.Status == Orphaned {
			return
		}
		if runes := []rune(text); p.Start < 0 || p.Start > p.End || p.End > len(runes) {
			t.Fatalf("%v note placed at [%d,%d) in %d runes", p.Status, p.Start, p.End, len(runes))
		}
	})
}

// TestJSONLDPositions: a placed note gives its position in the text; an
// orphaned one (or one of a document not loaded) gives its quote only.
func TestJSONLDPositions(t *testing.T) {
	n := newNote(t, 1)
	es := []Entry{
		{Placed: Placed{Note: n, Status: Moved, Start: 3, End: 5}, Loaded: true},
		{Placed: Placed{Note: n, Status: Orphaned, Start: -9, End: 1 << 30}, Loaded: true},
		{Placed: Placed{Note: n, Status: Orphaned}, Loaded: false},
	}
	var sb strings.Builder
	if err := Export(&sb, "jsonld", es); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		First struct {
			Items []struct {
				Target struct {
					Selector []map[string]any `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal([]byte(sb.String()), &doc); err != nil || len(doc.First.Items) != 3 {
		t.Fatalf("%v: %s", err, sb.String())
	}
	items := doc.First.Items
	for i, want := range []int{2, 1, 1} {
		if got := len(items[i].Target.Selector); got != want {
			t.Errorf("note %d: %d selectors, want %d", i, got, want)
		}
	}
	if s := items[0].Target.Selector[1]; s["start"] != 3.0 || s["end"] != 5.0 {
		t.Errorf("position %v", s)
	}
}
