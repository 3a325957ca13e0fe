package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/seeds"
)

// A loaded file's text is not held: it is read again from the file,
// decoded as it was (GB18030 here, Markdown read as text), and cleaned
// again when it is not among the clean texts kept.
func TestLoadLetsTextGo(t *testing.T) {
	dir := t.TempDir()
	texts := seedTexts(t)
	var first string
	for name := range texts {
		first = name
		break
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(texts[first]))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "gb.txt"), gb)
	write(t, filepath.Join(dir, "md.md"), []byte("---\ntitle: 标题\n---\n# 第一节\n\n中美**经贸**合作。\n"))
	ix := NewIndex()
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS(), Paths: []string{dir}, Index: ix})
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	gbDoc, md := c.byID["gb"], c.byID["md"]
	if gbDoc == nil || md == nil {
		t.Fatalf("loaded %v", ids(c))
	}
	for _, d := range c.Docs {
		held := d.raw != ""
		if want := d.Origin == OriginEmbedded; held != want {
			t.Errorf("%s: text held %v, want %v", d.ID, held, want)
		}
	}
	if gbDoc.Raw() != texts[first] || gbDoc.Encoding != GB18030 {
		t.Errorf("GB18030 file read back differs (%s)", gbDoc.Encoding)
	}
	if got := md.Raw(); strings.Contains(got, "**") || !strings.Contains(got, "中美经贸合作。") || md.Title != "标题" {
		t.Errorf("Markdown read back as %q, title %q", got, md.Title)
	}
	want, _ := Clean(texts[first])
	if gbDoc.Text() != want || gbDoc.Chars() != len([]rune(want)) {
		t.Errorf("clean text read back differs")
	}
	if gbDoc.ReadErr() != nil || len(gbDoc.Notes()) != 0 {
		t.Errorf("ReadErr %v, notes %v", gbDoc.ReadErr(), gbDoc.Notes())
	}
	found := false
	for _, m := range ix.Search("中美经贸合作", 0) {
		found = found || m.Doc == md && m.Snippet == "中美经贸合作。"
	}
	if !found {
		t.Errorf("search did not find the Markdown file's text, read back")
	}
}

// A file changed since it loaded gives its new text, with a note; one gone
// gives none, an error naming it, and a note; nothing is kept of either.
func TestReadBackProblems(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	write(t, a, []byte("标题甲\n中美经贸合作。\n"))
	write(t, b, []byte("标题乙\n两国关系稳定。\n"))
	c, warns := Load(context.Background(), Options{Paths: []string{dir}, Chars: true})
	if len(warns) != 0 {
		t.Fatal(warns)
	}
	da, db := c.byID["a"], c.byID["b"]
	chars := db.Chars()
	if !strings.Contains(da.Text(), "中美经贸合作") || !da.Cleaned() { // kept, until the file changes
		t.Fatalf("Text %q", da.Text())
	}
	write(t, a, []byte("标题甲\n改过的正文。\n"))
	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	if got := da.Text(); !strings.Contains(got, "改过的正文") {
		t.Errorf("changed file: Text %q", got)
	}
	if da.ReadErr() != nil || len(da.Notes()) != 1 || !strings.Contains(da.Notes()[0], "changed since it loaded") {
		t.Errorf("changed file: ReadErr %v, notes %q", da.ReadErr(), da.Notes())
	}
	if got := db.Text(); got != "" {
		t.Errorf("gone file: Text %q", got)
	}
	err := db.ReadErr()
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), b) {
		t.Errorf("gone file: ReadErr %v", err)
	}
	if n := db.Notes(); len(n) != 1 || n[0] != "cannot read the file again: no such file or directory" {
		t.Errorf("gone file: notes %q", n)
	}
	if db.Cleaned() || db.Chars() != chars {
		t.Errorf("gone file: Cleaned %v, Chars %d (was %d)", db.Cleaned(), db.Chars(), chars)
	}
	write(t, b, []byte("标题乙\n两国关系稳定。\n")) // back as it was
	if db.Text() == "" || db.ReadErr() != nil || len(db.Notes()) != 0 {
		t.Errorf("file back: ReadErr %v, notes %q", db.ReadErr(), db.Notes())
	}
}

// A named pipe put where a loaded file was is refused when the text is
// read again, at once: opening it must not wait for a writer.
func TestReadBackPipe(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	write(t, a, []byte("标题甲\n中美经贸合作。\n"))
	c, warns := Load(context.Background(), Options{Paths: []string{dir}})
	if len(warns) != 0 || c.Len() != 1 {
		t.Fatal(warns)
	}
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(a, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { c.Docs[0].Text(); done <- c.Docs[0].ReadErr() }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadErr %v, want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe again waits for a writer")
	}
}

// Converted formats keep their text without a text cache (converting a
// PDF again takes milliseconds), and let it go with one.
func TestLetGoConverted(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "p.html"), []byte("<html><head><title>标题</title></head><body><p>中美经贸合作。</p></body></html>"))
	for _, cache := range []string{"", t.TempDir()} {
		c, warns := Load(context.Background(), Options{Paths: []string{dir}, TextCache: cache})
		if len(warns) != 0 || c.Len() != 1 {
			t.Fatal(warns)
		}
		d := c.Docs[0]
		if held := d.raw != ""; held != (cache == "") {
			t.Errorf("text cache %q: text held %v", cache, held)
		}
		if !strings.Contains(d.Text(), "中美经贸合作") {
			t.Errorf("text cache %q: Text %q", cache, d.Text())
		}
	}
}

// The clean texts kept stay within their budget, the last asked for kept.
func TestTextLRU(t *testing.T) {
	c := newTextLRU(3 * (100 + entryCost))
	docs := make([]*Document, 5)
	for i := range docs {
		docs[i] = &Document{}
		c.put(docs[i], strings.Repeat("x", 100), stamp{})
		if i == 2 {
			c.get(docs[0]) // docs[1] is now the one asked for longest ago
		}
	}
	for i, want := range []bool{true, false, false, true, true} {
		if _, _, ok := c.get(docs[i]); ok != want {
			t.Errorf("doc %d kept %v, want %v", i, ok, want)
		}
	}
	if c.used > c.budget {
		t.Errorf("used %d of %d", c.used, c.budget)
	}
	c.put(docs[3], strings.Repeat("y", 300), stamp{}) // grows past the budget
	if _, _, ok := c.get(docs[3]); !ok || c.used > c.budget || len(c.byDoc) != 1 {
		t.Errorf("after growing: used %d, %d kept", c.used, len(c.byDoc))
	}
	c.put(&Document{}, strings.Repeat("z", 3*(100+entryCost)), stamp{}) // larger than all
	if c.used > c.budget {
		t.Errorf("used %d of %d", c.used, c.budget)
	}
	for range 10000 {
		c.put(&Document{}, "", stamp{})
	}
	if len(c.byDoc) > c.budget/entryCost {
		t.Errorf("%d empty texts kept", len(c.byDoc))
	}
}

// BenchmarkTextReadBack is what opening a document (or a search checking
// one) costs now that a loaded file's text is not kept: "cold" reads the
// file again and cleans it, "kept" finds the clean text among those kept,
// "raw" reads the file again only.
func BenchmarkTextReadBack(b *testing.B) {
	dir := cacheCorpus(b, 200)
	c, warns := Load(context.Background(), Options{Paths: []string{dir}})
	if len(warns) != 0 {
		b.Fatal(warns)
	}
	var size int64
	for _, d := range c.Docs {
		size += d.Size
	}
	b.Run("cold", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range c.Docs {
				cleanTexts.drop(d)
				d.Text()
			}
		}
	})
	b.Run("kept", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range c.Docs {
				d.Text()
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, d := range c.Docs {
				d.Raw()
			}
		}
	})
}

// drop forgets d's clean text (for benchmarks of the cold path).
func (c *textLRU) drop(d *Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byDoc[d]; ok {
		c.order.Remove(e)
		delete(c.byDoc, d)
		c.used -= len(e.Value.(*textEntry).text) + entryCost
	}
}
