package corpus

import (
	"bufio"
	"bytes"
	"context"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// textCacheEntries lists the entries under dir.
func textCacheEntries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && filepath.Ext(p) == ".txt" {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestTextCache(t *testing.T) {
	dir, cacheDir := t.TempDir(), filepath.Join(t.TempDir(), "text")
	// Glyphs the font's map lacks: a warning, which the cache keeps too.
	partial := writePDF(pdfDocOut{pages: [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "正文第一段。"}}},
		raw: []string{"BT /F1 12 Tf 72 600 Td <7F7F7F7F7F7F7F7F> Tj ET"}})
	files := map[string][]byte{
		"a.pdf":  writePDF(pdfDocOut{pages: typeset(pdfParas, 16, 28, true, 6), title: "关于印发推动大规模设备更新行动方案的通知"}),
		"b.html": []byte("<html><head><title>外交部发言人答记者问_新华网</title></head><body><article><h1>外交部发言人答记者问</h1><p>问：中方对此有何评论？</p></article></body></html>"),
		"c.txt":  []byte("纯文本不进缓存。"),
		"d.pdf":  partial,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	load := func(opt Options) map[string]*Document {
		opt.Paths, opt.TextCache = []string{dir}, cacheDir
		c, _ := Load(context.Background(), opt)
		out := map[string]*Document{}
		for _, d := range c.Docs {
			out[d.ID] = d
		}
		return out
	}
	first := load(Options{})
	if n := len(textCacheEntries(t, cacheDir)); n != 3 {
		t.Fatalf("%d entries, want 3 (the PDFs and the page, not the text)", n)
	}
	same := func(a, b *Document) bool {
		return a != nil && b != nil && a.Raw() == b.Raw() && a.Title == b.Title && a.Date == b.Date && a.Markup == b.Markup &&
			a.Encoding == b.Encoding && a.EncodingReason == b.EncodingReason && reflect.DeepEqual(a.Warnings, b.Warnings) && a.Size == b.Size
	}
	// The files' bytes changed behind the cache's back, size and time
	// kept: the cache is what is read (so it was used).
	a := filepath.Join(dir, "a.pdf")
	fi, _ := os.Stat(a)
	if err := os.WriteFile(a, bytes.Repeat([]byte{'x'}, int(fi.Size())), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(a, fi.ModTime(), fi.ModTime())
	second := load(Options{})
	for _, id := range []string{"a", "b", "c", "d"} {
		if !same(first[id], second[id]) {
			t.Errorf("%s read back from the cache differs:\n%+v\n%+v", id, first[id], second[id])
		}
	}
	if second["a"].Title != "关于印发推动大规模设备更新行动方案的通知" {
		t.Errorf("the information dictionary's title was not kept: %q", second["a"].Title)
	}
	// A new time: the file is read again (and is no PDF now).
	os.Chtimes(a, fi.ModTime().Add(time.Hour), fi.ModTime().Add(time.Hour))
	if third := load(Options{}); third["a"] != nil {
		t.Errorf("a changed file was taken from the cache")
	}
	// Another size limit is another key: not used.
	if got := load(Options{MaxFileSize: 1 << 30}); got["b"] == nil || len(textCacheEntries(t, cacheDir)) != 5 {
		t.Errorf("entries %d, want 5 (b and d again, under the new key)", len(textCacheEntries(t, cacheDir)))
	}
	// A damaged entry is converted again, and rewritten.
	for _, p := range textCacheEntries(t, cacheDir) {
		b, _ := os.ReadFile(p)
		b[len(b)/2] ^= 0xFF
		os.WriteFile(p, b, 0o600)
	}
	fourth := load(Options{})
	if !same(first["b"], fourth["b"]) {
		t.Errorf("b from a damaged entry:\n%+v", fourth["b"])
	}
	b := filepath.Join(dir, "b.html")
	bi, _ := os.Stat(b)
	entry, _ := os.ReadFile(Options{TextCache: cacheDir}.textCachePath(source{name: b}, stampOf(bi)))
	if _, ok := decodeTextEntry(entry); !ok {
		t.Errorf("b's damaged entry was not rewritten")
	}
	if len(first["d"].Warnings) == 0 || !strings.Contains(first["d"].Warnings[0], "left out") {
		t.Errorf("d's warnings %q", first["d"].Warnings)
	}
}

// Entries unused for staleCache and temporary files left by cut writes go.
func TestTextCachePrune(t *testing.T) {
	dir := t.TempDir()
	old, fresh, tmp := filepath.Join(dir, "ab", "ab12.txt"), filepath.Join(dir, "cd", "cd34.txt"), filepath.Join(dir, "cd", ".text-1.tmp")
	for _, p := range []string{old, fresh, tmp} {
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte("x"), 0o600)
	}
	long := time.Now().Add(-staleCache - time.Hour)
	os.Chtimes(old, long, long)
	os.Chtimes(tmp, time.Now().Add(-time.Hour), time.Now().Add(-time.Hour))
	pruneTextCache(dir)
	for p, want := range map[string]bool{old: false, fresh: true, tmp: false} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s kept: %v, want %v", p, err == nil, want)
		}
	}
	// Once a day: a second prune the same day walks nothing.
	os.Chtimes(fresh, long, long)
	pruneTextCache(dir)
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("pruned twice in a day")
	}
}

func FuzzTextEntry(f *testing.F) {
	d := &Document{Markup: "pdf", Encoding: UTF8, EncodingReason: "PDF", raw: "正文\n", Warnings: []string{"w"}, front: &frontMatter{Title: "标题"}}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	encodeTextEntry(&cacheWriter{w: bw, h: crc32.New(castagnoli)}, d)
	bw.Flush()
	f.Add(buf.Bytes())
	f.Add([]byte(textCacheMagic + "\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeTextEntry(b)
		if !ok {
			return
		}
		// What decodes encodes back to the same bytes.
		var out bytes.Buffer
		w := bufio.NewWriter(&out)
		encodeTextEntry(&cacheWriter{w: w, h: crc32.New(castagnoli)}, got)
		w.Flush()
		if !bytes.Equal(out.Bytes(), b) {
			t.Errorf("round trip differs")
		}
	})
}
