package corpus_test

import (
	"runtime"
	"testing"

	"jianbao/corpus"
)

// BenchmarkIndexMemory100k measures the heap an index of 100,000
// synthetic documents takes, against Index.Size and the text.
func BenchmarkIndexMemory100k(b *testing.B) {
	c, bytes := synthCorpus(b, 100_000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := corpus.BuildIndex(c)
	runtime.GC()
	runtime.ReadMemStats(&after)
	for b.Loop() {
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "MB-heap")
	b.ReportMetric(float64(ix.Size())/1e6, "MB-size")
	b.ReportMetric(float64(bytes)/1e6, "MB-text")
	runtime.KeepAlive(ix)
}
