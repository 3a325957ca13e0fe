package ui

import (
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"jianbao/corpus"
	"jianbao/internal/synth"
	"jianbao/ui/layout"
)

var (
	bigOnce   sync.Once
	bigCorpus *corpus.Corpus
	bigIndex  *corpus.Index
)

// bigModel is the reader on 10,000 synthetic documents.
func bigModel(b *testing.B) tea.Model {
	bigOnce.Do(func() {
		bigCorpus = corpus.New(synth.Documents(10_000))
		bigIndex = corpus.BuildIndex(bigCorpus)
	})
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.ANSI256)
	m := New(Config{Corpus: bigCorpus, Index: bigIndex, Label: "synthetic", Policy: layout.NewPolicy(layout.Narrow), Renderer: r})
	return drive(m, size(120, 40))
}

// BenchmarkFilterKeystroke is one keystroke typed into the filter on
// 10,000 documents, as the runtime runs it: Update, the filter command,
// its result, and the new frame.
func BenchmarkFilterKeystroke(b *testing.B) {
	for _, typed := range []string{"贸易", "鄂尔多斯", "mayun", "albb", "中", "(贸易 OR 投资) -合作"} {
		b.Run(typed, func(b *testing.B) {
			m := drive(bigModel(b), keys("/"))
			runes := []rune(typed)
			for b.Loop() {
				// Type the query a rune at a time and clear it: the figure
				// is the mean per keystroke.
				mm := m
				for _, r := range runes {
					mm = drive(mm, keys(string(r)))
					_ = mm.View()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(runes))/1e6, "ms/keystroke")
		})
	}
}

// BenchmarkArticleView draws the article pane of a large document at
// 120×40, and re-lays it out at a new width.
func BenchmarkArticleView(b *testing.B) {
	m := drive(bigModel(b), keys("G"), tea.KeyMsg{Type: tea.KeyEnter})
	b.Run("View", func(b *testing.B) {
		for b.Loop() {
			_ = m.View()
		}
	})
	b.Run("Resize", func(b *testing.B) {
		i := 0
		for b.Loop() {
			m = drive(m, size(100+i%2*40, 40))
			_ = m.View()
			i++
		}
	})
}
