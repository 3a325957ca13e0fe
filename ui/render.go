package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/rivo/uniseg"

	"jianbao/ui/layout"
)

// span styles the cells [from, to) of a row.
type span struct {
	from, to int
	style    lipgloss.Style
}

// row draws text (already inert, one line) in exactly width cells under the
// policy: cut with … when too wide, padded with spaces when short, and the
// cells covered by spans styled. base styles everything else. Styling
// happens after measuring, so escape codes never count as cells.
func row(p *layout.Policy, text string, width int, base lipgloss.Style, spans []span) string {
	if width <= 0 {
		return ""
	}
	text = p.Truncate(text, width, "…")
	var sb, seg strings.Builder
	cur := -1 // the span seg is styled by; -1: base
	flush := func() {
		if seg.Len() == 0 {
			return
		}
		st := base
		if cur >= 0 {
			st = spans[cur].style
		}
		sb.WriteString(st.Render(seg.String()))
		seg.Reset()
	}
	spanAt := func(col int) int {
		for i, s := range spans {
			if col >= s.from && col < s.to {
				return i
			}
		}
		return -1
	}
	col := 0
	state := -1
	for rest := text; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if i := spanAt(col); i != cur {
			flush()
			cur = i
		}
		seg.WriteString(cluster)
		col += p.ClusterWidth(cluster)
	}
	flush()
	if col < width {
		sb.WriteString(base.Render(strings.Repeat(" ", width-col)))
	}
	return sb.String()
}
