package corpus

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The index cache keeps what loading a corpus computes (every document's
// metadata and the index) in one file, so that the next start reads it
// back instead of indexing again. For every source it records the file's
// size and modification time as read and the document's number in the
// index; a start reuses a source's document and postings when the file's
// size and time are unchanged, and indexes the rest (new or changed files)
// afresh under new numbers. The postings of documents not reused stay in
// the index unpublished (never found) until they are a quarter of it; then
// the cache is not used and the next one is built from scratch. A cache is
// only for the program that wrote it (a hash of the executable), since
// another build may clean, index or read metadata differently. The file is
// checked whole (a checksum, then every count and posting) before any of
// it is used; anything wrong and the corpus is indexed as if there were no
// cache.

const (
	cacheMagic   = "jianbao index cache\n"
	cacheVersion = 5
	// DefaultCacheMinBytes: smaller corpora index in well under a second
	// and are not cached.
	DefaultCacheMinBytes = 32 << 20
)

// stamp is what says a file has not changed.
type stamp struct{ size, mtime int64 }

func stampOf(fi fs.FileInfo) stamp { return stamp{fi.Size(), fi.ModTime().UnixNano()} }

// stamps stats every source, on several goroutines (it is all system
// calls); a file that cannot be statted gets the zero stamp (it will fail
// to load too).
func (opt Options) stamps(srcs []source) []stamp {
	out := make([]stamp, len(srcs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(srcs); i = int(next.Add(1)) - 1 {
				s := srcs[i]
				var fi fs.FileInfo
				var err error
				if s.fsys != nil {
					fi, err = fs.Stat(s.fsys, s.name)
				} else {
					fi, err = os.Stat(s.name)
				}
				if err == nil {
					out[i] = stampOf(fi)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

var (
	programOnce sync.Once
	programHash []byte
)

// program identifies the running executable by a hash of its bytes: a
// rebuilt jianbao may clean, index or read metadata differently. Nil when
// it cannot be read (then nothing is cached).
func program() []byte {
	programOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			programHash = h.Sum(nil)
		}
	})
	return programHash
}

// cacheKey hashes what a cache is only valid for: its format, the program
// and the options that change what is read.
func (opt Options) cacheKey() []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s%d\x00%x\x00%d\x00", cacheMagic, cacheVersion, program(), opt.MaxFileSize)
	return h.Sum(nil)
}

// sourceKey names a source among a cache's entries.
func sourceKey(fsys bool, name string) string { return fmt.Sprintf("%t\x00%s", fsys, name) }

// cachedDoc is what reading a document computed that the cache keeps.
type cachedDoc struct {
	title, date, source, author, fallback string
	script                                Script
	chars                                 int32 // -1: not counted (see Options.Chars)
	// What decoding the file said, and the checksum of its text, for a
	// document whose text is read again when asked for (Document.Raw):
	// a start that reuses it need not read the file at all. letGo is false
	// for documents whose text is kept (then the file is read).
	letGo               bool
	sum                 uint32
	damaged             uint32
	markup, enc, reason string
	warnings            []string
}

func cachedDocOf(d *Document) cachedDoc {
	c := cachedDoc{title: d.Title, date: d.Date, source: d.Source, author: d.Author, fallback: d.fallback, script: d.Script, chars: -1}
	if n, ok := d.knownChars(); ok {
		c.chars = int32(n)
	}
	if d.back != nil {
		c.letGo, c.sum, c.damaged = true, d.back.sum, uint32(d.Damaged)
		c.markup, c.enc, c.reason, c.warnings = d.Markup, string(d.Encoding), d.EncodingReason, d.Warnings
	}
	return c
}

// unread returns source i's document as the cache recorded it, without
// reading the file, when the cache is in use, the file's stamp is the one
// recorded, and its text was let go when it loaded and would be now (see
// Document.letGo): its text is read from the file when asked for, and its
// checksum tells if the file changed after all.
func (c *cache) unread(i int, back *Options) (*Document, cachedDoc, int32, bool) {
	if c == nil || c.file == nil || c.reuse[i] < 0 {
		return nil, cachedDoc{}, 0, false
	}
	cd, _ := readRecord(&cacheReader{b: c.recs[i]}) // checked when decoded
	s := c.srcs[i]
	if !cd.letGo || !letsGo(s, back) {
		return nil, cachedDoc{}, 0, false
	}
	d := &Document{
		ID:             stem(s.name),
		Origin:         s.origin,
		Encoding:       Encoding(cd.enc),
		EncodingReason: cd.reason,
		Damaged:        int(cd.damaged),
		Size:           c.st[i].size,
		Markup:         cd.markup,
		Warnings:       cd.warnings,
		back:           &readBack{opt: back, src: s, sum: cd.sum},
	}
	return d, cd, c.reuse[i], true
}

func (c cachedDoc) apply(d *Document) {
	d.Title, d.Date, d.Source, d.Author, d.fallback, d.Script = c.title, c.date, c.source, c.author, c.fallback, c.script
	if c.chars >= 0 {
		d.setChars(int(c.chars))
	}
}

var scripts = []Script{ScriptNone, ScriptSimplified, ScriptTraditional, ScriptMixed}

func scriptCode(s Script) byte {
	for i, t := range scripts {
		if t == s {
			return byte(i)
		}
	}
	return 0
}

// cache is what Stream knows of the cache while it loads.
type cache struct {
	srcs []source
	path string
	key  []byte
	st   []stamp  // the sources' stamps before loading
	file *decoded // the file, when it is used; else nil
	// Per source, when the cache is used: the number of its document in
	// the index and its metadata record, or -1 when not reused.
	reuse []int32
	recs  [][]byte
	// What this load did, per source, to write: the document's number (-1
	// when it did not load), its stamp as read and its metadata.
	nums  []int32
	read  []stamp
	built []cachedDoc
	// fresh counts the documents indexed here rather than reused, and
	// counted those reused whose characters were counted here: either
	// makes the cache worth writing again.
	fresh, counted atomic.Int64
	// note says what happened, for the log.
	note string
}

// doc returns source i's cached metadata and number if the cache is in
// use and the file, as read, is the file the cache recorded.
func (c *cache) doc(i int, st stamp) (cachedDoc, int32, bool) {
	if c == nil || c.file == nil || c.reuse[i] < 0 || st != c.st[i] {
		return cachedDoc{}, 0, false
	}
	d, _ := readRecord(&cacheReader{b: c.recs[i]}) // checked when decoded
	return d, c.reuse[i], true
}

// loaded records what became of source i; counted says that its
// characters were counted here although the document was reused.
func (c *cache) loaded(i int, num int32, st stamp, d *Document, reused, counted bool) {
	if c == nil {
		return
	}
	c.nums[i], c.read[i], c.built[i] = num, st, cachedDocOf(d)
	switch {
	case !reused:
		c.fresh.Add(1)
	case counted:
		c.counted.Add(1)
	}
}

// cacheFile is a cache file read and decoded, or why not.
type cacheFile struct {
	*decoded
	err error
}

// readCache reads and decodes the cache file in the background, while the
// loader walks the folders; openCache then matches its entries with the
// files found. Decoding trusts nothing in the file: every count is checked
// against the bytes that hold it, so no allocation is out of proportion to
// the file.
func (opt Options) readCache() <-chan cacheFile {
	out := make(chan cacheFile, 1)
	go func() {
		b, err := os.ReadFile(opt.Cache)
		if err != nil {
			out <- cacheFile{err: err}
			return
		}
		d, err := decodeCache(b, opt.cacheKey())
		out <- cacheFile{d, err}
	}()
	return out
}

// openCache stats the sources and, when the cache file (from readCache)
// can serve, loads it into opt.Index (which must be empty) and marks the
// sources it holds unchanged.
func (opt Options) openCache(srcs []source, pending <-chan cacheFile) *cache {
	n := len(srcs)
	c := &cache{srcs: srcs, path: opt.Cache, nums: make([]int32, n), read: make([]stamp, n), built: make([]cachedDoc, n)}
	for i := range c.nums {
		c.nums[i] = -1
	}
	if program() == nil {
		c.note = "no index cache: cannot read the program itself to tell builds apart"
		return c
	}
	c.key = opt.cacheKey()
	c.st = opt.stamps(srcs)
	copy(c.read, c.st)
	f := <-pending
	switch {
	case errors.Is(f.err, fs.ErrNotExist):
		c.note = "no index cache yet"
		return c
	case errors.Is(f.err, errOtherBuild):
		c.note = "index cache not used: " + f.err.Error()
		return c
	case errors.Is(f.err, errCache):
		c.note = fmt.Sprintf("index cache not used: %v", f.err)
		return c
	case f.err != nil:
		c.note = fmt.Sprintf("index cache unreadable: %v", f.err)
		return c
	}
	byKey := make(map[string]int, len(f.entries))
	for j, e := range f.entries {
		byKey[sourceKey(e.fsys, e.name)] = j
	}
	c.reuse, c.recs = make([]int32, n), make([][]byte, n)
	reused := 0
	for i, s := range srcs {
		c.reuse[i] = -1
		if j, ok := byKey[sourceKey(s.fsys != nil, s.name)]; ok {
			if e := f.entries[j]; e.num >= 0 && e.st == c.st[i] {
				c.reuse[i], c.recs[i] = e.num, e.rec
				reused++
			}
		}
	}
	stale := f.n - reused // numbers in the index no source reuses
	switch {
	case reused == 0:
		c.note = "index cache not used: made for other files"
	case 4*stale > f.n:
		c.note = fmt.Sprintf("index cache not used: %d of its %d documents are gone or changed", stale, f.n)
	default:
		if err := f.install(opt.Index); err != nil {
			c.note = fmt.Sprintf("index cache not used: %v", err)
			break
		}
		c.file = f.decoded
		now := time.Now()
		os.Chtimes(opt.Cache, now, now) // used: see removeStale
		c.note = fmt.Sprintf("index read from cache %s (%d documents reused)", opt.Cache, reused)
		return c
	}
	c.reuse, c.recs = nil, nil
	return c
}

// finish writes the cache if this load changed what it should hold, and
// says what became of it. total is the bytes loaded; reached says which
// sources the load read (or took from the cache), all of them unless it
// was stopped early. A load stopped early (the reader quit while it
// loaded) writes what it indexed, so that the next start reads only the
// rest: a first start on a large corpus that is left after a few seconds
// is not all lost.
func (c *cache) finish(opt Options, reached []bool, total int64) string {
	least := opt.CacheMinBytes
	if least <= 0 {
		least = DefaultCacheMinBytes
	}
	stopped := slices.Contains(reached, false)
	if stopped {
		c.keepUnreached(reached)
	}
	switch {
	case c.key == nil:
		return c.note
	case c.file != nil && c.fresh.Load() == 0 && c.counted.Load() == 0:
		return c.note // nothing new: the cache serves this corpus as it is
	case total < least:
		return fmt.Sprintf("%s; not written: %d bytes load fast enough (the cache starts at %d)", c.note, total, least)
	}
	if err := c.write(opt.Index); err != nil {
		return c.note + "; " + err.Error()
	}
	if stopped {
		return c.note + "; written to " + c.path + " " + CachePartial + " (it stopped early): the next start reads the rest"
	}
	return c.note + "; written to " + c.path
}

// CachePartial is in what Options.CacheDone is told when a load stopped
// early wrote the cache of what it had indexed.
const CachePartial = "as far as loading went"

// keepUnreached records the sources a load stopped early did not reach as
// the cache file had them: their documents and postings are in the index,
// installed from the file, so the cache written keeps them rather than
// losing them to a quit.
func (c *cache) keepUnreached(reached []bool) {
	if c.file == nil {
		return
	}
	for i, num := range c.nums {
		if num >= 0 || reached[i] || c.reuse[i] < 0 {
			continue
		}
		if cd, err := readRecord(&cacheReader{b: c.recs[i]}); err == nil {
			c.nums[i], c.read[i], c.built[i] = c.reuse[i], c.st[i], cd
		}
	}
}

// write saves the cache of what this load built: the documents' metadata
// and ix, whose documents are numbered as the sources. It writes a new
// file beside the old and renames it over, so a reader never sees half.
func (c *cache) write(ix *Index) error {
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("cannot make the cache folder: %w", err)
	}
	removeStale(filepath.Dir(c.path))
	f, err := os.CreateTemp(filepath.Dir(c.path), ".index-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the index cache: %w", err)
	}
	defer os.Remove(f.Name()) // once renamed, this fails harmlessly
	w := &cacheWriter{w: bufio.NewWriterSize(f, 1<<20), h: crc32.New(castagnoli)}
	w.encode(c, ix)
	if w.err == nil {
		w.u32(w.h.Sum32())
		w.err = w.w.Flush()
	}
	if err := errors.Join(w.err, f.Close()); err != nil {
		return fmt.Errorf("cannot write the index cache %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), c.path); err != nil {
		return fmt.Errorf("cannot write the index cache: %w", err)
	}
	return nil
}

// removeStale removes from dir what writes cut short left (the reader
// quit, the machine stopped): temporary files not touched for ten minutes,
// so that one another jianbao is writing now stays; and caches not used
// for staleCache, so that caches of corpora no longer opened do not pile
// up (a cache is touched whenever it is used).
func removeStale(dir string) {
	for _, old := range []struct {
		pattern string
		age     time.Duration
	}{{".index-*.tmp", 10 * time.Minute}, {"index-*.bin", staleCache}} {
		files, _ := filepath.Glob(filepath.Join(dir, old.pattern))
		for _, p := range files {
			if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > old.age {
				os.Remove(p)
			}
		}
	}
}

// staleCache is how long an unused cache is kept.
const staleCache = 30 * 24 * time.Hour
