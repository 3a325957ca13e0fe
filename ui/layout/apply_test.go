package layout

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// TestApplyAgrees checks that after Apply every library in the frame
// measures like the policy: the renderer (x/ansi) and lipgloss, which cut
// and pad lines, most of all.
func TestApplyAgrees(t *testing.T) {
	t.Cleanup(NewPolicy(Narrow).Apply)
	common := []string{"“中美”", "……——", "唐纳德·特朗普", "中文abc", "①②", "€½"}
	pinyin := []string{"huì", "jīng", "mào", "ǎ"}
	for _, amb := range []Ambiguity{Wide, Narrow, Wide} {
		p := NewPolicy(amb)
		p.Apply()
		for _, s := range append(common, pinyin...) {
			want := p.StringWidth(s)
			if got := ansi.StringWidth(s); got != want {
				t.Errorf("%v: x/ansi measures %q as %d, policy %d", amb, s, got, want)
			}
			if got := lipgloss.Width(s); got != want {
				t.Errorf("%v: lipgloss measures %q as %d, policy %d", amb, s, got, want)
			}
			if got := uniseg.StringWidth(s); got != want {
				t.Errorf("%v: uniseg measures %q as %d, policy %d", amb, s, got, want)
			}
		}
		// go-runewidth's own tables undercount the pinyin vowels in wide
		// mode (see NewPolicy); the rest must agree.
		for _, s := range common {
			if got, want := runewidth.StringWidth(s), p.StringWidth(s); got != want {
				t.Errorf("%v: go-runewidth measures %q as %d, policy %d", amb, s, got, want)
			}
		}
	}
}
