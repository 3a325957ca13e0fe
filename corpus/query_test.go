package corpus_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"jianbao/corpus"
	"jianbao/internal/synth"
)

// TestExcludedWords checks queries with a word marked not (马云 -特朗普)
// against a plain reading of 300 synthetic documents in both scripts: a
// document is found when its text holds the word and not the excluded one,
// and no match is of the excluded word.
func TestExcludedWords(t *testing.T) {
	docs, ix := queryCorpus()
	words := twoCharWords(docs[:20], 211)
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
			checkQuery(t, docs, ix, q, want, func(w string) bool { return w == fa })
			if got := corpus.MatchRanges(docs[0].Text(), q); (len(got) > 0) != slices.Contains(want, docs[0].ID) {
				t.Errorf("MatchRanges(%s, %q) = %v, want a match: %v", docs[0].ID, q, got, !(len(got) > 0))
			}
		}
	}
	if some < 20 {
		t.Fatalf("only %d queries found anything: the test tests little", some)
	}
}

// checkQuery checks Filter and Search of query against want, the IDs (in
// order) of the documents a plain reading finds it in: Filter finds those
// documents, Search matches in them alone, and every match's folded text
// passes match.
func checkQuery(t *testing.T, docs []*corpus.Document, ix *corpus.Index, query string, want []string, match func(folded string) bool) {
	t.Helper()
	var got []string
	for _, h := range ix.Filter(query, math.MaxInt) {
		got = append(got, docs[h.Doc].ID)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Filter(%q) = %d documents, want %d", query, len(got), len(want))
	}
	seen := map[string]bool{}
	for _, m := range ix.Search(query, 0) {
		seen[m.Doc.ID] = true
		if w := corpus.FoldString(string([]rune(m.Doc.Text())[m.Start:m.End])); !match(w) {
			t.Errorf("Search(%q) matched %q", query, w)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("Search(%q) found %d documents, want %d", query, len(seen), len(want))
	}
}

// foldedTexts are the documents' clean texts, folded: what a plain
// reading of a query looks in.
func foldedTexts(docs []*corpus.Document) []string {
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = corpus.FoldString(d.Text())
	}
	return texts
}

// holdsOneOf matches a match holding one of words.
func holdsOneOf(words []string) func(string) bool {
	return func(w string) bool {
		return slices.ContainsFunc(words, func(x string) bool { return strings.Contains(w, x) })
	}
}

func isHanRune(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

var (
	queryOnce sync.Once
	queryDocs []*corpus.Document
	queryIx   *corpus.Index
)

// queryCorpus is 300 synthetic documents in both scripts, indexed, made
// once for the query tests.
func queryCorpus() ([]*corpus.Document, *corpus.Index) {
	queryOnce.Do(func() {
		queryDocs = synth.Documents(300)
		queryIx = corpus.NewIndex()
		queryIx.Add(queryDocs)
	})
	return queryDocs, queryIx
}

// twoCharWords takes a word of two Han characters every step characters
// of the documents' texts; not one that search also looks for in other
// forms (三個 as 3个, 信息 as 資訊), which the tests' plain readings of the
// texts do not know.
func twoCharWords(docs []*corpus.Document, step int) []string {
	var words []string
	for _, d := range docs {
		r := []rune(d.Text())
		for i := 0; i+2 < len(r); i += step {
			if isHanRune(r[i]) && isHanRune(r[i+1]) && len(corpus.AlsoSearched(string(r[i:i+2]))) == 0 {
				words = append(words, string(r[i:i+2]))
			}
		}
	}
	return words
}

// TestAlternatives checks queries with OR (贸易 OR 投资 合作) against a
// plain reading of 300 synthetic documents: a document is found when it
// holds either alternative and every other word, and every match is one of
// the words.
func TestAlternatives(t *testing.T) {
	docs, ix := queryCorpus()
	words := twoCharWords(docs[:20], 173)
	rng := rand.New(rand.NewPCG(5, 6))
	some := 0
	for range 30 {
		a, b, c := words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		fa, fb, fc := corpus.FoldString(a), corpus.FoldString(b), corpus.FoldString(c)
		if fa == fb || fa == fc || fb == fc {
			continue
		}
		for _, q := range []struct {
			query string
			holds func(text string) bool
			words []string
		}{
			{a + " OR " + b, func(x string) bool { return strings.Contains(x, fa) || strings.Contains(x, fb) }, []string{fa, fb}},
			{c + " " + a + " | " + b, func(x string) bool {
				return strings.Contains(x, fc) && (strings.Contains(x, fa) || strings.Contains(x, fb))
			}, []string{fa, fb, fc}},
		} {
			var want []string
			for _, d := range docs {
				if q.holds(corpus.FoldString(d.Text())) {
					want = append(want, d.ID)
				}
			}
			if len(want) > 0 && len(want) < len(docs) {
				some++
			}
			checkQuery(t, docs, ix, q.query, want, holdsOneOf(q.words))
		}
	}
	if some < 10 {
		t.Fatalf("only %d queries told documents apart: the test tests little", some)
	}
}

// TestNegatedGroups checks random queries whose minus leaves documents
// out only when words come together (-(a b)) or unless another word is
// there (a OR -b, a OR -(b c)) against a plain reading, as
// TestGroupedQueries does.
func TestNegatedGroups(t *testing.T) {
	docs, ix := queryCorpus()
	words := twoCharWords(docs[:20], 89)
	rng := rand.New(rand.NewPCG(11, 12))
	texts := foldedTexts(docs)
	has := func(w string) func(string) bool {
		f := corpus.FoldString(w)
		return func(x string) bool { return strings.Contains(x, f) }
	}
	pick := func() string { return words[rng.IntN(len(words))] }
	some := 0
	for range 80 {
		find := pick()
		used := []string{corpus.FoldString(find)}
		a, e1, e2 := pick(), pick(), pick()
		if slices.ContainsFunc([]string{a, e1, e2}, func(w string) bool {
			g := corpus.FoldString(w)
			return strings.Contains(used[0], g) || strings.Contains(g, used[0])
		}) {
			continue // a word to leave out that the word to find holds
		}
		fa, f1, f2 := has(a), has(e1), has(e2)
		var clause string
		var keeps func(string) bool
		switch rng.IntN(3) {
		case 0:
			clause, keeps = "-("+e1+" "+e2+")", func(x string) bool { return !(f1(x) && f2(x)) }
		case 1:
			clause, keeps = "("+a+" OR -"+e1+")", func(x string) bool { return fa(x) || !f1(x) }
		default:
			clause, keeps = "("+a+" OR -("+e1+" "+e2+"))", func(x string) bool { return fa(x) || !(f1(x) && f2(x)) }
		}
		query := find + " " + clause
		var want, without []string
		for i, x := range texts {
			if has(find)(x) {
				without = append(without, docs[i].ID)
				if keeps(x) {
					want = append(want, docs[i].ID)
				}
			}
		}
		if len(want) > 0 && len(want) < len(without) {
			some++ // the clause left some out
		}
		checkQuery(t, docs, ix, query, want, holdsOneOf(used))
	}
	if some < 10 {
		t.Fatalf("only %d queries left documents out: the test tests little", some)
	}
}

// TestGroupedQueries checks random queries with parentheses, OR and
// minus ((a OR (b c)) d -(e OR f)) against a plain reading of 300
// synthetic documents: Filter finds the documents the expression holds
// for, and Search the same documents, every match one of the query's
// words.
func TestGroupedQueries(t *testing.T) {
	docs, ix := queryCorpus()
	words := twoCharWords(docs[:20], 97)
	rng := rand.New(rand.NewPCG(7, 8))
	texts := foldedTexts(docs)
	// expr returns a query and its reading; used collects its words.
	var expr func(depth int, used *[]string) (string, func(string) bool)
	expr = func(depth int, used *[]string) (string, func(string) bool) {
		if depth == 0 || rng.IntN(3) == 0 {
			w := words[rng.IntN(len(words))]
			f := corpus.FoldString(w)
			*used = append(*used, f)
			return w, func(x string) bool { return strings.Contains(x, f) }
		}
		a, fa := expr(depth-1, used)
		b, fb := expr(depth-1, used)
		if rng.IntN(2) == 0 {
			return "(" + a + " " + b + ")", func(x string) bool { return fa(x) && fb(x) }
		}
		return "(" + a + " OR " + b + ")", func(x string) bool { return fa(x) || fb(x) }
	}
	some := 0
	for range 60 {
		var used []string
		q1, f1 := expr(3, &used)
		q2, f2 := expr(1, &used)
		query, holds := q1+" "+q2, func(x string) bool { return f1(x) && f2(x) }
		if rng.IntN(2) == 0 {
			e1, e2 := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
			g1, g2 := corpus.FoldString(e1), corpus.FoldString(e2)
			if slices.ContainsFunc(used, func(u string) bool {
				return strings.Contains(u, g1) || strings.Contains(g1, u) || strings.Contains(u, g2) || strings.Contains(g2, u)
			}) {
				continue // a word to leave out that a word to find holds
			}
			query += " -(" + e1 + " OR " + e2 + ")"
			inner := holds
			holds = func(x string) bool { return inner(x) && !strings.Contains(x, g1) && !strings.Contains(x, g2) }
		}
		var want []string
		for i, x := range texts {
			if holds(x) {
				want = append(want, docs[i].ID)
			}
		}
		if len(want) > 0 && len(want) < len(docs) {
			some++
		}
		checkQuery(t, docs, ix, query, want, holdsOneOf(used))
	}
	if some < 15 {
		t.Fatalf("only %d queries told documents apart: the test tests little", some)
	}
}
