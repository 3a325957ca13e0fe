package corpus_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"jianbao/corpus"
	"jianbao/internal/synth"
)

// TestExcludedWords checks queries with a word marked not (马云 -特朗普)
// against a plain reading of 300 synthetic documents in both scripts: a
// document is found when its text holds the word and not the excluded one,
// and no match is of the excluded word.
func TestExcludedWords(t *testing.T) {
	docs := synth.Documents(300)
	ix := corpus.NewIndex()
	ix.Add(docs)
	var words []string
	for _, d := range docs[:20] {
		r := []rune(d.Text())
		for i := 0; i+2 < len(r); i += 211 {
			if isHanRune(r[i]) && isHanRune(r[i+1]) {
				words = append(words, string(r[i:i+2]))
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	some := 0
	for range 40 {
		a, b := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		fa, fb := corpus.FoldString(a), corpus.FoldString(b)
		if fa == fb || strings.Contains(fa, fb) || strings.Contains(fb, fa) {
			continue
		}
		var want []string
		for _, d := range docs {
			text := corpus.FoldString(d.Text())
			if strings.Contains(text, fa) && !strings.Contains(text, fb) {
				want = append(want, d.ID)
			}
		}
		if len(want) > 0 {
			some++
		}
		for _, q := range []string{a + " -" + b, "-" + b + " " + a, a + ` -"` + b + `"`} {
			var got []string
			for _, h := range ix.Filter(q, math.MaxInt) {
				got = append(got, docs[h.Doc].ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("Filter(%q) = %d documents, want %d", q, len(got), len(want))
			}
			seen := map[string]bool{}
			for _, m := range ix.Search(q, 0) {
				seen[m.Doc.ID] = true
				if w := corpus.FoldString(string([]rune(m.Doc.Text())[m.Start:m.End])); w != fa {
					t.Errorf("Search(%q) matched %q", q, w)
				}
			}
			if len(seen) != len(want) {
				t.Errorf("Search(%q) found %d documents, want %d", q, len(seen), len(want))
			}
			if got := corpus.MatchRanges(docs[0].Text(), q); (len(got) > 0) != slices.Contains(want, docs[0].ID) {
				t.Errorf("MatchRanges(%s, %q) = %v, want a match: %v", docs[0].ID, q, got, !(len(got) > 0))
			}
		}
	}
	if some < 20 {
		t.Fatalf("only %d queries found anything: the test tests little", some)
	}
}

func isHanRune(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }
