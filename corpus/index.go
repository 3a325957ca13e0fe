package corpus

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// The index maps every pair of adjacent characters (a bigram) within a
// paragraph of a document's folded text, and every paragraph's last
// character with the paragraph's end, to the documents that hold it, with
// how often. A single character is found through the bigrams it starts.
// Queries are folded the same way, so 贸易 finds 貿易. Candidates come from
// the postings, ranked by their counts;
// only as many as the answer needs are checked against the clean text for
// exact offsets.
//
// The index is built from the raw text, so that it can be built while
// files load, before (and without) cleaning them. Its keys are a superset
// of the clean text's: the cleaner only removes whole lines, replaces
// characters by ones that fold alike, and removes two kinds of span whose
// neighbours then meet (a pinyin annotation, 會(huì)議 → 會議, and commas
// before a sentence mark, 易,。 → 易。); for those the bigram across the
// span is indexed too. Checking against the clean text removes what the
// cleaner dropped.

// endOfParagraph follows the last character of a paragraph in a bigram, so
// that every character of the text starts one bigram: the lists of the
// bigrams that start with a character hold every occurrence of it, and
// single characters need no lists of their own.
const endOfParagraph = rune(-1)

func bigramKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// Index is a search index over a corpus, safe for concurrent searches
// while documents are added.
//
// Documents have numbers, in corpus order but with gaps (a loader numbers
// files, some of which fail to load), and are searchable once published
// with their position in the corpus. Postings live in shards, one a core,
// each locked while a document is added to it, so that building needs no
// merge; a query reads every shard.
type Index struct {
	// mu guards docs and pos; each shard has its own lock.
	mu   sync.RWMutex
	docs []*Document // published, by position
	// ids holds their IDs folded, for Filter, each ended by a NUL (no file
	// name holds one); idEnds where each ends.
	ids    []byte
	idEnds []int
	pos    []int32  // document number → position, -1 until published
	shards []*shard // clean text
	titles []*shard // titles, to rank title matches first
	// scratch pools per-search working memory.
	scratch sync.Pool
}

// NewIndex makes an empty index; Add or a loader (Options.Index) fills it.
func NewIndex() *Index { return &Index{} }

// Len is the number of documents published.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// reserve sets aside n document numbers and makes sure there are at least
// shards shards; it returns the first number.
func (ix *Index) reserve(n, shards int) int32 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	base := int32(len(ix.pos))
	for i := 0; i < n; i++ {
		ix.pos = append(ix.pos, -1)
	}
	for len(ix.shards) < shards {
		ix.shards = append(ix.shards, newShard())
		ix.titles = append(ix.titles, newShard())
	}
	return base
}

// index adds document number num, whose raw text is raw, to shard s and
// returns what it counted of the text.
func (ix *Index) index(s int, num int32, d *Document, raw string) TextStats {
	st := ix.shards[s].add(num, raw)
	ix.titles[s].add(num, d.Title)
	return st
}

// publish makes documents searchable, in corpus order: docs[i] has number
// nums[i].
func (ix *Index) publish(nums []int32, docs []*Document) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for i, n := range nums {
		ix.pos[n] = int32(len(ix.docs))
		ix.docs = append(ix.docs, docs[i])
		ix.ids = append(append(ix.ids, FoldString(docs[i].ID)...), 0)
		ix.idEnds = append(ix.idEnds, len(ix.ids)-1)
	}
}

// Publish makes the documents of a batch from Stream searchable. With
// Options.Index set to ix the loader has indexed them already; otherwise
// Publish indexes them (Add). Call it as the batch's documents join the
// corpus, so that positions in the index and in the corpus agree.
func (ix *Index) Publish(b Batch) {
	if len(b.nums) == len(b.Docs) && b.index == ix {
		ix.publish(b.nums, b.Docs)
		return
	}
	ix.Add(b.Docs)
}

// Add indexes documents, which follow those already published, on all
// cores, and publishes them. It must not run while a loader fills ix.
func (ix *Index) Add(docs []*Document) {
	if len(docs) == 0 {
		return
	}
	parts := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	base := ix.reserve(len(docs), parts)
	var wg sync.WaitGroup
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := p * len(docs) / parts; i < (p+1)*len(docs)/parts; i++ {
				ix.index(p, base+int32(i), docs[i], docs[i].Raw())
			}
		}(p)
	}
	wg.Wait()
	nums := make([]int32, len(docs))
	for i := range nums {
		nums[i] = base + int32(i)
	}
	ix.publish(nums, docs)
}

// BuildIndex indexes every document of c, on all cores.
func BuildIndex(c *Corpus) *Index {
	ix := NewIndex()
	ix.Add(c.Docs)
	return ix
}

// shard is a part of the postings, over the documents one goroutine added.
type shard struct {
	mu   sync.RWMutex
	keys keyTable // every key → list number
	// nums holds the shard's documents' numbers; lists hold places in it,
	// so that postings are dense (one byte, mostly) however many shards
	// share the corpus.
	nums  []int32
	lists []*[listPage]postingList // in pages, so that growing never copies them
	// listKeys holds each list's key, apart from the lists (32 bytes,
	// which the indexer touches for every character); the key table reads
	// them, holding numbers only.
	listKeys []uint64
	// While adding a document: the lists it touched.
	touched []int32
	// byFirst lists, for every character, the lists of the bigrams it
	// starts (see endOfParagraph); vocab the Han characters with readings
	// among them (pinyin candidates).
	byFirst   map[rune][]int32
	vocab     []rune
	firstDone int // lists already entered in byFirst and vocab
}

func newShard() *shard {
	return &shard{byFirst: map[rune][]int32{}}
}

// TextStats is what indexing a text counts on the way.
type TextStats struct {
	// byScript counts characters by scriptOfCounted: those found in only
	// Traditional or only Simplified text, and kana ([0]: the rest).
	byScript [4]int
}

// Script is the script the counted characters say (see DetectScript).
func (st TextStats) Script() Script {
	return scriptOfCounts(st.byScript[scriptTrad], st.byScript[scriptSimp], st.byScript[scriptKana])
}

// add counts r.
func (st *TextStats) add(r rune) { st.addScript(scriptOfCounted(r)) }

// addScript counts a character of script s (scriptOfCounted).
func (st *TextStats) addScript(s uint8) { st.byScript[s&3]++ } // no branch: the indexer's inner loop

// scriptOfCounted is the script TextStats counts r as: scriptOf for the
// characters from the CJK blocks on, kana, none else below.
func scriptOfCounted(r rune) uint8 {
	if r < 0x3400 {
		if r >= 0x3041 && r <= 0x30FA {
			return scriptKana
		}
		return 0
	}
	return scriptOf(r)
}

// countText counts what indexing text would, without indexing it.
func countText(text string) TextStats {
	var st TextStats
	for _, r := range text {
		st.add(r)
	}
	return st
}

// add indexes text as document num, which the shard does not hold yet
// (postings hold places in the shard, in the order documents are added).
// The text must be valid UTF-8.
func (s *shard) add(num int32, text string) TextStats {
	foldOnce.Do(foldInit)
	s.mu.Lock()
	defer s.mu.Unlock()
	var st TextStats
	s.touched = s.touched[:0]
	prev := rune(-1)
	// A span the cleaner removes: the character before it (bridge) also
	// pairs with the character at bridgeAt.
	bridge, bridgeAt := rune(-1), -1
	// The last character of the line that is not white space: it pairs
	// with the first of the next line too, which the cleaner may join to
	// it (unwrapEdits).
	lineEnd, prevLineEnd := rune(-1), rune(-1)
	// The character before a run of spaces: it pairs with the one after
	// too, which the cleaner may join to it (a space after a mark it
	// makes full width: 凌晨, 马云 → 凌晨，马云; a form feed that starts a
	// page in pdftotext's output, after a line it joins to that page's).
	gapFrom := rune(-1)
	// The ends of the last three lines that were not blank, and whether
	// the line's first character is still to come.
	pastEnds, lineStart := [3]rune{-1, -1, -1}, true
	tried := 0 // misread runs before this offset were tried already
	// The letter or digit before a joiner (a hyphen or a comma: see joins),
	// which pairs with the one after it too; kept across a line's end,
	// which the cleaner may join (COVID-/19).
	joinFrom := rune(-1)
	for i := 0; i < len(text); {
		c := text[i]
		at := i
		var r rune
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
			i++
			if c == '&' || c == '<' { // markup left in the text, as the cleaner reads it
				if repl, end, ok := markupAt(text, at); ok {
					if i = end; repl == "" {
						continue // a tag: the characters either side pair
					}
					r, _ = utf8.DecodeRuneInString(repl)
				}
			}
		case c&0xF0 == 0xE0 && i+2 < len(text):
			r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			i += 3
		default:
			var n int
			r, n = utf8.DecodeRuneInString(text[i:])
			i += n
		}
		if r == '\n' {
			if prev >= 0 {
				s.count(bigramKey(prev, endOfParagraph), num)
			}
			if bridge >= 0 && at == bridgeAt {
				lineEnd = bridge // the line ends with a span the cleaner removes
			}
			if lineEnd >= 0 {
				pastEnds = [3]rune{lineEnd, pastEnds[0], pastEnds[1]}
			}
			prev, bridge, lineEnd, prevLineEnd, gapFrom = lineEnd, -1, -1, lineEnd, -1
			lineStart = true
			continue
		}
		var f rune
		if r < 0x10000 {
			c := charBMP[r]
			if c&charSkipped != 0 {
				continue // looked through: the characters either side pair (SearchSkips)
			}
			f = rune(c & charFold)
			st.addScript(uint8(c >> 24))
			if c&charRare != 0 && at >= tried {
				// A misread run the cleaner reads again (misalignedEdits):
				// its clean text is indexed, from the character before it.
				e, ok, end := repairAround(text, at, i-at)
				tried = end
				if ok {
					before, _ := utf8.DecodeLastRuneInString(text[:e.start])
					switch {
					case e.start > 0 && before != '\n':
						prev = Fold(before)
					case e.start > 0:
						prev = prevLineEnd // the line before may be joined to it
					default:
						prev = -1
					}
					if bridge >= 0 && e.start == bridgeAt {
						// After a span the cleaner may remove: the
						// character before the span pairs with the repair.
						if r, _ := utf8.DecodeRuneInString(e.repl); r != utf8.RuneError {
							s.count(bigramKey(bridge, Fold(r)), num)
						}
					}
					if isSpaceLike(prev) {
						// After spaces the cleaner may remove (0 部局): the
						// character before them pairs with the repair too.
						lead := strings.TrimRightFunc(text[:e.start], func(r rune) bool { return isSpaceLike(Fold(r)) })
						if g, _ := utf8.DecodeLastRuneInString(lead); lead != "" && g != '\n' {
							if r, _ := utf8.DecodeRuneInString(e.repl); r != utf8.RuneError {
								s.count(bigramKey(Fold(g), Fold(r)), num)
							}
						}
					}
					for _, r := range e.repl {
						f := Fold(r)
						if prev >= 0 {
							s.count(bigramKey(prev, f), num)
						}
						prev, lineEnd = f, f
					}
					bridge, i = -1, e.end
					continue
				}
			}
		} else {
			if SearchSkips(r) {
				continue
			}
			st.add(r)
			f = Fold(r)
		}
		space := isSpaceLike(f) // white space as the cleaner trims it
		if lineStart && !space {
			// A line's first character pairs with the ends of the lines
			// before the one before too: the cleaner joins a paragraph
			// across a page break, its number and running header.
			lineStart = false
			for i, e := range pastEnds {
				if e >= 0 && e != prev && (i == 0 || e != pastEnds[0]) && (i < 2 || e != pastEnds[1]) {
					s.count(bigramKey(e, f), num)
				}
			}
		}
		ends := at == bridgeAt && bridge >= 0
		bridged := bridge
		end, starts := 0, false
		if bridge < 0 || at >= bridgeAt { // not inside a span already
			switch f {
			case '(':
				end, starts = pinyinAnnotation(text, at)
			case ',':
				end, starts = commasBeforeMark(text, at)
			}
		}
		switch {
		case starts && ends: // 會(huì)(huì): the same character goes on
			bridgeAt = end
		case starts:
			bridge, bridgeAt = prev, end
		case ends:
			s.count(bigramKey(bridge, f), num)
			bridge = -1
		}
		if prev >= 0 {
			s.count(bigramKey(prev, f), num)
		}
		if joinFrom >= 0 { // rarely: one branch a character
			if joins(prev, joinFrom, f) {
				s.count(bigramKey(joinFrom, f), num) // COVID-19: d pairs with 1 too (matchAt)
			}
			joinFrom = -1
		}
		if (f == '-' || f == ',') && uint32(prev-'0') < 75 && isASCIIAlnumRune(prev) {
			joinFrom = prev
		}
		switch {
		case !space:
			if gapFrom >= 0 && isSpaceLike(prev) {
				s.count(bigramKey(gapFrom, f), num)
			}
			gapFrom = -1
		case ends:
			gapFrom = bridged // 會(bì) 0: the space follows 會 once the reading goes
		case prev >= 0 && !isSpaceLike(prev):
			gapFrom = prev
		}
		prev = f
		if !space {
			lineEnd = f
		}
	}
	if prev >= 0 {
		s.count(bigramKey(prev, endOfParagraph), num)
	}
	place := int32(len(s.nums))
	s.nums = append(s.nums, num)
	for _, id := range s.touched {
		p := s.at(id)
		p.add(place, int(p.tally))
	}
	s.indexFirst()
	return st
}

// listPage is how many lists a page holds.
const listPage = 1 << 12

// at returns list id.
func (s *shard) at(id int32) *postingList { return &s.lists[id/listPage][id&(listPage-1)] }

// list returns the number of key's list, making it when new.
func (s *shard) list(k uint64) int32 {
	id, ok := s.keys.getOrAdd(k, s.listKeys)
	if !ok {
		s.newList(id, k)
	}
	return id
}

// newList makes list id, of key k, which getOrAdd has just numbered.
func (s *shard) newList(id int32, k uint64) {
	if id&(listPage-1) == 0 {
		s.lists = append(s.lists, new([listPage]postingList))
	}
	*s.at(id) = postingList{last: -1, tallied: -1}
	s.listKeys = append(s.listKeys, k)
}

// tally counts one occurrence in list id for document num. The count lives
// in the list itself, so that the list is in cache when the document ends
// and its postings are written.
func (s *shard) tally(id, num int32) {
	p := s.at(id)
	if p.tallied != num {
		p.tallied, p.tally = num, 0
		s.touched = append(s.touched, id)
	}
	p.tally++
}

func (s *shard) count(k uint64, num int32) {
	id, ok := s.keys.getOrAdd(k, s.listKeys) // list's work, a call less a character
	if !ok {
		s.newList(id, k)
	}
	s.tally(id, num)
}

// indexFirst enters the lists added since the last call in byFirst and the
// pinyin vocabulary.
func (s *shard) indexFirst() {
	for id := s.firstDone; id < len(s.listKeys); id++ {
		a := rune(s.listKeys[id] >> 32)
		ids := s.byFirst[a]
		if len(ids) == 0 && a >= 0x2E80 && unicode.Is(unicode.Han, a) && len(Readings(a)) > 0 {
			s.vocab = append(s.vocab, a)
		}
		s.byFirst[a] = append(ids, int32(id))
	}
	s.firstDone = len(s.listKeys)
}

// postingList holds (document, count) pairs in document order, documents
// as places in the shard's nums (a pair gives the delta from the one
// before), each pair as one byte (delta in the high nibble, count in the
// low, both 1..15); as a byte of the count (1..15) followed by the delta as
// a uvarint, when only the delta is larger (a rare pair's postings: most of
// a real vocabulary's); or as a zero byte followed by both as uvarints.
//
// The pairs live in chunks that are never copied once full: a list grows
// in data (by append, up to chunkSize), then data joins full and a new
// chunk starts. A large list growing by append alone would copy itself
// again and again as the corpus loads, and those copies were most of the
// garbage (and so of the peak memory) of a load. A posting never straddles
// two chunks.
//
// A list is 32 bytes, and most lists of a large vocabulary (two thirds
// hold one posting) need no more: their first postings are kept in the
// list itself. A list that outgrows them points at its one chunk itself,
// the chunk's length and capacity in the inline bytes (a header for the
// chunk, 32 bytes, took 110 MB at 100,000 documents of a real
// vocabulary); only a list that fills a chunk has a listChunks.
type postingList struct {
	// more is nil while the postings fit in inline; then the first byte
	// of the one chunk (n is inChunk); then a *listChunks (n is inChunks).
	// The collector sees either allocation's own type.
	more    unsafe.Pointer
	last    int32 // last document added
	entries int32
	// While a document is added: the document counted, and its count.
	tallied, tally int32
	inline         [7]byte // the postings; in a chunk, its length and capacity
	n              uint8   // bytes of inline used, or inChunk, or inChunks
}

// What a postingList's n says when its postings are not inline.
const (
	inChunk  = 0xFE
	inChunks = 0xFF
)

// listChunks are the chunks of a list that has filled one.
type listChunks struct {
	data []byte   // the chunk being filled
	full [][]byte // the chunks before it
}

// chunkSize is the size of a list's full chunks.
const chunkSize = 1 << 10

func (p *postingList) add(doc int32, count int) {
	delta := doc - p.last
	p.last = doc
	p.entries++
	switch p.n {
	case inChunks:
		m := (*listChunks)(p.more)
		if len(m.data)+maxPosting > chunkSize {
			m.full = append(m.full, m.data)
			m.data = make([]byte, 0, chunkSize)
		}
		m.data = appendPosting(m.data, delta, count)
	case inChunk:
		data := p.chunkData()
		if len(data)+maxPosting > chunkSize {
			m := &listChunks{data: appendPosting(make([]byte, 0, chunkSize), delta, count), full: [][]byte{data}}
			p.more, p.n = unsafe.Pointer(m), inChunks
			return
		}
		p.setChunk(appendPosting(data, delta, count))
	default:
		var buf [maxPosting]byte
		b := appendPosting(buf[:0], delta, count)
		if int(p.n)+len(b) <= len(p.inline) {
			p.n += uint8(copy(p.inline[p.n:], b))
			return
		}
		p.setChunk(append(append(make([]byte, 0, 2*len(p.inline)), p.inline[:p.n]...), b...))
	}
}

// chunkData is the one chunk of a list whose n is inChunk.
func (p *postingList) chunkData() []byte {
	n, c := binary.LittleEndian.Uint16(p.inline[0:]), binary.LittleEndian.Uint16(p.inline[2:])
	return unsafe.Slice((*byte)(p.more), c)[:n]
}

// setChunk makes data, not empty and of a capacity up to 65,535, the
// list's one chunk.
func (p *postingList) setChunk(data []byte) {
	p.more, p.n = unsafe.Pointer(unsafe.SliceData(data)), inChunk
	binary.LittleEndian.PutUint16(p.inline[0:], uint16(len(data)))
	binary.LittleEndian.PutUint16(p.inline[2:], uint16(cap(data)))
}

// setData gives the list its postings, one chunk (a cache's): kept in the
// list when they fit, else referred to.
func (p *postingList) setData(data []byte) {
	switch {
	case len(data) <= len(p.inline):
		p.more, p.n = nil, uint8(copy(p.inline[:], data))
	case cap(data) <= math.MaxUint16:
		p.setChunk(data)
	default:
		p.more, p.n = unsafe.Pointer(&listChunks{data: data}), inChunks
	}
}

// current returns the chunk being filled: the inline bytes or the last chunk.
func (p *postingList) current() []byte {
	switch p.n {
	case inChunk:
		return p.chunkData()
	case inChunks:
		return (*listChunks)(p.more).data
	}
	return p.inline[:p.n:p.n]
}

// fulls returns the list's full chunks.
func (p *postingList) fulls() [][]byte {
	if p.n != inChunks {
		return nil
	}
	return (*listChunks)(p.more).full
}

// chunk returns the list's i-th chunk, for i in 0..len(p.fulls()).
func (p *postingList) chunk(i int) []byte {
	if f := p.fulls(); i < len(f) {
		return f[i]
	}
	return p.current()
}

// bytes is the memory the list's chunks take, beside the list.
func (p *postingList) bytes() int {
	switch p.n {
	case inChunk:
		return cap(p.chunkData())
	case inChunks:
		m := (*listChunks)(p.more)
		n := 48 + cap(m.data) + cap(m.full)*24
		for _, c := range m.full {
			n += cap(c)
		}
		return n
	}
	return 0
}

// maxPosting is the most bytes a posting takes: a zero byte and two
// uvarints of 32 bits.
const maxPosting = 1 + 2*binary.MaxVarintLen32

func appendPosting(data []byte, delta int32, count int) []byte {
	if delta|int32(count) <= 15 { // both are positive: both under 16
		return append(data, byte(delta)<<4|byte(count))
	}
	return appendLongPosting(data, delta, count) // apart, so that this is inlined
}

func appendLongPosting(data []byte, delta int32, count int) []byte {
	if count <= 15 {
		return binary.AppendUvarint(append(data, byte(count)), uint64(delta))
	}
	data = append(data, 0)
	data = binary.AppendUvarint(data, uint64(delta))
	return binary.AppendUvarint(data, uint64(count))
}

// nextPosting decodes the posting at data[i:]: delta, count, size. The
// size is 0 or less when the bytes are not a posting, which only a damaged
// cache file can hold (see checkPostings).
func nextPosting(data []byte, i int) (delta int32, count int, size int) {
	b := data[i]
	if b >= 16 {
		return int32(b >> 4), int(b & 15), 1
	}
	d, n := binary.Uvarint(data[i+1:])
	if n <= 0 || d > 1<<31-1 {
		return 0, 0, -1
	}
	if b != 0 {
		return int32(d), int(b), 1 + n
	}
	c, m := binary.Uvarint(data[i+1+n:])
	if m <= 0 || c > 1<<31-1 {
		return 0, 0, -1
	}
	return int32(d), int(c), 1 + n + m
}

// each calls fn for every (place, count) of the list.
func (p *postingList) each(fn func(place int32, count int)) {
	doc := int32(-1)
	for ci := 0; ci <= len(p.fulls()); ci++ {
		data := p.chunk(ci)
		for i := 0; i < len(data); {
			d, c, n := nextPosting(data, i)
			doc += d
			fn(doc, c)
			i += n
		}
	}
}

// keyTable maps keys to list numbers: open addressing, linear probing.
// A slot holds a number only, 4 bytes, not its key (8 bytes more, two
// thirds of the table at 100,000 documents of a real vocabulary): the
// keys are the shard's listKeys, in list order, and the table is given
// them. A slot is the list's number plus one (0 marks a free slot) in its
// low bits, under a tag of the key's hash that spares reading the key of
// a slot that cannot hold it.
type keyTable struct {
	slots []uint32
	n     int
	shift uint // 64 - log2(len(slots)): a key's home is its hash's top bits
	// tagMask is the bits of a slot above the number's, which take
	// log2(len(slots)) + 1.
	tagMask uint32
}

func hashKey(k uint64) uint64 { return k * 0x9E3779B97F4A7C15 }

// find returns the slot of k, or of the free slot where it would go, and
// whether k is there; keys are the keys of the numbers in the table.
func (t *keyTable) find(k uint64, keys []uint64) (int, bool) {
	h := hashKey(k)
	i := int(h >> t.shift)
	// The tag: the hash's low 32 bits, which are those of the key's
	// second character, well mixed (the home is the top bits).
	tag := uint32(h) & t.tagMask
	mask := len(t.slots) - 1
	for {
		v := t.slots[i]
		switch {
		case v == 0:
			return i, false
		case v&t.tagMask == tag && keys[v&^t.tagMask-1] == k:
			return i, true
		}
		i = (i + 1) & mask
	}
}

// get returns k's number, if the table has it.
func (t *keyTable) get(k uint64, keys []uint64) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	i, ok := t.find(k, keys)
	return int32(t.slots[i]&^t.tagMask) - 1, ok
}

// getOrAdd returns k's number, adding k with number len(keys) when absent:
// the caller then appends k to keys. (find's loop is written out here: the
// indexer calls this for every character, and find is not inlined.)
func (t *keyTable) getOrAdd(k uint64, keys []uint64) (int32, bool) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow(keys)
	}
	h := hashKey(k)
	tag := uint32(h) & t.tagMask
	mask := len(t.slots) - 1
	for i := int(h >> t.shift); ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 {
			t.slots[i] = tag | uint32(len(keys)+1)
			t.n++
			return int32(len(keys)), false
		}
		if v&t.tagMask == tag && keys[v&^t.tagMask-1] == k {
			return int32(v&^t.tagMask) - 1, true
		}
	}
}

func (t *keyTable) grow(keys []uint64) {
	old, oldMask := t.slots, t.tagMask
	size := max(1024, 2*len(old))
	t.slots = make([]uint32, size)
	t.shift = uint(64 - bits.Len(uint(size-1)))
	// Numbers go up to the table's fill, under three quarters of it.
	t.tagMask = ^uint32(0) << bits.Len(uint(size))
	mask := size - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		id := v &^ oldMask
		h := hashKey(keys[id-1])
		i := int(h >> t.shift)
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = uint32(h)&t.tagMask | id
	}
}

// Size is the memory the index takes, in bytes: postings, key tables and
// list headers, of the text and of the titles.
func (ix *Index) Size() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := len(ix.pos)*4 + cap(ix.docs)*8
	for _, s := range append(slices.Clone(ix.shards), ix.titles...) {
		s.mu.RLock()
		n += len(s.keys.slots)*4 + cap(s.nums)*4 + len(s.lists)*listPage*int(unsafe.Sizeof(postingList{})) + cap(s.listKeys)*8 + len(s.vocab)*4
		for id := range s.listKeys {
			n += s.at(int32(id)).bytes()
		}
		for _, ids := range s.byFirst {
			n += 16 + cap(ids)*4 // key and slice, roughly
		}
		s.mu.RUnlock()
	}
	return n
}

// Match is one place a query matched.
type Match struct {
	Doc *Document
	// Paragraph is the 1-based number of the paragraph (non-blank line) of
	// the clean text holding the match.
	Paragraph int
	// Start and End are rune offsets into the clean text.
	Start, End int
	// Snippet is the text around the match within its paragraph;
	// SnippetStart and SnippetEnd are the match's rune offsets in it.
	Snippet                  string
	SnippetStart, SnippetEnd int
	// InTitle is set when the query also matches the document's title.
	InTitle bool
}

// snippetContext is how many characters a snippet shows either side.
const snippetContext = 20

// scratch is the per-search working memory: a score and a stamp for every
// document number, and the numbers touched.
type scratch struct {
	score   []int32
	stamp   []uint8
	titled  []bool
	touched []int32
}

func (ix *Index) getScratch() *scratch {
	n := len(ix.pos)
	if s, ok := ix.scratch.Get().(*scratch); ok && len(s.score) >= n {
		return s
	}
	return &scratch{score: make([]int32, n), stamp: make([]uint8, n), titled: make([]bool, n)}
}

func (ix *Index) putScratch(s *scratch) {
	for _, d := range s.touched {
		s.score[d], s.stamp[d], s.titled[d] = 0, 0, false
	}
	s.touched = s.touched[:0]
	ix.scratch.Put(s)
}

// rlock takes the index and every shard to read; it returns the unlock.
func (ix *Index) rlock() func() {
	ix.mu.RLock()
	for _, s := range ix.shards {
		s.mu.RLock()
	}
	for _, s := range ix.titles {
		s.mu.RLock()
	}
	return func() {
		for _, s := range ix.titles {
			s.mu.RUnlock()
		}
		for _, s := range ix.shards {
			s.mu.RUnlock()
		}
		ix.mu.RUnlock()
	}
}

// Search finds query in the corpus: literally after folding (so either
// script, full-width forms and letter case all match), and, for a query of
// ASCII letters, by pinyin. A query of several words that is not pinyin
// (经贸 合作, 马云 eWTP) finds the documents that hold every word (see
// parseTerms). Documents whose title matches come first, then documents by
// number of hits; within a document, matches are in text order. At most
// limit matches are returned (limit <= 0: all). Qualifiers (source:新华社,
// date:2024) keep the matches in the documents they allow (fields.go).
func (ix *Index) Search(query string, limit int) []Match {
	var out []Match
	ix.eachMatching(query, func(ms []Match) bool {
		out = append(out, ms...)
		return limit <= 0 || len(out) < limit
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// DocumentMatches is a document a search found, with its matches.
type DocumentMatches struct {
	Doc     *Document
	Matches int
	// InTitle is set when the query also matches the document's title.
	InTitle bool
}

// SearchDocuments is Search by document: every document that holds query,
// in Search's order, with how many matches it holds; at most limit
// documents (limit <= 0: all).
func (ix *Index) SearchDocuments(query string, limit int) []DocumentMatches {
	var out []DocumentMatches
	ix.eachMatching(query, func(ms []Match) bool {
		out = append(out, DocumentMatches{Doc: ms[0].Doc, Matches: len(ms), InTitle: ms[0].InTitle})
		return limit <= 0 || len(out) < limit
	})
	return out
}

// eachMatching calls fn with the matches of each document that holds
// query (and that its qualifiers allow), in rank order, while fn returns
// true.
func (ix *Index) eachMatching(query string, fn func(ms []Match) bool) {
	query, fs := splitFields(query)
	defer ix.rlock()()
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	ts, ranked := ix.ranked(query, sc)
	for _, d := range ranked {
		doc := ix.docs[ix.pos[d]]
		if fs != nil && !allows(fs, doc) {
			continue
		}
		ms := ts.find(doc.Text())
		if len(ms) == 0 {
			continue // the pieces were there, the whole query was not
		}
		inTitle := sc.titled[d] && len(ts.find(doc.Title)) > 0
		for i := range ms {
			ms[i].Doc, ms[i].InTitle = doc, inTitle
		}
		if !fn(ms) {
			return
		}
	}
}

// parseQuery folds a query; pin is the query as pinyin (see tonelessPinyin)
// when it is pinyin of at least two letters. A reading annotation the
// cleaner removes from the text (會(huì)議, pasted from a raw file) is
// removed from the query too.
func parseQuery(query string) (q []rune, pin string) {
	q = dropJoiners([]rune(strings.Map(foldSeen, StripReadings(ComposeMarks(strings.TrimSpace(query))))))
	if s := tonelessPinyin(string(q)); len(syllableLetters(s)) >= 2 {
		pin = s
	}
	return q, pin
}

// A hyphen between two ASCII letters or digits, a comma between two
// digits, a space between a letter and a digit or before a percent sign,
// and a run of spaces between two Han characters are not told from their
// absence: covid19 finds COVID-19 and COVID 19, e-WTP finds eWTP, 20240305
// finds 2024-03-05, 2000亿 finds 2,000億, G20 finds G 20, 5.2% finds 5.2 %,
// 贯彻落实党中央 finds 贯彻落实 党中央 (a space a web page or a PDF left in
// a sentence) and 通知 finds 通　　知 (a heading spaced out). The query drops
// such joiners (dropJoiners), the text's are skipped in matching (matchAt),
// and the index pairs the characters on either side of one (shard.add: a
// space's are paired as any run of spaces' are).

// joins reports whether j joins a and b (all folded) as such.
func joins(j, a, b rune) bool {
	switch j {
	case '-':
		return isASCIIAlnumRune(a) && isASCIIAlnumRune(b)
	case ',':
		return isDigitRune(a) && isDigitRune(b)
	case ' ':
		return isDigitRune(a) && (isASCIILetterRune(b) || b == '%') || isASCIILetterRune(a) && isDigitRune(b) ||
			a >= 0x3400 && b >= 0x3400 && unicode.Is(unicode.Han, a) && unicode.Is(unicode.Han, b)
	}
	return false
}

// foldSeen is Fold for a query: a character search looks through
// (SearchSkips) is dropped.
func foldSeen(r rune) rune {
	if SearchSkips(r) {
		return -1
	}
	return Fold(r)
}

func isDigitRune(r rune) bool       { return r >= '0' && r <= '9' }
func isASCIILetterRune(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }

// isJoiner reports a folded joiner at rs[i], between the runes either side.
func isJoiner(rs []rune, i int) bool {
	return i > 0 && i+1 < len(rs) && joins(rs[i], rs[i-1], rs[i+1])
}

func isASCIIAlnumRune(r rune) bool { return r < utf8.RuneSelf && isASCIIAlnum(byte(r)) }

// dropJoiners removes the joiners of a folded query (see joins).
func dropJoiners(q []rune) []rune {
	if !slices.Contains(q, '-') && !slices.Contains(q, ',') && !slices.Contains(q, ' ') {
		return q
	}
	out := q[:0:0]
	for i, r := range q {
		if !isJoiner(q, i) {
			out = append(out, r)
		}
	}
	return out
}

// StripReadings removes the pinyin reading annotations the cleaner removes
// from a text (會(huì) → 會), so that a quote or a query pasted from a raw
// file finds the clean text.
func StripReadings(s string) string {
	if strings.IndexByte(s, '(') < 0 && !strings.Contains(s, "（") {
		return s
	}
	return withoutReadings(s)
}

// term is a word of a query: folded, and as pinyin when it reads as such.
// A term marked not must be absent: a document holding it does not match.
type term struct {
	q   []rune
	pin string
	not bool
	// notAfter holds characters q must not follow in the text to match:
	// set on a form the cross-strait vocabulary gives (vocabulary.go).
	notAfter []rune
	// added marks a form the vocabulary added, not the query's own.
	added bool
	// or, when set, holds the alternatives the term is (贸易 OR 投资): a
	// document holds the term when it holds any of them; q and pin are
	// unused.
	or []term
	// together, set on a term marked not, holds the words that are absent
	// only together: a document is left out when it holds all of them and
	// none of unless (-(特朗普 马云) leaves out the documents that hold
	// both; 贸易 OR -关税 those that hold 关税 and not 贸易). q, pin and
	// or are unused.
	together, unless []term
}

// alternatives are the terms t matches as: its alternatives, or itself.
func (t term) alternatives() []term {
	if len(t.or) > 0 {
		return t.or
	}
	return []term{t}
}

// key tells terms apart for dropping repeats.
func (t term) key() string {
	var b strings.Builder
	if t.not {
		b.WriteByte('-')
	}
	if len(t.together) > 0 {
		for _, a := range t.together {
			b.WriteString("\x00AND\x00" + a.key())
		}
		for _, a := range t.unless {
			b.WriteString("\x00UNLESS\x00" + a.key())
		}
		return b.String()
	}
	// Alternatives in any order are one term (贸易 OR 投资, 投资 OR 贸易;
	// 特朗普 and 川普, each taking the other as its alternative).
	var alts []string
	for _, a := range t.alternatives() {
		k := string(a.q)
		if len(a.notAfter) > 0 {
			k += "\x00!" + string(a.notAfter)
		}
		alts = append(alts, k)
	}
	slices.Sort(alts)
	b.WriteString(strings.Join(alts, "\x00OR\x00"))
	return b.String()
}

// terms is a parsed query: a document matches when it holds every term
// and none of those marked not. The terms a document must hold come first.
type terms []term

// parseTerms splits a query into the words a document must all hold. A
// query that reads as pinyin (ma yun, mǎ yún) or as a phrase of Latin words
// (Great Meeting, which is pinyin-shaped too) stays one term, as does a
// query without spaces; any other query is split at its spaces, keeping
// runs of pinyin-shaped words together. Words in double quotes ("World
// Trade", “一带一路”) stay one phrase, without the quotes. A word or phrase
// after a minus (马云 -特朗普) must be absent, when the query has a word
// that must be present; otherwise the minus is searched for (NOT before
// a word is a minus, AND between words a space: booleanWords). Words joined
// by OR (or |) are alternatives (贸易 OR 投资 合作: either, and 合作).
// Parentheses group (see groupedTerms). A wildcard * at a word's edge is
// dropped (a word is found inside others already); inside a word it
// parts it (经济*合作: both).
func parseTerms(query string) terms {
	if ts, ok := groupedTerms(query); ok {
		return ts
	}
	words := splitQuery(query, true)
	if !slices.ContainsFunc(words, func(w queryWord) bool { return !w.not }) {
		words = splitQuery(query, false) // -2024 alone is searched for
	}
	isOr := func(w queryWord) bool {
		return len(words) >= 3 && !w.phrase && !w.not && (w.text == "OR" || w.text == "|")
	}
	// Words next to each other that read as pinyin stay together: ma yun
	// 特朗普 is two terms; OR parts them, and so does Chinese punctuation
	// (ma yun，te lang pu is two names).
	pinyinWord := func(w queryWord) bool {
		return !w.phrase && !w.not && !isOr(w) && tonelessPinyin(FoldString(w.text)) != ""
	}
	var grouped []queryWord
	for i, w := range words {
		parted := i > 0 && w.whole != "" && w.whole == words[i-1].whole
		if n := len(grouped); n > 0 && !parted && pinyinWord(w) && pinyinWord(grouped[n-1]) {
			// The word as typed is no alternative of a name in syllables.
			grouped[n-1].text, grouped[n-1].whole = grouped[n-1].text+" "+w.text, ""
			continue
		}
		grouped = append(grouped, w)
	}
	var ts terms
	budget := maxQueryForms // vocabulary forms
	join := false           // the last word was OR, after a term that can take it
	for _, w := range grouped {
		if isOr(w) {
			join = len(ts) > 0 && !ts[len(ts)-1].not
			continue
		}
		wq, wpin := parseQuery(wordText(w))
		if len(wq) == 0 {
			join = false
			continue
		}
		t := term{q: wq, pin: wpin, not: w.not}
		if !w.phrase {
			t = withVocabulary(t, &budget)
		}
		t = withWhole(t, w.whole)
		if join && !t.not {
			last := &ts[len(ts)-1]
			if len(last.or) == 0 {
				*last = term{or: []term{*last}}
			}
			for _, a := range t.alternatives() {
				last.or = addAlternative(last.or, a)
			}
			join = false
			continue
		}
		join = false
		if !slices.ContainsFunc(ts, func(o term) bool { return o.key() == t.key() }) {
			ts = append(ts, t)
		}
	}
	for i, t := range ts {
		if len(t.or) == 1 { // a repeat joined to itself
			ts[i] = t.or[0]
		}
	}
	ts.absentLast()
	if len(ts) == 0 || ts[0].not {
		return nil // nothing left to find (a word that folds to nothing)
	}
	return ts
}

// wordText is the text of a query word to search for: a date typed with
// hyphens and a one-digit month or day (2024-3-5) is written with two
// digits each, which its numbers' forms read as a date (padHyphenDates);
// a phrase is searched for as written.
func wordText(w queryWord) string {
	if w.phrase || !strings.Contains(w.text, "-") {
		return w.text
	}
	return string(padHyphenDates([]rune(w.text)))
}

// withWhole gives t, a part of a word Chinese punctuation parted, the
// word as typed as an alternative (see queryWord.whole).
func withWhole(t term, whole string) term {
	q, pin := parseQuery(whole)
	if whole == "" || t.not || len(q) == 0 {
		return t
	}
	alts := t.alternatives()
	return term{or: addAlternative(alts[:len(alts):len(alts)], term{q: q, pin: pin})}
}

// addAlternative adds a to alts unless it is there already. Of two with
// the same word, the one a vocabulary form restricts (川普 not after 四)
// gives way to the one the query gave as it is.
func addAlternative(alts []term, a term) []term {
	for i, o := range alts {
		if o.key() == a.key() {
			return alts
		}
		if string(o.q) == string(a.q) && o.pin == a.pin && len(o.or) == 0 && len(a.or) == 0 {
			if len(a.notAfter) == 0 {
				alts[i] = a
			}
			return alts
		}
	}
	return append(alts, a)
}

// absentLast puts the terms marked not after the others, keeping their
// order.
func (ts terms) absentLast() {
	slices.SortStableFunc(ts, func(a, b term) int {
		switch {
		case a.not == b.not:
			return 0
		case b.not:
			return -1
		}
		return 1
	})
}

// words is ts without the terms marked not.
func (ts terms) words() terms {
	i := slices.IndexFunc(ts, func(t term) bool { return t.not })
	if i < 0 {
		return ts
	}
	return ts[:i]
}

// queryWord is a word or quoted phrase of a query.
type queryWord struct {
	text   string
	phrase bool // it was in quotes
	not    bool // it followed a minus
	// whole is the word as typed when Chinese punctuation parted it
	// (两国，经贸): the part's alternative, so that where the text holds
	// the whole it is matched as one.
	whole string
}

// closingQuote maps each quotation mark that opens a phrase in a query to
// the one that closes it.
// Taiwan's and Hong Kong's corner brackets are quotation marks too.
var closingQuote = map[rune]rune{'"': '"', '＂': '＂', '“': '”', '「': '」', '『': '』', '﹁': '﹂', '﹃': '﹄'}

// splitQuery splits query at its spaces into words, and phrases in quotes
// whose closing quote ends a word (in 他说"一带一路"倡议 the quotes are
// searched for); with minus set, a word or phrase starting with a minus is
// marked not.
func splitQuery(query string, minus bool) []queryWord {
	var out []queryWord
	rs := []rune(query)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var w queryWord
		if minus && isMinus(rs, i) {
			w.not = true
			i++
		}
		end := i
		for end < len(rs) && !unicode.IsSpace(rs[end]) {
			end++
		}
		w.text = string(rs[i:end])
		if phrase, after, ok := quoted(rs, i); ok {
			w.text, w.phrase, end = phrase, true, after
		}
		i = end
		if !w.phrase {
			w.text = fullWidthMarks(w.text)
		}
		if w.not {
			// A word marked not keeps the marks inside it, not those at
			// its ends (-马云， is -马云).
			if t := strings.Trim(w.text, clauseMarks); t != "" {
				w.text = t
			}
		}
		if !w.phrase && !w.not && strings.ContainsAny(w.text, clauseMarks) {
			// Chinese punctuation between words, as a pasted sentence has
			// it (两国，经贸合作): the words around it, as a search engine
			// reads them. A word marked not, and a phrase, keep theirs.
			if parts := splitClauses(w.text); len(parts) > 0 {
				// A part may be marked not (两国，-经贸); the word as typed
				// is then no alternative of the others.
				first, whole := len(out), w.text
				for _, part := range parts {
					qw := queryWord{text: part}
					if rs := []rune(part); minus && isMinus(rs, 0) {
						qw, whole = queryWord{text: string(rs[1:]), not: true}, ""
					}
					out = append(out, qw)
				}
				for i := first; i < len(out); i++ {
					if !out[i].not {
						out[i].whole = whole
					}
				}
				continue
			}
		}
		if !w.phrase && strings.ContainsAny(w.text, "*＊") {
			// A search engine's wildcard: a word is found inside others
			// already, so 贸易* is 贸易; 经济*合作 is both words.
			for part := range strings.FieldsFuncSeq(w.text, func(r rune) bool { return r == '*' || r == '＊' }) {
				out = append(out, queryWord{text: part, not: w.not})
				if w.not {
					break // -特朗普* leaves out 特朗普
				}
			}
			continue
		}
		out = append(out, w)
	}
	if minus {
		out = booleanWords(out)
	}
	return out
}

// isMinus reports a minus that marks the word after it not at rs[i]: an
// ASCII one or, as a Chinese input method types it, a full-width one,
// before a word.
func isMinus(rs []rune, i int) bool {
	return (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !strings.ContainsRune(clauseMarks, rs[i+1])
}

// fullWidthMarks turns a query word's ASCII , ; : ? ! . full width where
// the cleaner turns a text's (fullwidthEdits): next to a Han character (马云,
// 两国,经贸 as the dirty text was copied), but not between digits (3,000)
// or in a URL. Brackets stay ASCII: they group a query's words.
func fullWidthMarks(word string) string {
	if !strings.ContainsAny(word, ",;:?!.") {
		return word
	}
	edits := fullwidthEdits(word)
	marks := edits[:0]
	for _, e := range edits {
		if e.repl != "（" && e.repl != "）" {
			marks = append(marks, e)
		}
	}
	return applyEdits(word, marks)
}

// clauseMarks are the full-width marks that end a clause or a sentence,
// which a query's words are split at.
const clauseMarks = "，、。；：？！"

// splitClauses splits a word at its clauseMarks, but for a comma between
// digits, which groups them (2，000亿: see joins); empty parts are dropped.
func splitClauses(word string) []string {
	rs := []rune(word)
	var out []string
	start := 0
	for i, r := range rs {
		if !strings.ContainsRune(clauseMarks, r) ||
			r == '，' && i > 0 && i+1 < len(rs) && joins(',', Fold(rs[i-1]), Fold(rs[i+1])) {
			continue
		}
		if i > start {
			out = append(out, string(rs[start:i]))
		}
		start = i + 1
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

// booleanWords reads AND and NOT (in capitals, as OR) as search engines
// do: AND between two words is what the space says already, and NOT
// before a word or phrase is a minus: 马云 AND 特朗普, 马云 NOT 特朗普,
// 马云 NOT (特朗普 OR 川普). Elsewhere (AND alone, NOT last) they are words.
func booleanWords(ws []queryWord) []queryWord {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.phrase || w.not || i+1 == len(ws) || ws[i+1].not {
			out = append(out, w)
			continue
		}
		switch {
		case w.text == "AND" && len(out) > 0:
			continue
		case w.text == "NOT" && ws[i+1].text != "AND" && ws[i+1].text != "OR" && ws[i+1].text != ")":
			next := ws[i+1]
			next.not = true
			out = append(out, next)
			i++
			continue
		}
		out = append(out, w)
	}
	return out
}

// quoted returns the phrase in quotes that starts at rs[i] and where it
// ends, when rs[i] opens one that a quote ending a word closes and it holds
// more than spaces.
func quoted(rs []rune, i int) (phrase string, after int, ok bool) {
	closing, ok := closingQuote[rs[i]]
	if !ok {
		return "", 0, false
	}
	for j := i + 1; j < len(rs); j++ {
		if rs[j] == closing && (j+1 == len(rs) || unicode.IsSpace(rs[j+1])) {
			phrase = strings.TrimSpace(string(rs[i+1 : j]))
			return phrase, j + 1, phrase != ""
		}
	}
	return "", 0, false
}

// find returns the matches of every term in text, in text order, or none
// when a term has none.
func (ts terms) find(text string) []Match { return ts.matches(text, true) }

// matches returns the matches of the terms in text, in text order; with
// all set, none unless every term has some.
func (ts terms) matches(text string, all bool) []Match {
	var out []Match
	words := 0
	for _, t := range ts {
		if t.not {
			if all && t.in(text) {
				return nil
			}
			continue
		}
		words += len(t.alternatives())
		ms := findInText(text, t.alternatives())
		if len(ms) == 0 && all {
			return nil
		}
		out = append(out, ms...)
	}
	if words > 1 {
		slices.SortStableFunc(out, func(a, b Match) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End)) })
		out = joinMatches(out)
	}
	return out
}

// joinMatches makes one match of the matches (in text order) that overlap
// or touch within a paragraph: 经贸 合作 finds 经贸合作 once, not as two
// matches with the same snippet.
func joinMatches(ms []Match) []Match {
	out := ms[:0]
	for _, m := range ms {
		if n := len(out); n > 0 && out[n-1].Paragraph == m.Paragraph && m.Start <= out[n-1].End {
			out[n-1] = joinMatch(out[n-1], m)
			continue
		}
		out = append(out, m)
	}
	return out
}

// joinMatch is a and b, which starts within a or where it ends, as one
// match: the snippet runs from a's start to b's end.
func joinMatch(a, b Match) Match {
	if b.End <= a.End {
		return a // b lies within a
	}
	// Where each snippet starts in the text; b's starts within a's, which
	// b's outlasts (both end snippetContext after their match, or at the
	// paragraph's end).
	aFrom, bFrom := a.Start-a.SnippetStart, b.Start-b.SnippetStart
	ar, br := []rune(a.Snippet), []rune(b.Snippet)
	if cut := aFrom + len(ar) - bFrom; cut < len(br) {
		ar = append(ar, br[cut:]...)
	}
	a.Snippet, a.End, a.SnippetEnd = string(ar), b.End, b.End-aFrom
	return a
}

// contains reports whether text holds every term and none marked not.
func (ts terms) contains(text string) bool {
	for _, t := range ts {
		if t.in(text) == t.not {
			return false
		}
	}
	return true
}

// in reports whether text holds t (any of its alternatives); for a term
// of words absent together, whether text holds them all and none of the
// words that would keep it.
func (t term) in(text string) bool {
	if len(t.together) > 0 {
		has := func(a term) bool { return a.in(text) }
		return !slices.ContainsFunc(t.together, func(a term) bool { return !has(a) }) && !slices.ContainsFunc(t.unless, has)
	}
	return containsMatch(text, t.alternatives())
}

// toneless maps the (folded, lower-case) vowels pinyin writes with tone
// marks, and ü, to the letters a toneless reading has (ü as v).
var toneless = map[rune]byte{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a',
	'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'ê': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i',
	'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u',
	'ü': 'v', 'ǖ': 'v', 'ǘ': 'v', 'ǚ': 'v', 'ǜ': 'v',
	'ń': 'n', 'ň': 'n', 'ǹ': 'n', 'ḿ': 'm',
}

// tonelessPinyin returns q's letters when q (folded) reads as pinyin as
// people type it: ASCII letters, with spaces or apostrophes between
// syllables (ma yun, xi'an), tone marks (mǎ yún) or tone numbers after a
// syllable (ma3 yun2); or "" when it does not. Where the query marks a
// syllable's end (a space, an apostrophe, a tone number) the result has
// an apostrophe, which readings must end at: xi'an is 西安, not 先.
func tonelessPinyin(q string) string {
	var b strings.Builder
	prevLetter, boundary := false, false
	letter := func(c byte) {
		if boundary && b.Len() > 0 {
			b.WriteByte(syllableEnd)
		}
		b.WriteByte(c)
		prevLetter, boundary = true, false
	}
	for _, r := range q {
		switch {
		case r >= 'a' && r <= 'z':
			letter(byte(r))
			continue
		case toneless[r] != 0:
			letter(toneless[r])
			continue
		case r >= '1' && r <= '5' && prevLetter:
		case r == ' ' || r == '\'' || r == '’':
		default:
			return ""
		}
		prevLetter, boundary = false, true
	}
	return b.String()
}

// syllableEnd marks, in a pinyin query, where the person typing it ended a
// syllable.
const syllableEnd = '\''

// syllableLetters is a pinyin query without its syllable ends.
func syllableLetters(pin string) string {
	return strings.ReplaceAll(pin, string(syllableEnd), "")
}

// ranked parses query and ranks the documents that can hold it (rank);
// nothing for a blank query or an empty index. The caller holds the locks.
func (ix *Index) ranked(query string, sc *scratch) (terms, []int32) {
	ts := parseTerms(query)
	if len(ts) == 0 || len(ix.docs) == 0 {
		return nil, nil
	}
	return ts, ix.rank(ts, sc)
}

// rank scores every published document that can hold every term, marks
// those whose title can, and orders them: title matches first, then by
// score (the terms' scores added). It returns document numbers.
func (ix *Index) rank(ts terms, sc *scratch) []int32 {
	ts = ts.words() // a document that may hold a word marked not is checked
	ix.score(ts[0], sc)
	for _, t := range ts[1:] {
		tsc := ix.getScratch()
		ix.score(t, tsc)
		for _, d := range sc.touched {
			if tsc.score[d] == 0 {
				sc.score[d] = 0
			} else if sc.score[d] > 0 {
				sc.score[d] += tsc.score[d]
				sc.titled[d] = sc.titled[d] && tsc.titled[d]
			}
		}
		ix.putScratch(tsc)
	}
	return rankCandidates(sc, ix.pos)
}

// score scores the documents that can hold t and marks those whose title
// can.
func (ix *Index) score(t term, sc *scratch) {
	if len(t.or) > 0 { // the documents that can hold any alternative
		for _, a := range t.or {
			asc := ix.getScratch()
			ix.score(a, asc)
			for _, d := range asc.touched {
				if asc.score[d] > 0 {
					sc.touch(d)
					sc.score[d] += asc.score[d]
					sc.titled[d] = sc.titled[d] || asc.titled[d]
				}
			}
			ix.putScratch(asc)
		}
		return
	}
	ix.candidates(ix.shards, t.q, t.pin, sc)
	tsc := ix.getScratch()
	ix.candidates(ix.titles, t.q, t.pin, tsc)
	for _, d := range tsc.touched {
		if tsc.score[d] > 0 && sc.score[d] > 0 {
			sc.titled[d] = true
		}
	}
	ix.putScratch(tsc)
}

// rankCandidates orders the documents with a score: title matches first,
// then by score, then by position in the corpus (pos), whatever their
// numbers (documents reused from a cache keep theirs). A frequent query has a candidate in
// nearly every document, so this is a counting sort by score, filled in
// document order; only the top bucket (scores of 255 and more) is sorted.
func rankCandidates(sc *scratch, pos []int32) []int32 {
	const buckets = 256
	var count [2 * buckets]int
	bucket := func(d int32) int {
		b := buckets - 1 - int(min(sc.score[d], buckets-1))
		if !sc.titled[d] {
			b += buckets
		}
		return b
	}
	byPos := make([]int64, len(sc.touched))
	for i, d := range sc.touched {
		byPos[i] = int64(pos[d])<<32 | int64(d)
	}
	sortRuns(byPos)
	docs := make([]int32, len(byPos))
	for i, k := range byPos {
		docs[i] = int32(k)
	}
	n := 0
	for _, d := range docs {
		if sc.score[d] > 0 {
			count[bucket(d)]++
			n++
		}
	}
	start := make([]int, len(count))
	for i := 1; i < len(count); i++ {
		start[i] = start[i-1] + count[i-1]
	}
	out := make([]int32, n)
	for _, d := range docs {
		if sc.score[d] > 0 {
			b := bucket(d)
			out[start[b]] = d
			start[b]++
		}
	}
	for _, top := range []int{0, buckets} { // titled and not
		lo := 0
		for i := 0; i < top; i++ {
			lo += count[i]
		}
		slices.SortStableFunc(out[lo:lo+count[top]], func(x, y int32) int { return cmp.Compare(sc.score[y], sc.score[x]) })
	}
	return out
}

// sortRuns sorts a, which is mostly a few ascending runs: the documents
// touched come shard by shard, and alternative by alternative (软件 OR
// 軟體), each in order. The runs are merged pair by pair, which takes n
// log(runs) steps where a general sort takes n log n (and pdqsort, seeing
// a nearly sorted slice, first tries insertion, which costs more still);
// with many runs it is a general sort.
func sortRuns(a []int64) {
	var ends []int
	for i := 1; i < len(a); i++ {
		if a[i] < a[i-1] {
			if ends = append(ends, i); len(ends) > 32 {
				slices.Sort(a)
				return
			}
		}
	}
	if len(ends) == 0 {
		return
	}
	ends = append(ends, len(a))
	src, dst := a, make([]int64, len(a))
	for len(ends) > 1 {
		var merged []int
		from := 0
		for k := 0; k < len(ends); k += 2 {
			if k+1 == len(ends) { // an odd run out: copied as it is
				copy(dst[from:], src[from:ends[k]])
				merged = append(merged, ends[k])
				break
			}
			mid, end := ends[k], ends[k+1]
			i, j, o := from, mid, from
			for i < mid && j < end {
				if src[j] < src[i] {
					dst[o] = src[j]
					j++
				} else {
					dst[o] = src[i]
					i++
				}
				o++
			}
			o += copy(dst[o:], src[i:mid])
			copy(dst[o:], src[j:end])
			merged = append(merged, end)
			from = end
		}
		ends = merged
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
}

// touch records a posting in the scratch.
func (sc *scratch) touch(d int32) {
	if sc.score[d] == 0 && sc.stamp[d] == 0 {
		sc.touched = append(sc.touched, d)
	}
}

// lists returns key's list in every shard that has one.
func lists(shards []*shard, k uint64) []listRef {
	var out []listRef
	for _, s := range shards {
		if id, ok := s.keys.get(k, s.listKeys); ok {
			out = append(out, s.ref(id))
		}
	}
	return out
}

// listRef is a posting list with its shard's document numbers.
type listRef struct {
	*postingList
	nums []int32
}

func (s *shard) ref(id int32) listRef { return listRef{s.at(id), s.nums} }

// firstLists returns, from every shard, the lists of the bigrams that start
// with a: together they hold every occurrence of a.
func firstLists(shards []*shard, a rune) []listRef {
	var out []listRef
	for _, s := range shards {
		for _, id := range s.byFirst[a] {
			out = append(out, s.ref(id))
		}
	}
	return out
}

// candidates scores every published document whose text (in shards) can
// hold a match.
func (ix *Index) candidates(shards []*shard, q []rune, pin string, sc *scratch) {
	if len(q) == 1 {
		ix.union(firstLists(shards, q[0]), sc)
	} else {
		ix.literal(shards, q, sc)
	}
	if pin != "" {
		ix.pinyin(shards, pin, sc)
	}
}

// union adds the counts of the lists to the scores.
func (ix *Index) union(ls []listRef, sc *scratch) {
	for _, l := range ls {
		l.each(func(place int32, c int) {
			d := l.nums[place]
			if ix.pos[d] >= 0 {
				sc.touch(d)
				sc.score[d] += int32(c)
			}
		})
	}
}

// literal scores the documents holding every bigram of q by the count of
// the rarest, intersecting the lists from the shortest up.
func (ix *Index) literal(shards []*shard, q []rune, sc *scratch) {
	var sets [][]listRef
	seen := map[uint64]bool{}
	for i := 0; i+1 < len(q); i++ {
		k := bigramKey(q[i], q[i+1])
		if seen[k] {
			continue
		}
		seen[k] = true
		ls := lists(shards, k)
		if len(ls) == 0 {
			return
		}
		sets = append(sets, ls)
	}
	ix.intersect(sets, sc)
}

// intersect scores the documents present in every one of sets (each a
// union of lists), by the summed counts of the first set's lists. Stamps
// count how many sets a document has been seen in so far.
//
// Sets are taken smallest first, and a set with more than skipFactor times
// as many postings as there are candidates left is skipped: reading it
// would cost more than checking those candidates against the text, which
// Search does anyway.
func (ix *Index) intersect(sets [][]listRef, sc *scratch) {
	if len(sets) == 0 {
		return
	}
	if len(sets) > 250 {
		sets = sets[:250] // stamps are bytes; longer queries are checked in full anyway
	}
	size := func(set []listRef) int {
		n := 0
		for _, l := range set {
			n += int(l.entries)
		}
		return n
	}
	slices.SortStableFunc(sets, func(x, y []listRef) int { return cmp.Compare(size(x), size(y)) })
	// Work in a private scratch so that earlier scores (another reading of
	// the query) are kept.
	w := ix.getScratch()
	taken := 0
	for i, set := range sets {
		if i > 0 {
			left := 0
			for _, d := range w.touched {
				if int(w.stamp[d]) == i {
					left++
				}
			}
			if size(set) > skipFactor*left {
				break
			}
		}
		taken = i + 1
		for _, l := range set {
			place := int32(-1)
			for ci := 0; ci <= len(l.fulls()); ci++ {
				data := l.chunk(ci)
				for j := 0; j < len(data); {
					var c int
					if b := data[j]; b >= 16 { // the common one-byte posting, inline
						place += int32(b >> 4)
						c = int(b & 15)
						j++
					} else {
						delta, cnt, n := nextPosting(data, j)
						place += delta
						c = cnt
						j += n
					}
					d := l.nums[place]
					switch {
					case i == 0:
						if ix.pos[d] < 0 {
							continue // not published yet
						}
						if w.stamp[d] == 0 {
							w.touched = append(w.touched, d)
						}
						w.stamp[d] = 1
						w.score[d] += int32(c)
					case int(w.stamp[d]) == i:
						w.stamp[d] = uint8(i + 1)
					}
				}
			}
		}
	}
	for _, d := range w.touched {
		if int(w.stamp[d]) == taken {
			sc.touch(d)
			sc.score[d] = max(sc.score[d], w.score[d])
		}
	}
	ix.putScratch(w)
}

// skipFactor: see intersect.
const skipFactor = 4

// pinyin scores the documents that can hold the pinyin query: for every
// reading of the query (all initials, or a segmentation into syllables),
// the documents holding, for every two neighbouring units, a bigram whose
// characters read as those units.
func (ix *Index) pinyin(shards []*shard, pin string, sc *scratch) {
	for _, units := range pinyinReadings(pin) {
		chars := make([]runeSet, len(units))
		for i, u := range units {
			for _, s := range shards {
				for _, r := range s.vocab {
					if !chars[i].has(r) && u.matches(r) {
						chars[i].add(r)
					}
				}
			}
			if len(chars[i].list) == 0 {
				chars = nil
				break
			}
		}
		if chars == nil {
			continue
		}
		if len(units) == 1 {
			var ls []listRef
			for _, r := range chars[0].list {
				ls = append(ls, firstLists(shards, r)...)
			}
			ix.union(ls, sc)
			continue
		}
		sets := make([][]listRef, len(units)-1)
		for i := range sets {
			for _, a := range chars[i].list {
				for _, s := range shards {
					for _, id := range s.byFirst[a] {
						if b := rune(uint32(s.listKeys[id])); chars[i+1].has(b) {
							sets[i] = append(sets[i], s.ref(id))
						}
					}
				}
			}
			if len(sets[i]) == 0 {
				sets = nil
				break
			}
		}
		ix.intersect(sets, sc)
	}
}

// runeSet is a set of characters: a bit each in the BMP, where a pinyin
// query's candidates are looked up once for every list of a character
// that may start it (hundreds of thousands with a large vocabulary).
type runeSet struct {
	bmp    *[0x10000 / 64]uint64
	astral map[rune]bool
	list   []rune // the members, in the order added
}

func (rs *runeSet) has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return rs.bmp != nil && rs.bmp[r/64]&(1<<(r%64)) != 0
	}
	return rs.astral[r]
}

func (rs *runeSet) add(r rune) {
	if rs.has(r) {
		return
	}
	if r >= 0 && r < 0x10000 {
		if rs.bmp == nil {
			rs.bmp = new([0x10000 / 64]uint64)
		}
		rs.bmp[r/64] |= 1 << (r % 64)
	} else {
		if rs.astral == nil {
			rs.astral = map[rune]bool{}
		}
		rs.astral[r] = true
	}
	rs.list = append(rs.list, r)
}

// findInText finds alts (terms without alternatives of their own)
// paragraph by paragraph: each paragraph is read into runes once, for all.
func findInText(text string, alts []term) []Match {
	var out []Match
	offset, para := 0, 0
	var runes []rune
	for len(text) > 0 {
		line := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, rest = text[:i], text[i+1:]
		}
		runes = append(runes[:0], []rune(line)...)
		if strings.TrimSpace(line) != "" {
			para++
			for _, t := range alts {
				for i := 0; i < len(runes); i++ {
					n := t.matchAt(runes, i)
					if n == 0 {
						continue
					}
					out = append(out, snippet(runes, i, i+n, para, offset))
					i += n - 1
				}
			}
		}
		offset += len(runes) + 1
		text = rest
		if rest == "" {
			break
		}
	}
	return out
}

// matchAt returns how many runes of a paragraph, from its i'th, match t
// (a term without alternatives), or 0.
func (t term) matchAt(runes []rune, i int) int {
	if i > 0 && len(t.notAfter) > 0 {
		j := i - 1
		for j > 0 && SearchSkips(runes[j]) {
			j--
		}
		if slices.Contains(t.notAfter, Fold(runes[j])) {
			return 0
		}
	}
	return matchAt(runes[i:], t.q, t.pin)
}

// matchAt returns how many runes of text, from its start, match q
// literally (after folding) or pin by pinyin, or 0. The runes search
// looks through (SearchSkips) are skipped in the text (q holds none).
func matchAt(text, q []rune, pin string) int {
	if len(text) >= len(q) && Fold(text[0]) == q[0] {
		k := 1 // in text
		for j := 1; j < len(q); j, k = j+1, k+1 {
			for k < len(text) && SearchSkips(text[k]) {
				k++
			}
			if k == len(text) {
				return 0
			}
			f := Fold(text[k])
			if (f == '-' || f == ',' || f == ' ') && f != q[j] && joins(f, q[j-1], q[j]) {
				// COVID-19 for covid19, 2,000 for 2000, 通　　知 for 通知
				// (text[k-1] matched q[j-1]).
				n := k + 1
				for f == ' ' && n < len(text) && Fold(text[n]) == ' ' {
					n++
				}
				if n < len(text) && Fold(text[n]) == q[j] {
					k, f = n, q[j]
				}
			}
			if f != q[j] {
				k = 0
				break
			}
		}
		if k > 0 {
			return k
		}
	}
	if pin != "" && unicode.Is(unicode.Han, text[0]) {
		return pinyinMatch(pin, text, false)
	}
	return 0
}

// snippet makes the Match for runes[s:e] of a paragraph.
func snippet(runes []rune, s, e, para, offset int) Match {
	a, b := max(0, s-snippetContext), min(len(runes), e+snippetContext)
	return Match{
		Paragraph: para, Start: offset + s, End: offset + e,
		Snippet: string(runes[a:b]), SnippetStart: s - a, SnippetEnd: e - a,
	}
}

// Hit is a document a filter found.
type Hit struct {
	Doc     int32 // index into the corpus's documents
	InTitle bool
	// InID is set when the document's ID (its file's name) holds the query.
	InID bool
	// Score is the number of hits the index counts (exact for queries of
	// one or two characters, but that a character just before a pinyin
	// annotation or doubled commas counts twice; an estimate otherwise).
	Score int
	// Checked is set when the document's text was checked for the whole
	// query; unchecked hits may, rarely, turn out not to hold it.
	Checked bool
}

// Filter ranks every document that holds query: documents whose ID (the
// file's name: cna-20240305, 外交部发言) holds the query as typed first,
// then title matches, then by hits. The first check documents are checked
// against their text and dropped if the query is not there; the rest are
// trusted to the index, which keeps a keystroke cheap on a large corpus.
// Qualifiers (source:新华社, date:2024) keep the documents they allow; a
// query of qualifiers alone lists them all (fields.go).
func (ix *Index) Filter(query string, check int) []Hit {
	if rest, fs := splitFields(query); fs != nil {
		return ix.filterFields(rest, fs, func() []Hit { return ix.filter(rest, check) })
	}
	return ix.filter(query, check)
}

func (ix *Index) filter(query string, check int) []Hit {
	defer ix.rlock()()
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	ts, ranked := ix.ranked(query, sc)
	if ts == nil {
		return nil
	}
	var byID []Hit // in position order
	for _, pos := range ix.withID(FoldString(strings.TrimSpace(query))) {
		byID = append(byID, Hit{Doc: pos, InID: true, Checked: true})
	}
	// A document the index says may hold a word marked not is left out
	// unchecked: for a word of one or two characters the index is exact
	// (but for a vocabulary form that must not follow some characters:
	// past the checked ones, 软件 -特朗普 leaves out 四川普遍 too).
	var absent []*scratch
	for _, t := range ts[len(ts.words()):] {
		nsc := ix.getScratch()
		defer ix.putScratch(nsc)
		if len(t.together) == 0 {
			for _, a := range t.alternatives() {
				ix.candidates(ix.shards, a.q, a.pin, nsc)
			}
		}
		absent = append(absent, nsc)
	}
	out := make([]Hit, 0, len(byID)+len(ranked))
	out = append(out, byID...)
	for i, d := range ranked {
		if k, found := slices.BinarySearchFunc(byID, ix.pos[d], func(h Hit, pos int32) int { return cmp.Compare(h.Doc, pos) }); found {
			out[k].InTitle = sc.titled[d]
			continue
		}
		h := Hit{Doc: ix.pos[d], InTitle: sc.titled[d], Score: int(sc.score[d])}
		if i >= check && slices.ContainsFunc(absent, func(nsc *scratch) bool { return nsc.score[d] > 0 }) {
			continue
		}
		if i < check {
			h.Checked = true
			doc := ix.docs[h.Doc]
			if !ts.contains(doc.Text()) {
				continue
			}
			if h.InTitle {
				h.InTitle = ts.contains(doc.Title)
			}
		}
		out = append(out, h)
	}
	// Checking may have shown a title match to be none: keep IDs, then
	// titles first.
	slices.SortStableFunc(out, func(x, y Hit) int {
		switch {
		case x.InID != y.InID:
			if x.InID {
				return -1
			}
			return 1
		case x.InTitle == y.InTitle || x.InID:
			return 0
		case x.InTitle:
			return -1
		}
		return 1
	})
	return out
}

// withID returns the positions of the documents whose folded ID holds q,
// in order: one scan of all the IDs at once, not a scan of each.
func (ix *Index) withID(q string) []int32 {
	if q == "" || strings.IndexByte(q, 0) >= 0 {
		return nil
	}
	var out []int32
	for from := 0; ; {
		i := bytes.Index(ix.ids[from:], []byte(q))
		if i < 0 {
			return out
		}
		pos, _ := slices.BinarySearch(ix.idEnds, from+i)
		out = append(out, int32(pos))
		from = ix.idEnds[pos] + 1
	}
}

// containsMatch reports whether text holds any of alts (terms without
// alternatives of their own) anywhere.
func containsMatch(text string, alts []term) bool {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		runes := []rune(line)
		for _, t := range alts {
			for i := range runes {
				if t.matchAt(runes, i) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// MatchRanges returns the rune ranges of text that match query, as Search
// matches: after folding, and by pinyin for a query of ASCII letters; for a
// query of several words, the ranges of every word, in text order, and none
// unless text holds them all (words that overlap or touch make one range).
func MatchRanges(text, query string) [][2]int { return matchRanges(text, query, true) }

// HighlightRanges is MatchRanges for showing matches: the ranges of
// whichever of the query's words text holds. Ranges never overlap: words
// that overlap or touch in the text make one.
func HighlightRanges(text, query string) [][2]int { return matchRanges(text, query, false) }

func matchRanges(text, query string, all bool) [][2]int {
	query, _ = splitFields(query) // source:新华社 is no word of the text
	ts := parseTerms(query)
	if len(ts) == 0 {
		return nil
	}
	var out [][2]int
	for _, m := range ts.matches(text, all) { // words that overlap or touch joined
		out = append(out, [2]int{m.Start, m.End})
	}
	return out
}
