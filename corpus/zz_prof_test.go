package corpus

import (
	"context"
	"testing"
)

func TestZZProfLoad(t *testing.T) {
	for range 2 {
		ix := NewIndex()
		c, _ := Load(context.Background(), Options{Paths: []string{"/tmp/s10k"}, Index: ix})
		t.Log(c.Len())
	}
}
