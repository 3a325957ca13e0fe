package layout

import (
	"os"
	_ "unsafe" // go:linkname

	_ "github.com/charmbracelet/x/ansi" // measured through below
	"github.com/clipperhouse/displaywidth"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// x/ansi (the width lipgloss and Bubble Tea's renderer use) decides
// ambiguous widths once, in its init, from RUNEWIDTH_EASTASIAN alone, and
// keeps the decision in two unexported variables. Apply sets them, so the
// renderer never disagrees with the layout. TestApplyAgrees guards this
// against a change of x/ansi's internals.

//go:linkname ansiWcOptions github.com/charmbracelet/x/ansi.wcOptions
var ansiWcOptions *runewidth.Condition

//go:linkname ansiDwOptions github.com/charmbracelet/x/ansi.dwOptions
var ansiDwOptions *displaywidth.Options

// Apply makes every library that measures text on jianbao's behalf use this
// policy's ambiguous width: go-runewidth's defaults, rivo/uniseg,
// charmbracelet/x/ansi (and so lipgloss and Bubble Tea), and, through
// RUNEWIDTH_EASTASIAN, child processes. The settings are process-wide: call
// it once at start-up, before any UI runs.
func (p *Policy) Apply() {
	wide := p.amb == Wide
	runewidth.EastAsianWidth = wide
	runewidth.DefaultCondition.EastAsianWidth = wide
	uniseg.EastAsianAmbiguousWidth = 1
	env := "0"
	if wide {
		uniseg.EastAsianAmbiguousWidth = 2
		env = "1"
	}
	os.Setenv("RUNEWIDTH_EASTASIAN", env)
	if ansiWcOptions != nil {
		ansiWcOptions.EastAsianWidth = wide
	}
	if ansiDwOptions != nil {
		ansiDwOptions.EastAsianWidth = wide
	}
}
