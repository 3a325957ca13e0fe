package corpus

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding makes text comparable across the ways the same words are
// written: Traditional characters become Simplified (貿 → 贸), full-width
// ASCII becomes ASCII (ＡＢＣ１２３ → abc123), and Latin letters become lower
// case. One rune always folds to one rune, so rune offsets in folded text
// are offsets in the original.

var (
	foldOnce sync.Once
	foldBMP  []rune // fold of every BMP rune
	// charBMP is, for the indexer, a BMP rune's fold in the low 21 bits
	// (charFold), charRare when a misread may have made it (see
	// misalignedEdits), charSkipped when search looks through it
	// (SearchSkips), and its script (scriptOf, as TextStats counts it)
	// in the high 8: one lookup per character instead of three.
	charBMP    []uint32
	foldAstral map[rune]rune
	tradBMP    []rune // Simplified → Traditional display, BMP
	tradAstral map[rune]rune
)

func foldInit() {
	foldBMP, foldAstral = pairTable(foldFrom, foldTo)
	for r := range foldBMP {
		foldBMP[r] = foldExtra(foldBMP[r])
	}
	tradBMP, tradAstral = pairTable(toTradFrom, toTradTo)
	charBMP = make([]uint32, len(foldBMP))
	tierOnce.Do(buildTiers)
	for r, f := range foldBMP {
		charBMP[r] = uint32(f) | uint32(scriptOfCounted(rune(r)))<<24
		if rareMisread(rune(r)) {
			charBMP[r] |= charRare
		}
		if SearchSkips(rune(r)) {
			charBMP[r] |= charSkipped
		}
	}
}

// The parts of a charBMP entry below its script.
const (
	charFold    = 1<<21 - 1
	charSkipped = 1 << 22
	charRare    = 1 << 23
)

// SearchSkips reports the characters search looks through, as if they were
// not there: the Ignorable ones, and combining diacritical marks, so that
// zhōng written as o and a combining macron (as macOS names files, and as
// some PDFs and converters write it) is read as the precomposed ō, which
// folds to o. The index pairs the characters either side of them, a query
// drops them, and matching skips the text's, so 经贸 finds 经 and 贸 with a
// zero-width space between. The text keeps them: a quote is the document's
// own.
func SearchSkips(r rune) bool {
	if r < 0xAD || r >= 0x3400 && r < 0xFE00 { // ASCII, Han: one or two compares
		return false
	}
	return Ignorable(r) || r >= 0x300 && r <= 0x36F || r >= 0x1AB0 && r <= 0x1AFF || r >= 0x1DC0 && r <= 0x1DFF || r >= 0xFE20 && r <= 0xFE2F
}

// Ignorable reports Unicode's default ignorable code points, which draw
// nothing and which web pages put inside words (a zero-width space between
// 经 and 贸 against copying, a soft hyphen, a word joiner, a byte-order mark
// left in the middle of a joined file, bidi controls, variation selectors
// such as the one that picks a glyph of 葛). Search looks through them
// (SearchSkips).
func Ignorable(r rune) bool {
	if r < 0xAD || r > 0xE0FFF || r >= 0x3400 && r < 0xFE00 { // ASCII, Han: one or two compares
		return false
	}
	switch {
	case r == 0xAD, r == 0x34F, r == 0x61C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r >= 0x180B && r <= 0x180F, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F, r == 0x3164, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF,
		r == 0xFFA0, r >= 0xFFF0 && r <= 0xFFF8, r >= 0x1BCA0 && r <= 0x1BCA3,
		r >= 0x1D173 && r <= 0x1D17A, r >= 0xE0000:
		return true
	}
	return false
}

// pairTable builds a lookup from two strings of equal rune length; runes
// not listed map to themselves.
func pairTable(from, to string) ([]rune, map[rune]rune) {
	bmp := make([]rune, 0x10000)
	for r := range bmp {
		bmp[r] = rune(r)
	}
	astral := map[rune]rune{}
	t := []rune(to)
	for i, r := range []rune(from) {
		if r < 0x10000 {
			bmp[r] = t[i]
		} else {
			astral[r] = t[i]
		}
	}
	return bmp, astral
}

// markFolds are quotation marks and name dots that differ between
// keyboards, scripts and encodings: a query typed with "" finds “一带一路”
// and Taiwan's 「一帶一路」; Big5 text separates names with ‧ where GB text
// has · (唐納德‧川普, 唐纳德·特朗普).
var markFolds = map[rune]rune{
	'“': '"', '”': '"', '„': '"', '‟': '"', '〝': '"', '〞': '"', '〟': '"', '「': '"', '」': '"', '『': '"', '』': '"', '﹁': '"', '﹂': '"', '﹃': '"', '﹄': '"',
	'‘': '\'', '’': '\'', '‚': '\'', '‛': '\'',
	'‧': '·', '・': '·', '･': '·', '•': '·', '∙': '·', '⋅': '·',
	// Hyphens as word processors and PDFs write them: COVID‐19 is COVID-19.
	'‐': '-', '‑': '-', '−': '-', '﹣': '-',
}

// foldExtra folds the non-Han part: full-width ASCII and letter case.
func foldExtra(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	} else if r == '。' || r == '｡' {
		r = '.' // as ， is ,: the cleaner turns 完成. into 完成。
	} else if f, ok := markFolds[r]; ok {
		r = f
	}
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	if r < 0x250 || r >= 0x370 && r < 0x530 || r >= 0x1E00 && r < 0x1F00 { // Latin, Greek, Cyrillic
		return withoutMarks(unicode.ToLower(r))
	}
	return r
}

// withoutMarks is a Latin or Greek letter without its diacritics (é → e,
// ō → o, ǎ → a, ά → α), as search engines match them: Erdogan finds
// Erdoğan, zhong finds zhōng. But ü and its toned forms fold to ü, which
// pinyin reads as v (女 nü is not 怒 nu). Cyrillic keeps its letters (й is
// not и).
func withoutMarks(r rune) rune {
	if r < 0xC0 || r >= 0x400 && r < 0x1E00 {
		return r
	}
	switch r {
	case 'ü', 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return 'ü'
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) < 2 || !unicode.IsLetter(d[0]) || d[0] >= 0x400 {
		return r
	}
	for _, m := range d[1:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return d[0]
}

// Fold folds one rune.
func Fold(r rune) rune {
	foldOnce.Do(foldInit)
	if r >= 0 && r < 0x10000 {
		return foldBMP[r]
	}
	if f, ok := foldAstral[r]; ok {
		return f
	}
	return r
}

// FoldString folds every rune of s.
func FoldString(s string) string {
	return strings.Map(Fold, s)
}

// ToSimplified converts Traditional characters to Simplified for display,
// rune for rune (nothing else changes).
func ToSimplified(s string) string {
	foldOnce.Do(foldInit)
	return strings.Map(func(r rune) rune {
		if r >= 0x3400 && r < 0x10000 && unicode.Is(unicode.Han, r) {
			if f := foldBMP[r]; f != r && unicode.Is(unicode.Han, f) {
				return f
			}
			return r
		}
		if f, ok := foldAstral[r]; ok {
			return f
		}
		return r
	}, s)
}

// ToTraditional converts Simplified characters to Traditional for display,
// rune for rune, taking of Unihan's variants the one most used in
// Traditional text. It is approximate: where one Simplified character stands
// for several Traditional ones (后 for 后 and 後) it cannot know which was
// meant.
func ToTraditional(s string) string {
	foldOnce.Do(foldInit)
	return strings.Map(func(r rune) rune {
		if r >= 0 && r < 0x10000 {
			return tradBMP[r]
		}
		if f, ok := tradAstral[r]; ok {
			return f
		}
		return r
	}, s)
}

// ComposeMarks returns s with each letter and the combining diacritical
// marks after it (U+0300–U+036F) composed where Unicode composes them: u
// and U+0308 is ü, и and U+0306 is й, as macOS and some converters write
// them decomposed. Search looks through the marks that are left (they
// fold away), but a decomposed ü would have searched as u (女 nǚ as 怒 nù)
// and й as и. The text is canonically the same, and drawn the same. Text
// without such a mark is returned as it is, after two byte scans: in UTF-8
// only the marks (and a few Greek signs) start with 0xCC or 0xCD.
func ComposeMarks(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is written to b
	next := [2]int{-2, -2}
	for i := 0; ; {
		// The next 0xCC and 0xCD at or after i, each looked for again only
		// once passed.
		for k, c := range [2]byte{0xCC, 0xCD} {
			if next[k] != -1 && next[k] < i {
				if next[k] = strings.IndexByte(s[i:], c); next[k] >= 0 {
					next[k] += i
				}
			}
		}
		j := next[0]
		if j < 0 || next[1] >= 0 && next[1] < j {
			j = next[1]
		}
		if j < 0 {
			break
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if r < 0x300 || r > 0x36F || j == 0 {
			i = j + n
			continue
		}
		_, bn := utf8.DecodeLastRuneInString(s[:j])
		start, end := j-bn, j
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if r < 0x300 || r > 0x36F {
				break
			}
			end += n
		}
		if start >= last {
			if c := norm.NFC.String(s[start:end]); c != s[start:end] {
				b.WriteString(s[last:start])
				b.WriteString(c)
				last = end
			}
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
