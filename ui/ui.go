// Package ui is jianbao's terminal interface: Bubble Tea models, key maps
// and styles. Text is measured and laid out by ui/layout.
package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"jianbao/corpus"
	"jianbao/ui/layout"
)

// Config is what the reader needs from its caller.
type Config struct {
	Corpus *corpus.Corpus
	// Label names the corpus in the title bar.
	Label string
	// Skipped is how many files failed to load.
	Skipped  int
	Policy   *layout.Policy
	Renderer *lipgloss.Renderer
}

// KeyMap lists the reader's keys; the help line is made from it.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Quit key.Binding
}

// DefaultKeyMap returns the keys of the document list.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom, k.Quit}}
}

// Styles are the reader's styles, made from one renderer so that each SSH
// session gets its own colour profile.
type Styles struct {
	Bar, Selected, Dim lipgloss.Style
}

// NewStyles makes the styles for r.
func NewStyles(r *lipgloss.Renderer) Styles {
	return Styles{
		Bar:      r.NewStyle().Reverse(true),
		Selected: r.NewStyle().Bold(true),
		Dim:      r.NewStyle().Faint(true),
	}
}

// Model is the root of the reader.
type Model struct {
	cfg    Config
	keys   KeyMap
	styles Styles
	// titles are the documents' display titles, made inert once.
	titles        []string
	cursor, top   int
	width, height int
}

// New makes the reader.
func New(cfg Config) Model {
	if cfg.Renderer == nil {
		cfg.Renderer = lipgloss.DefaultRenderer()
	}
	titles := make([]string, cfg.Corpus.Len())
	for i, d := range cfg.Corpus.Docs {
		titles[i] = layout.Inert(d.DisplayTitle())
	}
	return Model{cfg: cfg, keys: DefaultKeyMap(), styles: NewStyles(cfg.Renderer), titles: titles}
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyMsg:
		n := len(m.titles)
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Up):
			m.cursor--
		case key.Matches(msg, m.keys.Down):
			m.cursor++
		case key.Matches(msg, m.keys.PageUp):
			m.cursor -= m.rows()
		case key.Matches(msg, m.keys.PageDown):
			m.cursor += m.rows()
		case key.Matches(msg, m.keys.Top):
			m.cursor = 0
		case key.Matches(msg, m.keys.Bottom):
			m.cursor = n - 1
		}
		m.cursor = max(0, min(m.cursor, n-1))
	}
	m.top = max(0, min(m.top, m.cursor), m.cursor-m.rows()+1)
	return m, nil
}

// rows is how many list rows fit between the title and status bars.
func (m Model) rows() int { return max(1, m.height-2) }

// View implements tea.Model. Every line is exactly the terminal's width.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	p := m.cfg.Policy
	var sb strings.Builder
	title := fmt.Sprintf(" 简报 jianbao · %s · %d documents", m.cfg.Label, len(m.titles))
	if m.cfg.Skipped > 0 {
		title += fmt.Sprintf(" · %d files skipped (jianbao list shows why)", m.cfg.Skipped)
	}
	sb.WriteString(m.styles.Bar.Render(p.Fit(title, m.width)))
	for i := 0; i < m.rows(); i++ {
		sb.WriteByte('\n')
		j := m.top + i
		if j >= len(m.titles) {
			sb.WriteString(strings.Repeat(" ", m.width))
			continue
		}
		if j == m.cursor {
			sb.WriteString(m.styles.Selected.Render(p.Fit("> "+m.titles[j], m.width)))
		} else {
			sb.WriteString(p.Fit("  "+m.titles[j], m.width))
		}
	}
	sb.WriteByte('\n')
	status := fmt.Sprintf(" %d/%d  %s", m.cursor+1, len(m.titles), helpLine(m.keys.ShortHelp()))
	sb.WriteString(m.styles.Dim.Render(p.Fit(status, m.width)))
	return sb.String()
}

// helpLine renders key bindings as plain text, so that it can be measured
// and cut by the width policy before it is styled.
func helpLine(bs []key.Binding) string {
	parts := make([]string, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}
