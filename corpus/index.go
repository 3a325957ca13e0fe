package corpus

import (
	"cmp"
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unsafe"
)

// The index maps every character, and every pair of adjacent characters (a
// bigram) within a paragraph, of the folded clean text to the documents
// that hold it, with how often. Queries are folded the same way, so 贸易
// finds 貿易. Candidates come from the postings, ranked by their counts;
// only as many as the answer needs are checked against the text for exact
// offsets.

// unigram marks a single-character key.
const unigram = 0xFFFFFFFF

func bigramKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
func unigramKey(a rune) uint64   { return uint64(uint32(a))<<32 | unigram }

// Index is a search index over a corpus. It is read-only once built and
// safe for concurrent searches.
type Index struct {
	// mu lets documents be added while searches run (Add takes it to
	// write, searches to read).
	mu    sync.RWMutex
	text  func(*Document) string // what is indexed of a document
	docs  []*Document
	keys  keyTable
	lists []postingList
	// byFirst lists, for every Han character, its bigram lists (pinyin
	// candidates); pinyinVocab the Han characters with readings.
	byFirst     map[rune][]int32
	pinyinVocab []rune
	inVocab     map[rune]bool
	firstDone   int    // lists already entered in byFirst
	titles      *Index // the same over titles, to rank title matches first
	scratch     sync.Pool
}

// NewIndex makes an empty index of clean texts and titles; Add fills it.
func NewIndex() *Index {
	ix := newIndex(func(d *Document) string { return d.Text() })
	ix.titles = newIndex(func(d *Document) string { return d.Title })
	return ix
}

func newIndex(text func(*Document) string) *Index {
	return &Index{text: text, byFirst: map[rune][]int32{}, inVocab: map[rune]bool{}}
}

// Len is the number of documents indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.docs)
}

// Add indexes more documents, which follow those already indexed, on all
// cores. Searches wait while the new postings are merged in.
func (ix *Index) Add(docs []*Document) {
	if len(docs) == 0 {
		return
	}
	all := append(ix.docsSnapshot(), docs...)
	lo := len(all) - len(docs)
	shards := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	parts := make([]*Index, shards)
	var wg sync.WaitGroup
	for s := 0; s < shards; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			a, b := lo+s*len(docs)/shards, lo+(s+1)*len(docs)/shards
			parts[s] = buildShard(all, a, b, ix.text)
		}(s)
	}
	wg.Wait()
	ix.mu.Lock()
	ix.docs = all
	for _, p := range parts {
		ix.merge(p)
	}
	ix.indexFirst()
	ix.mu.Unlock()
	if ix.titles != nil {
		ix.titles.Add(docs)
	}
}

func (ix *Index) docsSnapshot() []*Document {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.docs[:len(ix.docs):len(ix.docs)]
}

// indexFirst enters the lists added since the last call in byFirst and the
// pinyin vocabulary.
func (ix *Index) indexFirst() {
	added := false
	for id := ix.firstDone; id < len(ix.lists); id++ {
		k := ix.lists[id].key
		a := rune(k >> 32)
		if !unicode.Is(unicode.Han, a) || len(Readings(a)) == 0 {
			continue
		}
		if uint32(k) == unigram {
			if !ix.inVocab[a] {
				ix.inVocab[a] = true
				ix.pinyinVocab = append(ix.pinyinVocab, a)
				added = true
			}
			continue
		}
		ix.byFirst[a] = append(ix.byFirst[a], int32(id))
	}
	ix.firstDone = len(ix.lists)
	if added {
		slices.Sort(ix.pinyinVocab)
	}
}

// postingList holds (document, count) pairs in document order, each as one
// byte (document delta in the high nibble, count in the low, both 1..15)
// or as a zero byte followed by two uvarints.
type postingList struct {
	key     uint64
	data    []byte
	first   int32 // first document (for merging shards)
	last    int32 // last document added
	entries int32
	// While building: the document being counted and its count so far.
	cur, curCount int32
}

func (p *postingList) add(doc int32, count int) {
	delta := doc - p.last
	if p.entries == 0 {
		p.first = doc
	}
	p.last = doc
	p.entries++
	p.data = appendPosting(p.data, delta, count)
}

func appendPosting(data []byte, delta int32, count int) []byte {
	if delta <= 15 && count <= 15 {
		return append(data, byte(delta)<<4|byte(count))
	}
	data = append(data, 0)
	data = binary.AppendUvarint(data, uint64(delta))
	return binary.AppendUvarint(data, uint64(count))
}

// nextPosting decodes the posting at data[i:]: delta, count, size.
func nextPosting(data []byte, i int) (int32, int, int) {
	if b := data[i]; b != 0 {
		return int32(b >> 4), int(b & 15), 1
	}
	d, n := binary.Uvarint(data[i+1:])
	c, m := binary.Uvarint(data[i+1+n:])
	return int32(d), int(c), 1 + n + m
}

// each calls fn for every (document, count) of the list.
func (p *postingList) each(fn func(doc int32, count int)) {
	doc := int32(-1)
	for i := 0; i < len(p.data); {
		d, c, n := nextPosting(p.data, i)
		doc += d
		fn(doc, c)
		i += n
	}
}

// keyTable maps keys to list numbers: open addressing, linear probing.
// Key 0 (NUL NUL) never occurs in text and marks a free slot.
type keyTable struct {
	keys []uint64
	vals []int32
	n    int
}

func (t *keyTable) slot(k uint64) int {
	mask := len(t.keys) - 1
	i := int((k * 0x9E3779B97F4A7C15) >> 40 & uint64(mask))
	for t.keys[i] != 0 && t.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

func (t *keyTable) get(k uint64) (int32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	i := t.slot(k)
	return t.vals[i], t.keys[i] == k
}

// getOrAdd returns k's value, adding it with value next when absent.
func (t *keyTable) getOrAdd(k uint64, next int32) (int32, bool) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	i := t.slot(k)
	if t.keys[i] == k {
		return t.vals[i], true
	}
	t.keys[i], t.vals[i] = k, next
	t.n++
	return next, false
}

func (t *keyTable) grow() {
	old, oldVals := t.keys, t.vals
	size := max(1024, 2*len(old))
	t.keys, t.vals = make([]uint64, size), make([]int32, size)
	for i, k := range old {
		if k != 0 {
			j := t.slot(k)
			t.keys[j], t.vals[j] = k, oldVals[i]
		}
	}
}

// BuildIndex indexes the clean text and the titles of every document of c,
// on all cores.
func BuildIndex(c *Corpus) *Index {
	ix := NewIndex()
	ix.Add(c.Docs)
	return ix
}

func buildShard(docs []*Document, lo, hi int, text func(*Document) string) *Index {
	ix := newIndex(text)
	var seen []int32 // lists the current document touched
	count := func(k uint64, di int32) {
		id, ok := ix.keys.getOrAdd(k, int32(len(ix.lists)))
		if !ok {
			ix.lists = append(ix.lists, postingList{key: k, last: -1, cur: -1})
		}
		l := &ix.lists[id]
		if l.cur != di {
			l.cur, l.curCount = di, 0
			seen = append(seen, id)
		}
		l.curCount++
	}
	for di := lo; di < hi; di++ {
		seen = seen[:0]
		prev := rune(-1)
		for _, r := range text(docs[di]) {
			if r == '\n' {
				prev = -1
				continue
			}
			r = Fold(r)
			count(unigramKey(r), int32(di))
			if prev >= 0 {
				count(bigramKey(prev, r), int32(di))
			}
			prev = r
		}
		for _, id := range seen {
			l := &ix.lists[id]
			l.add(int32(di), int(l.curCount))
		}
	}
	return ix
}

// merge appends shard p, whose documents all follow ix's, to ix.
func (ix *Index) merge(p *Index) {
	for i := range p.lists {
		pl := &p.lists[i]
		id, ok := ix.keys.getOrAdd(pl.key, int32(len(ix.lists)))
		if !ok {
			ix.lists = append(ix.lists, postingList{key: pl.key, last: -1})
		}
		l := &ix.lists[id]
		// Re-encode the first posting against ix's last document; the rest
		// is relative already.
		_, c, n := nextPosting(pl.data, 0)
		if l.entries == 0 {
			l.first = pl.first
		}
		l.data = appendPosting(l.data, pl.first-l.last, c)
		l.data = append(l.data, pl.data[n:]...)
		l.last = pl.last
		l.entries += pl.entries
	}
}

// Size is the memory the index takes, in bytes: postings, the key table
// and list headers, and the title index.
func (ix *Index) Size() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := len(ix.keys.keys)*12 + cap(ix.lists)*int(unsafe.Sizeof(postingList{})) + len(ix.pinyinVocab)*4
	for i := range ix.lists {
		n += cap(ix.lists[i].data)
	}
	for _, ids := range ix.byFirst {
		n += 16 + cap(ids)*4 // key and slice, roughly
	}
	if ix.titles != nil {
		n += ix.titles.Size()
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
// document, and the documents touched.
type scratch struct {
	score   []int32
	stamp   []uint8
	titled  []bool
	touched []int32
}

func (ix *Index) getScratch() *scratch {
	n := len(ix.docs)
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

// Search finds query in the corpus: literally after folding (so either
// script, full-width forms and letter case all match), and, for a query of
// ASCII letters, by pinyin. Documents whose title matches come first, then
// documents by number of hits; within a document, matches are in text
// order. At most limit matches are returned (limit <= 0: all).
func (ix *Index) Search(query string, limit int) []Match {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	q, pin := parseQuery(query)
	if len(q) == 0 || len(ix.docs) == 0 {
		return nil
	}
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	var out []Match
	for _, d := range ix.rank(q, pin, sc) {
		doc := ix.docs[d]
		ms := findIn(doc, q, pin)
		if len(ms) == 0 {
			continue // the pieces were there, the whole query was not
		}
		if sc.titled[d] && len(findInText(doc.Title, q, pin)) > 0 {
			for i := range ms {
				ms[i].InTitle = true
			}
		}
		out = append(out, ms...)
		if limit > 0 && len(out) >= limit {
			return out[:limit]
		}
	}
	return out
}

// parseQuery folds a query; pin is the query as pinyin (its letters
// without spaces) when it is only ASCII letters, at least two.
func parseQuery(query string) (q []rune, pin string) {
	q = []rune(FoldString(strings.TrimSpace(query)))
	if s := strings.ReplaceAll(string(q), " ", ""); len(s) >= 2 && isASCIIWord(s) {
		pin = s
	}
	return q, pin
}

// rank scores every document that can hold the query, marks those whose
// title can, and orders them: title matches first, then by score.
func (ix *Index) rank(q []rune, pin string, sc *scratch) []int32 {
	ix.candidates(q, pin, sc)
	if ix.titles != nil {
		ix.titles.mu.RLock()
		defer ix.titles.mu.RUnlock()
		tsc := ix.titles.getScratch()
		ix.titles.candidates(q, pin, tsc)
		for _, d := range tsc.touched {
			if tsc.score[d] > 0 && sc.score[d] > 0 {
				sc.titled[d] = true
			}
		}
		ix.titles.putScratch(tsc)
	}
	return rankCandidates(sc)
}

// rankCandidates orders the documents with a score: title matches first,
// then by score, then by document. A frequent query has a candidate in
// nearly every document, so this is a counting sort by score, filled in
// document order; only the top bucket (scores of 255 and more) is sorted.
func rankCandidates(sc *scratch) []int32 {
	const buckets = 256
	var count [2 * buckets]int
	bucket := func(d int32) int {
		b := buckets - 1 - int(min(sc.score[d], buckets-1))
		if !sc.titled[d] {
			b += buckets
		}
		return b
	}
	docs := slices.Clone(sc.touched)
	slices.Sort(docs)
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

// touch records a posting in the scratch.
func (sc *scratch) touch(d int32) {
	if sc.score[d] == 0 && sc.stamp[d] == 0 {
		sc.touched = append(sc.touched, d)
	}
}

// candidates scores every document that can hold a match.
func (ix *Index) candidates(q []rune, pin string, sc *scratch) {
	if len(q) == 1 {
		ix.union([]uint64{unigramKey(q[0])}, sc)
	} else {
		ix.literal(q, sc)
	}
	if pin != "" {
		ix.pinyin(pin, sc)
	}
}

// union adds the counts of the given keys' lists to the scores.
func (ix *Index) union(keys []uint64, sc *scratch) {
	for _, k := range keys {
		if id, ok := ix.keys.get(k); ok {
			ix.lists[id].each(func(d int32, c int) {
				sc.touch(d)
				sc.score[d] += int32(c)
			})
		}
	}
}

// literal scores the documents holding every bigram of q by the count of
// the rarest, intersecting the lists from the shortest up.
func (ix *Index) literal(q []rune, sc *scratch) {
	var lists []*postingList
	for i := 0; i+1 < len(q); i++ {
		id, ok := ix.keys.get(bigramKey(q[i], q[i+1]))
		if !ok {
			return
		}
		lists = append(lists, &ix.lists[id])
	}
	slices.SortFunc(lists, func(x, y *postingList) int { return cmp.Compare(x.entries, y.entries) })
	lists = slices.CompactFunc(lists, func(x, y *postingList) bool { return x == y })
	sets := make([][]*postingList, len(lists))
	for i, l := range lists {
		sets[i] = []*postingList{l}
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
func (ix *Index) intersect(sets [][]*postingList, sc *scratch) {
	if len(sets) == 0 {
		return
	}
	if len(sets) > 250 {
		sets = sets[:250] // stamps are bytes; longer queries are checked in full anyway
	}
	size := func(set []*postingList) int {
		n := 0
		for _, l := range set {
			n += int(l.entries)
		}
		return n
	}
	slices.SortStableFunc(sets, func(x, y []*postingList) int { return cmp.Compare(size(x), size(y)) })
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
			data, d := l.data, int32(-1)
			for j := 0; j < len(data); {
				var c int
				if b := data[j]; b != 0 { // the common one-byte posting, inline
					d += int32(b >> 4)
					c = int(b & 15)
					j++
				} else {
					delta, cnt, n := nextPosting(data, j)
					d += delta
					c = cnt
					j += n
				}
				switch {
				case i == 0:
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
func (ix *Index) pinyin(pin string, sc *scratch) {
	for _, units := range pinyinReadings(pin) {
		chars := make([]map[rune]bool, len(units))
		for i, u := range units {
			chars[i] = map[rune]bool{}
			for _, r := range ix.pinyinVocab {
				if u.matches(r) {
					chars[i][r] = true
				}
			}
			if len(chars[i]) == 0 {
				chars = nil
				break
			}
		}
		if chars == nil {
			continue
		}
		if len(units) == 1 {
			var keys []uint64
			for r := range chars[0] {
				keys = append(keys, unigramKey(r))
			}
			ix.union(keys, sc)
			continue
		}
		sets := make([][]*postingList, len(units)-1)
		for i := range sets {
			for a := range chars[i] {
				for _, id := range ix.byFirst[a] {
					if b := rune(uint32(ix.lists[id].key)); chars[i+1][b] {
						sets[i] = append(sets[i], &ix.lists[id])
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

// findIn returns the matches of q (or the pinyin pin) in d's clean text.
func findIn(d *Document, q []rune, pin string) []Match {
	ms := findInText(d.Text(), q, pin)
	for i := range ms {
		ms[i].Doc = d
	}
	return ms
}

// findInText matches paragraph by paragraph.
func findInText(text string, q []rune, pin string) []Match {
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
			for i := 0; i < len(runes); i++ {
				n := matchAt(runes[i:], q, pin)
				if n == 0 {
					continue
				}
				out = append(out, snippet(runes, i, i+n, para, offset))
				i += n - 1
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

// matchAt returns how many runes of text, from its start, match q
// literally (after folding) or pin by pinyin, or 0.
func matchAt(text, q []rune, pin string) int {
	if len(text) >= len(q) && Fold(text[0]) == q[0] {
		ok := true
		for j := 1; j < len(q); j++ {
			if Fold(text[j]) != q[j] {
				ok = false
				break
			}
		}
		if ok {
			return len(q)
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
	// Score is the number of hits the index counts (exact for queries of
	// one or two characters, an estimate otherwise).
	Score int
	// Checked is set when the document's text was checked for the whole
	// query; unchecked hits may, rarely, turn out not to hold it.
	Checked bool
}

// Filter ranks every document that holds query: title matches first, then
// by hits. The first check documents are checked against their text and
// dropped if the query is not there; the rest are trusted to the index,
// which keeps a keystroke cheap on a large corpus.
func (ix *Index) Filter(query string, check int) []Hit {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	q, pin := parseQuery(query)
	if len(q) == 0 || len(ix.docs) == 0 {
		return nil
	}
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	ranked := ix.rank(q, pin, sc)
	out := make([]Hit, 0, len(ranked))
	for i, d := range ranked {
		h := Hit{Doc: d, InTitle: sc.titled[d], Score: int(sc.score[d])}
		if i < check {
			h.Checked = true
			if !containsMatch(ix.docs[d].Text(), q, pin) {
				continue
			}
			if h.InTitle {
				h.InTitle = containsMatch(ix.docs[d].Title, q, pin)
			}
		}
		out = append(out, h)
	}
	// Checking may have shown a title match to be none: keep titles first.
	slices.SortStableFunc(out, func(x, y Hit) int {
		switch {
		case x.InTitle == y.InTitle:
			return 0
		case x.InTitle:
			return -1
		}
		return 1
	})
	return out
}

// containsMatch reports whether text holds q (or pin) anywhere.
func containsMatch(text string, q []rune, pin string) bool {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		runes := []rune(line)
		for i := range runes {
			if matchAt(runes[i:], q, pin) > 0 {
				return true
			}
		}
	}
	return false
}

// MatchRanges returns the rune ranges of text that match query, as Search
// matches: after folding, and by pinyin for a query of ASCII letters.
func MatchRanges(text, query string) [][2]int {
	q, pin := parseQuery(query)
	if len(q) == 0 {
		return nil
	}
	var out [][2]int
	for _, m := range findInText(text, q, pin) {
		out = append(out, [2]int{m.Start, m.End})
	}
	return out
}
