package seeds

import (
	"io/fs"
	"strings"
	"testing"
)

func TestFSHoldsTheSeeds(t *testing.T) {
	entries, err := fs.ReadDir(FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 5 {
		t.Fatalf("want 5 seed files, got %d", len(entries))
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			t.Errorf("unexpected seed %q", e.Name())
		}
		b, err := fs.ReadFile(FS(), e.Name())
		if err != nil || len(b) == 0 {
			t.Errorf("%s: empty or unreadable: %v", e.Name(), err)
		}
	}
}
