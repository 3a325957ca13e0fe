package corpus

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortKeys are the orders documents can be listed in: as loaded (file),
// by date, ID, title or length.
var SortKeys = []string{"file", "date", "id", "title", "chars"}

// Sorter orders documents by one key. Each document gets a sort key once
// (Key), so that a list can take in new documents by sorting only them and
// merging (see Merge); documents without the value (no date, no title) go
// last either way, and ties keep their load order.
type Sorter struct {
	key     string
	reverse bool
	coll    *collate.Collator
	buf     collate.Buffer
}

// NewSorter returns a Sorter for key, one of SortKeys, ascending (or
// descending with reverse). Titles (as DisplayTitle shows them) sort in
// Chinese order, by pinyin as in CLDR: 阿 北 丙 丁 … 中, each script beside
// the other (数字 by 數字). "chars" counts each document's clean text.
func NewSorter(key string, reverse bool) (*Sorter, error) {
	if !slices.Contains(SortKeys, key) {
		return nil, fmt.Errorf("unknown sort key %q: want one of %s", key, strings.Join(SortKeys, ", "))
	}
	s := &Sorter{key: key, reverse: reverse}
	if key == "title" {
		s.coll = collate.New(language.Chinese)
	}
	return s, nil
}

// Key returns d's sort key: keys compare as bytes in the ascending order;
// nil means d has no value (it goes last). Key is not safe for concurrent
// use.
func (s *Sorter) Key(d *Document) []byte {
	switch s.key {
	case "date":
		if d.Date == "" {
			return nil
		}
		return []byte(d.Date)
	case "id":
		return []byte(d.ID)
	case "title":
		t := d.DisplayTitle()
		if t == "" {
			return nil
		}
		k := slices.Clone(s.coll.KeyFromString(&s.buf, t))
		s.buf.Reset()
		return k
	case "chars":
		return binary.BigEndian.AppendUint64(nil, uint64(d.Chars()))
	}
	return []byte{} // file: every document the same, load order decides
}

// Compare orders two documents by their keys and, on a tie, their
// positions i and j in load order.
func (s *Sorter) Compare(ki, kj []byte, i, j int) int {
	if (ki == nil) != (kj == nil) {
		if ki == nil {
			return 1
		}
		return -1
	}
	c := bytes.Compare(ki, kj)
	if s.reverse {
		c = -c
	}
	if c == 0 {
		c = cmp.Compare(i, j)
		if s.reverse && s.key == "file" {
			c = -c
		}
	}
	return c
}

// Merge returns order, a list of positions already in s's order, with the
// positions add (in any order) merged in; keys[i] is position i's key.
func (s *Sorter) Merge(order, add []int, keys [][]byte) []int {
	add = slices.Clone(add)
	slices.SortFunc(add, func(i, j int) int { return s.Compare(keys[i], keys[j], i, j) })
	out := make([]int, 0, len(order)+len(add))
	a, b := 0, 0
	for a < len(order) && b < len(add) {
		if s.Compare(keys[order[a]], keys[add[b]], order[a], add[b]) <= 0 {
			out = append(out, order[a])
			a++
		} else {
			out = append(out, add[b])
			b++
		}
	}
	out = append(out, order[a:]...)
	return append(out, add[b:]...)
}

// Order returns the positions of docs in the order of key (see NewSorter).
func Order(docs []*Document, key string, reverse bool) ([]int, error) {
	s, err := NewSorter(key, reverse)
	if err != nil {
		return nil, err
	}
	keys := make([][]byte, len(docs))
	all := make([]int, len(docs))
	for i, d := range docs {
		keys[i], all[i] = s.Key(d), i
	}
	return s.Merge(nil, all, keys), nil
}
