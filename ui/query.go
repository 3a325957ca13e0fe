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
	// limit is the most runes the line takes (0: maxQueryRunes); what is
	// typed or pasted beyond it is dropped, so that a paste of a whole
	// document cannot make every keystroke search for it.
	limit int
}

// maxQueryRunes bounds a query line unless it says otherwise.
const maxQueryRunes = 256

// update edits the line; it reports whether the text changed.
func (q *queryLine) update(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		add := msg.Runes
		if msg.Type == tea.KeySpace && len(add) == 0 {
			add = []rune{' '}
		}
		limit := q.limit
		if limit <= 0 {
			limit = maxQueryRunes
		}
		add = add[:max(0, min(len(add), limit-len(q.text)))]
		q.text = append(q.text, add...)
		return len(add) > 0
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
