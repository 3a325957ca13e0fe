package layout

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"

	"jianbao/seeds"
)

// corpusText repeats the seeds to n bytes.
func corpusText(b testing.TB, n int) string {
	var all strings.Builder
	entries, _ := fs.ReadDir(seeds.FS(), ".")
	for _, e := range entries {
		t, _ := fs.ReadFile(seeds.FS(), e.Name())
		all.Write(t)
		all.WriteByte('\n')
	}
	s := strings.Repeat(all.String(), n/all.Len()+1)
	cut := n
	for cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut++
	}
	return s[:cut]
}

// BenchmarkLayout compares the full layout (clusters, widths, breaks,
// offsets, line texts) with go-runewidth's StringWidth alone and with
// lipgloss wrapping, on 1 MiB of corpus text at width 80, in one run.
func BenchmarkLayout(b *testing.B) {
	text := corpusText(b, 1<<20)
	for _, amb := range []Ambiguity{Narrow, Wide} {
		p := NewPolicy(amb)
		b.Run("runewidth.StringWidth/"+amb.String(), func(b *testing.B) {
			c := &runewidth.Condition{EastAsianWidth: amb == Wide, StrictEmojiNeutral: true}
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				c.StringWidth(text)
			}
		})
		b.Run("Policy.StringWidth/"+amb.String(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				p.StringWidth(text)
			}
		})
		b.Run("Prepare+Wrap/"+amb.String(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				p.Wrap(text, 80)
			}
		})
	}
	b.Run("lipgloss.Width(80).Render", func(b *testing.B) {
		st := lipgloss.NewStyle().Width(80)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			st.Render(text)
		}
	})
}

// BenchmarkRewrap re-lays out a prepared 100 KB article at a new width, as
// a terminal resize does.
func BenchmarkRewrap(b *testing.B) {
	text := corpusText(b, 100<<10)
	l := NewPolicy(Narrow).Prepare(text)
	widths := []int{80, 61, 120, 100}
	i := 0
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		l.Wrap(widths[i%len(widths)])
		i++
	}
}

func BenchmarkPrepare100K(b *testing.B) {
	text := corpusText(b, 100<<10)
	p := NewPolicy(Narrow)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		p.Prepare(text)
	}
}

func BenchmarkFit(b *testing.B) {
	p := NewPolicy(Narrow)
	title := "中美首腦會(huì)晤后,,兩國經(jīng)貿(mào)合作正在加速進(jìn)行。經(jīng)過中美兩國30輪磋商"
	for b.Loop() {
		p.Fit(title, 60)
	}
}

// BenchmarkPrepareTable lays out 100 KB of rows parted by tabs (a
// statistics annex as Word exports it), whose columns alignTables lines up.
func BenchmarkPrepareTable(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 100<<10; i++ {
		fmt.Fprintf(&sb, "地区%d\t生产总值（亿元）\t%d\t同比增长%d.%d%%\n", i, 1000+i*37, i%9, i%7)
	}
	text := sb.String()
	p := NewPolicy(Narrow)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		p.Prepare(text)
	}
}
