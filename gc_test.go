package main

import (
	"math"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestPace(t *testing.T) {
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, gcPercent},                 // not known
		{1 << 20, 1000},                // 1 MB: capped
		{32 << 20, 200},                // 64 MB of headroom is 200%
		{minHeadroom * 100 / 35, 35},   // where the two meet
		{4 << 30, gcPercent},           // a large index: 35%
		{minHeadroom * 100 / 50, 50},   // in between
		{minHeadroom * 100 / 36, 36},   //
		{minHeadroom*100/35 + 1, 35},   // just past the meeting point
		{minHeadroom * 100 / 999, 999}, // just under the cap
	} {
		if got := pace(tt.live); got != tt.want {
			t.Errorf("pace(%d) = %d, want %d", tt.live, got, tt.want)
		}
	}
}

// The pace is set again after every collection, not once.
func TestAfterEachGC(t *testing.T) {
	var n atomic.Int64
	afterEachGC(func() { n.Add(1) })
	for want := int64(1); want <= 3; want++ {
		deadline := time.Now().Add(5 * time.Second)
		for n.Load() < want && time.Now().Before(deadline) {
			runtime.GC()
			time.Sleep(time.Millisecond)
		}
		if n.Load() < want {
			t.Fatalf("called %d times after collections, want %d", n.Load(), want)
		}
	}
}

func TestLimit(t *testing.T) {
	const mb = 1 << 20
	for _, tt := range []struct {
		live   uint64
		corpus int64
		want   int64
	}{
		{0, 0, minLimit},                             // nothing loaded: the floor
		{100 * mb, 10 * mb, minLimit},                // a small corpus: the floor
		{300 * mb, 730 * mb, int64(1.9 * 730 * mb)},  // the seeds' words: far below
		{1100 * mb, 730 * mb, int64(1.9 * 730 * mb)}, // a real vocabulary: a tenth of room left
		{1300 * mb, 730 * mb, math.MaxInt64},         // less: no limit, the pace alone
		{250 * mb, 73 * mb, math.MaxInt64},           // 10k of a real vocabulary: over the floor
		{minLimit * 10 / 11, 1 * mb, minLimit},       // just fits the floor
	} {
		if got := limit(tt.live, tt.corpus); got != tt.want {
			t.Errorf("limit(%d MB, %d MB) = %d, want %d", tt.live/mb, tt.corpus/mb, got, tt.want)
		}
	}
}
