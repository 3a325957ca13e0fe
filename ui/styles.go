package ui

import "github.com/charmbracelet/lipgloss"

// Styles are the reader's styles, made from one renderer so that each SSH
// session gets its own colour profile and background. Colour only ever
// repeats what a marker, reverse video or underline already shows, so the
// reader stays usable without colour (NO_COLOR) and on 16-colour
// terminals, whose ANSI colours the defaults use.
type Styles struct {
	TitleBar, StatusBar lipgloss.Style
	Selected, Dim       lipgloss.Style
	Match, Current      lipgloss.Style // query matches; the one n/N is on
	Change              lipgloss.Style // text the cleaner changed
	Selection           lipgloss.Style // the passage being chosen
	Note                lipgloss.Style // tagged passages
	Badge, Border       lipgloss.Style
	Warn                lipgloss.Style
}

// NewStyles makes the styles for r.
func NewStyles(r *lipgloss.Renderer) Styles {
	accent := lipgloss.AdaptiveColor{Light: "4", Dark: "12"} // blue
	warn := lipgloss.AdaptiveColor{Light: "1", Dark: "9"}    // red
	return Styles{
		TitleBar:  r.NewStyle().Reverse(true).Bold(true),
		StatusBar: r.NewStyle().Reverse(true),
		Selected:  r.NewStyle().Bold(true).Foreground(accent),
		Dim:       r.NewStyle().Faint(true),
		Match:     r.NewStyle().Reverse(true),
		Current:   r.NewStyle().Reverse(true).Bold(true).Underline(true),
		Change:    r.NewStyle().Underline(true).Foreground(warn),
		Selection: r.NewStyle().Reverse(true).Underline(true),
		Note:      r.NewStyle().Underline(true).Foreground(accent),
		Badge:     r.NewStyle().Foreground(accent),
		Border:    r.NewStyle().Faint(true),
		Warn:      r.NewStyle().Foreground(warn).Bold(true),
	}
}
