package corpus

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
)

// The index maps every pair of adjacent characters (a bigram) of the
// folded clean text to the documents that hold it, with how often. A
// paragraph's last character pairs with paraEnd, so every character starts
// a bigram and one-character queries need no second index. Queries are
// folded the same way, so 贸易 finds 貿易; candidates come from the postings,
// ranked by their counts, and only as many as the answer needs are checked
// against the text for exact offsets.

// paraEnd stands for the end of a paragraph in bigram keys.
const paraEnd = '\n'

// Index is a search index over a corpus. It is read-only once built and
// safe for concurrent searches.
type Index struct {
	docs   []*Document
	keys   map[uint64]int32 // bigram → list
	lists  []postingList
	first  map[rune][]int32 // first rune → lists of the bigrams it starts
	titles *Index           // the same over titles, to rank title matches first
}

// postingList holds (document, count) pairs in document order, each as one
// byte (delta-1 in the high nibble, count in the low, both 1..15) or as a
// zero byte followed by two uvarints.
type postingList struct {
	a, b    rune // the bigram
	data    []byte
	last    int32 // last document added
	entries int32
}

func (p *postingList) add(doc int32, count int) {
	delta := doc - p.last
	p.last = doc
	p.entries++
	if delta <= 15 && count <= 15 {
		p.data = append(p.data, byte(delta)<<4|byte(count))
		return
	}
	p.data = append(p.data, 0)
	p.data = binary.AppendUvarint(p.data, uint64(delta))
	p.data = binary.AppendUvarint(p.data, uint64(count))
}

// each calls fn for every (document, count) of the list.
func (p *postingList) each(fn func(doc int32, count int)) {
	doc := int32(-1)
	for i := 0; i < len(p.data); {
		b := p.data[i]
		if b != 0 {
			doc += int32(b >> 4)
			fn(doc, int(b&15))
			i++
			continue
		}
		d, n := binary.Uvarint(p.data[i+1:])
		c, m := binary.Uvarint(p.data[i+1+n:])
		i += 1 + n + m
		doc += int32(d)
		fn(doc, int(c))
	}
}

func bigramKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// BuildIndex indexes the clean text of every document of c.
func BuildIndex(c *Corpus) *Index {
	ix := buildIndex(c.Docs, func(d *Document) string { return d.Text() })
	ix.titles = buildIndex(c.Docs, func(d *Document) string { return d.Title })
	return ix
}

func buildIndex(docs []*Document, text func(*Document) string) *Index {
	ix := &Index{docs: docs, keys: map[uint64]int32{}, first: map[rune][]int32{}}
	counts := map[uint64]int{}
	var keys []uint64
	for di, d := range docs {
		clear(counts)
		keys = keys[:0]
		prev := rune(-1)
		add := func(k uint64) {
			if counts[k] == 0 {
				keys = append(keys, k)
			}
			counts[k]++
		}
		for _, r := range text(d) {
			if r == '\n' {
				if prev >= 0 {
					add(bigramKey(prev, paraEnd))
				}
				prev = -1
				continue
			}
			r = Fold(r)
			if prev >= 0 {
				add(bigramKey(prev, r))
			}
			prev = r
		}
		if prev >= 0 {
			add(bigramKey(prev, paraEnd))
		}
		slices.Sort(keys)
		for _, k := range keys {
			id, ok := ix.keys[k]
			if !ok {
				id = int32(len(ix.lists))
				a, b := rune(k>>32), rune(uint32(k))
				ix.keys[k] = id
				ix.lists = append(ix.lists, postingList{a: a, b: b, last: -1})
				ix.first[a] = append(ix.first[a], id)
			}
			ix.lists[id].add(int32(di), counts[k])
		}
	}
	return ix
}

// Size is the memory the postings take, in bytes (an estimate of the
// index's footprint: keys and list headers add about 40 bytes a bigram).
func (ix *Index) Size() int {
	n := 0
	for i := range ix.lists {
		n += cap(ix.lists[i].data) + 40
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

// Search finds query in the corpus: literally after folding (so either
// script, full-width forms and letter case all match), and, for a query of
// ASCII letters, by pinyin. Documents whose title matches come first, then
// documents by number of hits; within a document, matches are in text
// order. At most limit matches are returned (limit <= 0: all).
func (ix *Index) Search(query string, limit int) []Match {
	q := []rune(FoldString(strings.TrimSpace(query)))
	if len(q) == 0 {
		return nil
	}
	pin := ""
	if s := strings.ReplaceAll(string(q), " ", ""); len(s) >= 2 && isASCIIWord(s) {
		pin = s
	}
	scores := map[int32]int{}
	ix.candidates(q, pin, func(doc int32, count int) { scores[doc] += count })
	titled := map[int32]bool{}
	if ix.titles != nil {
		ix.titles.candidates(q, pin, func(doc int32, _ int) { titled[doc] = true })
	}
	type cand struct {
		doc   int32
		title bool
		score int
	}
	cands := make([]cand, 0, len(scores))
	for d, s := range scores {
		cands = append(cands, cand{d, titled[d], s})
	}
	slices.SortFunc(cands, func(x, y cand) int {
		if x.title != y.title {
			if x.title {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(x.doc, y.doc)
	})
	var out []Match
	for _, c := range cands {
		d := ix.docs[c.doc]
		ms := findIn(d, q, pin)
		if len(ms) == 0 {
			continue // the bigrams were there, the whole query was not
		}
		inTitle := c.title && (len(findInText(d.Title, q, pin)) > 0)
		for i := range ms {
			ms[i].InTitle = inTitle
		}
		out = append(out, ms...)
		if limit > 0 && len(out) >= limit {
			return out[:limit]
		}
	}
	return out
}

// candidates calls fn for every (document, count) posting that can hold a
// match: for a literal query, documents holding all its bigrams, counted by
// its rarest; for pinyin, documents holding a bigram whose two characters
// can start the query.
func (ix *Index) candidates(q []rune, pin string, fn func(doc int32, count int)) {
	if len(q) == 1 {
		for _, id := range ix.first[q[0]] {
			ix.lists[id].each(fn)
		}
	} else {
		ix.literal(q, fn)
	}
	if pin == "" {
		return
	}
	for a, ids := range ix.first {
		if len(Readings(a)) == 0 || pinyinMatch(pin, []rune{a}, true) == 0 {
			continue
		}
		for _, id := range ids {
			l := &ix.lists[id]
			if l.b == paraEnd {
				if pinyinMatch(pin, []rune{a}, false) == 0 {
					continue
				}
			} else if pinyinMatch(pin, []rune{a, l.b}, true) == 0 {
				continue
			}
			l.each(fn)
		}
	}
}

// literal intersects the lists of q's bigrams, counting by the smallest.
func (ix *Index) literal(q []rune, fn func(doc int32, count int)) {
	var lists []*postingList
	for i := 0; i+1 < len(q); i++ {
		id, ok := ix.keys[bigramKey(q[i], q[i+1])]
		if !ok {
			return
		}
		lists = append(lists, &ix.lists[id])
	}
	slices.SortFunc(lists, func(x, y *postingList) int { return cmp.Compare(x.entries, y.entries) })
	count := map[int32]int{}
	lists[0].each(func(doc int32, c int) { count[doc] = c })
	for _, l := range lists[1:] {
		next := make(map[int32]int, len(count))
		l.each(func(doc int32, c int) {
			if old, ok := count[doc]; ok {
				next[doc] = min(old, c)
			}
		})
		count = next
	}
	for d, c := range count {
		fn(d, c)
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
	for len(text) > 0 {
		line := text
		rest := ""
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, rest = text[:i], text[i+1:]
		}
		runes := []rune(line)
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
	if len(text) >= len(q) {
		ok := true
		for j, r := range q {
			if Fold(text[j]) != r {
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
