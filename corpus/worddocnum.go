package corpus

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Word 97–2003 numbers lists and headings as Word does in .docx (see
// docxnum.go), from binary tables: a paragraph's properties (in the
// formatted disk pages the PlcBtePapx points to, or in its style's, in the
// style sheet) name a list override (sprmPIlfo) and a level (sprmPIlvl);
// the list format override table (PlfLfo) names a list and the levels
// whose start it overrides; the list table (PlfLst, its levels after it)
// says how each level counts and writes its number. The reader counts as
// Word does, with the .docx reader's counter, and writes the number before
// the paragraph's text. Anything out of bounds numbers nothing: the text
// stands without the numbers.

// FIB offsets of the tables (fc, lcb).
const (
	fibStshf       = 0xA2
	fibPlcfBtePapx = 0x102
	fibPlfLst      = 0x2E2
	fibPlfLfo      = 0x2EA
)

// Paragraph sprms that place a paragraph in a list.
const (
	sprmPIlvl = 0x260A
	sprmPIlfo = 0x460B
)

// wordTextPiece is a piece of the text: characters cp to end, at byte offset
// fc of the WordDocument stream, one byte each when compressed.
type wordTextPiece struct {
	cp, end, fc uint32
	compressed  bool
}

// wordListRef is what a paragraph's or a style's properties say of its
// place in a list.
type wordListRef struct {
	ilfo, ilvl       int
	hasIlfo, hasIlvl bool
}

// wordPapx is the properties of the paragraphs whose text lies at fc from
// to to: their style and their place in a list.
type wordPapx struct {
	from, to uint32
	istd     uint16
	ref      wordListRef
}

// wordListLabels returns the numbers Word shows before the paragraphs of
// the main text (characters 0 to ccpText), by the character where each
// paragraph's text starts; nil when the document has no lists.
func wordListLabels(wd, table []byte, pieces []wordTextPiece, ccpText uint32) map[uint32]string {
	num := wordLists(wd, table)
	if num == nil {
		return nil
	}
	runs := wordPapxRuns(wd, table)
	if len(runs) == 0 {
		return nil
	}
	styles := wordStyleLists(wd, table)
	labels := map[uint32]string{}
	start := uint32(0)
	for _, p := range pieces {
		for cp := p.cp; cp < p.end && cp < ccpText; cp++ {
			var c uint16
			fc := p.fc + 2*(cp-p.cp)
			if p.compressed {
				fc = p.fc + cp - p.cp
				if int(fc) < len(wd) {
					c = uint16(wd[fc])
				}
			} else {
				c = le16(wd, int(fc))
			}
			switch c {
			case 0x0C: // a section or page break: the text after it is what the number goes before
				start = cp + 1
			case 0x0D, 0x07: // the end of a paragraph, a cell or a row
				i := sort.Search(len(runs), func(i int) bool { return runs[i].to > fc })
				if i < len(runs) && runs[i].from <= fc {
					ref := runs[i].ref
					if s, ok := styles[runs[i].istd]; ok {
						if !ref.hasIlfo {
							ref.ilfo, ref.hasIlfo = s.ilfo, s.hasIlfo
						}
						if !ref.hasIlvl {
							ref.ilvl = s.ilvl
						}
					}
					// An empty paragraph counts, as Word's does, but shows nothing.
					if l := num.label(docxNumRef{id: strconv.Itoa(ref.ilfo), level: ref.ilvl, set: true}, ""); l != "" && cp > start && ref.hasIlfo {
						labels[start] = l
					}
				}
				start = cp + 1
			}
		}
	}
	return labels
}

// wordSprms calls fn with each sprm of grpprl and its operand, to the end
// or to a sprm whose operand runs past it.
func wordSprms(grpprl []byte, fn func(sprm uint16, operand []byte)) {
	for i := 0; i+2 <= len(grpprl); {
		sprm := le16(grpprl, i)
		i += 2
		var n int
		switch sprm >> 13 { // spra: the operand's size
		case 0, 1:
			n = 1
		case 2, 4, 5:
			n = 2
		case 3:
			n = 4
		case 7:
			n = 3
		case 6:
			if i >= len(grpprl) {
				return
			}
			switch sprm {
			case 0xD606, 0xD608: // sprmTDefTable10, sprmTDefTable: a two-byte size
				n = int(le16(grpprl, i)) + 1
			default:
				n = int(grpprl[i]) + 1
			}
		}
		if i+n > len(grpprl) {
			return
		}
		fn(sprm, grpprl[i:i+n])
		i += n
	}
}

// read fills r from a paragraph's or style's sprms.
func (r *wordListRef) read(grpprl []byte) {
	wordSprms(grpprl, func(sprm uint16, op []byte) {
		switch sprm {
		case sprmPIlfo:
			r.ilfo, r.hasIlfo = int(int16(le16(op, 0))), true
		case sprmPIlvl:
			r.ilvl, r.hasIlvl = int(op[0]), true
		}
	})
}

// wordPapxRuns reads the paragraph properties of every formatted disk
// page the PlcBtePapx names, in order of place.
func wordPapxRuns(wd, table []byte) []wordPapx {
	fcs := wordPLC(wd, table, fibPlcfBtePapx, 4)
	if len(fcs) < 2 {
		return nil
	}
	n := len(fcs) - 1
	plc := int(le32(wd, fibPlcfBtePapx))
	var runs []wordPapx
	seen := map[uint32]bool{}
	for k := 0; k < n; k++ {
		pn := le32(table, plc+4*(n+1)+4*k) & 0x3FFFFF
		page := int(pn) * 512
		if seen[pn] || page+512 > len(wd) {
			continue // a page named twice is read once: a crafted table cannot multiply the runs
		}
		seen[pn] = true
		fkp := wd[page : page+512]
		crun := int(fkp[511])
		if 4*(crun+1)+13*crun > 511 {
			continue
		}
		for j := 0; j < crun; j++ {
			r := wordPapx{from: le32(fkp, 4*j), to: le32(fkp, 4*j+4)}
			if off := 2 * int(fkp[4*(crun+1)+13*j]); off > 0 && off < 511 {
				at, size := off+1, 2*int(fkp[off])-1
				if fkp[off] == 0 {
					at, size = off+2, 2*int(fkp[off+1])
				}
				if size >= 2 && at+size <= 511 {
					grp := fkp[at : at+size]
					r.istd = le16(grp, 0)
					r.ref.read(grp[2:])
				}
			}
			if r.to > r.from {
				runs = append(runs, r)
			}
		}
	}
	sort.SliceStable(runs, func(a, b int) bool { return runs[a].from < runs[b].from })
	return runs
}

// maxStyleDepth bounds the styles a style's list is looked for through
// (its base, its base's base…): a crafted loop ends.
const maxStyleDepth = 11

// wordStyleLists reads the style sheet: each paragraph style's place in a
// list, its own or its base style's, by its index.
func wordStyleLists(wd, table []byte) map[uint16]wordListRef {
	fc, lcb := le32(wd, fibStshf), le32(wd, fibStshf+4)
	if lcb < 4 || uint64(fc)+uint64(lcb) > uint64(len(table)) {
		return nil
	}
	st := table[fc : fc+lcb]
	cbStshi := int(le16(st, 0))
	cbBase := int(le16(st, 4)) // Stshi.cbSTDBaseInFile
	if cbBase < 10 {
		return nil
	}
	type style struct {
		base uint16
		ref  wordListRef
	}
	var all []style
	for i := 2 + cbStshi; i+2 <= len(st) && len(all) < 0xFFF; {
		cb := int(le16(st, i))
		i += 2
		if i+cb > len(st) {
			break
		}
		std := st[i : i+cb]
		i += cb
		s := style{base: 0xFFF}
		if cb >= cbBase && le16(std, 2)&0xF == 1 { // stk: a paragraph style
			s.base = le16(std, 2) >> 4
			j := cbBase + 2 + 2*int(le16(std, cbBase)) + 2 // past the name (Xstz)
			if cbUpx := int(le16(std, j)); cbUpx >= 2 && j+2+cbUpx <= len(std) {
				s.ref.read(std[j+4 : j+2+cbUpx]) // UpxPapx: its style's index, then sprms
			}
		}
		all = append(all, s)
	}
	out := map[uint16]wordListRef{}
	for i := range all {
		ref := all[i].ref
		for b, depth := all[i].base, 0; !ref.hasIlfo && int(b) < len(all) && depth < maxStyleDepth; b, depth = all[b].base, depth+1 {
			base := all[b].ref
			if base.hasIlfo {
				ref.ilfo, ref.hasIlfo = base.ilfo, true
				if !ref.hasIlvl {
					ref.ilvl, ref.hasIlvl = base.ilvl, base.hasIlvl
				}
			}
		}
		if ref.hasIlfo {
			out[uint16(i)] = ref
		}
	}
	return out
}

// wordLists reads the list table and the list format overrides as the
// .docx reader's numbering: lists by their lsid, overrides by their
// index from 1 (a paragraph's ilfo). Nil when there are none.
func wordLists(wd, table []byte) *docxNumbering {
	fc, lcb := int(le32(wd, fibPlfLst)), int(le32(wd, fibPlfLst+4))
	if lcb < 2 || fc < 0 || fc+lcb > len(table) {
		return nil
	}
	cLst := int(int16(le16(table, fc)))
	if cLst <= 0 || 2+28*cLst > lcb {
		return nil
	}
	n := &docxNumbering{abstract: map[string]*[9]docxLevel{}, nums: map[string]docxNum{}, styles: map[string]docxNumRef{}, counts: map[string]*[9]int{}}
	pos := fc + lcb // the levels follow the table, each list's in turn
lists:
	for k := 0; k < cLst; k++ {
		lstf := table[fc+2+28*k : fc+2+28*(k+1)]
		count := 9
		if lstf[26]&1 != 0 { // fSimpleList
			count = 1
		}
		levels := new([9]docxLevel)
		for l := 0; l < count; l++ {
			lv, next, ok := wordLevel(table, pos)
			if !ok {
				break lists
			}
			levels[l], pos = lv, next
		}
		n.abstract[strconv.Itoa(int(int32(le32(lstf, 0))))] = levels
	}
	fc, lcb = int(le32(wd, fibPlfLfo)), int(le32(wd, fibPlfLfo+4))
	if lcb < 4 || fc < 0 || fc+lcb > len(table) {
		return nil
	}
	lfoMac := int(le32(table, fc))
	if lfoMac <= 0 || lfoMac > (lcb-4)/16 {
		return nil
	}
	data := fc + 4 + 16*lfoMac // each override's levels (LFOData), in turn
	for i := 0; i < lfoMac; i++ {
		lfo := table[fc+4+16*i:]
		num := docxNum{abstract: strconv.Itoa(int(int32(le32(lfo, 0)))), starts: map[int]int{}}
		data += 4 // LFOData.cp
		for j := 0; j < int(lfo[12]) && data+8 <= len(table); j++ {
			start, flags := int(int32(le32(table, data))), le32(table, data+4)
			data += 8
			if flags&0x10 != 0 { // fStartAt
				num.starts[int(flags&0xF)] = start
			}
			if flags&0x20 != 0 { // fFormatting: a level of its own follows (its start is what counts)
				lv, next, ok := wordLevel(table, data)
				if !ok {
					break
				}
				data = next
				num.starts[int(flags&0xF)] = lv.start
			}
		}
		n.nums[strconv.Itoa(i+1)] = num
	}
	return n
}

// wordLevel reads a list level (LVL) at pos: how it counts (LVLF), its
// paragraph and character properties (skipped), and its number text, in
// which a character below 9 stands for that level's number.
func wordLevel(table []byte, pos int) (docxLevel, int, bool) {
	if pos < 0 || pos+30 > len(table) {
		return docxLevel{}, 0, false
	}
	lvlf := table[pos : pos+28]
	j := pos + 28 + int(lvlf[24]) + int(lvlf[25]) // past grpprlPapx and grpprlChpx
	cch := int(le16(table, j))
	j += 2
	if j+2*cch > len(table) {
		return docxLevel{}, 0, false
	}
	units := make([]uint16, cch)
	for k := range units {
		units[k] = le16(table, j+2*k)
	}
	var b strings.Builder
	for _, r := range utf16.Decode(units) {
		switch {
		case r < 9:
			b.WriteString("%" + strconv.Itoa(int(r)+1))
		case r == '%':
			b.WriteString("％") // not read as a number's place
		default:
			b.WriteRune(r)
		}
	}
	return docxLevel{format: wordNFC(lvlf[4]), text: labelPart(b.String()), start: int(int32(le32(lvlf, 0)))}, j + 2*cch, true
}

// wordNFC gives Word's .docx name (see numberText) of a number format
// code (MSONFC).
func wordNFC(nfc byte) string {
	switch nfc {
	case 0x01:
		return "upperRoman"
	case 0x02:
		return "lowerRoman"
	case 0x03:
		return "upperLetter"
	case 0x04:
		return "lowerLetter"
	case 0x0A:
		return "ideographDigital"
	case 0x0B:
		return "japaneseCounting"
	case 0x0E:
		return "decimalFullWidth"
	case 0x12:
		return "decimalEnclosedCircle"
	case 0x13:
		return "decimalFullWidth2"
	case 0x16:
		return "decimalZero"
	case 0x17:
		return "bullet"
	case 0x1A:
		return "decimalEnclosedFullstop"
	case 0x1B:
		return "decimalEnclosedParen"
	case 0x1C:
		return "decimalEnclosedCircleChinese"
	case 0x1E:
		return "ideographTraditional"
	case 0x1F:
		return "ideographZodiac"
	case 0x21:
		return "taiwaneseCounting"
	case 0x22:
		return "ideographLegalTraditional"
	case 0x23:
		return "taiwaneseCountingThousand"
	case 0x24:
		return "taiwaneseDigital"
	case 0x25:
		return "chineseCounting"
	case 0x26:
		return "chineseLegalSimplified"
	case 0x27:
		return "chineseCountingThousand"
	case 0xFF:
		return "none"
	}
	return "decimal"
}
