// Command genvariants writes corpus/variants_gen.go from kSimplifiedVariant
// and kTraditionalVariant in Unihan_Variants.txt (Debian's unicode-data):
//
//   - the Han characters that belong to only one written form of Chinese,
//     for script detection. A character is Traditional-only when it has
//     simplified variants and is not one of them (會 → 会), Simplified-only
//     when it has traditional variants and is not one of them (经 → 經);
//     characters used in both scripts (后, 台, 里, 干) are their own
//     variant and count as neither;
//
//   - the Traditional → Simplified folding used by search and the
//     Simplified display: each character maps to its first simplified
//     variant that differs from it, followed until it maps to itself, so
//     folding twice is folding once; where OpenCC's conversion disagrees
//     (opencc.go: 淨 → 净 Unihan lacks, 諮 → 咨 where Unihan has 谘), OpenCC's;
//
//   - the Simplified → Traditional display conversion: of the character and
//     its traditional variants, the one most frequent in Traditional text
//     (kFrequency; on a tie a Traditional-only character, then the first
//     listed). Unihan lists 会 and 两 as their
//     own first variant and 合 before 閤, so neither "first listed" nor
//     "first that differs" will do. It is approximate: 后 becomes 後 also in
//     皇后.
//
// Variant glyphs of one character that Unihan ties to no simplified form
// fold with the character they vary: its z-variants (kZVariant: the same
// abstract character, 戸 and 戶) and the semantic variants that Hong Kong's
// glyph standard writes (kSemanticVariant with the kHKGlyph source: 裏 for
// 裡, 爲 for 為, 綫 for 線, 説 for 說), so a search for 里 or 为 finds the
// Hong Kong texts. Other semantic variants are not used: Unihan's
// dictionary sources pair 子 with 只 and 耕 with 簡. A short hand-checked
// list adds variants Hong Kong and Taiwan texts use that Unihan gives only
// dictionary sources for (衞, 啓, 麪, 峯, 羣, 眞, 敎). Such a variant is
// Traditional-only when the character it varies is.
//
//	go generate ./corpus
package main

import (
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"slices"
	"strings"

	"jianbao/corpus/internal/unihan"
)

func main() {
	dir := flag.String("unicode", unihan.DefaultDir, "folder holding Unihan_Variants.txt[.bz2]")
	out := flag.String("o", "variants_gen.go", "output file")
	flag.Parse()
	simp := map[rune][]rune{}  // kSimplifiedVariant
	trad := map[rune][]rune{}  // kTraditionalVariant
	glyph := map[rune][]rune{} // kZVariant, then kSemanticVariant<kHKGlyph
	version, err := unihan.Scan(*dir, "Unihan_Variants.txt", func(r rune, field, value string) {
		switch field {
		case "kSimplifiedVariant":
			simp[r] = unihan.CodePoints(value)
		case "kTraditionalVariant":
			trad[r] = unihan.CodePoints(value)
		case "kZVariant":
			glyph[r] = append(unihan.CodePoints(value), glyph[r]...)
		case "kSemanticVariant":
			for _, f := range strings.Fields(value) {
				if _, sources, ok := strings.Cut(f, "<"); ok && slices.Contains(strings.Split(sources, ","), "kHKGlyph") {
					if v, ok := unihan.ParseCodePoint(f); ok {
						glyph[r] = append(glyph[r], v)
					}
				}
			}
		}
	})
	if err != nil {
		log.Fatal(err)
	}
	for r, v := range handChecked {
		glyph[r] = append([]rune{v}, glyph[r]...)
	}
	var tradOnly, simpOnly []rune
	for r, vs := range simp {
		if !slices.Contains(vs, r) {
			tradOnly = append(tradOnly, r)
		}
	}
	for r, vs := range trad {
		if !slices.Contains(vs, r) {
			simpOnly = append(simpOnly, r)
		}
	}
	slices.Sort(tradOnly)
	slices.Sort(simpOnly)

	// Folding: first differing simplified variant, to a fixed point.
	step := func(r rune) rune {
		for _, v := range simp[r] {
			if v != r {
				return v
			}
		}
		return r
	}
	fold := map[rune]rune{}
	for r := range simp {
		t, seen := r, map[rune]bool{}
		for !seen[t] && step(t) != t {
			seen[t] = true
			t = step(t)
		}
		if t != r {
			fold[r] = t
		}
	}
	// Glyph variants outside the simplification tables fold with the
	// first of their variants that is in them, or in GB 2312 (the
	// character set of Simplified text, kIRG_GSource G0) where they are
	// not: Hong Kong's 擡 and 羣 are 抬 and 群.
	// GB 2312, the character set of Simplified text (kIRG_GSource G0).
	gb2312 := map[rune]bool{}
	if _, err := unihan.Scan(*dir, "Unihan_IRGSources.txt", func(r rune, field, value string) {
		if field == "kIRG_GSource" && strings.HasPrefix(value, "G0-") {
			gb2312[r] = true
		}
	}); err != nil {
		log.Fatal(err)
	}
	isTrad := map[rune]bool{}
	for _, r := range tradOnly {
		isTrad[r] = true
	}
	var glyphTrad []rune
	for r, vs := range glyph {
		if simp[r] != nil || trad[r] != nil {
			continue
		}
		for i, v := range vs {
			if simp[v] == nil && trad[v] == nil && !(i == 0 && handChecked[r] == v) && !(gb2312[v] && !gb2312[r]) {
				continue
			}
			t := v
			if f, ok := fold[v]; ok {
				t = f
			}
			if t != r {
				fold[r] = t
				if isTrad[v] {
					glyphTrad = append(glyphTrad, r)
				}
			}
			break
		}
	}
	// OpenCC's pairs (opencc.go), where Unihan has none or a rare form.
	// A character others fold to is a Simplified one and stays, as does
	// one of GB 2312 that OpenCC turns into one outside it. A rare
	// form only the character folded to (𬤮 for 讚) goes with it, so that
	// text written with it is found too.
	targets := map[rune]int{}
	for _, t := range fold {
		targets[t]++
	}
	for r, v := range openCC {
		if targets[r] > 0 || gb2312[r] && !gb2312[v] {
			continue // r is the Simplified form (tw2s turns 抬 into 擡)
		}
		t := v
		if f, ok := fold[v]; ok {
			t = f
		}
		if t == r {
			continue
		}
		if old, ok := fold[r]; ok && old != t && targets[old] == 1 && fold[old] == 0 && openCC[old] == 0 {
			fold[old] = t
		}
		fold[r] = t
	}
	for r, t := range fold {
		if _, ok := fold[t]; ok {
			log.Fatalf("folding %U gives %U, which folds again", r, t)
		}
	}
	tradOnly = append(tradOnly, glyphTrad...)
	slices.Sort(tradOnly)
	// kFrequency (1 = most frequent … 5) measures Traditional usage.
	freq := map[rune]int{}
	if _, err := unihan.Scan(*dir, "Unihan_DictionaryLikeData.txt", func(r rune, field, value string) {
		if field == "kFrequency" && len(value) == 1 {
			freq[r] = int(value[0] - '0')
		}
	}); err != nil {
		log.Fatal(err)
	}
	isTradOnly := map[rune]bool{}
	for _, r := range tradOnly {
		isTradOnly[r] = true
	}
	// rank orders candidates for Traditional display: more frequent first
	// (Unihan gives 会 and 會 the same kFrequency), then a Traditional-only
	// character before one shared by both scripts.
	rank := func(r rune) int {
		f, ok := freq[r]
		if !ok {
			f = 9 // not seen in Traditional text
		}
		if isTradOnly[r] {
			return 2 * f
		}
		return 2*f + 1
	}
	toTrad := map[rune]rune{}
	for r, vs := range trad {
		// A Simplified-only character (not among its own variants) always
		// converts, to its most frequent variant; one used in both scripts
		// only when another variant is strictly more frequent than itself.
		best := r
		if !slices.Contains(vs, r) && len(vs) > 0 {
			best = vs[0]
		}
		for _, v := range vs {
			if rank(v) < rank(best) {
				best = v
			}
		}
		if best != r {
			toTrad[r] = best
		}
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "// Code generated by genvariants from Unihan %s; DO NOT EDIT.\n\n", version)
	sb.WriteString("package corpus\n\n")
	fmt.Fprintf(&sb, "// variantsVersion is the Unihan release the tables come from.\nconst variantsVersion = %q\n\n", version)
	fmt.Fprintf(&sb, "// traditionalOnly holds %d characters written only in Traditional Chinese.\n", len(tradOnly))
	fmt.Fprintf(&sb, "const traditionalOnly = %s\n\n", unihan.GoString(tradOnly))
	fmt.Fprintf(&sb, "// simplifiedOnly holds %d characters written only in Simplified Chinese.\n", len(simpOnly))
	fmt.Fprintf(&sb, "const simplifiedOnly = %s\n\n", unihan.GoString(simpOnly))
	writePairs(&sb, "fold", "Traditional → Simplified folding", fold)
	writePairs(&sb, "toTrad", "Simplified → Traditional display conversion", toTrad)
	src, err := format.Source([]byte(sb.String()))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// writePairs writes a mapping as two strings of equal rune length: the
// i-th rune of nameFrom maps to the i-th rune of nameTo.
func writePairs(sb *strings.Builder, name, what string, m map[rune]rune) {
	from := make([]rune, 0, len(m))
	for r := range m {
		from = append(from, r)
	}
	slices.Sort(from)
	to := make([]rune, len(from))
	for i, r := range from {
		to[i] = m[r]
	}
	fmt.Fprintf(sb, "// %sFrom and %sTo hold the %d pairs of the %s.\n", name, name, len(from), what)
	fmt.Fprintf(sb, "const %sFrom = %s\n\n", name, unihan.GoString(from))
	fmt.Fprintf(sb, "const %sTo = %s\n\n", name, unihan.GoString(to))
}

// handChecked maps variants that Hong Kong and Taiwan texts write to the
// character Unihan's simplification tables know, where Unihan has the pair
// only from dictionaries (kSemanticVariant with kMatthews and the like).
var handChecked = map[rune]rune{
	'衞': '衛', '啓': '啟', '麪': '麵', '峯': '峰', '羣': '群', '眞': '真', '敎': '教',
}
