package corpus

// The index cache's file format: magic, version, key (the build's), then
// the number of document numbers and of sources, an entry per source (name,
// whether embedded, size and modification time as read, number or -1, and
// for a document that loaded its metadata record), the shard count, the
// shards of text and of titles each prefixed by its size, and a CRC-32C of
// all before it. Little-endian throughout.

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

type cacheWriter struct {
	w       *bufio.Writer
	h       hash.Hash32
	err     error
	buf     [binary.MaxVarintLen64]byte
	head    [listHeadSize]byte
	scratch []byte
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
	// Documents are renumbered: the sources' in their order, so that
	// numbers stay dense. The stale ones the shards still hold (gone or
	// changed since the cache was read) are left out with their postings
	// (see shard) once they are more than a sixteenth of the documents;
	// fewer are kept, numbered after the sources: leaving them out costs
	// re-encoding every list.
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
	textShards := shards[:len(shards)/2]
	stale := 0
	for _, s := range textShards {
		s.mu.RLock()
		for _, num := range s.nums {
			if renum[num] < 0 {
				stale++
			}
		}
		s.mu.RUnlock()
	}
	if 16*stale <= int(next)+stale {
		for _, s := range textShards {
			s.mu.RLock()
			for _, num := range s.nums {
				if renum[num] < 0 {
					renum[num] = next
					next++
				}
			}
			s.mu.RUnlock()
		}
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
		w.u32(uint32(d.chars)) // -1, not counted, is MaxUint32
		w.bytes([]byte{boolByte(d.letGo)})
		if d.letGo {
			w.u32(d.sum)
			w.u32(d.damaged)
			w.str(d.markup)
			w.str(d.enc)
			w.str(d.reason)
			w.u32(uint32(len(d.warnings)))
			for _, s := range d.warnings {
				w.str(s)
			}
		}
	}
	w.u32(uint32(len(shards) / 2))
	for _, s := range shards {
		s.mu.RLock()
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
		n += listHeadSize
		for ci := 0; ci <= len(p.fulls()); ci++ {
			n += len(p.chunk(ci))
		}
	}
	return n
}

// shard writes s, prefixed with its size: its documents' numbers, then
// its lists. Documents that renum drops (-1) are left out with their
// postings, the lists re-encoded without them, so that a cache never
// carries a stale document further than the next write.
func (w *cacheWriter) shard(s *shard, renum []int32) {
	places := make([]int32, len(s.nums)) // old place → new, or -1
	kept := int32(0)
	for i, n := range s.nums {
		places[i] = -1
		if renum[n] >= 0 {
			places[i] = kept
			kept++
		}
	}
	if int(kept) == len(s.nums) { // as it is
		w.u64(uint64(shardSize(s)))
		w.u32(uint32(len(s.nums)))
		for _, n := range s.nums {
			w.u32(uint32(renum[n]))
		}
		w.u32(uint32(len(s.listKeys)))
		for id, k := range s.listKeys {
			p := s.at(int32(id))
			w.list(k, p)
		}
		return
	}
	// The lists, re-encoded, go to one buffer first: the shard's size and
	// its count of lists (those left empty are dropped) come before them.
	// The buffer serves every shard in turn.
	lists := w.scratch[:0]
	defer func() { w.scratch = lists }()
	count := 0
	for id, k := range s.listKeys {
		head := len(lists)
		lists = append(lists, make([]byte, listHeadSize)...) // filled below
		last, entries := int32(-1), int32(0)
		s.at(int32(id)).each(func(place int32, c int) {
			if p := places[place]; p >= 0 {
				lists = appendPosting(lists, p-last, c)
				last = p
				entries++
			}
		})
		if entries == 0 {
			lists = lists[:head]
			continue
		}
		h := listHead(k, last, entries, len(lists)-head-listHeadSize)
		copy(lists[head:], h[:])
		count++
	}
	w.u64(uint64(4 + 4*int(kept) + 4 + len(lists)))
	w.u32(uint32(kept))
	for _, n := range s.nums {
		if renum[n] >= 0 {
			w.u32(uint32(renum[n]))
		}
	}
	w.u32(uint32(count))
	w.bytes(lists)
}

// list writes one posting list: its head, then the postings.
func (w *cacheWriter) list(key uint64, p *postingList) {
	n := 0
	for ci := 0; ci <= len(p.fulls()); ci++ {
		n += len(p.chunk(ci))
	}
	// Nothing allocated: a cache of millions of lists made as much garbage
	// as the index again, and the peak of a first start was writing it.
	w.head = listHead(key, p.last, p.entries, n)
	w.bytes(w.head[:])
	for ci := 0; ci <= len(p.fulls()); ci++ {
		w.bytes(p.chunk(ci))
	}
}

// listHeadSize is the size of a list's head: key, last place, entries and
// the postings' size in bytes.
const listHeadSize = 8 + 4 + 4 + 4

func listHead(key uint64, last, entries int32, size int) [listHeadSize]byte {
	var h [listHeadSize]byte
	binary.LittleEndian.PutUint64(h[:], key)
	binary.LittleEndian.PutUint32(h[8:], uint32(last))
	binary.LittleEndian.PutUint32(h[12:], uint32(entries))
	binary.LittleEndian.PutUint32(h[16:], uint32(size))
	return h
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

// readRecord reads one document's metadata record: its script, five
// strings and its length in characters (MaxUint32: not counted).
func readRecord(r *cacheReader) (cachedDoc, error) {
	code := r.take(1)
	if code == nil || int(code[0]) >= len(scripts) {
		return cachedDoc{}, fmt.Errorf("%w: script", errCache)
	}
	c := cachedDoc{script: scripts[code[0]], title: r.str(), date: r.str(), source: r.str(), author: r.str(), fallback: r.str()}
	c.chars = int32(r.u32())
	letGo := r.take(1)
	if r.err != nil || c.chars < -1 || letGo[0] > 1 {
		return cachedDoc{}, fmt.Errorf("%w: document", errCache)
	}
	if c.letGo = letGo[0] == 1; c.letGo {
		c.sum, c.damaged = r.u32(), r.u32()
		c.markup, c.enc, c.reason = r.str(), r.str(), r.str()
		n := r.u32()
		if r.err != nil || n > uint32(len(r.b))/4 { // a string takes 4 bytes at least
			return cachedDoc{}, fmt.Errorf("%w: warnings", errCache)
		}
		for range n {
			c.warnings = append(c.warnings, r.str())
		}
		if r.err != nil {
			return cachedDoc{}, fmt.Errorf("%w: warnings", errCache)
		}
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
	if crc32.Checksum(body, castagnoli) != sum {
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
	// Capped, so that a shard added to the text's (a load on more cores
	// than the cache's) does not take the first title shard's place.
	ix.shards, ix.titles = d.shards[:k:k], d.shards[k:]
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
		p.setData(data)
		p.last, p.entries = last, entries
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
		delta, c, m := nextPosting(data, i)
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
