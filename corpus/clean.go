package corpus

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Cleaning runs as an ordered list of small passes. Each pass reads the
// text the one before it left and returns edits: byte ranges of its input
// and what replaces them. Passes only delete or replace; they never reorder.
// The edits are kept, so that every change can be reported with its place
// in the raw text and in the clean text (Cleaning.Changes), and computed
// only when someone asks.
//
// The order matters: the raw text's own structure is read first (runs read
// out of step, lines wrapped at a width, indents), line-level furniture
// next, then character fixes, and duplicate paragraphs are compared last,
// once they are clean, which is what makes Clean idempotent.

// edit replaces s[start:end] of a pass's input with repl.
type edit struct {
	start, end int
	repl       string
	rule       string // optional detail, e.g. which debris pattern matched
}

// pass is one cleaning step.
type pass struct {
	name string
	run  func(s string) []edit
	// again says the pass may find work in its own output (doubled:
	// 。,。 becomes 。。), so it runs until it changes nothing.
	again bool
}

// pipeline is the cleaning passes in order, in groups. The passes of a
// group run again, in turn, until none of them changes anything: fullwidth
// and doubled each give the other its context (公司,?Aman: the comma turns
// full width, then ，? loses its comma and leaves ? beside 司). Each round
// shortens the text or turns ASCII marks full width, so it ends.
var pipeline = [][]pass{
	// misaligned first: it reads runs as the indexer does, on the raw lines
	// (before unwrap joins them), and before pinyin: 爸行∑髽I(yè) is 中小企業(yè).
	{{name: "misaligned", run: misalignedEdits}},
	// markup before unwrap (&nbsp; indents, <br> ends a line) and
	// fullwidth (&nbsp; is no ASCII semicolon).
	{{name: "markup", run: markupEdits}},
	{{name: "unwrap", run: unwrapEdits}}, // before whitespace: it needs the indents
	// whitespace runs again after pinyin has changed the text: 實(shí) 2017
	// is 實 2017 without its reading, a gap between Chinese and a digit.
	// pinyin before debris: 請(qǐng)輸入驗(yàn)證碼 is a captcha line.
	{{name: "whitespace", run: whitespaceEdits}, {name: "pinyin", run: pinyinEdits}},
	{{name: "debris", run: debrisEdits}},
	{{name: "fullwidth", run: fullwidthEdits}, {name: "doubled", run: doubledEdits, again: true}},
	{{name: "duplicate", run: duplicateEdits}},
	{{name: "blank lines", run: blankLineEdits}},
}

// maxRounds bounds the rounds of a group.
const maxRounds = 8

// PassNames lists the cleaning passes in the order they run.
func PassNames() []string {
	var out []string
	for _, group := range pipeline {
		for _, p := range group {
			out = append(out, p.name)
		}
	}
	return out
}

// step is one run of a pass that changed something.
type step struct {
	name  string
	edits []edit
	// shift[i] is how much the edits before edit i moved the text:
	// sum of len(repl) - (end - start).
	shift []int
}

// Cleaning records what Clean did to one text.
type Cleaning struct {
	raw, clean string
	steps      []step
}

// Clean runs every pass over raw and returns the clean text with the record
// of what changed. clean(clean(x)) == clean(x).
func Clean(raw string) (string, *Cleaning) {
	c := &Cleaning{raw: raw}
	text := raw
	// Later passes drop lines, which can make a text look wrapped to
	// unwrap that did not before, and join lines, remove readings or turn
	// ASCII marks full width, which can make a run of rare characters
	// that misaligned repairs (中羃! is read as it stands, 中羃！ as GBK
	// one byte later); the pipeline then runs again on its own output, so
	// that cleaning clean text changes nothing.
	for round := 0; round < maxPipelineRounds; round++ {
		text = c.pipeline(text)
		if len(unwrapEdits(text)) == 0 && len(misalignedEdits(text)) == 0 {
			break
		}
	}
	c.clean = text
	return text, c
}

// CleanPassage cleans a passage copied from a raw file (a quote to tag) as
// Clean cleans it within its lines: markup read (&ldquo;, <br>), reading
// annotations removed, ASCII marks made full width and doubled marks made
// one (會(huì)晤后,,兩國 is 會晤后，兩國). It removes no line and joins none, so a short passage is
// never taken for debris or a repeat.
func CleanPassage(s string) string {
	c := &Cleaning{raw: s}
	for _, group := range [][]pass{
		{{name: "markup", run: markupEdits}},
		{{name: "pinyin", run: pinyinEdits}},
		{{name: "fullwidth", run: fullwidthEdits}, {name: "doubled", run: doubledEdits, again: true}},
	} {
		for round := 0; round < maxRounds; round++ {
			changed := false
			for _, p := range group {
				for n := 0; n < maxRounds; n++ {
					edits := p.run(s)
					if len(edits) == 0 {
						break
					}
					s, changed = c.apply(p.name, s, edits), true
					if !p.again {
						break
					}
				}
			}
			if !changed {
				break
			}
		}
	}
	return s
}

// maxPipelineRounds bounds the runs of the pipeline over one text.
const maxPipelineRounds = 3

// pipeline runs every pass once over text, the groups to their fixpoint.
func (c *Cleaning) pipeline(text string) string {
	for _, group := range pipeline {
		// A pass leaves its own output as it is, so within a group a pass
		// runs again only when another has changed the text since.
		version := 0
		ranAt := make([]int, len(group))
		for i := range ranAt {
			ranAt[i] = -1
		}
		for round := 0; round < maxRounds; round++ {
			ran := false
			for i, p := range group {
				if ranAt[i] == version {
					continue
				}
				ran = true
				changed := false
				if edits := p.run(text); len(edits) > 0 {
					text = c.apply(p.name, text, edits)
					version++
					changed = true
				}
				if !p.again || !changed {
					ranAt[i] = version
				}
			}
			if !ran {
				break
			}
		}
	}
	return text
}

// apply performs edits, which a pass returns in order, and records the
// step. An edit that would reach back into the one before it (a dropped last
// line takes the line feed before it) is trimmed to start where the other
// ended.
func (c *Cleaning) apply(name, s string, edits []edit) string {
	kept := edits[:0]
	at := 0
	for _, e := range edits {
		e.start = max(e.start, at)
		if e.end <= e.start && e.repl == "" {
			continue
		}
		kept = append(kept, e)
		at = e.end
	}
	edits = kept
	st := step{name: name, edits: edits, shift: make([]int, len(edits)+1)}
	for i, e := range edits {
		st.shift[i+1] = st.shift[i] + len(e.repl) - (e.end - e.start)
	}
	c.steps = append(c.steps, st)
	return applyEdits(s, edits)
}

// Change is one edit the cleaner made, placed in both texts.
type Change struct {
	// Pass names the cleaning pass; Rule, where set, the pattern that
	// matched (for debris).
	Pass, Rule string
	// Para is the 1-based line of the raw text where the change starts.
	Para int
	// RawStart and RawEnd are rune offsets into the raw text;
	// CleanStart and CleanEnd into the clean text (equal for deletions).
	RawStart, RawEnd     int
	CleanStart, CleanEnd int
	// Before is the raw text that was replaced, After what replaced it.
	Before, After string
}

// Changes lists every change in raw-text order. Applying them to the raw
// text gives the clean text. A change inside text that a later pass
// removed (a paragraph later found to be a duplicate) is not listed: the
// later change covers it.
func (c *Cleaning) Changes() []Change {
	if c == nil {
		return nil
	}
	var out []Change
	for k, st := range c.steps {
	edits:
		for i, e := range st.edits {
			// Where the edit's result sits in this step's output, followed
			// forward to the clean text.
			a := e.start + st.shift[i]
			b := a + len(e.repl)
			for _, later := range c.steps[k+1:] {
				if later.covers(a, b) {
					continue edits
				}
				a, b = later.forward(a, false), later.forward(b, true)
			}
			// Where the edit's input sits, followed back to the raw text.
			s, t := e.start, e.end
			for j := k - 1; j >= 0; j-- {
				s, t = c.steps[j].backward(s, false), c.steps[j].backward(t, true)
			}
			out = append(out, Change{
				Pass: st.name, Rule: e.rule,
				RawStart: s, RawEnd: max(s, t), CleanStart: a, CleanEnd: b,
				After: e.repl,
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].RawStart < out[j].RawStart })
	// Byte offsets to rune offsets and paragraphs, in one sweep of each
	// text (the changes are sorted by raw offset, not clean offset).
	rawRunes, rawLines, rawAt := 0, 1, 0
	for i := range out {
		ch := &out[i]
		rawRunes += utf8.RuneCountInString(c.raw[rawAt:ch.RawStart])
		rawLines += strings.Count(c.raw[rawAt:ch.RawStart], "\n")
		rawAt = ch.RawStart
		ch.Before = c.raw[ch.RawStart:ch.RawEnd]
		ch.Para = rawLines
		ch.RawEnd = rawRunes + utf8.RuneCountInString(ch.Before)
		ch.RawStart = rawRunes
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return out[order[i]].CleanStart < out[order[j]].CleanStart })
	cleanRunes, cleanAt := 0, 0
	for _, i := range order {
		ch := &out[i]
		cleanRunes += utf8.RuneCountInString(c.clean[cleanAt:ch.CleanStart])
		cleanAt = ch.CleanStart
		ch.CleanEnd = cleanRunes + utf8.RuneCountInString(c.clean[ch.CleanStart:ch.CleanEnd])
		ch.CleanStart = cleanRunes
	}
	return out
}

// covers reports whether one of the step's edits replaced all of the
// output range [a, b) of an earlier step (a point when a == b).
func (st *step) covers(a, b int) bool {
	i := sort.Search(len(st.edits), func(i int) bool { return st.edits[i].end > a })
	if i == len(st.edits) {
		return false
	}
	e := st.edits[i]
	if e.start == e.end {
		return false
	}
	if a == b {
		// A deletion is covered only from strictly inside: one that sits
		// at either edge is a separate change next to this one.
		return e.start < a && a < e.end
	}
	return e.start <= a && b <= e.end
}

// forward maps a byte offset of the step's input to its output. An offset
// inside a replaced range goes to the start of the replacement, or to its
// end when end is set (for the end of a range).
func (st *step) forward(x int, end bool) int {
	// i = number of edits that end at or before x.
	i := sort.Search(len(st.edits), func(i int) bool { return st.edits[i].end > x })
	if i < len(st.edits) && st.edits[i].start < x {
		out := st.edits[i].start + st.shift[i]
		if end {
			out += len(st.edits[i].repl)
		}
		return out
	}
	return x + st.shift[i]
}

// backward maps a byte offset of the step's output to its input. The
// start of a range maps past any text deleted at that point and the end of
// a range before it, so that changes' raw ranges never overlap text another
// change removed. An offset strictly inside a replacement maps to the start
// (or, for an end, the end) of what was replaced.
func (st *step) backward(y int, end bool) int {
	out := func(i int) (int, int) { // output range of edit i
		o := st.edits[i].start + st.shift[i]
		return o, o + len(st.edits[i].repl)
	}
	n := len(st.edits)
	// k = edits wholly before y; for an end, deletions at y are not.
	k := sort.Search(n, func(i int) bool {
		o, e := out(i)
		if end {
			return e > y || e == y && o == e
		}
		return e > y
	})
	if k < n {
		if o, e := out(k); o < y && y < e || !end && o == y && y < e {
			if end {
				return st.edits[k].end
			}
			return st.edits[k].start
		}
	}
	return y - st.shift[k]
}
