package ui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// queryLine is a one-line editor for / queries. It takes whole key events
// of runes, so text from a Chinese input method (several runes in one
// event) arrives intact.
type queryLine struct {
	active bool
	text   []rune
}

// update edits the line; it reports whether the text changed.
func (q *queryLine) update(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		q.text = append(q.text, msg.Runes...)
		if msg.Type == tea.KeySpace && len(msg.Runes) == 0 {
			q.text = append(q.text, ' ')
		}
		return true
	case tea.KeyBackspace:
		if len(q.text) > 0 {
			q.text = q.text[:len(q.text)-1]
			return true
		}
	case tea.KeyCtrlU:
		if len(q.text) > 0 {
			q.text = q.text[:0]
			return true
		}
	case tea.KeyCtrlW:
		n := len(q.text)
		for n > 0 && q.text[n-1] == ' ' {
			n--
		}
		for n > 0 && q.text[n-1] != ' ' {
			n--
		}
		if n != len(q.text) {
			q.text = q.text[:n]
			return true
		}
	}
	return false
}

func (q queryLine) String() string { return string(q.text) }
