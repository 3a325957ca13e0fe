package corpus

import (
	"slices"
	"testing"
)

// Qualifiers keep the documents whose metadata holds the value, in Filter
// (alone, they list them) and Search, and are no words of the text.
func TestQualifiers(t *testing.T) {
	docs := []*Document{
		NewDocument("xh1", "t", "中美贸易磋商取得进展\n2024年3月5日 来源：新华社\n双方就贸易问题交换意见。"),
		NewDocument("xh2", "t", "一带一路合作论坛开幕\n2023年10月18日 来源：新华社\n论坛讨论贸易与投资。"),
		NewDocument("rm1", "t", "阿里巴巴世界电子贸易平台落地欧洲\n2018年12月06日 来源：人民网\n人民网布鲁塞尔12月6日电（记者 任彦）贸易平台落地。"),
		NewDocument("zx1", "t", "外交部发言人答记者问\n2024年3月7日\n问：中方对贸易问题有何评论？"),
	}
	ix := NewIndex()
	ix.Add(docs)
	ids := func(hs []Hit) []string {
		var out []string
		for _, h := range hs {
			out = append(out, docs[h.Doc].ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"贸易", []string{"rm1", "xh1", "xh2", "zx1"}},
		{"贸易 source:新华社", []string{"xh1", "xh2"}},
		{"贸易 source:新華社", []string{"xh1", "xh2"}}, // either script
		{"来源：新华社", []string{"xh1", "xh2"}},        // text, searched for: the lines hold it
		{"贸易 SOURCE:人民网", []string{"rm1"}},
		{"贸易 -source:新华社", []string{"rm1", "zx1"}},
		{"date:2024", []string{"xh1", "zx1"}},
		{"date:2024年3月 贸易", []string{"xh1", "zx1"}},
		{"date:2024-03-05", []string{"xh1"}},
		{"author:任彦", []string{"rm1"}},
		{"title:论坛 贸易", []string{"xh2"}},
		{"source:新华社 date:2023", []string{"xh2"}},
		// Ranges, compared to the precision of each bound.
		{"date:2024-01..2024-06", []string{"xh1", "zx1"}},
		{"date:2023..2024", []string{"xh1", "xh2", "zx1"}},
		{"date:2018..2023-10", []string{"rm1", "xh2"}},
		{"date:2024-03-06..", []string{"zx1"}},
		{"date:2024-03-06..*", []string{"zx1"}},
		{"date:..2023", []string{"rm1", "xh2"}},
		{"date:*..2018-12-06", []string{"rm1"}},
		{"date:>2024-03-05", []string{"zx1"}},
		{"date:>=2024-03-05", []string{"xh1", "zx1"}},
		{"date:>2024-03", nil}, // after March
		{"date:<2024-03", []string{"rm1", "xh2"}},
		{"date:<=2023-10-18", []string{"rm1", "xh2"}},
		{"-date:2023..2024 贸易", []string{"rm1"}},
		{"date:2018年..2023年10月 贸易", []string{"rm1", "xh2"}},
		{"date:20240305", []string{"xh1"}},
		{"date:2024/3", []string{"xh1", "zx1"}},
		{"date:20", []string{"rm1", "xh1", "xh2", "zx1"}}, // the start of a date: the 2000s
		{"date:202", []string{"xh1", "xh2", "zx1"}},
		{"date:201..202", []string{"rm1", "xh1", "xh2", "zx1"}},
		{"date:2024-0", []string{"xh1", "zx1"}},
		{"date:２０２４年３月７日", []string{"zx1"}},
		{"date:二〇二四年三月", []string{"xh1", "zx1"}},
		// Not dates: nothing is allowed, and QualifierProblem says why.
		{"date:yesterday", nil},
		{"date:2024-13", nil},
		{"-date:2024/3x 贸易", nil},
		{"date:..", nil},
		{"date:2024..x", nil},
		{"source:不存在", nil},
		{"10:30 贸易", nil},   // not a qualifier: 10:30 is searched for
		{"source: 贸易", nil}, // no value: source: is a word, found nowhere
	} {
		if got := ids(ix.Filter(tc.query, 100)); !slices.Equal(got, tc.want) {
			t.Errorf("Filter(%q) = %v, want %v", tc.query, got, tc.want)
		}
		if OnlyQualifiers(tc.query) {
			continue
		}
		var got []string
		for _, m := range ix.Search(tc.query, 0) {
			if !slices.Contains(got, m.Doc.ID) {
				got = append(got, m.Doc.ID)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.query, got, tc.want)
		}
	}
	if r := MatchRanges(docs[0].Text(), "贸易 source:新华社"); len(r) == 0 {
		t.Errorf("a qualifier was taken for a word of the text")
	}
	if m := ix.Search("贸易 source:新华社", 1); len(m) != 1 || m[0].Doc.Source != "新华社" {
		t.Errorf("limit with qualifiers: %v", m)
	}
}

func TestQualifierProblem(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{"贸易 date:2024", ""},
		{"贸易 date:2024-01..2024-06", ""},
		{"date:>2024-03", ""},
		{"贸易 date:yesterday", "date:yesterday is not a date"},
		{"-date:2024-13", "date:2024-13 is not a date"},
		{"date:..", "date:.. is not a date"},
		{"date:2024..2025..2026", "date:2024..2025..2026 is not a date"},
		{"date:2025..2024-06", "date:2025..2024-06 ends before it starts"},
		{"date:2024-03..2024", ""}, // March is within 2024
		{"source:新华社", ""},
		{"贸易", ""},
	} {
		if got := QualifierProblem(tc.query); got != tc.want {
			t.Errorf("QualifierProblem(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestQueryDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2024", "2024"}, {"2024-3", "2024-03"}, {"2024/3/5", "2024-03-05"}, {"2024.03.05", "2024-03-05"},
		{"2024年", "2024"}, {"2024年3月", "2024-03"}, {"2024年3月5日", "2024-03-05"}, {"2024年3月5号", "2024-03-05"},
		{"20240305", "2024-03-05"}, {"202403", "2024-03"}, {"２０２４－０３", "2024-03"},
		{"二〇二四年三月五日", "2024-03-05"}, {"民國113年", "2024"},
		{"2024-13", ""}, {"2024-03-32", ""}, {"20241301", ""}, {"2024/3x", ""}, {"foo2024", ""}, {"3月", ""}, {"1899", ""}, {"", ""},
	} {
		if got := queryDate(tc.in); got != tc.want {
			t.Errorf("queryDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
