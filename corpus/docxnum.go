package corpus

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word numbers paragraphs itself: a list's 1. 2. 3., a notice's headings
// 一、二、三、 and （一）（二）, none of it in the text of the runs. A
// paragraph says which list it is in and at which level (w:numPr, in its
// own properties or its style's); word/numbering.xml says how each level
// counts (w:numFmt: decimal, chineseCounting, ideographTraditional 甲乙丙…)
// and writes its number (w:lvlText: "%1、", "（%1）", "%1.%2"). The reader
// counts as Word does and writes the number before the paragraph's text,
// so that 一、 is where the document shows it.

// docxNumbering is what numbering.xml and styles.xml say of a document's
// lists, and the counts so far.
type docxNumbering struct {
	abstract map[string]*[9]docxLevel // by w:abstractNumId
	nums     map[string]docxNum       // by w:numId
	styles   map[string]docxNumRef    // a paragraph style's list, by w:styleId
	counts   map[string]*[9]int       // by w:numId: each level's count, 0 when not begun
}

// docxLevel is how a list's level counts and writes its number.
type docxLevel struct {
	format, text string
	start        int
}

// docxNum is a list: its abstract definition, and the levels whose start
// it overrides.
type docxNum struct {
	abstract string
	starts   map[int]int
}

// docxNumRef is a paragraph's place in a list.
type docxNumRef struct {
	id    string
	level int
	set   bool // the paragraph said (numId 0 says: none)
}

// readDocxNumbering reads numbering.xml and styles.xml (either may be
// nil); nil when there are no lists.
func readDocxNumbering(numbering, styles []byte) *docxNumbering {
	if len(numbering) == 0 {
		return nil
	}
	n := &docxNumbering{abstract: map[string]*[9]docxLevel{}, nums: map[string]docxNum{}, styles: map[string]docxNumRef{}, counts: map[string]*[9]int{}}
	var levels *[9]docxLevel
	lvl, num := -1, ""
	overLvl := -1
	eachToken(xml.NewDecoder(bytes.NewReader(numbering)), func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				levels = new([9]docxLevel)
				for i := range levels {
					levels[i].start = 1
				}
				n.abstract[xmlAttr(t, "abstractNumId")] = levels
			case "lvl":
				lvl = -1
				if i, err := strconv.Atoi(xmlAttr(t, "ilvl")); err == nil && i >= 0 && i < 9 {
					lvl = i
				}
			case "numFmt":
				if levels != nil && lvl >= 0 && num == "" {
					levels[lvl].format = xmlAttr(t, "val")
				}
			case "lvlText":
				if levels != nil && lvl >= 0 && num == "" {
					levels[lvl].text = labelPart(xmlAttr(t, "val"))
				}
			case "start":
				if v, err := strconv.Atoi(xmlAttr(t, "val")); err == nil && levels != nil && lvl >= 0 && num == "" {
					levels[lvl].start = v
				}
			case "num":
				num = xmlAttr(t, "numId")
				n.nums[num] = docxNum{starts: map[int]int{}}
			case "abstractNumId":
				if num != "" {
					d := n.nums[num]
					d.abstract = xmlAttr(t, "val")
					n.nums[num] = d
				}
			case "lvlOverride":
				overLvl = -1
				if i, err := strconv.Atoi(xmlAttr(t, "ilvl")); err == nil && i >= 0 && i < 9 {
					overLvl = i
				}
			case "startOverride":
				if v, err := strconv.Atoi(xmlAttr(t, "val")); err == nil && num != "" && overLvl >= 0 {
					n.nums[num].starts[overLvl] = v
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				levels, lvl = nil, -1
			case "num":
				num = ""
			}
		}
		return nil
	})
	var style string
	var ref docxNumRef
	eachToken(xml.NewDecoder(bytes.NewReader(styles)), func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				style, ref = xmlAttr(t, "styleId"), docxNumRef{}
			case "numId":
				ref.id, ref.set = xmlAttr(t, "val"), true
			case "ilvl":
				ref.level, _ = strconv.Atoi(xmlAttr(t, "val"))
			}
		case xml.EndElement:
			if t.Name.Local == "style" && ref.set && style != "" {
				n.styles[style] = ref
			}
		}
		return nil
	})
	return n
}

// label counts a paragraph at ref's place (its own, else its style's) and
// returns the number Word writes before it; "" for none.
func (n *docxNumbering) label(own docxNumRef, style string) string {
	if n == nil {
		return ""
	}
	ref := own
	if s, ok := n.styles[style]; ok && !own.set {
		ref = s // the style's list, when the paragraph names none
	}
	num, ok := n.nums[ref.id]
	if !ok || ref.level < 0 || ref.level >= 9 {
		return ""
	}
	levels := n.abstract[num.abstract]
	if levels == nil {
		return ""
	}
	counts := n.counts[ref.id]
	if counts == nil {
		counts = new([9]int)
		n.counts[ref.id] = counts
	}
	start := func(l int) int {
		if s, ok := num.starts[l]; ok {
			return s
		}
		return levels[l].start
	}
	if counts[ref.level] == 0 {
		counts[ref.level] = start(ref.level)
	} else {
		counts[ref.level]++
	}
	for l := ref.level + 1; l < 9; l++ {
		counts[l] = 0 // a deeper level starts again
	}
	lv := levels[ref.level]
	if lv.format == "none" {
		return ""
	}
	if lv.format == "bullet" {
		r, _ := utf8.DecodeRuneInString(lv.text)
		return bulletMark(r) + " "
	}
	var b strings.Builder
	for i := 0; i < len(lv.text); i++ {
		if c := lv.text[i]; c == '%' && i+1 < len(lv.text) && lv.text[i+1] >= '1' && lv.text[i+1] <= '9' {
			l := int(lv.text[i+1] - '1')
			count := counts[l]
			if count == 0 && l < ref.level {
				count = start(l) // a level above that has not counted yet
			}
			b.WriteString(numberText(levels[l].format, count))
			i++
			continue
		}
		b.WriteByte(lv.text[i])
	}
	return labelSpace(b.String())
}

// bulletMark is the mark a bullet list's level shows for r: a symbol
// font's private code ( in Symbol) or Wingdings' o is a bullet.
func bulletMark(r rune) string {
	if r == utf8.RuneError || unicode.Is(unicode.Co, r) || !unicode.IsGraphic(r) || unicode.IsLetter(r) {
		r = '•'
	}
	return string(r)
}

// maxLabelPart bounds the text a list's level writes around its numbers
// (Word's lvlText, OpenDocument's prefix and suffix: a mark or two in real
// documents), which every paragraph of the level repeats: a crafted style
// could otherwise make a small file's text many times its size.
const maxLabelPart = 32

// labelPart is s cut to maxLabelPart bytes, at a character's start.
func labelPart(s string) string {
	if len(s) <= maxLabelPart {
		return s
	}
	i := maxLabelPart
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// labelSpace puts a space after a number that ends in a Latin mark or
// digit (1. 第一项), not after one that ends in a Chinese mark (一、
// （一） ①).
func labelSpace(text string) string {
	if r, _ := utf8.DecodeLastRuneInString(text); text != "" && r < 0x2000 {
		text += " "
	}
	return text
}

// legalNumerals are the numerals of amounts (壹贰叁), for chineseLegalSimplified.
var legalNumerals = map[rune]rune{'一': '壹', '二': '贰', '三': '叁', '四': '肆', '五': '伍', '六': '陆', '七': '柒', '八': '捌', '九': '玖', '十': '拾', '百': '佰', '千': '仟'}

// legalNumeralsTraditional are legalNumerals as Taiwan writes them (壹貳參).
var legalNumeralsTraditional = map[rune]rune{'一': '壹', '二': '貳', '三': '參', '四': '肆', '五': '伍', '六': '陸', '七': '柒', '八': '捌', '九': '玖', '十': '拾', '百': '佰', '千': '仟'}

// numberText writes count as a list's format has it.
func numberText(format string, count int) string {
	if count < 0 {
		count = 0
	}
	switch format {
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting":
		if count > 0 && count < 100000000 {
			return string(numberInChinese(count))
		}
	case "chineseLegalSimplified", "ideographLegalTraditional":
		if count > 0 && count < 100000000 {
			legal := legalNumerals
			if format == "ideographLegalTraditional" {
				legal = legalNumeralsTraditional
			}
			return strings.Map(func(r rune) rune {
				if c, ok := legal[r]; ok {
					return c
				}
				return r
			}, string(numberInChinese(count)))
		}
	case "ideographDigital", "taiwaneseDigital":
		return strings.Map(func(r rune) rune { return []rune("〇一二三四五六七八九")[r-'0'] }, strconv.Itoa(count))
	case "ideographTraditional":
		if count >= 1 && count <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[count-1])
		}
	case "ideographZodiac":
		if count >= 1 && count <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[count-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalEnclosedFullstop", "decimalEnclosedParen":
		if count >= 1 && count <= 20 {
			return string(rune('①' + count - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(count))
	case "decimalZero":
		if count < 10 {
			return "0" + strconv.Itoa(count)
		}
	case "upperLetter", "lowerLetter":
		if count >= 1 && count <= 260 { // A…Z, AA…ZZ, up to ten letters
			s := strings.Repeat(string(rune('A'+(count-1)%26)), (count-1)/26+1)
			if format == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		if count >= 1 && count < 4000 {
			s := roman(count)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(count) // decimal, and what is not written otherwise
}

// roman writes n (1..3999) in Roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
