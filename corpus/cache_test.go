package corpus

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// cacheCorpus writes n files made from the seeds (both scripts) to a new
// folder and returns it.
func cacheCorpus(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	var texts []string
	for _, text := range seedTexts(t) {
		texts = append(texts, text, ToTraditional(text))
	}
	slices.Sort(texts)
	for i := range n {
		text := texts[i%len(texts)] + fmt.Sprintf("\n第%d号简报附记。\n", i)
		write(t, seedFile(dir, i), []byte(text))
	}
	return dir
}

// seedFile is the path cacheCorpus gives file i of dir.
func seedFile(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("d%02d", i%7), fmt.Sprintf("%04d.txt", i))
}

// loadCached loads dir with an index and the cache at path, and returns
// the corpus, the index and what became of the cache.
func loadCached(t testing.TB, dir, path string, opt Options) (*Corpus, *Index, string) {
	t.Helper()
	var note string
	opt.Paths, opt.Index, opt.Cache, opt.CacheMinBytes = []string{dir}, NewIndex(), path, 1
	opt.CacheDone = func(s string) { note = s }
	c, warns := Load(context.Background(), opt)
	for _, w := range warns {
		if !w.Loaded { // damage is said, and the file loaded
			t.Fatal(warns)
		}
	}
	return c, opt.Index, note
}

// rewrite writes text to file dated ahead of now, so that a cache sees
// the file changed even when its size is the same.
func rewrite(t *testing.T, file, text string, ahead time.Duration) {
	t.Helper()
	write(t, file, []byte(text))
	later := time.Now().Add(ahead)
	if err := os.Chtimes(file, later, later); err != nil {
		t.Fatal(err)
	}
}

// uncachedAnswers is answers for dir loaded without a cache.
func uncachedAnswers(t *testing.T, dir string) []string {
	t.Helper()
	_, ix, _ := loadCached(t, dir, filepath.Join(t.TempDir(), "none.bin"), Options{CacheMinBytes: 1 << 40})
	return answers(ix)
}

// answers is what a set of queries finds: document IDs and offsets, and
// the documents Filter ranks, every one checked against its text. (Hits
// left unchecked are the index's estimate, which postings of documents
// gone or changed can sway: see Index.intersect.)
func answers(ix *Index) []string {
	var out []string
	for _, q := range []string{"贸易", "貿易", "马云", "mayun", "albb", "贸", "的", "中小企業", "附记", "第17号", "eWTP"} {
		for _, m := range ix.Search(q, 0) {
			out = append(out, fmt.Sprintf("%s %s@%d-%d %v", q, m.Doc.ID, m.Start, m.End, m.InTitle))
		}
		for _, h := range ix.Filter(q, math.MaxInt) {
			out = append(out, fmt.Sprintf("%s filter %d %v", q, h.Doc, h.InTitle))
		}
	}
	return out
}

func summaries(c *Corpus) []Summary {
	var out []Summary
	for _, d := range c.Docs {
		out = append(out, d.Summary())
	}
	return out
}

// A second load of the same files reads the cache and answers every query
// as the first did, with the same documents and metadata.
func TestCacheRoundTrip(t *testing.T) {
	dir := cacheCorpus(t, 60)
	// Decoded with damage, and read as Markdown: what reading said is
	// kept too, since the next start does not read the files.
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("标题\n中美经贸合作正在推进。两国关系稳定。\n"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "damaged.txt"), append(gb, 0x81, '\n'))
	write(t, filepath.Join(dir, "note.md"), []byte("---\ntitle: 标题\n---\n中美**经贸**合作。\n"))
	path := filepath.Join(t.TempDir(), "cache", "index.bin")
	c1, ix1, note := loadCached(t, dir, path, Options{})
	if !strings.Contains(note, "written to "+path) {
		t.Fatalf("first load: %q", note)
	}
	c2, ix2, note := loadCached(t, dir, path, Options{})
	if !strings.HasPrefix(note, "index read from cache") {
		t.Fatalf("second load: %q", note)
	}
	if !slices.EqualFunc(summaries(c1), summaries(c2), func(a, b Summary) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Error("documents differ after the cache")
	}
	for i, d := range c2.Docs {
		if d1 := c1.Docs[i]; d.Damaged != d1.Damaged || d.EncodingReason != d1.EncodingReason || d.Format() != d1.Format() || d.Size != d1.Size || d.Raw() != d1.Raw() {
			t.Errorf("%s differs after the cache", d.ID)
		}
	}
	if d := c2.byID["damaged"]; d == nil || d.Damaged != 1 || len(d.Warnings) != 1 {
		t.Errorf("damaged document after the cache: %+v", d)
	}
	a1, a2 := answers(ix1), answers(ix2)
	if len(a1) < 100 || !slices.Equal(a1, a2) {
		t.Errorf("answers differ: %d before, %d from the cache", len(a1), len(a2))
	}
	// Loaded with fewer workers, so shards differ from the cache's.
	_, ix3, note := loadCached(t, dir, path, Options{Workers: 1})
	if !strings.HasPrefix(note, "index read from cache") || !slices.Equal(answers(ix3), a1) {
		t.Errorf("one worker: %q, answers differ", note)
	}
}

// Files changed a few at a time, round after round: each write leaves the
// documents gone or changed out of the cache, with their postings, so it
// is used every round (without that, the stale ones would add up to a
// quarter and the cache would be dropped), and answers as a load without.
func TestCacheDropsStale(t *testing.T) {
	dir := cacheCorpus(t, 30)
	path := filepath.Join(t.TempDir(), "index.bin")
	loadCached(t, dir, path, Options{})
	for round := range 5 {
		for i := range 5 {
			n := round*5 + i
			file := seedFile(dir, n)
			rewrite(t, file, fmt.Sprintf("第%d轮改过的第%d份，谈呼伦贝尔。\n", round, n), time.Duration(round+1)*time.Hour)
		}
		want := uncachedAnswers(t, dir)
		_, ix, note := loadCached(t, dir, path, Options{})
		if !strings.Contains(note, "(25 documents reused); written") {
			t.Fatalf("round %d: %q", round, note)
		}
		if !slices.Equal(answers(ix), want) || len(ix.Search("呼伦贝尔", 0)) != 5*(round+1) {
			t.Fatalf("round %d: answers differ from a load without the cache", round)
		}
		if n, places := cacheNumbers(t, path); n != 30 || places != 30 {
			t.Fatalf("round %d: the cache holds %d numbers, %d in its shards, for 30 files", round, n, places)
		}
	}
	// One file of thirty changed: too few to re-encode every list for; the
	// old document is kept, unpublished, and answers are the same.
	rewrite(t, filepath.Join(dir, "d01", "0029.txt"), "只改了这一份，谈锡林郭勒。\n", 10*time.Hour)
	want := uncachedAnswers(t, dir)
	_, ix, note := loadCached(t, dir, path, Options{})
	if n, places := cacheNumbers(t, path); !strings.Contains(note, "(29 documents reused); written") || n != 31 || places != 31 {
		t.Fatalf("one changed: %q, %d numbers, %d places", note, n, places)
	}
	if !slices.Equal(answers(ix), want) || len(ix.Search("锡林郭勒", 0)) != 1 {
		t.Fatal("one changed: answers differ from a load without the cache")
	}
}

// cacheNumbers is how many document numbers the cache at path holds, and
// how many documents its text shards hold.
func cacheNumbers(t *testing.T, path string) (n, places int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decodeCache(b, Options{}.cacheKey())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.shards[:len(d.shards)/2] {
		places += len(s.nums)
	}
	return d.n, places
}

// Lengths (Options.Chars) go into the cache: a load that counts them
// after a load that did not rewrites it; the next reuses them without
// counting, and they equal the lengths counted without a cache. A changed
// file is counted again.
func TestCacheKeepsChars(t *testing.T) {
	dir := cacheCorpus(t, 30)
	want := map[string]int{}
	plain, _ := Load(context.Background(), Options{Paths: []string{dir}})
	for _, d := range plain.Docs {
		want[d.ID] = d.Chars()
	}
	path := filepath.Join(t.TempDir(), "index.bin")
	check := func(c *Corpus, counted bool) {
		t.Helper()
		for _, d := range c.Docs {
			n, ok := d.knownChars()
			if ok != counted || ok && n != want[d.ID] {
				t.Fatalf("%s: length %d known %t, want %d known %t", d.ID, n, ok, want[d.ID], counted)
			}
		}
	}
	c, _, note := loadCached(t, dir, path, Options{})
	check(c, false)
	if !strings.Contains(note, "written to") {
		t.Fatalf("first load: %q", note)
	}
	c, _, note = loadCached(t, dir, path, Options{Chars: true})
	check(c, true)
	if !strings.HasPrefix(note, "index read from cache") || !strings.Contains(note, "written to") {
		t.Fatalf("load counting lengths: %q", note)
	}
	c, _, note = loadCached(t, dir, path, Options{})
	check(c, true) // from the cache
	if strings.Contains(note, "written to") {
		t.Fatalf("nothing new, yet written: %q", note)
	}
	text := "改过的文件，长度不同。\n"
	rewrite(t, filepath.Join(dir, "d01", "0001.txt"), text, time.Hour)
	clean, _ := Clean(text)
	want["0001"] = len([]rune(clean))
	c, _, _ = loadCached(t, dir, path, Options{Chars: true})
	check(c, true)
}

// A write cut short leaves a temporary file; the next write removes it once
// it is old, and never one being written now. Caches unused for a month go
// too; a cache that is used is kept.
func TestCacheRemovesStale(t *testing.T) {
	dir := cacheCorpus(t, 10)
	cacheDir := t.TempDir()
	oldTemp, newTemp := filepath.Join(cacheDir, ".index-1.tmp"), filepath.Join(cacheDir, ".index-2.tmp")
	oldCache, usedCache := filepath.Join(cacheDir, "index-old.bin"), filepath.Join(cacheDir, "index-used.bin")
	for _, p := range []string{oldTemp, newTemp, oldCache} {
		write(t, p, []byte("left over"))
	}
	// A cache last used long ago, but used now: it stays.
	loadCached(t, dir, usedCache, Options{})
	long := time.Now().Add(-2 * staleCache)
	os.Chtimes(usedCache, long, long)
	if _, _, note := loadCached(t, dir, usedCache, Options{}); !strings.HasPrefix(note, "index read from cache") {
		t.Fatal(note)
	}
	os.Chtimes(oldTemp, long, long)
	os.Chtimes(oldCache, long, long)
	if _, _, note := loadCached(t, dir, filepath.Join(cacheDir, "index-new.bin"), Options{}); !strings.Contains(note, "written to") {
		t.Fatal(note)
	}
	for p, kept := range map[string]bool{oldTemp: false, newTemp: true, oldCache: false, usedCache: true} {
		if _, err := os.Stat(p); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(p), err == nil, kept)
		}
	}
}

// Files changed, added and removed since the cache was made: the next load
// reuses the rest, indexes those afresh, and answers exactly as a load
// without a cache; the cache it writes then serves the whole corpus. When
// too much has changed the cache is not used at all.
func TestCacheFollowsChanges(t *testing.T) {
	dir := cacheCorpus(t, 30)
	path := filepath.Join(t.TempDir(), "index.bin")
	loadCached(t, dir, path, Options{})
	rewrite(t, filepath.Join(dir, "d03", "0010.txt"), "全新的内容：鄂尔多斯能源合作。\n", time.Hour)
	rewrite(t, filepath.Join(dir, "new.txt"), "新加的文件谈乌兰察布。\n", time.Hour)
	os.Remove(filepath.Join(dir, "d06", "0020.txt"))
	want := uncachedAnswers(t, dir)
	_, ix, note := loadCached(t, dir, path, Options{})
	if !strings.Contains(note, "(28 documents reused); written") {
		t.Errorf("after changes: %q", note)
	}
	findsNewText(t, ix)
	if len(ix.Search("乌兰察布", 0)) != 1 || len(ix.Search("第20号简报", 0)) != 0 {
		t.Error("the new file is not found, or the removed one is")
	}
	if !slices.Equal(answers(ix), want) {
		t.Error("answers differ from a load without the cache")
	}
	_, ix, note = loadCached(t, dir, path, Options{})
	if !strings.HasSuffix(note, "(30 documents reused)") {
		t.Errorf("the next load: %q", note)
	}
	if !slices.Equal(answers(ix), want) {
		t.Error("answers differ from a load without the cache, the time after")
	}
	// A quarter and more changed: the cache is not used.
	for i := 0; i < 30; i += 3 {
		file := seedFile(dir, i)
		if i != 0 && i != 10 {
			rewrite(t, file, fmt.Sprintf("改过的第%d份。\n", i), time.Hour)
		}
	}
	want = uncachedAnswers(t, dir)
	_, ix, note = loadCached(t, dir, path, Options{})
	if !strings.Contains(note, "gone or changed; written") || !slices.Equal(answers(ix), want) {
		t.Errorf("much changed: %q", note)
	}
}

// A file that changes after the cache checked it (its size and time) is
// not read at this start, which takes its document from the cache: when
// its text is asked for it is read, the new text, with a note that the
// file changed since it loaded (as for any file changed later).
func TestCacheFileChangedAfterCheck(t *testing.T) {
	dir := cacheCorpus(t, 30)
	path := filepath.Join(t.TempDir(), "index.bin")
	loadCached(t, dir, path, Options{})
	target := filepath.Join(dir, "d03", "0010.txt")
	other := filepath.Join(t.TempDir(), "other.txt")
	write(t, other, []byte("换了文本：鄂尔多斯能源合作。\n"))
	// The check sees the old file; a read opens another.
	var opened atomic.Int64
	open := func(name string) (fs.File, error) {
		opened.Add(1)
		if name == target {
			return os.Open(other)
		}
		return os.Open(name)
	}
	c, ix, note := loadCached(t, dir, path, Options{open: open})
	if !strings.HasPrefix(note, "index read from cache") {
		t.Fatalf("note %q", note)
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("%d files opened for documents the cache holds", n)
	}
	d := c.byID["0010"]
	if !strings.Contains(d.Text(), "鄂尔多斯") || len(d.Notes()) != 1 || !strings.Contains(d.Notes()[0], "changed") {
		t.Errorf("read back: %q, notes %q", d.Text(), d.Notes())
	}
	// Matches are checked against the text as read: the old text's words,
	// still in the index, are not reported from the new.
	if ms := ix.Search("第10号简报", 0); len(ms) != 0 {
		t.Errorf("the old text found: %v", ms)
	}
}

// findsNewText checks that document 0010's new text (鄂尔多斯) is found in
// it, and its old text (第10号简报) nowhere.
func findsNewText(t *testing.T, ix *Index) {
	t.Helper()
	if ms := ix.Search("鄂尔多斯", 0); len(ms) != 1 || ms[0].Doc.ID != "0010" {
		t.Errorf("new text: %v", ms)
	}
	if ms := ix.Search("第10号简报", 0); len(ms) != 0 {
		t.Errorf("old text still found: %v", ms)
	}
}

// Damaged cache files are never used and never crash the load: truncated
// anywhere, a byte changed anywhere, garbage, a folder in its place.
func TestCacheDamaged(t *testing.T) {
	dir := cacheCorpus(t, 12)
	path := filepath.Join(t.TempDir(), "index.bin")
	_, ix, _ := loadCached(t, dir, path, Options{})
	want := answers(ix)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, ix, note := loadCached(t, dir, path, Options{CacheMinBytes: 1 << 40})
		if strings.HasPrefix(note, "index read from cache") {
			t.Errorf("%s: the damaged cache was used", name)
		}
		if !slices.Equal(answers(ix), want) {
			t.Errorf("%s: answers differ", name)
		}
	}
	for _, cut := range []int{0, 1, len(cacheMagic) + 3, len(good) / 3, len(good) - 5, len(good) - 1} {
		check(fmt.Sprint("cut at ", cut), good[:cut])
	}
	for _, at := range []int{len(cacheMagic) + 1, len(cacheMagic) + 10, len(good) / 2, len(good) - 2} {
		b := slices.Clone(good)
		b[at] ^= 0x40
		check(fmt.Sprint("byte ", at), b)
	}
	check("garbage", []byte(strings.Repeat("jianbao", 1000)))
	os.Remove(path)
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	_, ix, note := loadCached(t, dir, path, Options{})
	if !strings.Contains(note, "unreadable") || !strings.Contains(note, "cannot write") || !slices.Equal(answers(ix), want) {
		t.Errorf("a folder in its place: %q", note)
	}
}

// tinyCacheBody makes a cache of four small documents and returns its
// body (what follows the header, before the checksum).
func tinyCacheBody(t testing.TB) []byte {
	dir := t.TempDir()
	for i, text := range []string{"中美貿易合作。\n馬雲(mǎ)說，，。\n", "eWTP 2018年12月6日\n", "的的确确", "x"} {
		write(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte(text))
	}
	path := filepath.Join(t.TempDir(), "index.bin")
	loadCached(t, dir, path, Options{})
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return good[len(cacheMagic)+4+32 : len(good)-4]
}

// checkDecoded fails t if what the decoder accepted has a posting that
// names no document of its shard.
func checkDecoded(t *testing.T, d *decoded) {
	t.Helper()
	for _, s := range d.shards {
		for id := range s.listKeys {
			s.at(int32(id)).each(func(place int32, _ int) {
				if place < 0 || int(place) >= len(s.nums) {
					t.Fatalf("place %d of %d", place, len(s.nums))
				}
			})
		}
	}
}

// Every one-byte change to a cache's body is refused or decodes to an index
// whose postings all name documents (the checksum catches damage, not a
// file made to harm).
func TestCacheBodyEveryByte(t *testing.T) {
	body := tinyCacheBody(t)
	if _, err := decodeBody(body); err != nil {
		t.Fatalf("the good body: %v", err)
	}
	for i := range body {
		for _, x := range []byte{0x10, 0x81} {
			b := slices.Clone(body)
			b[i] ^= x
			if d, err := decodeBody(b); err == nil {
				checkDecoded(t, d)
			}
		}
	}
}

// The body decoder takes any bytes without harm.
func FuzzCacheBody(f *testing.F) {
	f.Add(tinyCacheBody(f))
	f.Add([]byte{4, 0, 0, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := decodeBody(body)
		if err != nil {
			return
		}
		checkDecoded(t, d)
		ix := NewIndex()
		if err := d.install(ix); err != nil {
			t.Fatal(err)
		}
		ix.reserve(4, 1)
		ix.publish([]int32{0, 1, 2, 3}, []*Document{
			NewDocument("a", "t", "中美贸易"), NewDocument("b", "t", "马云"), NewDocument("c", "t", "的"), NewDocument("d", "t", "x"),
		})
		for _, q := range []string{"贸易", "贸", "ma"} {
			ix.Search(q, 0)
			ix.Filter(q, 2)
		}
	})
}

// A load stopped early (the reader quit while it loaded) writes what it
// indexed, and the next load reads only the rest; one stopped while it
// reused a cache keeps what it had not reached yet. Either way the answers
// are a load's without the cache.
func TestCacheStoppedEarly(t *testing.T) {
	dir := cacheCorpus(t, 200)
	path := filepath.Join(t.TempDir(), "index.bin")
	// stopped streams dir with one worker and the cache, stopping at the
	// stopAt-th file opened, and returns what became of the cache.
	stopped := func(stopAt int32) string {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var opened atomic.Int32
		var note string
		opt := Options{Paths: []string{dir}, Index: NewIndex(), Cache: path, CacheMinBytes: 1, Workers: 1,
			CacheDone: func(s string) { note = s },
			open: func(name string) (fs.File, error) {
				if opened.Add(1) == stopAt {
					cancel()
				}
				return os.Open(name)
			}}
		docs := 0
		for b := range Stream(ctx, opt) {
			docs += len(b.Docs)
		}
		if docs >= 200 {
			t.Fatalf("the load did not stop: %d documents", docs)
		}
		return note
	}
	note := stopped(40)
	if !strings.Contains(note, "as far as loading went") {
		t.Fatalf("stopped first load: %q", note)
	}
	want := uncachedAnswers(t, dir)
	_, ix, note := loadCached(t, dir, path, Options{})
	var reused int
	if _, err := fmt.Sscanf(note[strings.Index(note, "(")+1:], "%d documents reused", &reused); err != nil || reused < 40 || reused >= 200 {
		t.Errorf("the load after: %q", note)
	}
	if !slices.Equal(answers(ix), want) {
		t.Error("answers differ from a load without the cache")
	}
	// Stopped at the first changed file while the whole corpus is cached:
	// the sources not reached are kept as the cache had them.
	rewrite(t, seedFile(dir, 0), "全新的内容：鄂尔多斯能源合作。\n", time.Hour)
	rewrite(t, seedFile(dir, 7), "新的第七份：乌兰察布。\n", time.Hour)
	want = uncachedAnswers(t, dir)
	if note := stopped(1); !strings.Contains(note, "index read from cache") || !strings.Contains(note, "as far as loading went") {
		t.Fatalf("stopped while reusing the cache: %q", note)
	}
	// Both changed files are reused if the stopped load reached them
	// (a worker can take a file as the load is stopped), else read again.
	_, ix, note = loadCached(t, dir, path, Options{})
	if _, err := fmt.Sscanf(note[strings.Index(note, "(")+1:], "%d documents reused", &reused); err != nil || reused < 198 {
		t.Errorf("the load after: %q", note)
	}
	if !slices.Equal(answers(ix), want) || len(ix.Search("乌兰察布", 0)) != 1 {
		t.Error("answers differ from a load without the cache")
	}
}

// A cache written with fewer shards than a load uses (one worker, or a
// machine with fewer cores) takes new shards for new documents: before,
// the first new text shard took the first title shard's place, so that
// documents went into one shard twice, answers were wrong and the cache
// written then could not be read.
func TestCacheFewerShards(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	dir := cacheCorpus(t, 40)
	path := filepath.Join(t.TempDir(), "index.bin")
	loadCached(t, dir, path, Options{Workers: 1})
	rewrite(t, filepath.Join(dir, "new.txt"), "新加的文件谈乌兰察布。\n", time.Hour)
	want := uncachedAnswers(t, dir)
	for round := range 2 {
		_, ix, note := loadCached(t, dir, path, Options{Workers: 4})
		if !strings.HasPrefix(note, "index read from cache") {
			t.Fatalf("round %d: %q", round, note)
		}
		if !slices.Equal(answers(ix), want) || len(ix.Search("乌兰察布", 0)) != 1 {
			t.Errorf("round %d: answers differ from a load without the cache", round)
		}
	}
}
