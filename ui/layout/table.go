package layout

import (
	"slices"
	"strings"
)

// Column describes one column of a Table.
type Column struct {
	Header string
	// Right aligns the column to the right (numbers).
	Right bool
	// Drop, when above 0, lets the column be left out when the last
	// column would have fewer than minLast cells; the highest goes first.
	Drop int
}

// minLast is the fewest cells the last column (a title) is given while
// columns can still be dropped to make room for it.
const minLast = 16

// Table lays rows out in columns aligned in cells, two spaces apart, no line
// wider than width. Every column but the last is as wide as its widest
// cell; the last takes what is left and is cut with "…". Cells must already
// be Inert. The header row comes first.
//
// On a narrow screen, columns that may be dropped (Column.Drop) are left out,
// highest Drop first, until the last column has minLast cells or none is
// left to drop.
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
	cols, widths, rows = dropColumns(cols, widths, rows, width, len(gap))
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

// dropColumns leaves out droppable columns (see Table) while the last one
// has fewer than minLast of width's cells.
func dropColumns(cols []Column, widths []int, rows [][]string, width, gap int) ([]Column, []int, [][]string) {
	last := func() int {
		used := 0
		for _, w := range widths[:len(widths)-1] {
			used += w + gap
		}
		return width - used
	}
	var gone []int
	for last() < minLast {
		d := -1
		for i, c := range cols[:len(cols)-1] {
			if c.Drop > 0 && (d < 0 || c.Drop > cols[d].Drop) {
				d = i
			}
		}
		if d < 0 {
			break
		}
		cols = slices.Delete(slices.Clone(cols), d, d+1)
		widths = slices.Delete(widths, d, d+1)
		gone = append(gone, d)
	}
	if len(gone) == 0 {
		return cols, widths, rows
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		r = slices.Clone(r)
		for _, d := range gone {
			if d < len(r) {
				r = slices.Delete(r, d, d+1)
			}
		}
		out[i] = r
	}
	return cols, widths, out
}
