package corpus

import (
	"slices"
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// Pinyin search lets a query typed in ASCII letters find Han text by its
// readings, in either script: mayun finds 马云 and 馬雲 (full syllables),
// albb finds 阿里巴巴 (initials), and mayu finds 马云 while the last syllable
// is still being typed. Only Han characters take part, so a match never
// runs into the Latin text around it.

var (
	pinyinOnce sync.Once
	// readingsBMP holds the toneless readings of every BMP rune that has
	// any (ü written v, and also u: users type both).
	readingsBMP [][]string
	readingsAst map[rune][]string
)

// The readings are go-pinyin's dictionary's, made toneless here as its
// Normal style makes them (TestReadingsAsGoPinyin): its own conversion runs
// regular expressions over every reading and took 75–160 ms at every start.
func pinyinInit() {
	readingsBMP = make([][]string, 0x10000)
	readingsAst = map[rune][]string{}
	for cp, value := range pinyin.PinyinDict {
		r := rune(cp)
		var out []string
		for p := range strings.SplitSeq(value, ",") {
			p = tonelessReading(p)
			out = appendUnique(out, p)
			if strings.ContainsRune(p, 'v') {
				out = appendUnique(out, strings.ReplaceAll(p, "v", "u"))
			}
		}
		if r < 0x10000 {
			readingsBMP[r] = out
		} else {
			readingsAst[r] = out
		}
	}
}

// tonelessReading is a toned reading as go-pinyin's Normal style gives it
// (each toned vowel plain, ü as v), and as queries are read (toneless):
// also ê and ǖ, which go-pinyin's table lacks, plain.
func tonelessReading(p string) string {
	plain := true
	for i := 0; i < len(p); i++ {
		if p[i] >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		return p
	}
	var sb strings.Builder
	for _, r := range p {
		if b, ok := toneless[r]; ok {
			sb.WriteByte(b)
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Readings returns the toneless pinyin readings of r, or nil when r is not
// a Han character go-pinyin knows.
func Readings(r rune) []string {
	pinyinOnce.Do(pinyinInit)
	if r >= 0 && r < 0x10000 {
		return readingsBMP[r]
	}
	return readingsAst[r]
}

// maxPinyinSteps bounds the search of one match attempt; heteronyms make
// it branch.
const maxPinyinSteps = 256

// pinyinMatch reports how many runes of text, from its start, the pinyin
// query q (lower-case ASCII letters) matches, or 0. Every rune must be Han;
// either every rune takes one full reading (the last may take a prefix of
// one, for a syllable still being typed) or every rune takes just its
// initial letter. With partial set, running out of text before q is used
// up also succeeds (returning len(text)), which is what candidate search
// needs for the first two characters.
func pinyinMatch(q string, text []rune, partial bool) int {
	if q == "" || len(text) == 0 {
		return 0
	}
	// Initials: one letter a rune (the runes SearchSkips looks through).
	if letters := syllableLetters(q); len(letters) <= len(text) || partial {
		ti, ok := 0, true
		for i := 0; i < len(letters) && ok; i++ {
			for i > 0 && ti < len(text) && SearchSkips(text[ti]) {
				ti++
			}
			if ti == len(text) {
				ok = partial
				break
			}
			ok = hasInitial(text[ti], letters[i])
			ti++
		}
		if ok {
			return ti
		}
	}
	steps := 0
	var full func(qi, ti int) int
	full = func(qi, ti int) int {
		if qi < len(q) && q[qi] == syllableEnd {
			qi++ // where a reading ended, as it must
		}
		if qi == len(q) {
			return ti
		}
		for ti > 0 && ti < len(text) && SearchSkips(text[ti]) {
			ti++
		}
		if ti == len(text) {
			if partial {
				return ti
			}
			return 0
		}
		if steps++; steps > maxPinyinSteps {
			return 0
		}
		rest := q[qi:]
		for _, rd := range Readings(text[ti]) {
			switch {
			case strings.HasPrefix(rest, rd):
				if n := full(qi+len(rd), ti+1); n > 0 {
					return n
				}
			case strings.HasPrefix(rd, rest):
				return ti + 1 // the last syllable, still being typed
			}
		}
		return 0
	}
	return full(0, 0)
}

// hasInitial reports whether one of r's readings starts with letter c.
func hasInitial(r rune, c byte) bool {
	for _, rd := range Readings(r) {
		if rd[0] == c {
			return true
		}
	}
	return false
}

// pinyinUnit is what one Han character of a pinyin query must read as.
type pinyinUnit struct {
	text    string
	initial bool // text is one letter, the reading's first
	prefix  bool // text begins a reading (the last syllable, still typed)
}

// matches reports whether r can read as u.
func (u pinyinUnit) matches(r rune) bool {
	for _, rd := range Readings(r) {
		switch {
		case u.initial:
			if rd[0] == u.text[0] {
				return true
			}
		case u.prefix:
			if strings.HasPrefix(rd, u.text) {
				return true
			}
		case rd == u.text:
			return true
		}
	}
	return false
}

var (
	syllableOnce sync.Once
	syllables    map[string]bool // every reading
	sylPrefixes  map[string]bool // every beginning of a reading
)

// maxPinyinReadings bounds the ways a query is read.
const maxPinyinReadings = 8

// pinyinReadings lists the ways q can be read, as pinyinMatch reads text:
// one initial letter a character, or full syllables with the last one
// possibly unfinished (xian: xian, xi an, xi a…).
func pinyinReadings(q string) [][]pinyinUnit {
	syllableOnce.Do(func() {
		pinyinOnce.Do(pinyinInit)
		syllables, sylPrefixes = map[string]bool{}, map[string]bool{}
		for _, list := range readingsBMP {
			for _, rd := range list {
				syllables[rd] = true
				for i := 1; i <= len(rd); i++ {
					sylPrefixes[rd[:i]] = true
				}
			}
		}
	})
	var out [][]pinyinUnit
	letters := syllableLetters(q)
	initials := make([]pinyinUnit, len(letters))
	for i := range letters {
		initials[i] = pinyinUnit{text: letters[i : i+1], initial: true}
	}
	out = append(out, initials)
	var walk func(i int, units []pinyinUnit)
	walk = func(i int, units []pinyinUnit) {
		if len(out) >= maxPinyinReadings {
			return
		}
		if i < len(q) && q[i] == syllableEnd {
			i++ // a syllable ended here: none reads across it
		}
		for n := min(6, len(q)-i); n >= 1; n-- {
			s := q[i : i+n]
			switch {
			case i+n == len(q) && sylPrefixes[s]:
				out = append(out, append(slices.Clone(units), pinyinUnit{text: s, prefix: true}))
			case i+n < len(q) && syllables[s]:
				walk(i+n, append(units, pinyinUnit{text: s}))
			}
		}
	}
	walk(0, nil)
	return out
}
