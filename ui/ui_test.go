package ui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"jianbao/corpus"
	"jianbao/seeds"
	"jianbao/ui/layout"
)

func newModel(t *testing.T, amb layout.Ambiguity) Model {
	t.Helper()
	c, warns := corpus.Load(context.Background(), corpus.Options{Seeds: seeds.FS()})
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	return New(Config{Corpus: c, Label: "seeds", Policy: layout.NewPolicy(amb), Renderer: lipgloss.NewRenderer(nil)})
}

// TestViewFillsTheScreen checks every row of the frame is exactly the
// terminal's width under the active policy, at the sizes users run.
func TestViewFillsTheScreen(t *testing.T) {
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		p := layout.NewPolicy(amb)
		for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {61, 20}, {20, 5}} {
			var m tea.Model = newModel(t, amb)
			m, _ = m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
			rows := strings.Split(m.View(), "\n")
			if len(rows) != size[1] {
				t.Errorf("%v %v: %d rows", amb, size, len(rows))
			}
			for i, row := range rows {
				if w := p.StringWidth(ansi.Strip(row)); w != size[0] {
					t.Errorf("%v %v row %d is %d cells: %q", amb, size, i, w, ansi.Strip(row))
				}
			}
			if !strings.Contains(m.View(), "> 北京时间") {
				t.Errorf("%v %v: the cursor is not on the second document", amb, size)
			}
		}
	}
}

func TestKeysMoveTheCursor(t *testing.T) {
	var m tea.Model = newModel(t, layout.Narrow)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 10})
	for _, k := range []string{"G", "k", "g", "j", "j"} {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
	if got := m.(Model).cursor; got != 2 {
		t.Errorf("cursor at %d, want 2", got)
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd == nil {
		t.Error("q does not quit")
	}
}
