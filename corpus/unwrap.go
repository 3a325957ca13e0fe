package corpus

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// unwrapEdits joins back into paragraphs the lines of a text that was
// wrapped at a fixed width: mail and Usenet archives (the HZ ones among
// them), some exported TXT. Chinese has no spaces between words, so a
// paragraph broken at column 72 cannot be searched across its breaks nor
// laid out to the terminal until its lines are joined; fmt and fold would
// put a space at every join.
//
// A text is taken for wrapped when most of its lines that another line
// follows end within wrapSlack columns of one width W (of at least
// minWrapWidth columns, wide characters counting two), at least
// minWrapLines of them. A line that long then joins the next one, unless
// the next is blank, indented (a paragraph's first line in Chinese texts)
// or starts a list item or a heading (一、 （二） 3. 第四条 •), and when
// few lines run past W or stop short of it before more text (no more than
// half as many as the lines at W). The line
// break (and any white space before it) goes; a space stays between two
// Latin letters or digits.
func unwrapEdits(s string) []edit {
	// Most texts have too few lines short enough to be wrapped ones.
	short, prevShort := 0, false
	lines(s, func(start, end, _ int) {
		n := end - start
		if prevShort && n > 0 {
			short++
		}
		prevShort = n > 0 && n <= maxWrapBytes
	})
	if short < minWrapLines {
		return nil
	}
	var ls []wrapLine
	lines(s, func(start, end, _ int) {
		w := maxWrapWidth + 1 // too long to be a wrapped line
		if end-start <= maxWrapBytes {
			// (A form feed starts a page in pdftotext's output.)
			w = columns(strings.TrimRightFunc(strings.TrimPrefix(s[start:end], "\f"), isSpaceLike))
		}
		ls = append(ls, wrapLine{start, end, w})
	})
	// The widths of lines followed by a line, and the window of wrapSlack
	// columns that holds the most of them.
	hist := map[int]int{}
	followed := 0
	for i := 0; i+1 < len(ls); i++ {
		if ls[i].width > 0 && ls[i+1].width > 0 {
			followed++
			if ls[i].width <= maxWrapWidth {
				hist[ls[i].width]++
			}
		}
	}
	if followed < minWrapLines {
		return nil
	}
	// A program wrapping at a fixed width leaves lines within wrapSlack
	// columns of it. A PDF set in proportional type and justified, read
	// back as text, leaves them within a sixth of it (Latin words, digits
	// and the spaces around them take fewer columns than the points they
	// fill: one page's lines of 74 columns ran from 63 to 75); so wide a
	// window also holds lists of titles and a sentence a line, so for it
	// the lines must read as prose broken anywhere: punctuation inside
	// them, and few ending a sentence.
	// The wide window is taken when it holds a quarter more lines than the
	// narrow one (a fixed width's lines are in both).
	fits := func(hi, best int) bool { return hi >= minWrapWidth && best >= minWrapLines && 2*best >= followed }
	lo, hi, best := wrapWindow(hist, func(int) int { return wrapSlack })
	wlo, whi, wbest := wrapWindow(hist, func(w int) int { return max(wrapSlack, w/6) })
	switch {
	case fits(whi, wbest) && (!fits(hi, best) || 4*wbest > 5*best) && brokenProse(s, ls, wlo, whi):
		lo, hi, best = wlo, whi, wbest
	case !fits(hi, best):
		return nil
	}
	// A wrapping program leaves no line wider than its width, and ends a
	// paragraph (a line short of it) before a blank or an indented line or
	// a new item. A web page's short lines (a date, 字級：小 中 大, a link)
	// can crowd into one window of widths too, but its lines also run past
	// it and stop short before more text.
	odd := 0
	for i, l := range ls {
		switch {
		case l.width == 0:
		case l.width > hi:
			odd++
		case l.width < lo && i+1 < len(ls) && ls[i+1].width > 0 && !endsSentence(s[l.start:l.end]):
			// (A paragraph that ends a sentence short of the width may
			// be followed by the next at once: a PDF's text loses the
			// indent of its paragraphs' first lines.)
			next := s[ls[i+1].start:ls[i+1].end]
			if r, _ := utf8.DecodeRuneInString(next); !isSpaceLike(r) && !itemStart.MatchString(next) {
				odd++
			}
		}
	}
	if 2*odd > best {
		return nil
	}
	pageBreak := pageBreaks(s, ls, lo)
	var out []edit
	for i := 0; i+1 < len(ls); i++ {
		a, b := ls[i], ls[i+1]
		if a.width < lo || a.width > hi {
			continue
		}
		if b.width == 0 || pageBreak(i+1) {
			// A page break inside a paragraph (a PDF's text): the page
			// number and running header between go with the line end.
			j := i + 1
			for j < len(ls) && (ls[j].width == 0 || pageBreak(j)) {
				j++
			}
			if j == len(ls) || !pageBreak.seen(i+1, j) || endsSentence(s[a.start:a.end]) {
				continue
			}
			b = ls[j]
		}
		next := s[b.start:b.end]
		ff := len(next) - len(strings.TrimPrefix(next, "\f")) // a page's first line
		next = next[ff:]
		if r, _ := utf8.DecodeRuneInString(next); isSpaceLike(r) || itemStart.MatchString(next) {
			continue
		}
		body := strings.TrimRightFunc(s[a.start:a.end], isSpaceLike)
		repl := ""
		last, _ := utf8.DecodeLastRuneInString(body)
		first, _ := utf8.DecodeRuneInString(next)
		if isLatinWord(last) && isLatinWord(first) {
			repl = " "
		}
		out = append(out, edit{start: a.start + len(body), end: b.start + ff, repl: repl})
	}
	if strings.IndexByte(s, '\f') >= 0 {
		// pdftotext's page numbers go also where a paragraph ends with
		// its page (no join took them).
		var numbers []edit
		k := 0
		for i, l := range ls {
			for k < len(out) && out[k].end <= l.start {
				k++
			}
			if l.width > 0 && pageBreak(i) && (k == len(out) || out[k].start > l.start) {
				numbers = append(numbers, edit{start: l.start, end: min(len(s), l.end+1)})
			}
		}
		out = append(out, numbers...)
		slices.SortFunc(out, func(a, b edit) int { return a.start - b.start })
	}
	return out
}

// wrapWindow returns the window of widths, slack(w) columns below a width
// w, that holds the most lines (hist counts the lines of each width), and
// how many it holds. The width itself is the widest line near the window:
// the window that holds the most lines may stop a column short of it
// (lines of wide characters at 70, lines with one ASCII character at 69
// and below).
func wrapWindow(hist map[int]int, slack func(int) int) (lo, hi, best int) {
	bestW := 0
	for w := range hist {
		n := 0
		for k := w - slack(w); k <= w; k++ {
			n += hist[k]
		}
		if n > best || n == best && w > bestW {
			bestW, best = w, n
		}
	}
	lo, hi = bestW-slack(bestW), bestW
	for w := bestW + 1; w <= bestW+slack(bestW); w++ {
		if hist[w] > 0 {
			hi = w
		}
	}
	return lo, hi, best
}

// brokenProse reports whether the lines of widths lo to hi that a line
// follows read as prose wrapped anywhere: on average a mark of punctuation
// inside each (full width or not: unwrapping comes before the cleaner
// makes them full width), and no more than a quarter ending a sentence.
func brokenProse(s string, ls []wrapLine, lo, hi int) bool {
	n, marks, ends := 0, 0, 0
	for i := 0; i+1 < len(ls); i++ {
		if l := ls[i]; l.width >= lo && l.width <= hi && ls[i+1].width > 0 {
			line := s[l.start:l.end]
			n++
			for _, r := range line {
				if strings.ContainsRune("，。、；：！？,;:?!", r) {
					marks++
				}
			}
			if endsSentence(line) {
				ends++
			}
		}
	}
	return n > 0 && marks >= n && 4*ends <= n
}

// wrapLine is a line of a text unwrapEdits reads: its bytes and width in
// columns (0 for a blank line).
type wrapLine struct{ start, end, width int }

// Thresholds of unwrapEdits.
const (
	wrapSlack    = 6   // columns a wrapped line may fall short of the width
	minWrapWidth = 20  // narrower "widths" are lists, not wrapping
	maxWrapWidth = 160 // wider lines were not wrapped by a program
	maxWrapBytes = maxWrapWidth / 2 * 3
	minWrapLines = 5
)

// itemStart matches the start of a list item or a heading, which begins a
// line of its own even in wrapped text.
var itemStart = regexp.MustCompile(`^(?:第[一二三四五六七八九十百零〇\d]+[章节節条條款部篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）]|[•·●■◆▪\-*])`)

// columns is the width of s in columns as a wrapping tool counts them:
// East Asian wide and full-width characters two, others one.
func columns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if eastAsianWide(r) {
			n++
		}
	}
	return n
}

// wideCond measures East Asian Width without the ambiguous characters, as
// the reader's narrow policy does: 2 for W and F.
var wideCond = &runewidth.Condition{StrictEmojiNeutral: true}

func eastAsianWide(r rune) bool { return r >= 0x1100 && wideCond.RuneWidth(r) == 2 }

// isLatinWord reports letters and digits of Latin text, between which a
// join keeps a space.
func isLatinWord(r rune) bool {
	return r < 0x250 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 0xC0 && r != 0xD7 && r != 0xF7)
}

// pageBreakFinder reports whether line i of a wrapped text is a page's
// furniture: a page number, or a running header or footer (a short line
// the text repeats). It is only ever true in a text whose paragraphs start
// indented, where a line that does not is a paragraph going on.
type pageBreakFinder func(i int) bool

// seen reports whether lines [i, j) hold page furniture, not only blanks.
func (f pageBreakFinder) seen(i, j int) bool {
	for k := i; k < j; k++ {
		if f(k) {
			return true
		}
	}
	return false
}

// pageBreaks makes the pageBreakFinder for text s cut into lines ls, whose
// wrapped lines are at least lo columns wide.
func pageBreaks(s string, ls []wrapLine, lo int) pageBreakFinder {
	counts := map[string]int{}
	for _, l := range ls {
		if l.width > 0 && l.width <= maxRunningHeader {
			counts[strings.TrimSpace(s[l.start:l.end])]++
		}
	}
	number := make([]bool, len(ls))
	for i, l := range ls {
		number[i] = l.width > 0 && l.width <= maxRunningHeader && pageNumberRE.MatchString(strings.TrimSpace(s[l.start:l.end]))
	}
	// A running header or footer repeats, and stands by a page number (a
	// repeated short line elsewhere is the text's own).
	furniture := func(i int) bool {
		l := ls[i]
		if l.width == 0 || l.width > maxRunningHeader {
			return false
		}
		if number[i] {
			return true
		}
		if counts[strings.TrimSpace(s[l.start:l.end])] < 2 {
			return false
		}
		for k := max(0, i-4); k < min(len(ls), i+5); k++ {
			if number[k] {
				return true
			}
		}
		return false
	}
	// pdftotext starts each page with a form feed: a number in the lines
	// just before one is the page's number.
	if strings.IndexByte(s, '\f') >= 0 {
		return func(i int) bool {
			l := ls[i]
			t := strings.TrimSpace(s[l.start:l.end])
			if l.width == 0 || len(t) > 4 || strings.Trim(t, "0123456789") != "" && !number[i] {
				return false
			}
			for k := i + 1; k < min(len(ls), i+4); k++ {
				if strings.HasPrefix(s[ls[k].start:ls[k].end], "\f") {
					return true
				}
			}
			return false
		}
	}
	// Paragraph starts: lines after a blank or a line short of the width.
	starts, indented := 0, 0
	for i, l := range ls {
		if l.width == 0 || furniture(i) || i > 0 && ls[i-1].width >= lo {
			continue
		}
		starts++
		if r, _ := utf8.DecodeRuneInString(s[l.start:l.end]); isSpaceLike(r) {
			indented++
		}
	}
	if indented < minWrapLines/2 || 5*indented < 3*starts {
		return func(int) bool { return false }
	}
	return furniture
}

// maxRunningHeader is the widest line, in columns, taken for a running
// header or footer.
const maxRunningHeader = 60

// endsSentence reports a line that ends a sentence: a page break after it
// may end the paragraph too.
func endsSentence(line string) bool {
	line = strings.TrimRightFunc(line, isSpaceLike)
	last, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune("。！？!?；;：:”’」』…", last)
}
