// Package layout measures and lays out text on the terminal's cell grid.
// Every cell count jianbao puts on screen goes through one Policy, so that
// the list, the article pane and the plain subcommands agree with each other
// and with the terminal about how wide a character is.
package layout

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// Ambiguity says how many cells the East Asian Ambiguous characters
// (“ ” ‘ ’ — … · and the toned pinyin vowels among them) take. Terminals in
// CJK locales draw them two cells wide; others one.
type Ambiguity int

// The ambiguity settings; Auto is resolved by ResolveAmbiguity.
const (
	Auto Ambiguity = iota
	Narrow
	Wide
)

func (a Ambiguity) String() string {
	switch a {
	case Narrow:
		return "narrow"
	case Wide:
		return "wide"
	}
	return "auto"
}

// ParseAmbiguity reads the value of the --ambiguous flag.
func ParseAmbiguity(s string) (Ambiguity, error) {
	switch strings.ToLower(s) {
	case "auto", "":
		return Auto, nil
	case "narrow", "1":
		return Narrow, nil
	case "wide", "2":
		return Wide, nil
	}
	return Auto, fmt.Errorf("--ambiguous %q: want auto, narrow or wide", s)
}

// ResolveAmbiguity turns Auto into Narrow or Wide from the environment:
// RUNEWIDTH_EASTASIAN when set (1 wide, anything else narrow), else wide
// when the locale in LC_ALL, LC_CTYPE or LANG (the first that is set) is
// Chinese, Japanese or Korean, else narrow. getenv is os.Getenv when nil.
func ResolveAmbiguity(a Ambiguity, getenv func(string) string) Ambiguity {
	if a != Auto {
		return a
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := getenv("RUNEWIDTH_EASTASIAN"); v != "" {
		if v == "1" {
			return Wide
		}
		return Narrow
	}
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		lang := strings.ToLower(v)
		if strings.HasPrefix(lang, "zh") || strings.HasPrefix(lang, "ja") || strings.HasPrefix(lang, "ko") {
			return Wide
		}
		return Narrow
	}
	return Narrow
}

// Policy answers how many cells text takes. It is immutable and safe for
// concurrent use once made.
type Policy struct {
	amb  Ambiguity
	cond *runewidth.Condition
	// low holds the widths below U+0300, where go-runewidth needs the
	// correction described at NewPolicy.
	low [0x300]uint8
	// infoShift selects this policy's widths in the layout's rune table.
	infoShift uint8
}

// NewPolicy makes a policy; Auto is resolved from the environment.
//
// Widths come from go-runewidth, with one correction: v0.0.31 measures 49
// ambiguous runes below U+0300 (among them every toned pinyin vowel: à á è
// é ì í ò ó ù ú ā ē ě ī ō ū) as one cell in East Asian mode although its
// own IsAmbiguousWidth lists them. Here every ambiguous rune of non-zero
// width is two cells in Wide mode, as CJK terminals draw them.
func NewPolicy(a Ambiguity) *Policy {
	a = ResolveAmbiguity(a, nil)
	// StrictEmojiNeutral as go-runewidth's default and x/ansi have it; it
	// also puts RuneWidth on go-runewidth's lookup table.
	c := &runewidth.Condition{EastAsianWidth: a == Wide, StrictEmojiNeutral: true}
	p := &Policy{amb: a, cond: c, infoShift: infoNarrowShift}
	if a == Wide {
		p.infoShift = infoWideShift
	}
	for r := rune(0); r < 0x300; r++ {
		w := c.RuneWidth(r)
		if a == Wide && w == 1 && runewidth.IsAmbiguousWidth(r) {
			w = 2
		}
		p.low[r] = uint8(w)
	}
	return p
}

// RuneWidth is the width of r standing alone; runes jianbao does not draw
// (see shownDropped) have none.
func (p *Policy) RuneWidth(r rune) int {
	if r >= 0 && r < 0x300 {
		return int(p.low[r])
	}
	if r >= 0x1F3FB && (r <= 0x1F3FF || r >= 0xE0000 && r <= 0xE007F) {
		return 0 // skin-tone modifiers and tags; the other dropped runes are zero-width already
	}
	return p.cond.RuneWidth(r)
}

// Ambiguity is Narrow or Wide.
func (p *Policy) Ambiguity() Ambiguity { return p.amb }

// ClusterWidth is the width in cells of one grapheme cluster as jianbao
// draws it: a cluster that terminals disagree about is measured in its
// shown form (see ShownCluster).
func (p *Policy) ClusterWidth(cluster string) int {
	r, size := utf8.DecodeRuneInString(cluster)
	if size == len(cluster) {
		return p.RuneWidth(r)
	}
	if s, ok := ShownCluster(cluster); ok {
		// Its clusters hold nothing ShownCluster drops, so this measures
		// each as drawn.
		return p.clusterWidths(s)
	}
	return p.drawnClusterWidth(cluster)
}

// drawnClusterWidth measures a cluster that is drawn as it is.
func (p *Policy) drawnClusterWidth(cluster string) int {
	r, size := utf8.DecodeRuneInString(cluster)
	if size == len(cluster) {
		return p.RuneWidth(r)
	}
	w := p.cond.StringWidth(cluster)
	// Apply the correction for the base character too (ā + U+0301).
	if r < 0x300 && p.cond.RuneWidth(r) == 1 && p.RuneWidth(r) == 2 {
		w++
	}
	return w
}

// StringWidth is the width in cells of s, measured cluster by cluster.
// Control characters count zero: pass text through Inert before measuring
// anything that may hold them.
func (p *Policy) StringWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7F {
				w++
			}
			if c == '\r' {
				return w + p.clusterWidths(s[i+1:])
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 || joins(r) {
			return w + p.clusterWidths(s[i:])
		}
		w += p.RuneWidth(r)
		i += n
	}
	return w
}

// clusterWidths measures s by grapheme clusters; the slow path.
func (p *Policy) clusterWidths(s string) int {
	w := 0
	state := -1
	for s != "" {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		w += p.ClusterWidth(cluster)
	}
	return w
}

//go:generate go run ./internal/genjoin -o joiner_gen.go

var (
	joinOnce sync.Once
	joiner   []uint64 // bit set over the BMP, built from joinerRanges
)

// joins reports whether r, a BMP rune, may form a grapheme cluster with the
// rune before or after it (combining marks, ZWJ, variation selectors,
// prepended marks, Hangul jamo, CR). Text without such runes, which is
// nearly all Chinese text, is one cluster per rune.
func joins(r rune) bool {
	joinOnce.Do(func() {
		joiner = make([]uint64, 0x10000/64)
		for _, rg := range joinerRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				joiner[r>>6] |= 1 << (uint(r) & 63)
			}
		}
	})
	return joiner[r>>6]&(1<<(uint(r)&63)) != 0
}

// Truncate cuts s to at most w cells, ending it with tail when it had to be
// cut. Grapheme clusters are never split.
func (p *Policy) Truncate(s string, w int, tail string) string {
	if p.StringWidth(s) <= w {
		return s
	}
	w -= p.StringWidth(tail)
	if w < 0 {
		return ""
	}
	used, cut := 0, 0
	state := -1
	for rest := s; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		cw := p.ClusterWidth(cluster)
		if used+cw > w {
			break
		}
		used += cw
		cut += len(cluster)
	}
	return s[:cut] + tail
}

// TruncateLeft cuts s from the left to at most w cells, starting it with
// head when it had to be cut: the end of a text that leads up to
// something. Grapheme clusters are never split.
func (p *Policy) TruncateLeft(s string, w int, head string) string {
	total := p.clusterWidths(s) // as the loop below counts it
	if total <= w {
		return s
	}
	w -= p.StringWidth(head)
	if w < 0 {
		return ""
	}
	// Drop clusters from the left until what is left fits.
	state := -1
	for rest := s; rest != ""; {
		if total <= w {
			return head + rest
		}
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		total -= p.ClusterWidth(cluster)
	}
	return head
}

// FitAround cuts the text around a match to w cells in all, keeping the
// match in view: before loses its start and after its end, each marked
// with …, the room shared between them (what one side does not need goes
// to the other). A match wider than w is cut itself, with nothing around.
func (p *Policy) FitAround(before, match, after string, w int) (string, string, string) {
	mw, aw := p.clusterWidths(match), p.clusterWidths(after)
	if p.clusterWidths(before)+mw+aw <= w {
		return before, match, after
	}
	if mw >= w {
		return "", p.Truncate(match, w, "…"), ""
	}
	room := w - mw
	before = p.TruncateLeft(before, max(room/2, room-aw), "…")
	return before, match, p.Truncate(after, room-p.clusterWidths(before), "…")
}

// Fit truncates s to w cells with "…" and pads it with spaces to exactly w
// cells. A wide character that would straddle the edge is replaced by
// padding, so the result is never wider or narrower than w.
func (p *Policy) Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = p.Truncate(s, w, "…")
	if n := p.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft right-aligns s in w cells; s is not cut.
func (p *Policy) PadLeft(s string, w int) string {
	if n := p.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// Terminals disagree about how wide some grapheme clusters are. Those that
// measure rune by rune (wcwidth: xterm, VTE, tmux, alacritty, most over SSH)
// add up the runes of 👨‍👩‍👧 (6 cells) and 👍🏽 (4) and give ❤️ the one cell of
// ❤; those that measure clusters (kitty, WezTerm, Ghostty, iTerm2, Windows
// Terminal) draw each in two cells. Every terminal agrees once the runes
// that make the difference are left out, so jianbao never hands a terminal
// such a cluster: it draws its shown form. A lost line of the grid would
// shift every cell after it, and a row pushed past the edge wraps and
// scrolls the whole frame.
//
// shownDropped lists the runes left out: the zero-width joiner (a family is
// drawn as its members), variation selectors 15 and 16 (❤️ is drawn as ❤,
// which every terminal gives one cell), skin-tone modifiers (👍🏽 is drawn
// as 👍; wherever one is drawn, even alone, a terminal may join it to the
// character before), the combining keycap, tag characters (subdivision
// flags), and zero-width format characters that some terminals give a cell
// (soft hyphen, zero-width space, word joiner, byte-order mark, Mongolian
// vowel separator).
func shownDropped(r rune) bool {
	switch {
	case r == 0xAD, r >= 0x200B && r <= 0x200D, r >= 0x2060 && r <= 0x2064, r == 0xFEFF, r == 0x180E,
		r == 0xFE0E, r == 0xFE0F, r == 0x20E3, r >= 0x1F3FB && r <= 0x1F3FF, r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// ShownCluster returns the form of a grapheme cluster (or any text) that
// jianbao draws, and whether it differs: the runes shownDropped lists are
// left out.
func ShownCluster(c string) (string, bool) {
	i := -1
	for j, r := range c {
		if shownDropped(r) {
			i = j
			break
		}
	}
	if i < 0 {
		return c, false
	}
	b := make([]byte, i, len(c))
	copy(b, c[:i])
	for _, r := range c[i:] {
		if !shownDropped(r) {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b), true
}

// Inert makes one line of untrusted text safe to print and measure: C0
// controls, DEL and C1 controls become visible Control Pictures (so ESC is
// ␛ and no escape sequence can reach the terminal), line breaks and tabs
// become spaces (so do U+2028, U+2029 and NEL), invalid UTF-8 becomes
// U+FFFD, and bidirectional controls, which could reorder what follows them
// on screen, are shown as ⟪U+202E⟫-style markers. Clusters that terminals
// measure differently are given in their shown form (see ShownCluster), so
// the result is as wide on every terminal as StringWidth says.
func Inert(s string) string { return inert(s, false) }

// InertText is Inert for whole texts printed as they are, not laid out in
// cells: it keeps line feeds and tabs, and clusters as they were.
func InertText(s string) string { return inert(s, true) }

func inert(s string, keepLines bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && !(keepLines && (c == '\n' || c == '\t')) || c == 0x7F || c == 0xC2 || c == 0xE2 || c >= 0xF8 {
			clean = false
			break
		}
		if !keepLines && (c == 0xE1 || c == 0xEF || c == 0xF0 || c == 0xF3) {
			if r, _ := utf8.DecodeRuneInString(s[i:]); shownDropped(r) {
				clean = false
				break
			}
		}
	}
	if clean && utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case !keepLines && shownDropped(r):
		case keepLines && (r == '\t' || r == '\n'):
			sb.WriteRune(r)
		case r == '\t' || r == '\n' || r == '\r' || !keepLines && (r == 0x2028 || r == 0x2029 || r == 0x85):
			sb.WriteByte(' ')
		case r < 0x20:
			sb.WriteRune(0x2400 + r)
		case r == 0x7F:
			sb.WriteRune('␡')
		case r >= 0x80 && r <= 0x9F:
			sb.WriteRune('�')
		case isBidiControl(r):
			fmt.Fprintf(&sb, "⟪U+%04X⟫", r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// isBidiControl reports the explicit directional formatting characters.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}
