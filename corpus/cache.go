package corpus

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
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
	cacheVersion = 2
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
}

func cachedDocOf(d *Document) cachedDoc {
	return cachedDoc{title: d.Title, date: d.Date, source: d.Source, author: d.Author, fallback: d.fallback, script: d.Script}
}

func (c cachedDoc) apply(d *Document) {
	d.Title, d.Date, d.Source, d.Author, d.fallback, d.Script = c.title, c.date, c.source, c.author, c.fallback, c.script
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
	// fresh counts the documents indexed here rather than reused.
	fresh atomic.Int64
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

// loaded records what became of source i.
func (c *cache) loaded(i int, num int32, st stamp, d *Document, reused bool) {
	if c == nil {
		return
	}
	c.nums[i], c.read[i], c.built[i] = num, st, cachedDocOf(d)
	if !reused {
		c.fresh.Add(1)
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
// says what became of it. total is the bytes loaded.
func (c *cache) finish(opt Options, stopped bool, total int64) string {
	least := opt.CacheMinBytes
	if least <= 0 {
		least = DefaultCacheMinBytes
	}
	switch {
	case c.key == nil:
		return c.note
	case c.file != nil && c.fresh.Load() == 0:
		return c.note // nothing new: the cache serves this corpus as it is
	case stopped:
		return c.note + "; not written: loading stopped early"
	case total < least:
		return fmt.Sprintf("%s; not written: %d bytes load fast enough (the cache starts at %d)", c.note, total, least)
	}
	if err := c.write(opt.Index); err != nil {
		return c.note + "; " + err.Error()
	}
	return c.note + "; written to " + c.path
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
	w := &cacheWriter{w: bufio.NewWriterSize(f, 1<<20), h: crc32.New(crc32.MakeTable(crc32.Castagnoli))}
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

type cacheWriter struct {
	w   *bufio.Writer
	h   hash.Hash32
	err error
	buf [binary.MaxVarintLen64]byte
}

func (w *cacheWriter) bytes(b []byte) {
	if w.err == nil {
		w.h.Write(b)
		_, w.err = w.w.Write(b)
	}
}

func (w *cacheWriter) u32(x uint32) { w.bytes(binary.LittleEndian.AppendUint32(w.buf[:0], x)) }
func (w *cacheWriter) u64(x uint64) { w.bytes(binary.LittleEndian.AppendUint64(w.buf[:0], x)) }
func (w *cacheWriter) str(s string) {
	w.u32(uint32(len(s)))
	w.bytes([]byte(s))
}

// encode writes: magic, version, key, the documents, the shards of text
// and of titles. The checksum follows.
func (w *cacheWriter) encode(c *cache, ix *Index) {
	// The loader is done with the shards; each is read-locked while it is
	// written, never the whole index, which the reader goes on publishing to.
	ix.mu.RLock()
	shards := slices.Concat(ix.shards, ix.titles)
	space := len(ix.pos)
	ix.mu.RUnlock()
	// Documents are renumbered: the sources' in their order, then the
	// stale ones the shards still hold, so that numbers stay dense.
	renum := make([]int32, space)
	for i := range renum {
		renum[i] = -1
	}
	next := int32(0)
	for _, num := range c.nums {
		if num >= 0 {
			renum[num] = next
			next++
		}
	}
	for _, s := range shards[:len(shards)/2] {
		s.mu.RLock()
		for _, num := range s.nums {
			if renum[num] < 0 {
				renum[num] = next
				next++
			}
		}
		s.mu.RUnlock()
	}
	w.bytes([]byte(cacheMagic))
	w.u32(cacheVersion)
	w.bytes(c.key)
	w.u32(uint32(next))
	w.u32(uint32(len(c.nums)))
	for i, num := range c.nums {
		s := c.srcs[i]
		w.str(s.name)
		w.bytes([]byte{boolByte(s.fsys != nil)})
		w.u64(uint64(c.read[i].size))
		w.u64(uint64(c.read[i].mtime))
		if num < 0 {
			w.u32(math.MaxUint32)
			continue
		}
		w.u32(uint32(renum[num]))
		d := c.built[i]
		w.bytes([]byte{scriptCode(d.script)})
		for _, s := range []string{d.title, d.date, d.source, d.author, d.fallback} {
			w.str(s)
		}
	}
	w.u32(uint32(len(shards) / 2))
	for _, s := range shards {
		s.mu.RLock()
		w.u64(uint64(shardSize(s)))
		w.shard(s, renum)
		s.mu.RUnlock()
	}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// shardSize is how many bytes cacheWriter.shard writes for s: shards are
// prefixed with it, so that they can be decoded in parallel.
func shardSize(s *shard) int {
	n := 4 + 4*len(s.nums) + 4
	for id := range s.listKeys {
		p := s.at(int32(id))
		n += 8 + 4 + 4 + 4
		for ci := 0; ci <= len(p.full); ci++ {
			n += len(p.chunk(ci))
		}
	}
	return n
}

func (w *cacheWriter) shard(s *shard, renum []int32) {
	w.u32(uint32(len(s.nums)))
	for _, n := range s.nums {
		w.u32(uint32(renum[n]))
	}
	w.u32(uint32(len(s.listKeys)))
	for id, k := range s.listKeys {
		p := s.at(int32(id))
		w.u64(k)
		w.u32(uint32(p.last))
		w.u32(uint32(p.entries))
		n := 0
		for ci := 0; ci <= len(p.full); ci++ {
			n += len(p.chunk(ci))
		}
		w.u32(uint32(n))
		for ci := 0; ci <= len(p.full); ci++ {
			w.bytes(p.chunk(ci))
		}
	}
}

// errCache is a cache file that does not hold what it should.
var errCache = errors.New("damaged or not an index cache")

// cacheReader reads b, failing once for good on running short.
type cacheReader struct {
	b   []byte
	err error
}

func (r *cacheReader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errCache
		return nil
	}
	out := r.b[:n:n] // capped: appending to it must not write into what follows
	r.b = r.b[n:]
	return out
}

func (r *cacheReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *cacheReader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *cacheReader) str() string {
	b := r.take(int(r.u32()))
	if !utf8.Valid(b) {
		r.err = errCache
	}
	return string(b)
}

// decoded is the content of a cache file: n document numbers, an entry
// per source, and the shards of text and then of titles.
type decoded struct {
	n       int
	entries []cacheEntry
	shards  []*shard
}

// cacheEntry is a source as a cache recorded it.
type cacheEntry struct {
	name string
	fsys bool
	st   stamp
	num  int32  // -1: it did not load
	rec  []byte // its metadata record (checked), when it loaded
}

// readRecord reads one document's metadata record: its script and five
// strings.
func readRecord(r *cacheReader) (cachedDoc, error) {
	code := r.take(1)
	if code == nil || int(code[0]) >= len(scripts) {
		return cachedDoc{}, fmt.Errorf("%w: script", errCache)
	}
	c := cachedDoc{script: scripts[code[0]], title: r.str(), date: r.str(), source: r.str(), author: r.str(), fallback: r.str()}
	if r.err != nil {
		return cachedDoc{}, fmt.Errorf("%w: document", errCache)
	}
	return c, nil
}

// errOtherBuild is a cache written by another build or format.
var errOtherBuild = errors.New("written by another build of jianbao")

// decodeCache checks b (format, key, checksum, then every count and
// posting) and returns its content.
func decodeCache(b, key []byte) (*decoded, error) {
	head := len(cacheMagic) + 4 + sha256.Size
	if len(b) < head+4 || string(b[:len(cacheMagic)]) != cacheMagic {
		return nil, errCache
	}
	if v := binary.LittleEndian.Uint32(b[len(cacheMagic):]); v != cacheVersion || string(b[len(cacheMagic)+4:head]) != string(key) {
		return nil, errOtherBuild
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)) != sum {
		return nil, fmt.Errorf("%w: checksum", errCache)
	}
	return decodeBody(body[head:])
}

// decodeBody decodes what follows the header, checking every count and
// posting: the checksum catches damage, not a file made to harm. Metadata
// records are checked and kept as they are (read when used); the shards
// are decoded in parallel.
func decodeBody(body []byte) (*decoded, error) {
	r := &cacheReader{b: body}
	n, count := int(r.u32()), int(r.u32())
	if r.err != nil || n > len(r.b) || count > len(r.b)/25 { // an entry takes 25 bytes at least
		return nil, fmt.Errorf("%w: counts", errCache)
	}
	used := make([]bool, n)
	entries := make([]cacheEntry, count)
	for i := range entries {
		e := &entries[i]
		e.name = r.str()
		fsys := r.take(1)
		e.st = stamp{int64(r.u64()), int64(r.u64())}
		num := r.u32()
		if r.err != nil || fsys[0] > 1 {
			return nil, fmt.Errorf("%w: entry", errCache)
		}
		e.fsys, e.num = fsys[0] == 1, -1
		if num == math.MaxUint32 {
			continue
		}
		if int(num) >= n || used[num] {
			return nil, fmt.Errorf("%w: entry number", errCache)
		}
		used[num], e.num = true, int32(num)
		start := len(r.b)
		if _, err := readRecord(r); err != nil {
			return nil, err
		}
		e.rec = body[len(body)-start : len(body)-len(r.b)]
	}
	k := int(r.u32())
	if r.err != nil || k > 1024 {
		return nil, fmt.Errorf("%w: shard count", errCache)
	}
	parts := make([][]byte, 2*k)
	for i := range parts {
		size := r.u64()
		if r.err != nil || size > uint64(len(r.b)) {
			return nil, fmt.Errorf("%w: shard size", errCache)
		}
		parts[i] = r.take(int(size))
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, fmt.Errorf("%w: length", errCache)
	}
	shards := make([]*shard, len(parts))
	errs := make([]error, len(parts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(parts), runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(parts); i = int(next.Add(1)) - 1 {
				sr := &cacheReader{b: parts[i]}
				shards[i], errs[i] = sr.shard(n)
				if errs[i] == nil && (sr.err != nil || len(sr.b) != 0) {
					errs[i] = fmt.Errorf("%w: shard length", errCache)
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := uniqueNumbers(shards[:k], n); err != nil {
		return nil, err
	}
	if err := uniqueNumbers(shards[k:], n); err != nil {
		return nil, err
	}
	return &decoded{n: n, entries: entries, shards: shards}, nil
}

// install makes d's shards ix's, numbering documents as the sources.
func (d *decoded) install(ix *Index) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.pos) != 0 || len(ix.shards) != 0 {
		return errors.New("the index is not empty")
	}
	k := len(d.shards) / 2
	ix.shards, ix.titles = d.shards[:k], d.shards[k:]
	ix.pos = make([]int32, d.n)
	for i := range ix.pos {
		ix.pos[i] = -1
	}
	return nil
}

// uniqueNumbers checks that no document number is in two places of shards.
func uniqueNumbers(shards []*shard, n int) error {
	seen := make([]bool, n)
	for _, s := range shards {
		for _, num := range s.nums {
			if seen[num] {
				return fmt.Errorf("%w: a document twice", errCache)
			}
			seen[num] = true
		}
	}
	return nil
}

// shard reads one shard, checking that its documents are numbers below n
// and that every list decodes to increasing places among them.
func (r *cacheReader) shard(n int) (*shard, error) {
	s := newShard()
	count := int(r.u32())
	if r.err != nil || count > n {
		return nil, fmt.Errorf("%w: shard documents", errCache)
	}
	s.nums = make([]int32, count)
	for i := range s.nums {
		s.nums[i] = int32(r.u32())
		if s.nums[i] < 0 || int(s.nums[i]) >= n {
			return nil, fmt.Errorf("%w: shard documents", errCache)
		}
	}
	lists := int(r.u32())
	if r.err != nil || lists > len(r.b)/20 {
		return nil, fmt.Errorf("%w: list count", errCache)
	}
	for range lists {
		k := r.u64()
		last, entries := int32(r.u32()), int32(r.u32())
		data := r.take(int(r.u32()))
		if r.err != nil || k == 0 {
			return nil, fmt.Errorf("%w: list", errCache)
		}
		id := s.list(k)
		if int(id) != len(s.listKeys)-1 {
			return nil, fmt.Errorf("%w: a key twice", errCache)
		}
		p := s.at(id)
		p.data, p.last, p.entries = data, last, entries
		if err := checkPostings(data, len(s.nums), last, entries); err != nil {
			return nil, err
		}
	}
	s.indexFirst()
	return s, nil
}

// checkPostings decodes data, which must hold entries postings at places
// increasing from 0 to last, below places.
func checkPostings(data []byte, places int, last, entries int32) error {
	place, seen := int32(-1), int32(0)
	for i := 0; i < len(data); {
		delta, c, m := nextPostingChecked(data, i)
		if m <= 0 || delta <= 0 || c <= 0 || int64(place)+int64(delta) >= int64(places) {
			return fmt.Errorf("%w: posting", errCache)
		}
		place += delta
		seen++
		i += m
	}
	if seen != entries || place != last || entries == 0 {
		return fmt.Errorf("%w: list", errCache)
	}
	return nil
}

// nextPostingChecked is nextPosting for data that may be damaged: m <= 0
// when the posting does not decode.
func nextPostingChecked(data []byte, i int) (delta int32, count int, m int) {
	if b := data[i]; b != 0 {
		return int32(b >> 4), int(b & 15), 1
	}
	d, n := binary.Uvarint(data[i+1:])
	if n <= 0 || d > 1<<31-1 {
		return 0, 0, -1
	}
	c, k := binary.Uvarint(data[i+1+n:])
	if k <= 0 || c > 1<<31-1 {
		return 0, 0, -1
	}
	return int32(d), int(c), 1 + n + k
}
