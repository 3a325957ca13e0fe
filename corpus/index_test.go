package corpus

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"jianbao/seeds"

	"github.com/mozillazg/go-pinyin"
)

func seedIndex(t testing.TB) (*Corpus, *Index) {
	t.Helper()
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS()})
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	return c, BuildIndex(c)
}

// docsFound lists the three-digit prefixes of the documents a query finds.
func docsFound(ix *Index, q string) []string {
	var out []string
	for _, m := range ix.Search(q, 0) {
		id := m.Doc.ID[:3]
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func TestSearchSeeds(t *testing.T) {
	c, ix := seedIndex(t)
	// Which seeds hold a word in either script, by scanning the text.
	holding := func(words ...string) []string {
		var out []string
		for _, d := range c.Docs {
			for _, w := range words {
				if strings.Contains(d.Text(), w) {
					out = append(out, d.ID[:3])
					break
				}
			}
		}
		return out
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"贸易", holding("贸易", "貿易")},
		{"貿易", holding("贸易", "貿易")},
		{"经贸", holding("经贸", "經貿")},
		{"中小企业", []string{"000", "001", "002"}},
		{"mayun", []string{"000", "001", "002"}},
		{"albb", []string{"000", "001", "002"}},
		{"Mǎ Yún", []string{"000", "001", "002"}},
		{"ma3 yun2", []string{"000", "001", "002"}},
		{"lǜsè", holding("绿色", "綠色")},
		{"EWTP", []string{"001", "002"}},
		{"ｅＷＴＰ", []string{"001", "002"}},
		{"贸", holding("贸", "貿")},
		{"乌鲁木齐", []string{"004"}},
		// A reading annotation pasted from a raw file is removed as the
		// cleaner removes it from the text; other brackets stay.
		{"會(huì)晤", holding("会晤", "會晤")},
		{"会（huì）晤", holding("会晤", "會晤")},
		{"會(hui)晤", nil},
		{"no such thing", nil},
	}
	for _, tt := range tests {
		if got := docsFound(ix, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("%q found %v, want %v", tt.query, got, tt.want)
		}
	}
	if len(holding("贸易", "貿易")) != 5 {
		t.Errorf("the test expects 贸易 in every seed: %v", holding("贸易", "貿易"))
	}
}

func TestSearchMatches(t *testing.T) {
	_, ix := seedIndex(t)
	for _, m := range ix.Search("貿易", 0) {
		text := []rune(m.Doc.Text())
		if got := FoldString(string(text[m.Start:m.End])); got != "贸易" {
			t.Fatalf("%s [%d,%d) holds %q", m.Doc.ID, m.Start, m.End, string(text[m.Start:m.End]))
		}
		snip := []rune(m.Snippet)
		if FoldString(string(snip[m.SnippetStart:m.SnippetEnd])) != "贸易" {
			t.Fatalf("snippet does not hold the match: %q", m.Snippet)
		}
		lines := strings.Split(m.Doc.Text(), "\n")
		n := 0
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				n++
				if n == m.Paragraph && !strings.Contains(FoldString(l), "贸易") {
					t.Fatalf("paragraph %d of %s does not hold the match", n, m.Doc.ID)
				}
			}
		}
	}
	// Pinyin matches span exactly the Han characters.
	for _, m := range ix.Search("mayun", 0) {
		got := string([]rune(m.Doc.Text())[m.Start:m.End])
		if got != "马云" && got != "馬雲" && got != "馬云" {
			t.Errorf("mayun matched %q in %s", got, m.Doc.ID)
		}
	}
	// Limit, and title matches first.
	if got := ix.Search("阿里巴巴", 3); len(got) != 3 {
		t.Errorf("limit 3 gave %d", len(got))
	}
	ms := ix.Search("平台首次落地", 0)
	if len(ms) == 0 || !ms[0].InTitle || ms[0].Doc.ID[:3] != "002" {
		t.Errorf("title match not first: %+v", ms)
	}
}

func TestPinyinMatch(t *testing.T) {
	tests := []struct {
		q    string
		text string
		want int
	}{
		{"mayun", "马云说", 2},
		{"mayun", "馬雲說", 2},
		{"mayu", "马云", 2}, // still typing
		{"albb", "阿里巴巴集团", 4},
		{"zhongguo", "中國", 2},
		{"zg", "中国", 2},
		{"lv", "绿色", 1},
		{"lu", "绿色", 1},
		{"mayun", "马 云", 0},
		{"mayun", "马A", 0},
		{"ewtp", "eWTP", 0},
		{"xyz", "中国", 0},
		// A syllable's end the query marks is where a reading ends.
		{"xi'an", "西安", 2},
		{"xi'an", "先", 0},
		{"xian", "先", 1},
		{"xian", "西安", 2},
		{"x'a", "西安", 2},
		{"ma'yun", "马云", 2},
		{"may'un", "马云", 0},
		{"zhong'g", "中国", 2},
	}
	for _, tt := range tests {
		if got := pinyinMatch(tt.q, []rune(tt.text), false); got != tt.want {
			t.Errorf("pinyinMatch(%q, %q) = %d, want %d", tt.q, tt.text, got, tt.want)
		}
	}
}

func TestPostingList(t *testing.T) {
	var p postingList
	p.last = -1
	want := [][2]int{{0, 1}, {3, 15}, {4, 16}, {40, 2}, {41, 300}, {100000, 1}}
	for _, w := range want {
		p.add(int32(w[0]), w[1])
	}
	var got [][2]int
	p.each(func(doc int32, c int) { got = append(got, [2]int{int(doc), c}) })
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}

	// A long list spans many chunks, none over chunkSize, and reads back whole.
	p = postingList{last: -1}
	want = want[:0]
	doc := -1
	for i := 0; i < 20000; i++ {
		doc += 1 + i%7*i%40 // deltas of one byte and of several
		want = append(want, [2]int{doc, 1 + i%20})
		p.add(int32(doc), 1+i%20)
	}
	got = got[:0]
	p.each(func(doc int32, c int) { got = append(got, [2]int{int(doc), c}) })
	if !slices.Equal(got, want) {
		t.Errorf("long list: %d postings read back, want %d (or they differ)", len(got), len(want))
	}
	if len(p.fulls()) < 2 {
		t.Errorf("long list: %d full chunks, want several", len(p.fulls()))
	}
	for i := 0; i <= len(p.fulls()); i++ {
		if len(p.chunk(i)) > chunkSize {
			t.Errorf("chunk %d holds %d bytes, over %d", i, len(p.chunk(i)), chunkSize)
		}
	}
}

// A list keeps its first postings in itself and moves them to a chunk
// when the next does not fit, wherever that falls; a cache's chunk given
// to a list reads back the same and takes further postings.
func TestPostingListInline(t *testing.T) {
	sizes := map[string][][2]int{
		"one small":         {{0, 1}},
		"one large":         {{70000, 3}},
		"seven small":       {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}},
		"eight small":       {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}},
		"large then small":  {{70000, 3}, {70001, 1}, {70002, 1}, {70003, 1}, {70004, 1}},
		"small then large":  {{1, 1}, {2, 1}, {3, 1}, {90000, 400}},
		"exactly seven":     {{200, 1}, {201, 1}, {202, 1}, {203, 1}}, // 4 bytes, then three of 1
		"count over 15":     {{0, 16}, {1, 17}},
		"fills after large": {{100, 1}, {101, 1}, {102, 1}, {103, 1}, {104, 1}, {105, 1}},
	}
	for name, want := range sizes {
		var p postingList
		p.last = -1
		for _, w := range want {
			p.add(int32(w[0]), w[1])
		}
		var got [][2]int
		p.each(func(doc int32, c int) { got = append(got, [2]int{int(doc), c}) })
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
		n := 0
		for i := 0; i <= len(p.fulls()); i++ {
			n += len(p.chunk(i))
		}
		if inline := p.more == nil; inline != (n <= len(p.inline)) {
			t.Errorf("%s: %d bytes, inline %v", name, n, inline)
		}
		// As a cache gives it back: one chunk, then one more posting.
		var q postingList
		q.setData(append([]byte(nil), p.chunk(0)...))
		q.last, q.entries = p.last, p.entries
		q.add(p.last+20, 2)
		got = got[:0]
		q.each(func(doc int32, c int) { got = append(got, [2]int{int(doc), c}) })
		if w := append(slices.Clone(want), [2]int{int(p.last) + 20, 2}); !slices.Equal(got, w) {
			t.Errorf("%s from a cache: got %v, want %v", name, got, w)
		}
	}
}

// A posting takes one byte when delta and count are both under 16, a
// byte and the delta when only the delta is larger, else a zero byte and
// both; each reads back as written, and a cut-off one is not a posting.
func TestPostingCodec(t *testing.T) {
	for _, c := range []struct {
		delta int32
		count int
		size  int
	}{
		{1, 1, 1}, {15, 15, 1}, {16, 1, 2}, {127, 15, 2}, {128, 3, 3}, {1 << 20, 7, 4},
		{1<<31 - 1, 1, 6}, {1, 16, 3}, {300, 300, 5}, {1<<31 - 1, 1<<31 - 1, 11},
	} {
		data := appendPosting([]byte{0xFF}, c.delta, c.count)[1:]
		if len(data) != c.size || len(data) > maxPosting {
			t.Errorf("%d×%d: %d bytes, want %d", c.delta, c.count, len(data), c.size)
		}
		// After other postings, and followed by another.
		data = appendPosting(appendPosting([]byte{0x11}, c.delta, c.count), 2, 3)
		d, n, size := nextPosting(data, 1)
		if d != c.delta || n != c.count || size != c.size {
			t.Errorf("%d×%d: read %d×%d in %d bytes", c.delta, c.count, d, n, size)
		}
		if d, n, _ := nextPosting(data, 1+size); d != 2 || n != 3 {
			t.Errorf("%d×%d: the next posting read %d×%d", c.delta, c.count, d, n)
		}
		if c.size > 1 {
			if _, _, size := nextPosting(data[1:c.size], 0); size > 0 { // its last byte cut off
				t.Errorf("%d×%d: cut to %d bytes, read as a posting", c.delta, c.count, c.size-1)
			}
		}
	}
}

// A list a cache gives its postings (one chunk of any length: in the list,
// one chunk, over a chunk, over what a chunk's length field holds) reads
// them back and takes more, across chunks, with no chunk written past.
func TestPostingListFromCache(t *testing.T) {
	for _, n := range []int{3, 7, 8, 500, chunkSize, 5000, 70000} {
		// n postings of one byte each: documents 0..n-1, once each.
		var want [][2]int
		var enc []byte
		for doc := range n {
			enc = appendPosting(enc, 1, 1)
			want = append(want, [2]int{doc, 1})
		}
		src := postingList{last: int32(n - 1), entries: int32(n)}
		src.setData(enc)
		// A cache's buffer: the postings, capped, with bytes after them
		// that appending must not touch.
		buf := append(slices.Clone(src.chunk(0)), bytes.Repeat([]byte{0xAA}, 64)...)
		data := buf[:len(src.chunk(0)):len(src.chunk(0))]
		var p postingList
		p.setData(data)
		p.last, p.entries = src.last, src.entries
		doc := int(src.last)
		for i := 0; i < 3000; i++ {
			doc += 1 + i%3*20
			p.add(int32(doc), 1+i%17)
			want = append(want, [2]int{doc, 1 + i%17})
		}
		var got [][2]int
		p.each(func(doc int32, c int) { got = append(got, [2]int{int(doc), c}) })
		if !slices.Equal(got, want) {
			t.Errorf("%d bytes from a cache: %d postings read back, want %d (or they differ)", len(data), len(got), len(want))
		}
		if tail := buf[len(data):]; !bytes.Equal(tail, bytes.Repeat([]byte{0xAA}, 64)) {
			t.Errorf("%d bytes from a cache: the bytes after them were written", len(data))
		}
		if p.bytes() <= 0 {
			t.Errorf("%d bytes from a cache: bytes() = %d", len(data), p.bytes())
		}
	}
}

// Lists over many chunks answer every kind of query: a bigram (intersect),
// a character (union), pinyin.
func TestSearchLongLists(t *testing.T) {
	const n = 30000
	docs := make([]*Document, n)
	for i := range docs {
		text := "中美貿易談判。\n"
		if i%3 == 0 {
			text = "双方同意扩大合作。\n"
		}
		docs[i] = NewDocument(fmt.Sprint("d", i), "t", text)
	}
	ix := NewIndex()
	ix.Add(docs)
	for _, tt := range []struct {
		q    string
		want int
	}{{"贸易", n - n/3}, {"贸", n - n/3}, {"合作", n / 3}, {"maoyi", n - n/3}, {"美贸易谈", n - n/3}} {
		if got := len(ix.Filter(tt.q, 0)); got != tt.want {
			t.Errorf("%q: %d documents, want %d", tt.q, got, tt.want)
		}
	}
}

// A syllable's end typed in a pinyin query holds in the index's candidate
// search as in matching: xi'an finds 西安, not 先 or 鲜.
func TestPinyinSyllableEnds(t *testing.T) {
	docs := []*Document{
		NewDocument("xian", "t", "西安是古都。\n"),
		NewDocument("first", "t", "先进制造业。\n"),
		NewDocument("fresh", "t", "新鲜空气。\n"),
	}
	ix := NewIndex()
	ix.Add(docs)
	for q, want := range map[string][]string{
		"xi'an": {"xian"}, "xi an": {"xian"}, "xi1an1": {"xian"},
		"xian": {"first", "fresh", "xian"}, "xi": {"first", "fresh", "xian"}, "xi'a": {"xian"},
	} {
		var got []string
		for _, h := range ix.Filter(q, 0) {
			got = append(got, docs[h.Doc].ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}

func FuzzSearch(f *testing.F) {
	_, ix := seedIndex(f)
	for _, q := range []string{"贸易", "mayun", "albb", "ｅＷＴＰ", "中", " ", "a", "(huì)", "中小企業", "xiang", "\x00", "💥", "经贸 合作", "ma yun 特朗普", "mǎ yún", "马云 -特朗普", `"World Trade" 贸易`, `-"一带" 中`, "贸易 OR 投资 合作", "a | b | OR", "(中美 贸易) OR 关税 -(特朗普 OR 川普)", "((a (b OR c)) OR -(d e)) f)", "-(x OR y)", "贸易* -*", "经*济＊", "贸易 source:新华社 -date:2024", "title: author:x", "信息 軟體", "特朗普 -四川", `"信息"`, "10条 date:2024-01..2024-06", "二〇二四年三月 百分之五点二", "date:>2024-03 1.5万", "date:..", "2024-03-05"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, m := range ix.Search(q, 50) {
			text := []rune(m.Doc.Text())
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("%q: bad span [%d,%d) of %d", q, m.Start, m.End, len(text))
			}
			// A match is one of the query's words (or pinyin for it), or
			// words that touch or overlap, joined: it starts with one and
			// ends with one, once the joiners matching skips are gone
			// (y 1 for y1, e-WTP for ewtp).
			got := string(dropJoiners([]rune(strings.Map(foldSeen, string(text[m.Start:m.End])))))
			var words []term // every alternative of every term (vocabulary forms too)
			for _, w := range parseTerms(q).words() {
				words = append(words, w.alternatives()...)
			}
			starts := slices.ContainsFunc(words, func(w term) bool { return strings.HasPrefix(got, string(w.q)) || w.pin != "" })
			ends := slices.ContainsFunc(words, func(w term) bool { return strings.HasSuffix(got, string(w.q)) || w.pin != "" })
			if !starts || !ends {
				t.Fatalf("%q matched %q", q, got)
			}
			checkSnippet(t, q, m)
			snip := []rune(m.Snippet)
			if m.SnippetStart < 0 || m.SnippetEnd > len(snip) || string(snip[m.SnippetStart:m.SnippetEnd]) != string(text[m.Start:m.End]) {
				t.Fatalf("%q: snippet does not hold the match", q)
			}
		}
	})
}

func TestFilter(t *testing.T) {
	c, ix := seedIndex(t)
	hits := ix.Filter("贸易", 100)
	if len(hits) != 5 || !hits[0].InTitle || c.Docs[hits[0].Doc].ID[:3] != "002" {
		t.Errorf("贸易: %+v", hits)
	}
	if got := ix.Filter("albb", 0); len(got) < 3 {
		t.Errorf("albb unchecked: %d hits, want at least the 3 true ones", len(got))
	}
	if got := ix.Filter("albb", 10); len(got) != 3 {
		t.Errorf("albb checked: %d hits, want 3", len(got))
	}
	if got := ix.Filter("不存在", 10); len(got) != 0 {
		t.Errorf("不存在: %+v", got)
	}
	if got := MatchRanges("阿里巴巴和馬雲", "mayun"); len(got) != 1 || got[0] != [2]int{5, 7} {
		t.Errorf("MatchRanges: %v", got)
	}
}

func TestCleanRawMapping(t *testing.T) {
	raw := "中美首腦會(huì)晤后,,兩國\n經(jīng)貿"
	d := NewDocument("x", "test", raw)
	ch := d.Changes()
	clean := []rune(d.Text())
	rawR := []rune(raw)
	for i := range clean {
		r := CleanToRaw(ch, i)
		if r < 0 || r > len(rawR) {
			t.Fatalf("clean %d → raw %d out of range", i, r)
		}
		if rawR[r] == clean[i] && RawToClean(ch, r) != i {
			t.Errorf("clean %d → raw %d → clean %d", i, r, RawToClean(ch, r))
		}
	}
	if got := CleanToRaw(ch, 5); string(rawR[got]) != "晤" {
		t.Errorf("clean 晤 maps to raw %q", string(rawR[got]))
	}
}

// TestIndexGrowsWhileSearched adds documents in batches while searches run
// (run with -race), and checks the grown index answers as one built whole.
func TestIndexGrowsWhileSearched(t *testing.T) {
	c, whole := seedIndex(t)
	var docs []*Document
	for i := 0; i < 40; i++ {
		for _, d := range c.Docs {
			docs = append(docs, NewDocument(d.ID+"-"+strconv.Itoa(i), d.Origin, d.Raw()))
		}
	}
	ix := NewIndex()
	done := make(chan bool)
	go func() {
		for i := 0; i < len(docs); i += 17 {
			ix.Add(docs[i:min(i+17, len(docs))])
		}
		close(done)
	}()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			ix.Search("贸易", 5)
			ix.Filter("mayun", 10)
		}
	}
	if got, want := len(ix.Filter("贸易", 0)), len(docs); got != want {
		t.Errorf("grown index finds 贸易 in %d documents, want %d", got, want)
	}
	if got, want := len(ix.Filter("albb", 1000)), 40*len(whole.Filter("albb", 100)); got != want {
		t.Errorf("albb: %d, want %d", got, want)
	}
}

// The key table finds every key it was given, and none it was not, across
// its growth.
func TestKeyTable(t *testing.T) {
	var kt keyTable
	var keys []uint64
	key := func(i int) uint64 { return bigramKey(rune(0x4E00+i%5000), rune(0x4E00+i/5000)) }
	const n = 300_000
	for i := range n {
		v, found := kt.getOrAdd(key(i), keys)
		if found || v != int32(i) {
			t.Fatalf("adding key %d: got %d, %v", i, v, found)
		}
		keys = append(keys, key(i))
	}
	for i := range n + 1000 {
		v, found := kt.get(key(i), keys)
		if found != (i < n) || found && v != int32(i) {
			t.Fatalf("key %d: got %d, %v", i, v, found)
		}
	}
	if v, found := kt.getOrAdd(key(7), keys); !found || v != 7 {
		t.Errorf("key 7 again: got %d, %v", v, found)
	}
	if v, found := (&keyTable{}).get(key(7), nil); found {
		t.Errorf("empty table: got %d", v)
	}
}

// Readings gives every character go-pinyin knows the readings go-pinyin's
// own Normal style gives (and a u for every v), in its order, with the
// marks it leaves (ê, ǖ) plain as in queries.
func TestReadingsAsGoPinyin(t *testing.T) {
	args := pinyin.NewArgs()
	args.Heteronym = true
	for cp := range pinyin.PinyinDict {
		var want []string
		for _, p := range pinyin.SinglePinyin(rune(cp), args) {
			p = tonelessReading(p) // ê and ǖ, which go-pinyin leaves
			want = appendUnique(want, p)
			if strings.ContainsRune(p, 'v') {
				want = appendUnique(want, strings.ReplaceAll(p, "v", "u"))
			}
		}
		if got := Readings(rune(cp)); !slices.Equal(got, want) {
			t.Fatalf("%c: %q, go-pinyin %q", rune(cp), got, want)
		}
	}
}

func TestTonelessPinyin(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"mayun", "mayun"},
		{"ma yun", "ma'yun"},
		{"mǎ yún", "ma'yun"},
		{"ma3 yun2", "ma'yun"},
		{"ma3yun2", "ma'yun"},
		{"xi'an", "xi'an"},
		{"xi’an", "xi'an"},
		{" xi  ' an3 ", "xi'an"},
		{"lǜ", "lv"},
		{"lü", "lv"},
		{"ńg", "ng"},
		{"g20", ""},  // 0 is no tone
		{"2017", ""}, // a number, not a tone after a syllable
		{"3ma", ""},
		{"ma33", ""},
		{"café", "cafe"},
		{"马云", ""},
		{"ma-yun", ""},
		{"", ""},
	} {
		if got := tonelessPinyin(tt.q); got != tt.want {
			t.Errorf("tonelessPinyin(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestParseTerms(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  []string // each term's folded text, then "|pin" when it has pinyin
	}{
		{"贸易", []string{"贸易"}},
		{"  贸易  ", []string{"贸易"}},
		{"经贸 合作", []string{"经贸", "合作"}},
		{"經貿 合作 经贸", []string{"经贸", "合作"}}, // the same word once, after folding
		{"ma yun", []string{"ma yun|ma'yun"}},
		{"Great Meeting", []string{"great meeting|great'meeting"}},
		{"ma yun 拜登", []string{"ma yun|ma'yun", "拜登"}},
		{"马云 eWTP 欧洲", []string{"马云", "ewtp|ewtp", "欧洲"}},
		{"2017 马云", []string{"(2017 / 二〇一七 / 二零一七 / 二○一七)", "马云"}}, // a year alone, digit by digit too
		{"2117 马云", []string{"2117", "马云"}},
		{"(huì) 会", []string{"(hui)", "会"}}, // folded: tone marks go
		{"", nil},
		{"   ", nil},
		// Quotes make a phrase, without them; a minus a word to be absent.
		{`"World Trade" 马云`, []string{"world trade|world'trade", "马云"}},
		{`"一带一路"`, []string{"一带一路"}},
		{`“一帶一路” 倡议`, []string{"一带一路", "倡议"}},
		{`＂经贸 合作＂`, []string{"经贸合作"}},        // spaces between Han characters are not told (joins)
		{`说"一带一路"倡议`, []string{`说"一带一路"倡议`}}, // quotes inside a word are searched for
		{`"一带 一路`, []string{`"一带`, "一路"}},    // a quote never closed
		{`"" 马云`, []string{`""`, "马云"}},
		{"马云 -拜登", []string{"马云", "!拜登"}},
		{"-拜登 马云", []string{"马云", "!拜登"}},
		{`贸易 -"世界 电子"`, []string{"贸易", "!世界电子"}},
		{"ma yun -te lang pu", []string{"ma yun|ma'yun", "lang pu|lang'pu", "!te|te"}},
		{"-2117", []string{"-2117"}}, // nothing to be present: the minus is searched for
		{"-贸易 -合作", []string{"-贸易", "-合作"}},
		{"COVID-19 疫情", []string{"covid19", "疫情"}}, // a hyphen inside a Latin word is not told (TestLatinHyphens)
		{"-covid-19-", []string{"-covid19-"}},
		{"马云 - 拜登", []string{"马云", "-", "拜登"}},
		{"马云 -马云", []string{"马云", "!马云"}},
		// OR (or |) joins alternatives, more tightly than a space.
		{"贸易 OR 投资", []string{"(贸易 / 投资)"}},
		{"贸易 OR 投资 合作", []string{"(贸易 / 投资)", "合作"}},
		{"合作 贸易 | 投资 | 貿易", []string{"合作", "(贸易 / 投资)"}},
		{"ma yun OR ali baba", []string{"(ma yun|ma'yun / ali baba|ali'baba)"}},
		{`"World Trade" OR eWTP -拜登`, []string{"(world trade|world'trade / ewtp|ewtp)", "!拜登"}},
		{"OR 贸易", []string{"or|or", "贸易"}},          // nothing before: a word
		{"贸易 OR", []string{"贸易", "or|or"}},          // nothing after
		{"贸易 or 投资", []string{"贸易", "or|or", "投资"}}, // OR in capitals only
		{"OR", []string{"or|or"}},
		{"贸易 OR -投资", []string{"贸易", "!投资"}}, // a word to leave out is no alternative
		{"贸易 OR 贸易", []string{"贸易"}},
		// Parentheses group; the query is rewritten as terms all present
		// (alternatives allowed) and terms absent.
		{"(贸易 OR 投资) 合作", []string{"(贸易 / 投资)", "合作"}},
		{"合作 (贸易 OR 投资 OR 出口)", []string{"合作", "(贸易 / 投资 / 出口)"}},
		{"(中美 贸易) OR 关税", []string{"(中美 / 关税)", "(贸易 / 关税)"}},
		{"(中美 OR 中欧) (贸易 OR 投资)", []string{"(中美 / 中欧)", "(贸易 / 投资)"}},
		{"马云 -(拜登 OR 美国)", []string{"马云", "!拜登", "!美国"}},
		{"马云 -(拜登 美国)", []string{"马云", "!(拜登 & 美国)"}},         // absent together
		{"(贸易 OR -投资) 合作", []string{"合作", "!(投资 unless 贸易)"}}, // A OR -B: left out with B, kept with A
		{"马云 (-拜登 OR -美国 OR 美国)", []string{"马云", "!(拜登 & 美国 unless 美国)"}},
		{"马云 -(拜登 拜登)", []string{"马云", "!拜登"}},
		{"((贸易 OR 投资) 合作) OR 关税", []string{"(贸易 / 投资 / 关税)", "(合作 / 关税)"}},
		{"(ma yun OR ali baba) 拜登", []string{"(ma yun|ma'yun / ali baba|ali'baba)", "拜登"}},
		{`("World Trade" OR eWTP) 马云`, []string{"(world trade|world'trade / ewtp|ewtp)", "马云"}},
		{"( 贸易 OR 投资 ) 合作", []string{"(贸易 / 投资)", "合作"}}, // parentheses standing alone
		{"(eWTP) 马云", []string{"(ewtp)", "马云"}},          // a word in parentheses is a word
		{"(贸易 OR 投资 合作", []string{"((贸易 / 投资)", "合作"}},   // unpaired: searched for
		{"-(贸易 OR 投资)", nil}, // nothing to be present
		// A wildcard is dropped at a word's edge and parts it inside.
		{"贸易*", []string{"贸易"}},
		{"＊贸易* 合作", []string{"贸易", "合作"}},
		{"经济*合作", []string{"经济", "合作"}},
		{"ma* yun", []string{"ma yun|ma'yun"}},
		{"马云 -拜登*", []string{"马云", "!拜登"}},
		{"*", nil},
		{`"贸易*"`, []string{"贸易*"}}, // in quotes, as typed
		{"会(huì)议 (中美 OR 中欧)", []string{"会议", "(中美 / 中欧)"}},
		// Chinese punctuation parts a word, as a pasted sentence has it
		// (the whole word an alternative of each part, so that it is
		// matched as one where the text holds it), but for a phrase and a
		// word to leave out.
		{"两国，经贸合作", []string{"(两国 / 两国,经贸合作)", "(经贸合作 / 两国,经贸合作)"}},
		{"中美、中欧；贸易。", []string{"(中美 / 中美、中欧;贸易.)", "(中欧 / 中美、中欧;贸易.)", "(贸易 / 中美、中欧;贸易.)"}},
		{`"两国，经贸"`, []string{"两国,经贸"}}, // folded: ， is ,
		{"马云 -两国，经贸", []string{"马云", "!两国,经贸"}},
		// A part may be left out as a word may, by a minus, ASCII or
		// full width (as a Chinese input method types it).
		{"两国，-经贸", []string{"两国", "!经贸"}},
		{"两国，－经贸、合作", []string{"两国", "合作", "!经贸"}},
		{"马云 －拜登", []string{"马云", "!拜登"}},
		// Pinyin syllables stay together up to a mark, as up to OR.
		{"ma yun，te lang pu", []string{"ma yun|ma'yun", "te lang pu|te'lang'pu"}},
		{"ma yun，te", []string{"ma yun|ma'yun", "(te|te / yun,te)"}},
		{"两国，-", []string{"(两国 / 两国,-)", "(- / 两国,-)"}}, // a minus before nothing is searched for
		{"，", []string{","}}, // nothing but the mark: searched for
		// ASCII marks next to Chinese are read as the cleaner reads them
		// (as the dirty text was copied): full width, so they part words.
		{"两国,经贸合作", []string{"(两国 / 两国,经贸合作)", "(经贸合作 / 两国,经贸合作)"}},
		{"马云,", []string{"(马云 / 马云,)"}}, // as 马云，: the word as typed is an alternative
		{"马云;", []string{"(马云 / 马云;)"}},
		{"马云.", []string{"(马云 / 马云.)"}}, // 。 folds to .
		{"马云? 阿里巴巴!", []string{"(马云 / 马云?)", "(阿里巴巴 / 阿里巴巴!)"}},
		{"阿里巴巴 -马云,", []string{"阿里巴巴", "!马云"}}, // a mark at a not word's end goes too
		{"阿里巴巴 -马云，", []string{"阿里巴巴", "!马云"}},
		{"3,000名", []string{"(3000名 / 三千名)"}}, // between digits: a group of digits
		{"21:42", []string{"21:42"}},
		{"u.s.", []string{"u.s."}},
		{"2，000亿，同比", []string{"(2000亿 / 二千亿 / 两千亿 / 2000亿,同比)", "(同比 / 2000亿,同比)"}}, // a comma between digits groups them
		{"(两国，经贸 OR 马云)", []string{"(两国 / 两国,经贸)", "(经贸 / 两国,经贸 / 马云)"}},             // as a space: OR binds more tightly
		// AND and NOT as search engines take them, in capitals.
		{"马云 AND 拜登", []string{"马云", "拜登"}},
		{"马云 NOT 拜登", []string{"马云", "!拜登"}},
		{`马云 NOT "World Trade"`, []string{"马云", "!world trade|world'trade"}},
		{"NOT 拜登 马云", []string{"马云", "!拜登"}},
		{"马云 NOT (拜登 OR 美国)", []string{"马云", "!拜登", "!美国"}},
		{"(马云 AND eWTP) OR 阿里", []string{"(马云 / 阿里)", "(ewtp|ewtp / 阿里)"}},
		{"AND", []string{"and|and"}},
		{"马云 NOT", []string{"马云", "not|not"}},
		{"AND 马云", []string{"and|and", "马云"}},
		{"马云 and 拜登", []string{"马云", "and|and", "拜登"}}, // capitals only
		{"马云 NOT -拜登", []string{"马云", "not|not", "!拜登"}},
		// Corner brackets quote as quotation marks do.
		{"「一帶一路」 倡议", []string{"一带一路", "倡议"}},
		// A word of the cross-strait vocabulary is searched for as its
		// equivalents too, wherever the query takes it; in quotes, as typed.
		{"软件", []string{"(软件 / 软体)"}},
		{"軟體開發 合作", []string{"(软体开发 / 软件开发)", "合作"}},
		{`"软件"`, []string{"软件"}},
		{"「軟體」", []string{"软体"}},
		{"马云 -特朗普", []string{"马云", "!(特朗普 / 川普)"}},
		{"特朗普 OR 川普", []string{"(特朗普 / 川普)"}},
		// Two absent words, each the other's equivalent: the same words, but
		// the vocabulary's 川普 is not the one in 四川普遍, the query's is.
		{"马云 -(特朗普 OR 川普)", []string{"马云", "!(特朗普 / 川普)", "!(川普 / 特朗普)"}},
		{"(软件 OR 硬件) 合作", []string{"(软件 / 软体 / 硬件 / 硬体)", "合作"}},
		{"(软件 合作) OR 贸易", []string{"(软件 / 软体 / 贸易)", "(合作 / 贸易)"}},
		{"马云 -(特朗普 合作)", []string{"马云", "!((特朗普 / 川普) & 合作)"}},
		{"『世界 电子』", []string{"世界电子"}},
	} {
		var got []string
		for _, tm := range parseTerms(tt.query) {
			show := func(t term) string {
				s := string(t.q)
				if t.not {
					s = "!" + s
				}
				if t.pin != "" {
					s += "|" + t.pin
				}
				return s
			}
			s := show(tm)
			if len(tm.together) > 0 {
				var all, unless []string
				for _, a := range tm.together {
					if len(a.or) > 0 {
						var alts []string
						for _, o := range a.or {
							alts = append(alts, show(o))
						}
						all = append(all, "("+strings.Join(alts, " / ")+")")
						continue
					}
					all = append(all, show(a))
				}
				for _, a := range tm.unless {
					unless = append(unless, show(a))
				}
				s = "!(" + strings.Join(all, " & ")
				if len(unless) > 0 {
					s += " unless " + strings.Join(unless, " / ")
				}
				s += ")"
			}
			if len(tm.or) > 0 {
				var alts []string
				for _, a := range tm.or {
					alts = append(alts, show(a))
				}
				s = "(" + strings.Join(alts, " / ") + ")"
				if tm.not {
					s = "!" + s
				}
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("parseTerms(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// TestWordsAreAnded checks queries of two Han words against a plain reading of
// every seed: a document is found when its text holds both words (in either
// script), and every match is one of the words.
func TestWordsAreAnded(t *testing.T) {
	c, _ := Load(context.Background(), Options{Seeds: seeds.FS()})
	ix := BuildIndex(c)
	var words []string
	for _, d := range c.Docs {
		r := []rune(d.Text())
		for i := 0; i+2 < len(r); i += 97 {
			if isHan(r[i]) && isHan(r[i+1]) { // Latin letters would match by pinyin too
				words = append(words, string(r[i:i+2]))
			}
		}
	}
	words = append(words, "马云", "特朗普", "不在这里")
	rng := rand.New(rand.NewPCG(1, 2))
	pairs := 0
	for range 300 {
		a, b := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		if FoldString(a) == FoldString(b) {
			continue
		}
		pairs++
		q := a + " " + b
		var want []string
		for _, d := range c.Docs {
			text := FoldString(d.Text())
			if strings.Contains(text, FoldString(a)) && strings.Contains(text, FoldString(b)) {
				want = append(want, d.ID)
			}
		}
		var got []string
		for _, h := range ix.Filter(q, math.MaxInt) {
			got = append(got, c.Docs[h.Doc].ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Filter(%q) = %v, want %v", q, got, want)
		}
		// Unchecked, on the index alone: for words of two characters the
		// index's hits are exact, so the documents must be the same.
		got = got[:0]
		for _, h := range ix.Filter(q, 0) {
			got = append(got, c.Docs[h.Doc].ID)
		}
		slices.Sort(got)
		if len([]rune(a)) == 2 && len([]rune(b)) == 2 && !slices.Equal(got, want) {
			t.Errorf("Filter(%q, 0) = %v, want %v", q, got, want)
		}
		seen := map[string]bool{}
		fa, fb := FoldString(a), FoldString(b)
		for _, m := range ix.Search(q, 0) {
			seen[m.Doc.ID] = true
			checkSnippet(t, q, m)
			// A word, or words that touch or overlap joined (see joinMatch).
			w := FoldString(string([]rune(m.Doc.Text())[m.Start:m.End]))
			if !(strings.HasPrefix(w, fa) || strings.HasPrefix(w, fb)) || !(strings.HasSuffix(w, fa) || strings.HasSuffix(w, fb)) ||
				len(w) > len(fa)+len(fb) {
				t.Errorf("Search(%q) matched %q", q, w)
			}
		}
		if len(seen) != len(want) {
			t.Errorf("Search(%q) found %d documents, want %d", q, len(seen), len(want))
		}
	}
	if pairs < 200 {
		t.Fatalf("only %d pairs", pairs)
	}
}

// checkSnippet checks that a match's snippet is the text around it in its
// paragraph, with the match where SnippetStart and SnippetEnd say.
func checkSnippet(t *testing.T, q string, m Match) {
	t.Helper()
	text := []rune(m.Doc.Text())
	from := m.Start - m.SnippetStart
	if from < 0 || from+len([]rune(m.Snippet)) > len(text) || string(text[from:from+len([]rune(m.Snippet))]) != m.Snippet {
		t.Errorf("Search(%q): snippet %q is not the text at %d", q, m.Snippet, from)
		return
	}
	if m.SnippetEnd-m.SnippetStart != m.End-m.Start || strings.Contains(m.Snippet, "\n") {
		t.Errorf("Search(%q): snippet %q, match %d–%d, in the snippet %d–%d", q, m.Snippet, m.Start, m.End, m.SnippetStart, m.SnippetEnd)
	}
}

// Words of a query that touch or overlap in the text make one match, with
// one snippet; apart, a match each.
func TestJoinedMatches(t *testing.T) {
	text := "中国与马来西亚深化经贸合作，前景广阔。\n另有经贸往来，也有合作。\n合作经贸。"
	doc := NewDocument("j", "test", text)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"经贸 合作", []string{"经贸合作", "经贸", "合作", "合作经贸"}},
		{"经贸合 贸合作", []string{"经贸合作"}},
		{"經貿 合作", []string{"经贸合作", "经贸", "合作", "合作经贸"}},
		{"经贸 贸", []string{"经贸", "经贸", "经贸"}},
	} {
		ms := parseTerms(c.q).find(doc.Text())
		var got []string
		for _, m := range ms {
			m.Doc = doc
			checkSnippet(t, c.q, m)
			got = append(got, string([]rune(doc.Text())[m.Start:m.End]))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.q, got, c.want)
		}
		var ranges []string
		for _, r := range MatchRanges(doc.Text(), c.q) {
			ranges = append(ranges, string([]rune(doc.Text())[r[0]:r[1]]))
		}
		if !slices.Equal(ranges, c.want) {
			t.Errorf("MatchRanges(%q): %q, want %q", c.q, ranges, c.want)
		}
	}
	// Highlights show whichever words are there; MatchRanges needs all.
	if got := HighlightRanges(doc.Text(), "经贸 不在"); len(got) != 3 || got[0] != [2]int{9, 11} {
		t.Errorf("HighlightRanges: %v", got)
	}
	if got := MatchRanges(doc.Text(), "经贸 不在"); got != nil {
		t.Errorf("MatchRanges with a word missing: %v", got)
	}
}

// The filter finds documents by their ID (the file's name) too, first.
func TestFilterByID(t *testing.T) {
	docs := []*Document{
		NewDocument("mfa-text", "t", "外交部发言人表示，中方欢迎各方参与。\n"),
		NewDocument("cna-20240305", "t", "行政院會今天通過特別預算。\n"),
		NewDocument("外交部发言", "t", "今天的例行记者会取消。\n"),
		NewDocument("CNA-20240306", "t", "立法院下週審查特別預算。\n"),
	}
	ix := NewIndex()
	ix.Add(docs)
	for q, want := range map[string][]string{
		"cna":      {"cna-20240305", "CNA-20240306"},
		"ＣＮＡ-2024": {"cna-20240305", "CNA-20240306"},
		"外交部":      {"外交部发言", "mfa-text"},
		"特別預算":     {"cna-20240305", "CNA-20240306"},
		"20240305": {"cna-20240305"},
		// One scan of every ID: a match never runs from one into the next,
		// and a query holding a NUL matches no ID.
		"text":        {"mfa-text"},
		"textcna":     nil,
		"text\x00cna": nil,
		"0306":        {"CNA-20240306"},
		"cna-2024030": {"cna-20240305", "CNA-20240306"},
	} {
		var got []string
		for _, h := range ix.Filter(q, 10) {
			got = append(got, docs[h.Doc].ID)
			if h.InID != strings.Contains(FoldString(docs[h.Doc].ID), FoldString(q)) {
				t.Errorf("%q: %s InID %v", q, docs[h.Doc].ID, h.InID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}

// sortRuns sorts whatever it is given: a few ascending runs (its case),
// many, one, none, repeats.
func TestSortRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, runs := range []int{0, 1, 2, 3, 4, 7, 32, 33, 34, 100} {
		for _, n := range []int{0, 1, 2, 5, 100, 1000} {
			var a []int64
			for r := 0; r < runs; r++ {
				run := make([]int64, rng.IntN(n+1))
				for i := range run {
					run[i] = rng.Int64N(int64(n) + 1)
				}
				slices.Sort(run)
				a = append(a, run...)
			}
			want := slices.Sorted(slices.Values(a))
			sortRuns(a)
			if !slices.Equal(a, want) {
				t.Fatalf("%d runs of up to %d: %v, want %v", runs, n, a, want)
			}
		}
	}
}

// TestLatinHyphens finds Latin words and numbers with or without a hyphen
// between letters or digits (or a comma between digits), in the text or
// the query, and as word processors write hyphens; the index finds the
// documents the text does (Filter with nothing checked).
func TestLatinHyphens(t *testing.T) {
	docs := []*Document{
		NewDocument("a", "a", "新冠肺炎(COVID-19)疫情防控。"),
		NewDocument("b", "b", "世卫组织称COVID‐19疫情仍在持续。"),
		NewDocument("c", "c", "阿里巴巴的eWTP项目与e-WTP平台。"),
		NewDocument("d", "d", "发布于2024-03-05。"),
		NewDocument("e", "e", "关于COVID-\n19的报告。"),
		NewDocument("f", "f", "covid--19 and covid-x19 and -19."),
		NewDocument("g", "g", "总额2,000億元，增长3，5个百分点；一,二。"),
		NewDocument("h", "h", "在G 20峰会和新冠(COVID 19)期间，Windows 10发布，World Trade，5 G网络。"),
		NewDocument("i", "i", "同比增长5.2 %，占30 ％，百分之五点二。"),
	}
	ix := NewIndex()
	ix.Add(docs)
	for _, tt := range []struct {
		query string
		ids   string
		first string // the first match as the text has it
	}{
		{"covid19", "a b h", "COVID-19"},
		{"covid-19", "a b h", "COVID-19"},
		{"COVID‐19", "a b h", "COVID-19"},
		{`"covid 19"`, "a b h", "COVID-19"},
		// A space joins a letter and a digit, not two letters.
		{"g20", "h", "G 20"},
		{"windows10", "h", "Windows 10"},
		{"5g网络", "h", "5 G网络"},
		{"worldtrade", "", ""},
		{"ewtp", "c", "eWTP"},
		{"e-wtp", "c", "eWTP"},
		{"20240305", "d", "2024-03-05"},
		{"2024-03-05", "d", "2024-03-05"},
		{"covidx19", "f", "covid-x19"},
		{"covid--19", "f", "covid--19"}, // two hyphens are text
		{"2000亿", "g", "2,000億"},
		{"2,000亿", "g", "2,000億"},
		{"35个", "g", "3，5个"},
		{"一二", "", ""}, // a comma joins digits only
		// and a space a number and its percent sign.
		{"5.2%", "i", "5.2 %"},
		{"30%", "i", "30 ％"},
	} {
		ids := checkSearch(t, ix, tt.query, tt.ids, tt.first)
		filtered := filterIDs(ix, docs, tt.query, 0)
		for _, id := range ids {
			if !slices.Contains(filtered, id) {
				t.Errorf("filter %q: %v, without %s, which search finds", tt.query, filtered, id)
			}
		}
	}
}

// A run of spaces between two Han characters (a web page's or a PDF's
// stray space, a heading spaced out) is not told from its absence; a tab
// (between a table's cells) or a mark is.
func TestHanSpaces(t *testing.T) {
	docs := []*Document{
		NewDocument("a", "a", "为贯彻落实 党中央决策部署。"),
		NewDocument("b", "b", "通　　知\n\n各单位：请报送材料。"),
		NewDocument("c", "c", "为贯彻落实\u00a0\u00a0党中央的部署。"),
		NewDocument("d", "d", "张三\t李四\n王五 | 赵六"),
		NewDocument("e", "e", "要落实。党中央说，落实 Party 党中央。"),
		NewDocument("f", "f", "落实党中央部署。"),
	}
	checkSearches(t, docs, true, []searchCase{
		{"落实党中央", "a c f", "落实 党中央"},
		{"贯彻落实党中央决策", "a", "贯彻落实 党中央决策"},
		{"通知", "b", "通　　知"},
		{"三李", "", ""},
		{"五赵", "", ""},
		{"实党", "a c f", "实 党"},
		{"落实 党中央", "a c e f", "落实"},
	})
}

// searchIDs returns the IDs of the documents Search finds for query, in
// order, and its first match as the text has it.
func searchIDs(ix *Index, query string) (ids []string, first string) {
	for _, m := range ix.Search(query, 0) {
		if !slices.Contains(ids, m.Doc.ID) {
			ids = append(ids, m.Doc.ID)
		}
		if first == "" {
			first = string([]rune(m.Snippet)[m.SnippetStart:m.SnippetEnd])
		}
	}
	slices.Sort(ids)
	return ids, first
}

// checkSearch checks that Search finds query in the documents ids
// (space-separated, sorted) and first in the text as its first match, and
// returns the IDs it found.
func checkSearch(t *testing.T, ix *Index, query, ids, first string) []string {
	t.Helper()
	got, gotFirst := searchIDs(ix, query)
	if strings.Join(got, " ") != ids || gotFirst != first {
		t.Errorf("search %q: %q, first %q; want %q, first %q", query, strings.Join(got, " "), gotFirst, ids, first)
	}
	return got
}

// searchCase is a query, the documents that hold it (space-separated,
// sorted) and its first match as the text has it.
type searchCase struct{ query, ids, first string }

// checkSearches indexes docs and checks every case with checkSearch, and,
// with filter, that the reader's filter finds the same documents.
func checkSearches(t *testing.T, docs []*Document, filter bool, cases []searchCase) {
	t.Helper()
	ix := NewIndex()
	ix.Add(docs)
	for _, c := range cases {
		checkSearch(t, ix, c.query, c.ids, c.first)
		if !filter {
			continue
		}
		if got := strings.Join(filterIDs(ix, docs, c.query, 10), " "); got != c.ids {
			t.Errorf("filter %q: %q; want %q", c.query, got, c.ids)
		}
	}
}

// filterIDs returns the IDs of the documents Filter finds for query (the
// first check of them checked against their text), sorted.
func filterIDs(ix *Index, docs []*Document, query string, check int) []string {
	var out []string
	for _, h := range ix.Filter(query, check) {
		out = append(out, docs[h.Doc].ID)
	}
	slices.Sort(out)
	return out
}

// Characters that draw nothing are looked through: web pages put zero-width
// spaces inside words (against copying), word processors soft hyphens, and
// a variation selector picks a glyph of the character before it.
func TestIgnorableInWords(t *testing.T) {
	docs := []*Document{
		NewDocument("zw", "a", "两国经\u200b贸合作，双方\u200c同意\u2060推进，中\ufeff美关系。"),
		NewDocument("shy", "b", "国际in\u00adter\u00adnet治理与软\u00ad连字。"),
		NewDocument("ivs", "c", "葛\U000E0101城市与马\u200b云。"),
		NewDocument("plain", "d", "经贸往来与中美对话。"),
		NewDocument("rtl", "e", "四\u200b川\u202e普遍\u202c增长。"),
	}
	checkSearches(t, docs, true, []searchCase{
		{"经贸", "plain zw", "经\u200b贸"},
		{"经贸合作", "zw", "经\u200b贸合作"},
		{"双方同意推进", "zw", "双方\u200c同意\u2060推进"},
		{"中美", "plain zw", "中\ufeff美"},
		{"internet", "shy", "in\u00adter\u00adnet"},
		{"软连字", "shy", "软\u00ad连字"},
		{"葛城", "ivs", "葛\U000E0101城"},
		{"mayun", "ivs", "马\u200b云"},
		{"my", "ivs", "马\u200b云"},
		{"jingmao", "plain zw", "经\u200b贸"},
		{"经\u200b贸", "plain zw", "经\u200b贸"}, // a query pasted with one
		{"\u200b", "", ""},
		{"特朗普", "", ""}, // 四川普遍 holds no 川普 (Trump), with what draws nothing between
		{"川普遍", "rtl", "川\u202e普遍"},
	})
	if got := HighlightRanges("两国经\u200b贸合作", "经贸合作"); len(got) != 1 || got[0] != [2]int{2, 7} {
		t.Errorf("HighlightRanges: %v", got)
	}
}

// A query copied from dirty text has ASCII marks where the clean text has
// full-width ones (两国,经贸合作 is 两国，经贸合作 once cleaned): they part
// words as the full-width marks do, where the cleaner would have turned them.
func TestQueryASCIIMarks(t *testing.T) {
	docs := []*Document{
		NewDocument("raw", "a", "中美首脑会晤后,两国经贸合作正在加速进行.马云表示:很高兴!"),
		NewDocument("clean", "b", "两国，经贸往来；马云说。"),
		NewDocument("digits", "c", "超过3,000名代表，21:42开幕。"),
	}
	checkSearches(t, docs, true, []searchCase{
		{"两国,经贸合作", "raw", "两国经贸合作"},
		{"会晤后,两国", "raw", "会晤后，两国"},
		{"马云,", "clean raw", "马云"},
		{"马云:", "clean raw", "马云"},
		{"经贸;", "clean raw", "经贸"},
		{"进行.", "raw", "进行。"}, // the word as typed, marks and all, is found too
		{"很高兴!", "raw", "很高兴！"},
		{"经贸 -马云,", "", ""},
		{"两国 -往来,", "raw", "两国"},
		{"3,000名", "digits", "3,000名"},
		{"21:42", "digits", "21:42"},
	})
}

// Latin letters match without their diacritics, precomposed or combining,
// but for pinyin's ü.
func TestDiacritics(t *testing.T) {
	docs := []*Document{
		NewDocument("pre", "a", "土耳其总统Erdoğan与São Paulo市长会见，拼音zhōng。"),
		NewDocument("comb", "b", "拼音zho\u0304ng与Sa\u0303o Paulo。"),
		NewDocument("nu", "c", "女子(nǚ zǐ)与愤怒(fèn nù)，Zürich。"),
		NewDocument("greek", "d", "希腊语Αθήνα。"),
		NewDocument("cyr", "e", "俄语Иван и Йошкар-Ола。"),
	}
	checkSearches(t, docs, false, []searchCase{
		{"erdogan", "pre", "Erdoğan"},
		{"Erdoğan", "pre", "Erdoğan"},
		{"sao paulo", "comb pre", "São Paulo"},
		{"sao", "comb pre", "São"},
		{"zhong", "comb pre", "zhōng"},
		{"zhōng", "comb pre", "zhōng"},
		{"zho\u0304ng", "comb pre", "zhōng"},
		{"sa\u0303o", "comb pre", "São"},
		{"zürich", "nu", "Zürich"},
		{"zurich", "", ""}, // ü stays ü: pinyin reads it as v
		{"αθηνα", "greek", "Αθήνα"},
		{"йошкар", "cyr", "Йошкар"},
		{"иошкар", "", ""}, // й is not и
	})
	for r, want := range map[rune]rune{'É': 'e', 'ō': 'o', 'ǎ': 'a', 'ḿ': 'm', 'ế': 'e', 'ǜ': 'ü', 'Ü': 'ü', 'ø': 'ø', 'ß': 'ß', 'й': 'й', 'ά': 'α', 'Ö': 'o'} {
		if got := Fold(r); got != want {
			t.Errorf("Fold(%q) = %q, want %q", r, got, want)
		}
	}
	// Pinyin typed with tone marks still reads as pinyin: nǚ is nv, not nu.
	if _, pin := parseQuery("nǚ zǐ"); pin != "nv'zi" {
		t.Errorf("nǚ zǐ reads as pinyin %q", pin)
	}
}

func TestIgnorable(t *testing.T) {
	for r, want := range map[rune]bool{
		'a': false, ' ': false, '中': false, '\u3000': false, '\u00a0': false, '\u200b': true, '\u200d': true,
		'\u00ad': true, '\u2060': true, '\ufeff': true, '\ufe0f': true, '\U000E0101': true, '\u202e': true,
		'\u2066': true, '\u3164': true, '\u061c': true, '\u180e': true, '\U000E0FFF': true, '\U000E1000': false,
		'\u200a': false, '\u2010': false, '\ufe10': false, '\u0600': false, '👍': false, '\U0001F3FB': false,
	} {
		if got := Ignorable(r); got != want {
			t.Errorf("Ignorable(%U) = %v", r, got)
		}
		if SearchSkips(r) != want {
			t.Errorf("SearchSkips(%U) = %v", r, !want)
		}
	}
	for _, r := range []rune{0x300, 0x304, 0x36F, 0x1DC0, 0xFE20} {
		if !SearchSkips(r) || Ignorable(r) {
			t.Errorf("combining mark %U: SearchSkips %v, Ignorable %v", r, SearchSkips(r), Ignorable(r))
		}
	}
	// Against Unicode's own list, where the unicode-data package put it.
	b, err := os.ReadFile("/usr/share/unicode/DerivedCoreProperties.txt")
	if err != nil {
		t.Skip("no DerivedCoreProperties.txt (Debian's unicode-data): the table above stands")
	}
	want := map[rune]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || f[1] != ";" || f[2] != "Default_Ignorable_Code_Point" {
			continue
		}
		lo, hi, _ := strings.Cut(f[0], "..")
		if hi == "" {
			hi = lo
		}
		a, _ := strconv.ParseUint(lo, 16, 32)
		z, _ := strconv.ParseUint(hi, 16, 32)
		for r := rune(a); r <= rune(z); r++ {
			want[r] = true
		}
	}
	if len(want) < 4000 {
		t.Fatalf("read %d default ignorable code points", len(want))
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if Ignorable(r) != want[r] {
			t.Errorf("Ignorable(%U) = %v; Unicode says %v", r, Ignorable(r), want[r])
		}
	}
}

// SearchDocuments gives the documents Search's matches are in, each once,
// in Search's order, with their number of matches; its limit counts
// documents.
func TestSearchDocuments(t *testing.T) {
	_, ix := seedIndex(t)
	for _, q := range []string{"中美", "阿里巴巴", "马云 -特朗普", "mayun", "贸易 OR 投资", "马云 date:2017", "完全不存在", "source:人民网 贸易"} {
		var want []DocumentMatches
		for _, m := range ix.Search(q, 0) {
			if n := len(want); n > 0 && want[n-1].Doc == m.Doc {
				want[n-1].Matches++
				continue
			}
			want = append(want, DocumentMatches{Doc: m.Doc, Matches: 1, InTitle: m.InTitle})
		}
		got := ix.SearchDocuments(q, 0)
		if !slices.Equal(got, want) {
			t.Errorf("SearchDocuments(%q) = %v, want %v", q, got, want)
		}
		if len(want) > 1 {
			if got := ix.SearchDocuments(q, 1); len(got) != 1 || got[0] != want[0] {
				t.Errorf("SearchDocuments(%q, 1) = %v, want %v", q, got, want[:1])
			}
		}
	}
	if got := ix.SearchDocuments("中美", 0); len(got) != 2 || got[0].Matches < 20 {
		t.Errorf("中美: %v", got)
	}
}
