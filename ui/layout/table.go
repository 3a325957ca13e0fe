package layout

import "strings"

// Column describes one column of a Table.
type Column struct {
	Header string
	// Right aligns the column to the right (numbers).
	Right bool
}

// Table lays rows out in columns aligned in cells, two spaces apart, no line
// wider than width. Every column but the last is as wide as its widest
// cell; the last takes what is left and is cut with "…". Cells must already
// be Inert. The header row comes first.
func (p *Policy) Table(cols []Column, rows [][]string, width int) []string {
	const gap = "  "
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = p.StringWidth(c.Header)
	}
	for _, r := range rows {
		for i := 0; i < len(cols)-1 && i < len(r); i++ {
			widths[i] = max(widths[i], p.StringWidth(r[i]))
		}
	}
	line := func(cells []string) string {
		var sb strings.Builder
		for i, c := range cols {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			if i > 0 {
				sb.WriteString(gap)
			}
			if i == len(cols)-1 {
				sb.WriteString(p.Truncate(cell, width-p.StringWidth(sb.String()), "…"))
				break
			}
			if c.Right {
				sb.WriteString(p.PadLeft(cell, widths[i]))
			} else {
				sb.WriteString(cell + strings.Repeat(" ", max(0, widths[i]-p.StringWidth(cell))))
			}
		}
		// Columns wider than the screen: cut the line itself.
		return strings.TrimRight(p.Truncate(sb.String(), width, "…"), " ")
	}
	out := make([]string, 0, len(rows)+1)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	out = append(out, line(headers))
	for _, r := range rows {
		out = append(out, line(r))
	}
	return out
}
