package corpus

import (
	"fmt"
	"testing"
)

func TestOrder(t *testing.T) {
	mk := func(id, date, title string) *Document {
		return &Document{ID: id, Date: date, Title: title}
	}
	docs := []*Document{
		mk("c", "2024-03-15", "丙"), mk("a", "", "甲"), mk("b", "2023", ""), mk("d", "2024-03-15", "丁"), mk("e", "2024-01", "乙"),
	}
	ids := func(order []int) string {
		var s []byte
		for _, i := range order {
			s = append(s, docs[i].ID...)
		}
		return string(s)
	}
	for _, tt := range []struct {
		key     string
		reverse bool
		want    string
	}{
		{"file", false, "cabde"},
		{"file", true, "edbac"},
		{"date", false, "becda"}, // ties (c, d) keep load order; no date last
		{"date", true, "cdeba"},  // newest first, still no date last
		{"id", false, "abcde"},
		{"id", true, "edcba"},
		{"title", false, "cdaeb"}, // pinyin: 丙 bing, 丁 ding, 甲 jia, 乙 yi; no title last
		{"chars", false, "cabde"}, // all empty: load order
	} {
		order, err := Order(docs, tt.key, tt.reverse)
		if err != nil || ids(order) != tt.want {
			t.Errorf("%s reverse=%v: %s (%v), want %s", tt.key, tt.reverse, ids(order), err, tt.want)
		}
	}
	// Merging documents in batches gives the order of sorting them at once.
	for _, key := range SortKeys {
		for _, rev := range []bool{false, true} {
			s, _ := NewSorter(key, rev)
			keys := make([][]byte, len(docs))
			var order []int
			for _, batch := range [][]int{{3}, {0, 4}, {}, {2, 1}} {
				for _, i := range batch {
					keys[i] = s.Key(docs[i])
				}
				order = s.Merge(order, batch, keys)
			}
			if want, _ := Order(docs, key, rev); ids(order) != ids(want) {
				t.Errorf("%s reverse=%v in batches: %s, at once %s", key, rev, ids(order), ids(want))
			}
		}
	}
	if _, err := Order(docs, "size", false); err == nil {
		t.Error("an unknown key was taken")
	}
	if order, _ := Order(nil, "date", true); len(order) != 0 {
		t.Error("no documents, yet an order")
	}
}

// BenchmarkOrder100k sorts 100,000 documents by date and by title, as
// list --sort and the reader's s key do.
func BenchmarkOrder100k(b *testing.B) {
	var titles []string
	for _, text := range seedTexts(b) {
		titles = append(titles, ExtractMetadata(text).Title)
	}
	docs := make([]*Document, 100_000)
	for i := range docs {
		docs[i] = &Document{ID: fmt.Sprint(i), Title: fmt.Sprintf("%s第%d期", titles[i%len(titles)], i%977), Date: fmt.Sprintf("20%02d-%02d-%02d", i%25, i%12+1, i%28+1)}
	}
	for _, key := range []string{"date", "title"} {
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				if _, err := Order(docs, key, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
