package corpus

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The vocabulary as written: no word twice (after folding: 軟體 and 软体
// are one word), every group two words or more, every word Han.
func TestVocabularyTable(t *testing.T) {
	v, err := builtinVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.groups) < 100 {
		t.Fatalf("%d groups: the table was not read", len(v.groups))
	}
	for _, g := range v.groups {
		if len(g) < 2 {
			t.Errorf("a group of one word: %q", string(g[0].q))
		}
		for _, w := range g {
			for _, r := range string(w.q) + string(w.notAfter) {
				if !unicode.Is(unicode.Han, r) {
					t.Errorf("%q (not after %q): %q is not Han", string(w.q), string(w.notAfter), r)
				}
			}
		}
	}
}

func TestVocabularyForms(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want []string // each form, then "!chars" when it must not follow them
	}{
		{"软件", []string{"软件", "软体"}},
		{"軟體", []string{"软体", "软件"}},
		{"软件开发", []string{"软件开发", "软体开发"}},
		{"开源软件", []string{"开源软件", "开源软体"}},
		{"信息软件", []string{"信息软件", "信息软体", "资讯软件", "资讯软体"}},
		// The longest word at each place: 个人信息 is one word, not 信息.
		{"个人信息", []string{"个人信息", "个人资料", "个资", "个人资讯"}},
		{"保护个人信息", []string{"保护个人信息", "保护个人资料", "保护个资", "保护个人资讯"}},
		// A form that starts with a word the vocabulary gave carries its
		// context; inside a form the query's own characters are the context.
		{"特朗普", []string{"特朗普", "川普!四银"}},
		// Hong Kong's forms.
		{"隐私", []string{"隐私", "私隐"}},
		{"流動電話", []string{"流动电话", "移动电话", "行动电话"}},
		{"视频会议", []string{"视频会议", "视讯会议", "视像会议!电"}},
		{"川普", []string{"川普", "特朗普"}},
		{"特朗普政府", []string{"特朗普政府", "川普政府!四银"}},
		{"美国特朗普", []string{"美国特朗普", "美国川普"}},
		{"加薩走廊", []string{"加萨走廊", "加沙走廊!增参追添施更外附叠强"}},
		// 川普 after 四 is no name, in a query as in a text.
		{"四川普通话", nil},
		{"增加沙漠治理", nil},
		{"贸易", nil},
		{"ruanjian", nil},
		{"", nil},
	} {
		var got []string
		for _, f := range vocabularyForms([]rune(FoldString(tt.q))) {
			s := string(f.q)
			if len(f.notAfter) > 0 {
				s += "!" + string(f.notAfter)
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("vocabularyForms(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
	// Many words: the forms are bounded, the query's own first.
	q := []rune(strings.Repeat("软件信息", 8))
	forms := vocabularyForms(q)
	if len(forms) != maxVocabularyForms || string(forms[0].q) != string(q) {
		t.Errorf("%d forms, the first %q", len(forms), string(forms[0].q))
	}
}

// A query's forms are bounded as a whole: a crafted query of many words
// each holding many vocabulary words does not take 16 forms a word.
func TestVocabularyBudget(t *testing.T) {
	word := strings.Repeat("软件信息", 4)
	var words []string
	for i := range 30 {
		words = append(words, word+string(rune('a'+i)))
	}
	for _, q := range []string{
		strings.Join(words, " "),
		"(" + strings.Join(words, " OR ") + ") (" + strings.Join(words, " OR ") + ")",
	} {
		ts := parseTerms(q)
		n := 0
		for _, tm := range ts {
			n += len(tm.alternatives())
		}
		// Unbounded, each word would take 16 forms (480 or 960 in all).
		literal := strings.Count(q, word)
		if n > literal+64 || n <= literal {
			t.Errorf("%d words: %d forms, want more than %d and at most 64 more", literal, n, literal)
		}
	}
}

// Search, the filter and the highlight find a word by its equivalent on the
// other side of the strait, except in quotes; a word marked not leaves out
// its equivalents too; 川普 inside 四川普遍 is not Trump.
func TestVocabularySearch(t *testing.T) {
	docs := []*Document{
		NewDocument("tw", "t", "政府推動軟體產業與川普政府談判。\n"),
		NewDocument("cn", "t", "国家支持软件产业发展。\n"),
		NewDocument("sichuan", "t", "四川普遍推广软件应用。\n"),
		NewDocument("trump", "t", "美国总统特朗普访问亚洲。\n"),
		NewDocument("none", "t", "两岸经贸合作。\n"),
		NewDocument("gaza", "t", "加沙地带局势紧张，各方增加沙袋加固。\n"),
		NewDocument("sand", "t", "当地增加沙漠治理投入。\n"),
	}
	ix := NewIndex()
	ix.Add(docs)
	ids := func(q string, check int) []string { return filterIDs(ix, docs, q, check) }
	searched := func(q string) []string {
		var out []string
		for _, m := range ix.Search(q, 0) {
			out = append(out, fmt.Sprintf("%s:%s", m.Doc.ID, string([]rune(m.Doc.Text())[m.Start:m.End])))
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		q      string
		filter []string
		search []string
	}{
		{"软件", []string{"cn", "sichuan", "tw"}, []string{"cn:软件", "sichuan:软件", "tw:軟體"}},
		{"軟體產業", []string{"cn", "tw"}, []string{"cn:软件产业", "tw:軟體產業"}},
		{`"软件"`, []string{"cn", "sichuan"}, []string{"cn:软件", "sichuan:软件"}},
		{"「軟體」", []string{"tw"}, []string{"tw:軟體"}},
		{"特朗普", []string{"trump", "tw"}, []string{"trump:特朗普", "tw:川普"}},
		{"川普", []string{"sichuan", "trump", "tw"}, []string{"sichuan:川普", "trump:特朗普", "tw:川普"}}, // as typed, then Trump
		{"软件 -特朗普", []string{"cn", "sichuan"}, []string{"cn:软件", "sichuan:软件"}},
		{"软件 -川普", []string{"cn"}, []string{"cn:软件"}}, // as typed: 四川普遍 holds it
		{"产业 -軟件", nil, nil},
		{"加薩", []string{"gaza"}, []string{"gaza:加沙"}},                               // not 增加沙, in either document
		{"加沙", []string{"gaza", "sand"}, []string{"gaza:加沙", "gaza:加沙", "sand:加沙"}}, // as typed
		{"(软件 OR 合作) -特朗普", []string{"cn", "none", "sichuan"}, []string{"cn:软件", "none:合作", "sichuan:软件"}},
	} {
		if got := ids(tt.q, math.MaxInt); !slices.Equal(got, tt.filter) {
			t.Errorf("Filter(%q) = %q, want %q", tt.q, got, tt.filter)
		}
		if got := searched(tt.q); !slices.Equal(got, tt.search) {
			t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.search)
		}
	}
	// The reader's highlight marks the equivalent.
	if got := HighlightRanges(docs[0].Text(), "软件 特朗普"); !slices.Equal(got, [][2]int{{4, 6}, {9, 11}}) {
		t.Errorf("HighlightRanges = %v, want 軟體 and 川普", got)
	}
}

// BenchmarkParseQuery measures what every keystroke of the reader's filter
// pays to read its query, vocabulary forms included.
func BenchmarkParseQuery(b *testing.B) {
	for _, q := range []string{"贸易", "中小企业发展", "保护个人信息 软件开发 -特朗普", "mayun", "全面与进步跨太平洋伙伴关系协定"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				parseTerms(q)
			}
		})
	}
}

func TestAlsoSearched(t *testing.T) {
	for q, want := range map[string][]string{
		"特朗普": {"川普"},
		"软件开发 -特朗普 source:新华社": {"软体开发", "川普"},
		"(软件 OR 信息) 合作":        {"软体", "资讯"},
		"马云 -(特朗普 合作)":         {"川普"},
		"特朗普 OR 川普":            nil, // typed: not added
		`"软件"`:                 nil,
		"贸易":                   nil,
		"":                     nil,
	} {
		if got := AlsoSearched(q); !slices.Equal(got, want) {
			t.Errorf("AlsoSearched(%q) = %q, want %q", q, got, want)
		}
	}
}

// A user's file adds groups, moves words and drops them; what is wrong in
// it is named by file and line, and leaves the vocabulary as it was.
func TestUserVocabulary(t *testing.T) {
	t.Cleanup(func() { SetVocabulary(nil, "") })
	forms := func(q string) []string {
		var out []string
		for _, f := range vocabularyForms([]rune(FoldString(q))) {
			out = append(out, string(f.q))
		}
		return out
	}
	err := SetVocabulary([]byte("\ufeff# the team's words, saved by Notepad\n数据 資料\n\n信息 訊息  # moved from 資訊's group\n-普丁\n加沙!增 加萨走廊\n軟體 软体\n"), "team.txt")
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]string{
		"数据":   {"数据", "资料"},
		"资料":   {"资料", "数据"},
		"信息":   {"信息", "讯息"},
		"资讯":   nil, // its group was left with one word
		"普京":   nil, // 普丁 dropped
		"软件":   {"软件", "软体"},
		"加萨走廊": {"加萨走廊", "加沙"},
	} {
		if got := forms(q); !slices.Equal(got, want) {
			t.Errorf("%s: forms %q, want %q", q, got, want)
		}
	}
	for _, tt := range []struct{ src, err string }{
		{"数据 资料\n软件\n", "bad.txt:2: \"软件\" alone"},
		{"数据 data\n", "bad.txt:1: \"data\": 'd' is not a Han character"},
		{"数据 资料\n\n-资料 资讯\n", "bad.txt:3: \"资讯\": a line that drops words has a minus before each"},
		{"川普!四a 特朗普\n", "bad.txt:1: \"川普!四a\": after ! come the Han characters"},
		{"数据 \xff\xfe\n", "bad.txt: file is not valid text in any supported encoding"},
		{"数据 " + strings.Repeat("数", 33) + "\n", "bad.txt:1: \"" + strings.Repeat("数", 33) + "\": a word of 33 characters: at most 32"},
		{"数据 !四\n", "bad.txt:1: \"!四\": an empty word"},
	} {
		err := SetVocabulary([]byte(tt.src), "bad.txt")
		if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("%q: %v, want %s…", tt.src, err, tt.err)
		}
		if got := forms("数据"); !slices.Equal(got, []string{"数据", "资料"}) {
			t.Errorf("after %q failed, 数据 takes %q: the vocabulary changed", tt.src, got)
		}
	}
	// Saved as GB18030 or Big5, as a Chinese Windows editor does.
	for _, enc := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		src, err := enc.NewEncoder().Bytes([]byte("數據 資料\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		if err := SetVocabulary(src, "legacy.txt"); err != nil {
			t.Errorf("%v: %v", enc, err)
		} else if got := forms("数据"); !slices.Equal(got, []string{"数据", "资料"}) {
			t.Errorf("%v: 数据 takes %q", enc, got)
		}
	}
	SetVocabulary(nil, "")
	if got := forms("普京"); !slices.Equal(got, []string{"普京", "普丁"}) {
		t.Errorf("restored: 普京 takes %q", got)
	}
}

// FuzzVocabulary reads any file as a user's vocabulary: an error or a
// vocabulary whose every group has two words or more, each word in the
// group the index names.
func FuzzVocabulary(f *testing.F) {
	for _, s := range []string{"数据 資料\n", "-资讯\n信息 讯息 # x\n", "川普!四银 特朗普", "a b", "数据\n", "\xff", "-", "! !", "軟體 软体 软件"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		v, _ := builtinVocabulary()
		if err := v.add(string(src), "fuzz", false); err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		for w, g := range v.group {
			if g >= len(v.groups) || len(v.groups[g]) < 2 || !slices.ContainsFunc(v.groups[g], func(o vocabWord) bool { return string(o.q) == w }) {
				t.Fatalf("%q names group %d: %v", w, g, v.groups[g])
			}
		}
		for g, ws := range v.groups {
			for _, w := range ws {
				if v.group[string(w.q)] != g {
					t.Fatalf("%q is in group %d but names %d", string(w.q), g, v.group[string(w.q)])
				}
			}
		}
		vocabularyForms([]rune(FoldString(string(src))))
	})
}
