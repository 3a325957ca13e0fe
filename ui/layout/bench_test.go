package layout

import (
	"io/fs"
	"strings"
	"testing"

	"jianbao/seeds"
)

func corpusText(b *testing.B) string {
	var sb strings.Builder
	entries, _ := fs.ReadDir(seeds.FS(), ".")
	for _, e := range entries {
		t, _ := fs.ReadFile(seeds.FS(), e.Name())
		sb.Write(t)
	}
	return sb.String()
}

func BenchmarkStringWidth(b *testing.B) {
	text := corpusText(b)
	for _, amb := range []Ambiguity{Narrow, Wide} {
		p := NewPolicy(amb)
		b.Run(amb.String(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				p.StringWidth(text)
			}
		})
	}
}

func BenchmarkFit(b *testing.B) {
	p := NewPolicy(Narrow)
	title := "中美首腦會(huì)晤后,,兩國經(jīng)貿(mào)合作正在加速進(jìn)行。經(jīng)過中美兩國30輪磋商"
	for b.Loop() {
		p.Fit(title, 60)
	}
}
