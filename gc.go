package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"

	"jianbao/corpus"
)

// The garbage collector's pace. Nearly all of a large heap is the index,
// which lives as long as the process, so the default (collect when the
// heap is twice the live data) mostly buys a peak of memory: measured
// loading 100,000 files (729 MB), peak RSS 1.84 GB at 100, 1.56 GB at 35
// in the same time (at 20, 1.52 GB but 25% slower). But a small live heap
// (a corpus whose text is not kept, `list`, the reader's first seconds)
// collected at 35% runs the collector every few megabytes: `list` of
// 10,000 files did 381 collections and took 50% more CPU than at 100. So
// the headroom is gcPercent of the live heap or minHeadroom, whichever is
// more, set again after every collection.
const (
	gcPercent   = 35
	minHeadroom = 64 << 20
)

// paceGC sets the pace above, unless GOGC says otherwise; and the memory
// limit (see limit), unless GOMEMLIMIT does.
func paceGC() {
	var last atomic.Int64
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	limitSet := os.Getenv("GOMEMLIMIT") != ""
	set := func() {
		metrics.Read(sample)
		var live uint64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = sample[0].Value.Uint64()
		}
		if pct := pace(live); int64(pct) != last.Swap(int64(pct)) {
			debug.SetGCPercent(pct)
		}
		if !limitSet {
			debug.SetMemoryLimit(limit(live, corpus.LoadedBytes()))
		}
	}
	set()
	afterEachGC(set)
}

// The memory limit. The pace alone lets the process hold more than the
// heap it aims at (freed memory not yet given back, fragments): a corpus
// with a real vocabulary (`synthgen -vary 0.2`, 100,000 files, 730 MB)
// peaked at 1.58–1.66 GB with a goal of 1.39 GB. A soft limit makes the
// runtime give memory back, and collect sooner, as the process nears it:
// limitShare of the corpus's bytes so far (the budget is twice them; the
// executable and what the runtime does not count take the rest), at least
// minLimit. That corpus then peaks at 1.42–1.43 GB (1.96×) in the same
// time. When the live heap leaves less room under it than a limitRoom-th
// of itself, the corpus does not fit the budget and the collector would
// run without pause to try (a fifth of room was too little for that
// corpus while it loads): then there is no limit, only the pace.
const (
	limitShare = 1.9
	minLimit   = 256 << 20
	limitRoom  = 10
)

// limit is the memory limit for a live heap of live bytes and a corpus of
// corpus bytes (math.MaxInt64: none).
func limit(live uint64, corpus int64) int64 {
	budget := max(minLimit, int64(limitShare*float64(corpus)))
	if room := int64(live) + int64(live)/limitRoom; room > budget {
		return math.MaxInt64
	}
	return budget
}

// pace is the GC percent for a live heap of live bytes (0: not known).
func pace(live uint64) int {
	if live == 0 {
		return gcPercent
	}
	return max(gcPercent, int(min(minHeadroom*100/live, 1000)))
}

// afterEachGC calls f after every collection (on the finalizer goroutine):
// an object no one holds is finalized at the end of the cycle that finds
// it, and its finalizer makes the next.
func afterEachGC(f func()) {
	type sentinel struct {
		_ *int     // not a tiny allocation, whose finalizer may never run
		_ [24]byte //
	}
	var arm func()
	arm = func() {
		runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
			f()
			arm()
		})
	}
	arm()
}
