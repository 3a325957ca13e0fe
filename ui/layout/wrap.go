package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"

	"jianbao/corpus"
)

// Line is one laid-out line of text.
type Line struct {
	// Text is what to draw: inert (no control character reaches the
	// terminal), tabs expanded, trailing spaces dropped.
	Text string
	// Width is Text's width in cells under the policy that laid it out.
	Width int
	// Start and End are rune offsets into the source: the line shows
	// source[Start:End]. The spans of all lines, in order, cover the
	// source exactly once; a blank line between paragraphs spans the line
	// feeds it stands for, and a table's row the line feed after it.
	Start, End int
}

// tabStop is the distance between tab stops, in cells from the line start.
const tabStop = 8

// Unit kinds.
const (
	kText   uint8 = iota // drawn as its source bytes
	kSpace               // ASCII space: hangs at the end of a line
	kTab                 // expands to the next tab stop; hangs like a space
	kSubst               // a control character, drawn as a visible substitute
	kHidden              // zero-width format character, not drawn
	kShown               // a cluster drawn in its shown form (ShownCluster)
	kLS                  // U+2028/U+2029: the line ends after it
	kSep                 // line feeds and blank lines between paragraphs
	kRowSep              // the line feed between two rows of a table: no blank line
	kEnd                 // sentinel after the last unit
)

// Break opportunities before a unit.
const (
	brkNo uint8 = iota
	brkYes
	brkMust
)

// unit is one grapheme cluster of the source, or one paragraph separator.
type unit struct {
	b, r   int32 // byte and rune offset where the unit starts
	w      uint8 // cells; 0 for tabs, which depend on the column (but a table's: alignTables)
	kind   uint8
	brk    uint8 // may a line break before this unit?
	nostrt bool  // clreq: must not start a line if that can be avoided
}

// Layout is a text analysed once for line breaking under one Policy. Wrap
// then lays it out at any width cheaply, so a resize re-wraps without
// re-reading the text.
type Layout struct {
	src   string
	p     *Policy
	units []unit // ends with a kEnd sentinel
	keep  bool   // see KeepClusters
}

// KeepClusters makes the laid-out lines hold every grapheme cluster as the
// source has it, with the runes ShownCluster leaves out (👍🏽 stays 👍🏽, a
// soft hyphen stays), for text written out rather than drawn: a fold tool
// must not lose characters. Lines still break where they would when drawn,
// and controls are still drawn inert. It returns l.
func (l *Layout) KeepClusters() *Layout {
	l.keep = true
	return l
}

// Wrap lays text out to width cells: Prepare followed by Layout.Wrap.
func (p *Policy) Wrap(text string, width int) []Line { return p.Prepare(text).Wrap(width) }

// Source is the text the layout was prepared from.
func (l *Layout) Source() string { return l.src }

// Prepare analyses text: grapheme clusters, their widths, the line-break
// opportunities between them (UAX #14 tailored for Chinese as W3C clreq
// describes), and what must be drawn in place of control characters.
// Paragraphs are the source's lines; blank lines between them collapse into
// one separator, drawn as a blank line, except between two rows of a table
// (see isRow) on consecutive lines, which are drawn one under the other.
// The text should be valid UTF-8; invalid bytes are drawn as U+FFFD.
func (p *Policy) Prepare(text string) *Layout {
	lbOnce.Do(lbInit)
	// Chinese text is a unit per three bytes; append grows for the rest.
	l := &Layout{src: text, p: p, units: make([]unit, 0, len(text)/3+16)}
	runes := 0
	sepStart, sepRune := 0, 0 // the pending separator: from here to the next paragraph
	prevRow := false          // the paragraph before the separator is a table's row
	rows := false             // two rows have met: there may be a table to line up
	for pos := 0; ; {
		e := strings.IndexByte(text[pos:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += pos
		}
		line := text[pos:e]
		if !isBlank(line) {
			row := isRow(line)
			if sepStart < pos {
				kind := kSep
				if prevRow && row && pos == sepStart+1 {
					kind, rows = kRowSep, true
				}
				l.units = append(l.units, unit{b: int32(sepStart), r: int32(sepRune), kind: kind})
			}
			prevRow = row
			runes = sepRune + utf8.RuneCountInString(text[sepStart:pos])
			runes = l.paragraph(line, pos, runes)
			sepStart, sepRune = e, runes
		}
		if e == len(text) {
			break
		}
		pos = e + 1
	}
	if sepStart < len(text) {
		l.units = append(l.units, unit{b: int32(sepStart), r: int32(sepRune), kind: kSep})
	}
	total := sepRune + utf8.RuneCountInString(text[sepStart:])
	l.units = append(l.units, unit{b: int32(len(text)), r: int32(total), kind: kEnd})
	if rows && (strings.IndexByte(text, '\t') >= 0 || strings.Contains(text, " | ")) {
		l.alignTables()
	}
	return l
}

// tableGap is the cells between two columns of a table aligned on its
// tabs; a bar (" | ") keeps its space before it, one cell at the least.
const tableGap = 2

// alignTables lines up the columns of a table: rows on consecutive lines
// (kRowSep between them), two or more with their cells parted by tabs or
// by a bar between spaces (" | ", as the HTML, Markdown and Word readers
// write a row). A separator reaches the column where the next cell starts
// in every row, past the widest cell before it, as column -t does; tab
// stops every eight cells, or a bar right after its cell, put a cell of
// Chinese (two cells a character) out of line with the rows above it. Such
// a separator (a tab, or the space before a bar, made a tab) keeps the
// cells it takes in the row in its w; other tabs have none, and reach the
// next stop.
func (l *Layout) alignTables() {
	// The block's rows: seps holds the units of their separators, gaps
	// the least each takes, cells the width of the cell each ends, rows
	// where each row's separators end.
	var seps []int32
	var gaps, cells, rows, starts []int
	flush := func() {
		if len(rows) >= 2 {
			starts = append(starts[:0], 0) // where each column starts
			for k := 0; ; k++ {
				end, any := 0, false
				from := 0
				for _, to := range rows {
					if from+k < to {
						end, any = max(end, starts[k]+cells[from+k]+gaps[from+k]), true
					}
					from = to
				}
				if !any {
					break
				}
				starts = append(starts, end)
			}
			from := 0
			for _, to := range rows {
				col := 0
				for k := from; k < to; k++ {
					col += cells[k]
					w := starts[k-from+1] - col
					u := &l.units[seps[k]]
					u.kind, u.w = kTab, uint8(min(w, 255))
					col += w
				}
				from = to
			}
		}
		seps, gaps, cells, rows = seps[:0], gaps[:0], cells[:0], rows[:0]
	}
	row, cell := len(seps), 0 // the row's first separator, and the cell's width
	for i := range l.units {
		u := &l.units[i]
		switch {
		case u.kind == kTab:
			seps, gaps, cells, cell = append(seps, int32(i)), append(gaps, tableGap), append(cells, cell), 0
			continue
		case u.kind == kSpace && l.barAfter(i):
			seps, gaps, cells, cell = append(seps, int32(i)), append(gaps, 1), append(cells, cell), 0
			continue
		case isSep(u.kind) || u.kind == kEnd:
			switch {
			case len(seps) > row:
				rows = append(rows, len(seps))
			case len(rows) > 0:
				flush() // a row without a separator ends the table
			}
			if u.kind != kRowSep {
				flush()
			}
			row, cell = len(seps), 0
			continue
		}
		cell += int(u.w)
	}
}

// barAfter reports whether unit i, a space, starts " | ": a bar between
// spaces, which parts a row's cells, or one that ends the row (its last
// cell empty).
func (l *Layout) barAfter(i int) bool {
	if i+2 >= len(l.units) {
		return false
	}
	bar, next := &l.units[i+1], &l.units[i+2]
	return bar.kind == kText && next.b-bar.b == 1 && l.src[bar.b] == '|' && (next.kind == kSpace || isSep(next.kind) || next.kind == kEnd)
}

// isRow tells a table's row, as converters and plain-text tables write
// one: cells apart by a tab, by a bar (" | ", "｜"), or, in a line that
// ends no sentence, by two spaces or an ideographic one. Leading and
// trailing white space does not count.
func isRow(s string) bool {
	if strings.HasPrefix(s, " | ") && len(strings.TrimSpace(s)) > 1 {
		return true // its first cell empty, as a converter writes it
	}
	s = strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\u3000' })
	if strings.IndexByte(s, '\t') >= 0 || strings.Contains(s, " | ") || strings.Contains(s, "｜") ||
		strings.HasSuffix(s, " |") && len(s) > 2 { // its last cell empty
		return true
	}
	if !strings.Contains(s, "  ") && !strings.Contains(s, "\u3000") {
		return false
	}
	return !strings.ContainsAny(s, "。！？!?")
}

// isSep reports a unit kind that parts paragraphs.
func isSep(kind uint8) bool { return kind == kSep || kind == kRowSep }

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// narrowCond measures East Asian Width without the ambiguous characters:
// width 2 here means the character is East Asian wide (W or F).
var narrowCond = &runewidth.Condition{StrictEmojiNeutral: true}

func eaWide(r rune) bool { return r >= 0x1100 && narrowCond.RuneWidth(r) == 2 }

// paragraph appends the units of one paragraph, which starts at byte off
// and rune runes of the source, and returns the rune offset after it.
func (l *Layout) paragraph(s string, off, runes int) int {
	urls := corpus.FindURLs(s)
	first := true
	prevCls := lbXX
	prevWide, prevCloseQ, prevLS, spaces := false, false, false, false
	units := l.units
	r, n := decodeAt(s, 0)
	inf := infoOf(r)
	for i := 0; i < len(s); {
		// The rune after this one, decoded once and carried over.
		j := i + n
		var r2 rune
		var n2 int
		var inf2 uint32
		if j < len(s) {
			r2, n2 = decodeAt(s, j)
			inf2 = infoOf(r2)
		}
		// The common case: an ordinary character standing alone, after
		// another, with no rule beyond the pair table to apply.
		if (inf|inf2)&infoJoins == 0 && inf&(infoSpecial|infoNoStart|infoOpenQ|infoCloseQ) == 0 &&
			!first && !prevLS && !spaces && !prevCloseQ && len(urls) == 0 && prevCls != lbXX {
			cls := lbClass(inf & infoClass)
			if cls == lbCM || cls == lbZWJ {
				cls = lbAL
			}
			u := unit{b: int32(off + i), r: int32(runes), w: uint8(inf >> l.p.infoShift & 3), kind: kText, nostrt: inf&infoAvoid != 0}
			if pairs[prevCls][cls] || cls == lbOP && inf&infoWide != 0 && (prevCls == lbAL || prevCls == lbHL || prevCls == lbNU) {
				u.brk = brkYes
			}
			units = append(units, u)
			prevCls, prevWide = cls, inf&infoWide != 0
			runes++
			i, r, n, inf = j, r2, n2, inf2
			continue
		}
		size, count := n, 1
		if inf&infoJoins != 0 || inf2&infoJoins != 0 {
			c, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
			if len(c) > n && utf8.ValidString(c) { // else an invalid byte was glued on: it becomes its own unit
				size, count = len(c), utf8.RuneCountInString(c)
			}
		}
		u := unit{b: int32(off + i), r: int32(runes)}
		cls := lbClass(inf & infoClass)
		if inf&infoSpecial == 0 {
			u.kind = kText
			if count == 1 {
				u.w = uint8(inf >> l.p.infoShift & 3)
			} else {
				c := s[i : i+size]
				u.w = uint8(min(l.p.ClusterWidth(c), 255))
				if _, ok := ShownCluster(c); ok {
					u.kind = kShown
				}
			}
			if cls == lbCM || cls == lbZWJ {
				cls = lbAL // LB10: a mark with nothing to attach to
			}
		} else {
			switch {
			case r == ' ':
				u.kind, u.w, cls = kSpace, 1, lbSP
			case r == '\t':
				u.kind, cls = kTab, lbSP
			case r == 0x2028 || r == 0x2029 || r == 0x85: // line and paragraph separators, NEL
				u.kind, cls = kLS, lbBK
			case isBidiControl(r) || r == 0x200E || r == 0x200F || r == 0x061C:
				u.kind = kHidden // transparent to line breaking (CM, LB9)
			case shownDropped(r): // not drawn standing alone (a terminal could give one a cell)
				u.kind = kHidden
			case r == utf8.RuneError && n > 1: // a real U+FFFD
				u.kind, u.w = kText, uint8(l.p.RuneWidth(r))
			default: // controls and invalid bytes
				u.kind, cls = kSubst, lbAL
				u.w = uint8(l.p.StringWidth(substitute(r, n)))
			}
		}
		u.nostrt = inf&infoAvoid != 0 && u.kind != kSubst
		transparent := u.kind == kHidden && cls == lbCM
		switch {
		case transparent:
			u.brk = brkNo
		case first:
			u.brk = brkNo // LB2
		case prevLS:
			u.brk = brkMust
		case cls == lbSP:
			u.brk = brkNo // LB7
		case prevCls == lbXX:
			u.brk = brkNo // only an indent so far: keep it with the text
		default:
			allowed := pairs[prevCls][cls]
			if spaces {
				allowed = pairsSP[prevCls][cls]
			}
			switch {
			case inf&infoNoStart != 0:
				allowed = false
			case spaces:
			case inf&infoOpenQ != 0 && prevWide:
				allowed = pairs[prevCls][lbID] // LB19a: 中“ may break
			case prevCloseQ && inf&infoWide != 0:
				allowed = pairs[lbID][cls] // LB19a: ”中 may break
			case cls == lbOP && inf&infoWide != 0 && (prevCls == lbAL || prevCls == lbHL || prevCls == lbNU):
				allowed = true // LB30 spares East Asian brackets
			}
			for len(urls) > 0 && urls[0][1] <= i {
				urls = urls[1:]
			}
			if len(urls) > 0 && i > urls[0][0] {
				allowed = false // inside a URL or an address
			}
			if allowed {
				u.brk = brkYes
			}
		}
		switch {
		case transparent:
		case cls == lbSP:
			spaces = true
		case u.kind == kLS:
			prevCls, spaces = lbXX, false
		default:
			prevCls, prevWide, prevCloseQ, spaces = cls, inf&infoWide != 0, inf&infoCloseQ != 0, false
		}
		if !transparent {
			first = false
			prevLS = u.kind == kLS
		}
		units = append(units, u)
		runes += count
		if size == n {
			i, r, n, inf = j, r2, n2, inf2
		} else {
			i += size
			r, n = decodeAt(s, i)
			inf = infoOf(r)
		}
	}
	l.units = units
	return runes
}

// decodeAt decodes the rune at s[i:], with a fast path for ASCII; at the
// end of s it returns size 0.
func decodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	// Three-byte sequences (all of CJK) inline; the checks on the second
	// byte reject overlong forms (E0) and surrogates (ED).
	if c&0xF0 == 0xE0 && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && (c != 0xE0 || c1 >= 0xA0) && (c != 0xED || c1 < 0xA0) {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// substitute is what is drawn for a control character or an invalid byte
// (size 1 with RuneError).
func substitute(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size == 1, r >= 0x80 && r <= 0x9F:
		return "�"
	case r == 0x7F:
		return "␡"
	case r < 0x20:
		return string(0x2400 + r)
	}
	return string(r)
}

// Wrap lays the text out to width cells. No line is wider than width unless
// it holds a single cluster wider than width. Lines break at the
// opportunities Prepare found; where none fits, a line breaks between
// clusters, carrying a character that must not start a line down with the
// one before it.
func (l *Layout) Wrap(width int) []Line {
	width = max(width, 1)
	out := make([]Line, 0, len(l.src)/(2*width)+4)
	n := len(l.units) - 1 // without the sentinel
	for i := 0; i < n; {
		if k := l.units[i].kind; isSep(k) {
			if k == kRowSep || i == n-1 && len(out) > 0 {
				// The line before spans the line feeds: a table's row,
				// or the text's last line (trailing line feeds).
				out[len(out)-1].End = int(l.units[i+1].r)
			} else {
				out = append(out, Line{Start: int(l.units[i].r), End: int(l.units[i+1].r)})
			}
			i++
			continue
		}
		j := i
		for j < n && !isSep(l.units[j].kind) {
			j++
		}
		out = l.wrapParagraph(i, j, width, out)
		i = j
	}
	if len(out) == 0 {
		out = append(out, Line{})
	}
	return out
}

// width of unit u at column col.
func (l *Layout) unitWidth(u *unit, col int) int {
	if u.kind == kTab {
		if u.w > 0 { // a table's (alignTables)
			return int(u.w)
		}
		return tabStop - col%tabStop
	}
	return int(u.w)
}

func (l *Layout) wrapParagraph(s, e, width int, out []Line) []Line {
	start, col, brk := s, 0, -1
	for i := s; i < e; i++ {
		u := &l.units[i]
		if i > start {
			switch u.brk {
			case brkMust:
				out = l.emit(out, start, i)
				start, col, brk = i, 0, -1
			case brkYes:
				brk = i
			}
		}
		w := l.unitWidth(u, col)
		if u.kind == kSpace || u.kind == kTab {
			col += w // spaces hang past the edge
			continue
		}
		if col+w > width && i > start {
			cut := brk
			if cut <= start {
				// No opportunity on this line: break between clusters,
				// but not before a character that must not start a line.
				cut = i
				for cut-1 > start && l.units[cut].nostrt {
					cut--
				}
			}
			out = l.emit(out, start, cut)
			start, brk = cut, -1
			col = l.span(cut, i)
			if col+w > width && i > start {
				out = l.emit(out, start, i)
				start, col = i, 0
			}
			w = l.unitWidth(u, col)
		}
		col += w
	}
	return l.emit(out, start, e)
}

// span is the width of units [a, b) laid out from column 0.
func (l *Layout) span(a, b int) int {
	col := 0
	for k := a; k < b; k++ {
		col += l.unitWidth(&l.units[k], col)
	}
	return col
}

// emit appends the line made of units [a, b).
func (l *Layout) emit(out []Line, a, b int) []Line {
	// Trailing spaces, tabs and invisible units are not drawn.
	last := b
	for last > a && (l.units[last-1].kind == kSpace || l.units[last-1].kind == kTab || l.units[last-1].kind == kHidden || l.units[last-1].kind == kLS) {
		last--
	}
	line := Line{Start: int(l.units[a].r), End: int(l.units[b].r)}
	plain := true
	col := 0
	for k := a; k < last; k++ {
		u := &l.units[k]
		if u.kind != kText && (u.kind != kSpace || l.units[k+1].b-u.b > 1) {
			plain = false // a space may carry marks (" \u0301", " 🏽"): drawn as a space
		}
		col += l.unitWidth(u, col)
	}
	line.Width = col
	if plain {
		line.Text = l.src[l.units[a].b:l.units[last].b]
		return append(out, line)
	}
	var sb strings.Builder
	col = 0
	for k := a; k < last; k++ {
		u := &l.units[k]
		text := l.src[u.b:l.units[k+1].b]
		switch u.kind {
		case kText:
			sb.WriteString(text)
		case kSpace:
			sb.WriteByte(' ')
		case kTab:
			sb.WriteString(strings.Repeat(" ", l.unitWidth(u, col)))
		case kSubst:
			r, n := utf8.DecodeRuneInString(text)
			sb.WriteString(substitute(r, n))
		case kShown:
			if !l.keep {
				text, _ = ShownCluster(text)
			}
			sb.WriteString(text)
		case kHidden:
			if r, _ := utf8.DecodeRuneInString(text); l.keep && shownDropped(r) {
				sb.WriteString(text)
			}
		}
		col += l.unitWidth(u, col)
	}
	line.Text = sb.String()
	return append(out, line)
}

// unitAt is the index of the unit holding rune offset r.
func (l *Layout) unitAt(r int) int {
	lo, hi := 0, len(l.units)-1
	for lo < hi { // last unit with units[i].r <= r
		mid := (lo + hi + 1) / 2
		if int(l.units[mid].r) <= r {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// OffsetAt maps a cell of a laid-out line to the rune offset of the
// character drawn there; cells past the end of the text map to ln.End, or,
// on a table's row, to the line feed after it.
func (l *Layout) OffsetAt(ln Line, cell int) int {
	col := 0
	for k := l.unitAt(ln.Start); k < len(l.units)-1 && int(l.units[k].r) < ln.End; k++ {
		u := &l.units[k]
		if u.kind == kRowSep {
			return int(u.r) // before the line feed the row's line spans
		}
		if u.kind == kSep {
			break
		}
		w := l.unitWidth(u, col)
		if cell < col+w {
			return int(u.r)
		}
		col += w
	}
	return ln.End
}

// CellAt maps a rune offset within a laid-out line to the first cell of
// the character that holds it. Offsets at or past the end map to ln.Width.
func (l *Layout) CellAt(ln Line, offset int) int {
	col := 0
	for k := l.unitAt(ln.Start); k < len(l.units)-1; k++ {
		u := &l.units[k]
		if int(u.r) >= ln.End || isSep(u.kind) || int(l.units[k+1].r) > offset {
			break
		}
		col += l.unitWidth(u, col)
	}
	return min(col, ln.Width)
}

// LineAt returns the index of the line whose span holds rune offset r (the
// last line for offsets at the end).
func LineAt(lines []Line, r int) int {
	lo, hi := 0, len(lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lines[mid].Start <= r {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return max(lo, 0)
}
