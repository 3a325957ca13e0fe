package layout

import (
	"sort"
	"sync"
	"unicode/utf8"
)

//go:generate go run ./internal/genlb -o linebreak_gen.go

// lbClass is a UAX #14 line-break class.
type lbClass uint8

// The classes of LineBreak.txt. lbXX (unknown) is the zero value.
const (
	lbXX lbClass = iota
	lbAI
	lbAL
	lbB2
	lbBA
	lbBB
	lbBK
	lbCB
	lbCJ
	lbCL
	lbCM
	lbCP
	lbCR
	lbEB
	lbEM
	lbEX
	lbGL
	lbH2
	lbH3
	lbHL
	lbHY
	lbID
	lbIN
	lbIS
	lbJL
	lbJT
	lbJV
	lbLF
	lbNL
	lbNS
	lbNU
	lbOP
	lbPO
	lbPR
	lbQU
	lbRI
	lbSA
	lbSG
	lbSP
	lbSY
	lbWJ
	lbZW
	lbZWJ
	lbCount
)

type lbRange struct {
	lo, hi rune
	class  lbClass
}

// Per-rune facts the layout needs, packed for one lookup per rune.
const (
	infoClass   = 0x3F   // the resolved line-break class
	infoJoins   = 1 << 6 // may share a grapheme cluster with a neighbour
	infoWide    = 1 << 7 // East Asian wide or full-width (not ambiguous)
	infoNoStart = 1 << 8 // clreq: must not start a line
	infoOpenQ   = 1 << 9 // “ ‘: LB19a may break before it after Han
	infoCloseQ  = 1 << 10
	infoSpecial = 1 << 11 // space, tab, control, hidden or separator: see paragraph
	infoAvoid   = 1 << 12 // avoid at a line start: noStart, closing quotes, CL CP EX IS NS IN
	// Bits 13-14 and 15-16 hold the rune's width under the Narrow and the
	// Wide policy; Policy.infoShift says which to read.
	infoNarrowShift = 13
	infoWideShift   = 15
)

var (
	lbOnce sync.Once
	lbBMP  []lbClass // class of every BMP rune, resolved (LB1)
	lbInfo []uint32  // the info bits of every BMP rune
	// pairs[a][b] says whether a break is allowed between a cluster of
	// class a and one of class b; pairsSP the same with spaces between.
	pairs, pairsSP [lbCount][lbCount]bool
)

func lbInit() {
	lbBMP = make([]lbClass, 0x10000)
	for _, rg := range lbRanges {
		if rg.lo >= 0x10000 {
			break
		}
		for r := rg.lo; r <= min(rg.hi, 0xFFFF); r++ {
			lbBMP[r] = resolve(rg.class)
		}
	}
	lbInfo = make([]uint32, 0x10000)
	for r := range lbBMP {
		if lbBMP[r] == lbXX {
			lbBMP[r] = lbAL
		}
		lbInfo[r] = runeInfo(rune(r), lbBMP[r])
	}
	for a := lbClass(0); a < lbCount; a++ {
		for b := lbClass(0); b < lbCount; b++ {
			pairs[a][b] = breakAllowed(a, b, false)
			pairsSP[a][b] = breakAllowed(a, b, true)
		}
	}
}

// The policies whose widths the info table holds.
var (
	infoNarrowPolicy = NewPolicy(Narrow)
	infoWidePolicy   = NewPolicy(Wide)
)

// runeInfo computes the info bits of r, whose class is cls.
func runeInfo(r rune, cls lbClass) uint32 {
	v := uint32(cls)
	v |= uint32(min(infoNarrowPolicy.RuneWidth(r), 3)) << infoNarrowShift
	v |= uint32(min(infoWidePolicy.RuneWidth(r), 3)) << infoWideShift
	if r >= 0x10000 || r < 0x10000 && joins(r) {
		v |= infoJoins
	}
	if eaWide(r) {
		v |= infoWide
	}
	if noStart(r) {
		v |= infoNoStart
	}
	if isOpeningQuote(r) {
		v |= infoOpenQ
	}
	if isClosingQuote(r) {
		v |= infoCloseQ
	}
	if v&(infoNoStart|infoCloseQ) != 0 || cls == lbCL || cls == lbCP || cls == lbEX || cls == lbIS || cls == lbNS || cls == lbIN {
		v |= infoAvoid
	}
	if r == ' ' || r == '\t' || r < 0x20 || r >= 0x7F && r <= 0x9F || r == 0x2028 || r == 0x2029 ||
		isBidiControl(r) || r == 0x200E || r == 0x200F || r == 0x061C || shownDropped(r) || r == utf8.RuneError {
		v |= infoSpecial
	}
	return v
}

// infoOf returns the info bits of r.
func infoOf(r rune) uint32 {
	if r >= 0 && r < 0x10000 {
		return lbInfo[r]
	}
	return runeInfo(r, classOf(r))
}

// classOf is the resolved line-break class of r.
func classOf(r rune) lbClass {
	lbOnce.Do(lbInit)
	if r >= 0 && r < 0x10000 {
		return lbBMP[r]
	}
	i := sort.Search(len(lbRanges), func(i int) bool { return lbRanges[i].hi >= r })
	if i < len(lbRanges) && lbRanges[i].lo <= r {
		return resolve(lbRanges[i].class)
	}
	return lbAL
}

// resolve maps the classes UAX #14 leaves to the implementation (LB1) and
// those jianbao treats alike: ambiguous, unknown, surrogate and
// South-East Asian letters as AL; conditional Japanese starters as NS (the
// strict rule, which clreq also follows for small kana); Hangul as ID,
// since whole syllables are grapheme clusters here.
func resolve(c lbClass) lbClass {
	switch c {
	case lbAI, lbSG, lbXX, lbSA:
		return lbAL
	case lbCJ:
		return lbNS
	case lbH2, lbH3, lbJL, lbJV, lbJT:
		return lbID
	}
	return c
}

// breakAllowed applies the pair rules of UAX #14 (LB7 to LB31) to a cluster
// of class a followed, after spaces when sp is set, by a cluster of class b.
// Rules that need more context (LB19a's East Asian quotes, LB25's number
// look-ahead) are applied by the caller through cluster flags.
func breakAllowed(a, b lbClass, sp bool) bool {
	switch {
	case b == lbBK: // LB6
		return false
	case b == lbSP || b == lbZW: // LB7
		return false
	case a == lbZW: // LB8
		return true
	case a == lbZWJ && !sp: // LB8a
		return false
	case a == lbWJ && !sp || b == lbWJ: // LB11
		return false
	case a == lbGL && !sp: // LB12
		return false
	case b == lbGL && !sp && a != lbBA && a != lbHY: // LB12a
		return false
	case b == lbCL || b == lbCP || b == lbEX || b == lbIS || b == lbSY: // LB13
		return false
	case a == lbOP: // LB14
		return false
	case a == lbQU && b == lbOP: // LB15
		return false
	case (a == lbCL || a == lbCP) && b == lbNS: // LB16
		return false
	case a == lbB2 && b == lbB2: // LB17
		return false
	case sp: // LB18
		return true
	case b == lbQU || a == lbQU: // LB19
		return false
	case b == lbCB || a == lbCB: // LB20
		return true
	case b == lbBA || b == lbHY || b == lbNS || a == lbBB: // LB21
		return false
	case a == lbSY && b == lbHL: // LB21b
		return false
	case b == lbIN: // LB22
		return false
	case (a == lbAL || a == lbHL) && b == lbNU, a == lbNU && (b == lbAL || b == lbHL): // LB23
		return false
	case a == lbPR && (b == lbID || b == lbEB || b == lbEM), (a == lbID || a == lbEB || a == lbEM) && b == lbPO: // LB23a
		return false
	case (a == lbPR || a == lbPO) && (b == lbAL || b == lbHL), (a == lbAL || a == lbHL) && (b == lbPR || b == lbPO): // LB24
		return false
	case (a == lbPR || a == lbPO) && (b == lbNU || b == lbOP || b == lbHY), // LB25, pairwise
		(a == lbOP || a == lbHY || a == lbIS || a == lbSY || a == lbNU) && b == lbNU,
		a == lbNU && (b == lbPO || b == lbPR),
		(a == lbCL || a == lbCP) && (b == lbPO || b == lbPR):
		return false
	case (a == lbAL || a == lbHL) && (b == lbAL || b == lbHL): // LB28
		return false
	case a == lbIS && (b == lbAL || b == lbHL): // LB29
		return false
	case (a == lbAL || a == lbHL || a == lbNU) && b == lbOP, a == lbCP && (b == lbAL || b == lbHL || b == lbNU): // LB30
		return false // (for East Asian brackets the caller allows it again)
	case a == lbRI && b == lbRI, a == lbEB && b == lbEM: // LB30a, LB30b (clusters already join these)
		return false
	}
	return true // LB31
}

// noStart lists what clreq forbids at the start of a line, beyond the
// classes UAX #14 already keeps there (CL, CP, EX, IS, NS, IN, QU): the
// middle dots, the full-width solidus and the dashes and ellipses that come
// in pairs (—— ……).
func noStart(r rune) bool {
	switch r {
	case '·', '・', '‧', '／', '—', '―', '⸺', '⸻', '…', '‥', '〜', '～':
		return true
	}
	return false
}

// isOpeningQuote and isClosingQuote are the directional quotation marks
// that LB19a lets break next to East Asian text.
func isOpeningQuote(r rune) bool { return r == '“' || r == '‘' }
func isClosingQuote(r rune) bool { return r == '”' || r == '’' }
