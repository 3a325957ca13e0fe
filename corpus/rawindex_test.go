package corpus

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"jianbao/seeds"
)

// The index is built from raw text and answers for the clean text. Every
// piece of every seed's clean text must be found in its document (the
// index's keys are a superset of the clean text's), through both ways of
// building it: the loader's workers and Add.
func TestRawIndexFindsEveryCleanPiece(t *testing.T) {
	loaded := NewIndex()
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS(), Index: loaded, Workers: 3})
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	added := BuildIndex(c)
	for name, ix := range map[string]*Index{"loader": loaded, "Add": added} {
		if ix.Len() != c.Len() {
			t.Fatalf("%s: %d documents indexed, want %d", name, ix.Len(), c.Len())
		}
		checked := 0
		for di, d := range c.Docs {
			clean := []rune(d.Text())
			for i := 0; i+3 <= len(clean); i += 5 {
				piece := string(clean[i : i+3])
				if strings.ContainsFunc(piece, unicode.IsSpace) {
					continue
				}
				checked++
				if !slices.ContainsFunc(ix.Filter(piece, 0), func(h Hit) bool { return int(h.Doc) == di }) {
					t.Errorf("%s: %q of %s's clean text is not found in it", name, piece, d.ID)
				}
			}
		}
		if checked < 1000 {
			t.Fatalf("only %d pieces checked", checked)
		}
	}
}

// The joins the cleaner makes are found; what it removes is not.
func TestRawIndexFollowsTheCleaner(t *testing.T) {
	docs := []*Document{
		NewDocument("pinyin", "t", "兩國會(huì)(huì)議在北京舉行。\n"),
		NewDocument("commas", "t", "中美貿易,,。雙方同意。\n"),
		NewDocument("debris", "t", "正文第一段。\n分享到微信\n正文第二段。\n"),
		NewDocument("dup", "t", "同一段落重复出现。\n\n同一段落重复出现。\n"),
		NewDocument("markup", "t", "要推进&ldquo;一带一路&rdquo;建设<br/>今年<b>重点</b>任务&#65292;稳中求进。\n"),
	}
	ix := NewIndex()
	ix.Add(docs)
	found := func(q string) []string {
		var ids []string
		for _, m := range ix.Search(q, 0) {
			ids = append(ids, fmt.Sprintf("%s@%d", m.Doc.ID, m.Start))
		}
		return ids
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"会议", []string{"pinyin@2"}},         // 會(huì)(huì)議 → 會議
		{"易。", []string{"commas@3"}},         // 貿易,,。 → 貿易。
		{"分享到", nil},                         // a share button, dropped
		{"重复出现", []string{"dup@4"}},          // once: the copy is dropped
		{"(huì)", nil},                       // the annotation itself is gone
		{"huì", []string{"pinyin@2"}},        // as pinyin it finds 會
		{"推进“一带一路”建设", []string{"markup@1"}}, // references read as the characters
		{"年重点任务，稳", []string{"markup@13"}},   // a tag looked through, &#65292; a comma
		{"设今", nil},                          // <br/> mid-line ends the line
		{"ldquo", nil},
	} {
		if got := found(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// Documents are cleaned the first time their text is read, once, whatever
// the number of goroutines reading (run with -race).
func TestLazyCleaning(t *testing.T) {
	d := NewDocument("x", "t", "中美首腦會(huì)晤后,,兩國經(jīng)貿合作。\n")
	if d.Cleaned() {
		t.Fatal("cleaned before its text was read")
	}
	var wg sync.WaitGroup
	texts := make([]string, 8)
	for i := range texts {
		wg.Add(1)
		go func() { defer wg.Done(); texts[i] = d.Text() }()
	}
	wg.Wait()
	want, _ := Clean(d.Raw())
	for _, got := range texts {
		if got != want {
			t.Fatalf("Text() = %q, want %q", got, want)
		}
	}
	if !d.Cleaned() || d.Chars() != len([]rune(want)) {
		t.Errorf("Cleaned %v, Chars %d", d.Cleaned(), d.Chars())
	}
}

// Counting a document's clean length does not keep its clean text (a list
// of the corpus must not double it in memory), and agrees with Text, in
// either order and from many goroutines.
func TestCharsKeepsNoCleanText(t *testing.T) {
	raw := "中美首腦會(huì)晤后,,兩國經(jīng)貿合作。\n分享到微信\n"
	want, _ := Clean(raw)
	d := NewDocument("x", "t", raw)
	if got := d.Chars(); got != len([]rune(want)) {
		t.Errorf("Chars = %d, want %d", got, len([]rune(want)))
	}
	if d.Cleaned() {
		t.Error("Chars kept the clean text")
	}
	d = NewDocument("y", "t", raw)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); d.Text() }()
		go func() {
			defer wg.Done()
			if got := d.Chars(); got != len([]rune(want)) {
				t.Errorf("Chars = %d while cleaning, want %d", got, len([]rune(want)))
			}
		}()
	}
	wg.Wait()
}

// Metadata is read off the raw text when a document loads; for the seeds
// it is what the clean text gives.
func TestLoadTimeMetadataMatchesClean(t *testing.T) {
	for name, raw := range seedTexts(t) {
		d := NewDocument(name, "t", raw)
		clean, _ := Clean(raw)
		want := ExtractMetadata(clean)
		got := Metadata{Title: d.Title, Date: d.Date, Source: d.Source, Author: d.Author, Script: d.Script}
		if got != want {
			t.Errorf("%s:\n got %+v\nwant %+v", name[:3], got, want)
		}
		if d.Cleaned() {
			t.Errorf("%s: reading the metadata cleaned the document", name[:3])
		}
	}
}

// FuzzRawIndex checks the superset property on any text: every two
// characters of the clean text are found in the document.
func FuzzRawIndex(f *testing.F) {
	f.Add("兩國會(huì)(huì)議,,。中(a,b)文:1:2,。\u00a0\u00a0x\n\n分享\n\n乙\n\n乙")
	f.Add("貿易，，？好（zōng）的")
	f.Add("10 日凌晨, 马云在纽约. 特朗普: “很好”, 他说")
	f.Add("2017 年 1\u00a0月 10\u00a0\u00a0日, 使用 Python 开发")
	f.Add("新冠(COVID-\n19)与e‐WTP、a-(huì)b，x-,y，2,000亿与3，5,,6,\n7")
	f.Add("两国经\u200b贸\u00ad合作，会\u200b(huì)\u2060议，葛\U000E0101字 a\u200d\u200db \ufeff\n\u200b乙")
	f.Add("&nbsp;&nbsp;新华社电&nbsp;国务院&ldquo;一带&rdquo;<br/>路<p>甲</p>\n<span class=\"x\">乙</span>&#65292;&#27;&amp;lt;b&amp;gt;丙&lt;br&gt;丁&ldquo；")
	for _, text := range seedTexts(f) {
		f.Add(text[:min(len(text), 400)])
	}
	// pdftotext's output of a justified PDF: a paragraph going on across a
	// page break, its number and the form feed that starts the next page.
	var prose []rune
	for r := rune(0x4E00); len(prose) < 600; r += 7 { // no pair twice
		prose = append(prose, r)
		if len(prose)%9 == 0 {
			prose = append(prose, '，')
		}
	}
	wrapped := strings.Split(pdfWrap(string(prose)), "\n")
	f.Add(strings.Join(wrapped[:4], "\n") + "\n\n1\n\n\f" + strings.Join(wrapped[4:], "\n"))
	f.Fuzz(func(t *testing.T, raw string) {
		if !utf8ValidNoNUL(raw) {
			return
		}
		d := NewDocument("f", "fuzz", raw)
		ix := NewIndex()
		ix.Add([]*Document{d})
		// What search sees: the clean text without the runes it looks
		// through (a zero-width space inside 经贸).
		clean := []rune(strings.Map(func(r rune) rune {
			if SearchSkips(r) {
				return -1
			}
			return r
		}, d.Text()))
		for i := 0; i+2 <= len(clean); i++ {
			piece := string(clean[i : i+2])
			if strings.ContainsFunc(piece, unicode.IsSpace) {
				continue
			}
			query := piece
			if strings.ContainsAny(piece, "*＊") {
				query = `"` + piece + `"` // a wildcard, as typed
			}
			if len(ix.Filter(query, 0)) != 1 {
				t.Fatalf("%q of the clean text %q is not found", piece, string(clean))
			}
		}
		// Letters or digits either side of a joiner pair (covid19 finds
		// COVID-19, 2000 2,000).
		folded := []rune(FoldString(string(clean)))
		for i := range folded {
			if isJoiner(folded, i) {
				if query := string(folded[i-1]) + string(folded[i+1]); len(ix.Filter(query, 0)) != 1 {
					t.Fatalf("%q across the hyphen of the clean text %q is not found", query, string(clean))
				}
			}
		}
	})
}

func utf8ValidNoNUL(s string) bool {
	return !strings.ContainsRune(s, 0) && strings.ToValidUTF8(s, "") == s
}
