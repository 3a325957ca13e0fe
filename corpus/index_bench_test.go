package corpus_test

import (
	"sync"
	"testing"

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
		bytes += int64(len(d.Raw))
	}
	return c, bytes
}

func BenchmarkIndexBuild10k(b *testing.B) {
	c, bytes := synthCorpus(b, 10_000)
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
	}
}

func BenchmarkSearch10k(b *testing.B)  { benchmarkSearch(b, 10_000) }
func BenchmarkSearch100k(b *testing.B) { benchmarkSearch(b, 100_000) }
