package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
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

// paceGC sets the pace above, unless GOGC says otherwise.
func paceGC() {
	var last atomic.Int64
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func() {
		metrics.Read(sample)
		var live uint64
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = sample[0].Value.Uint64()
		}
		if pct := pace(live); int64(pct) != last.Swap(int64(pct)) {
			debug.SetGCPercent(pct)
		}
	}
	set()
	afterEachGC(set)
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
