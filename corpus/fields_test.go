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
