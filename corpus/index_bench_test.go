package corpus_test

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"jianbao/corpus"
	"jianbao/internal/synth"
)

var (
	synthMu    sync.Mutex
	synthCache = map[int]*corpus.Corpus{}
)

// synthCorpus returns n synthetic documents, cached
// between benchmarks.
func synthCorpus(b *testing.B, n int) (*corpus.Corpus, int64) {
	b.Helper()
	synthMu.Lock()
	defer synthMu.Unlock()
	c, ok := synthCache[n]
	if !ok {
		c = corpus.New(synth.Documents(n))
		synthCache[n] = c
	}
	var bytes int64
	for _, d := range c.Docs {
		bytes += int64(len(d.Raw()))
	}
	return c, bytes
}

func BenchmarkIndexBuild10k(b *testing.B) {
	c, bytes := synthCorpus(b, 10_000)
	benchmarkIndexBuild(b, c, bytes)
}

// BenchmarkIndexBuildVaried10k builds the index of 10,000 documents of a
// real-sized vocabulary (synthgen -vary 0.2: 1.2 M distinct pairs), where
// the key table and the lists outgrow the caches.
func BenchmarkIndexBuildVaried10k(b *testing.B) {
	g := synth.Default()
	g.Vary = 0.2
	c := corpus.New(g.Documents(10_000))
	var bytes int64
	for _, d := range c.Docs {
		bytes += int64(len(d.Raw()))
	}
	benchmarkIndexBuild(b, c, bytes)
}

// benchmarkIndexBuild builds c's index, of bytes of text, on all cores.
func benchmarkIndexBuild(b *testing.B, c *corpus.Corpus, bytes int64) {
	b.SetBytes(bytes)
	b.ResetTimer()
	var ix *corpus.Index
	for b.Loop() {
		ix = corpus.BuildIndex(c)
	}
	b.ReportMetric(float64(ix.Size())/float64(bytes), "index/text")
}

func benchmarkSearch(b *testing.B, n int) {
	c, bytes := synthCorpus(b, n)
	ix := corpus.BuildIndex(c)
	b.Logf("%d docs, %.0f MB text, index %.0f MB (%.2f of the text)", n, float64(bytes)/1e6, float64(ix.Size())/1e6, float64(ix.Size())/float64(bytes))
	for _, q := range []struct{ name, query string }{
		{"frequent", "贸易"}, {"rare", synth.RareWord}, {"pinyin", "mayun"}, {"initials", "albb"}, {"onechar", "贸"}, {"commonchar", "的"}, {"long", "中小企业"}, {"twowords", "贸易 " + synth.RareWord},
		// Words of the cross-strait vocabulary: 信息 is also searched for as
		// 資訊, 特朗普 as 川普 (not after 四 or 银).
		{"crossstrait", "信息"}, {"crossstrait-name", "特朗普"},
		// Numbers, also searched for written the other way: 十条 as 10条
		// (the seeds' 10條), 2017年1月 as 二〇一七年一月, a year alone as
		// 二〇一七 (against the same quoted: searched as written).
		{"numeral", "十条"}, {"date", "2017年1月"}, {"year", "2017"}, {"year-as-written", `"2017"`},
		// A whole date: its notations in digits too (20170110, 2017/1/10…).
		{"fulldate", "2017年1月10日"}, {"fulldate-as-written", `"2017年1月10日"`},
	} {
		b.Run(q.name, func(b *testing.B) {
			var hits int
			for b.Loop() {
				hits = len(ix.Search(q.query, 20))
			}
			if hits == 0 {
				b.Fatalf("%s: no hits", q.query)
			}
			b.ReportMetric(float64(ix.Size())/float64(bytes), "index/text")
			b.ReportMetric(float64(bytes)/1e6, "MB-text")
		})
		// The reader's filter: every document that may hold the query
		// (the IDs scanned too), the first 50 checked against their text.
		b.Run("filter/"+q.name, func(b *testing.B) {
			for b.Loop() {
				ix.Filter(q.query, 50)
			}
		})
	}
}

func BenchmarkSearch10k(b *testing.B)  { benchmarkSearch(b, 10_000) }
func BenchmarkSearch100k(b *testing.B) { benchmarkSearch(b, 100_000) }

// BenchmarkPerByteFloor measures, on one goroutine over 10,000 synthetic
// documents, what any first-start index pays per byte before it stores a
// thing: checking UTF-8, and walking the characters with one table lookup
// each (the fold every key needs); and, for comparison, scanning for a
// byte string (strings.Count, the building block of an index-free search).
// At 100,000 documents (725 MB) and two cores, these rates bound how fast a
// first start can be (see BENCHMARKS.md).
func BenchmarkPerByteFloor(b *testing.B) {
	c, bytes := synthCorpus(b, 10_000)
	b.Run("utf8", func(b *testing.B) {
		b.SetBytes(bytes)
		for b.Loop() {
			for _, d := range c.Docs {
				if !utf8.ValidString(d.Raw()) {
					b.Fatal(d.ID)
				}
			}
		}
	})
	b.Run("fold-walk", func(b *testing.B) {
		b.SetBytes(bytes)
		n := 0
		for b.Loop() {
			for _, d := range c.Docs {
				for _, r := range d.Raw() {
					if corpus.Fold(r) == '贸' {
						n++
					}
				}
			}
		}
		if n == 0 {
			b.Fatal("no 贸 folded")
		}
	})
	b.Run("count", func(b *testing.B) {
		b.SetBytes(bytes)
		n := 0
		for b.Loop() {
			for _, d := range c.Docs {
				n += strings.Count(d.Raw(), "贸易")
			}
		}
		if n == 0 {
			b.Fatal("no 贸易")
		}
	})
}

// BenchmarkMetadataSynth reads the metadata of 2,000 synthetic documents
// as the loader does for every file (head and foot windows of the raw
// text): a quarter of a first start's work at 100,000 files was here.
func BenchmarkMetadataSynth(b *testing.B) {
	g := synth.Default()
	texts := make([]string, 2000)
	var bytes int64
	for i := range texts {
		texts[i] = corpus.NormalizeNewlines(g.Document(i))
		bytes += int64(len(texts[i]))
	}
	titled := 0
	for b.Loop() {
		titled = 0
		for _, t := range texts {
			if corpus.ExtractFields(t).Title != "" {
				titled++
			}
		}
	}
	if titled < len(texts)/2 {
		b.Fatalf("%d of %d documents titled", titled, len(texts))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts))/1e3, "µs/doc")
}
