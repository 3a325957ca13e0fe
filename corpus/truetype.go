package corpus

import (
	"encoding/binary"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A PDF's Chinese font is most often a TrueType font drawn through
// Identity-H: the page's codes are glyph numbers, and only a ToUnicode map
// says which characters they are. Some producers leave that map out. The
// font file itself, when the PDF embeds it, still holds its cmap table
// (characters to glyphs), which read backwards names each glyph — what
// poppler's pdftotext does for such fonts.

// maxTrueTypeGlyphs bounds the glyphs a font is read for (a TrueType font
// has at most 65,536).
const maxTrueTypeGlyphs = 1 << 16

// trueTypeChars returns the character each glyph of the TrueType font in
// data draws, indexed by glyph number, read from the font's cmap table
// (its Unicode subtable, or one in GBK or Big5 as older Chinese fonts
// have); nil when the font has none. A glyph that several characters map
// to is given the one a text most likely means: not a private-use or
// compatibility code point, else the lowest.
func trueTypeChars(data []byte) []rune {
	font := data
	if len(font) >= 16 && string(font[:4]) == "ttcf" { // a collection: its first font
		off := binary.BigEndian.Uint32(font[12:])
		if uint64(off)+12 > uint64(len(font)) {
			return nil
		}
		font = font[off:]
	}
	cmap := sfntTable(data, font, "cmap")
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	type pick struct {
		rank int
		sub  []byte
		enc  encoding.Encoding
	}
	best := pick{rank: -1}
	for i := range n {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encID := binary.BigEndian.Uint16(cmap[rec:]), binary.BigEndian.Uint16(cmap[rec+2:])
		off := binary.BigEndian.Uint32(cmap[rec+4:])
		if uint64(off)+4 > uint64(len(cmap)) {
			continue
		}
		sub := cmap[off:]
		format := binary.BigEndian.Uint16(sub)
		rank := -1
		var enc encoding.Encoding
		switch {
		case format == 12 && (platform == 3 && encID == 10 || platform == 0):
			rank = 4 // all of Unicode
		case format == 4 && (platform == 3 && encID == 1 || platform == 0):
			rank = 3 // the BMP
		case format == 4 && platform == 3 && encID == 3:
			rank, enc = 2, simplifiedchinese.GBK
		case format == 4 && platform == 3 && encID == 4:
			rank, enc = 1, traditionalchinese.Big5
		}
		if rank > best.rank {
			best = pick{rank, sub, enc}
		}
	}
	if best.rank < 0 {
		return nil
	}
	glyphs := make([]rune, 0, 256)
	give := func(gid uint32, r rune) {
		if gid == 0 || gid >= maxTrueTypeGlyphs || r <= 0 {
			return
		}
		for int(gid) >= len(glyphs) {
			glyphs = append(glyphs, 0)
		}
		if old := glyphs[gid]; old == 0 || glyphRank(r) < glyphRank(old) || glyphRank(r) == glyphRank(old) && r < old {
			glyphs[gid] = r
		}
	}
	if best.rank == 4 {
		cmapFormat12(best.sub, give)
	} else {
		cmapFormat4(best.sub, best.enc, give)
	}
	if len(glyphs) == 0 {
		return nil
	}
	return glyphs
}

// glyphRank orders the characters a glyph may stand for: a character a
// text holds first (0), then compatibility ideographs and radicals (1),
// then private use (2).
func glyphRank(r rune) int {
	switch {
	case r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000:
		return 2
	case r >= 0xF900 && r <= 0xFAFF || r >= 0x2F800 && r <= 0x2FA1F || r >= 0x2E80 && r <= 0x2FDF:
		return 1
	}
	return 0
}

// sfntTable returns the table tag of the font at font (within the file
// data, which table offsets count from), or nil.
func sfntTable(data, font []byte, tag string) []byte {
	if len(font) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil
		}
		if string(font[rec:rec+4]) != tag {
			continue
		}
		off, length := uint64(binary.BigEndian.Uint32(font[rec+8:])), uint64(binary.BigEndian.Uint32(font[rec+12:]))
		if off > uint64(len(data)) {
			return nil
		}
		return data[off:min(uint64(len(data)), off+length)]
	}
	return nil
}

// cmapFormat4 reads a format 4 subtable (segments of 16-bit codes), its
// codes characters of enc when it is given (a GBK or Big5 cmap).
func cmapFormat4(sub []byte, enc encoding.Encoding, give func(gid uint32, r rune)) {
	if len(sub) < 14 {
		return
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(sub) {
		return
	}
	u16 := func(at int) (uint16, bool) {
		if at < 0 || at+2 > len(sub) {
			return 0, false
		}
		return binary.BigEndian.Uint16(sub[at:]), true
	}
	var dec *encoding.Decoder
	if enc != nil {
		dec = enc.NewDecoder()
	}
	budget := 2 * maxTrueTypeGlyphs // codes: segments may overlap
	for s := range segs {
		end, _ := u16(ends + 2*s)
		start, _ := u16(starts + 2*s)
		delta, _ := u16(deltas + 2*s)
		rangeAt := ranges + 2*s
		rangeOff, _ := u16(rangeAt)
		for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
			if budget--; budget < 0 {
				return
			}
			var gid uint16
			if rangeOff == 0 {
				gid = uint16(c) + delta
			} else {
				g, ok := u16(rangeAt + int(rangeOff) + 2*int(c-uint32(start)))
				if !ok || g == 0 {
					continue
				}
				gid = g + delta
			}
			r := rune(c)
			if dec != nil {
				r = decodeCode(dec, c)
			}
			give(uint32(gid), r)
		}
	}
}

// decodeCode is the character of c, a code of a GBK or Big5 cmap (one byte
// below 0x100), or 0.
func decodeCode(dec *encoding.Decoder, c uint32) rune {
	b := []byte{byte(c)}
	if c > 0xFF {
		b = []byte{byte(c >> 8), byte(c)}
	}
	out, err := dec.Bytes(b)
	if err != nil {
		return 0
	}
	rs := []rune(string(out))
	if len(rs) != 1 || rs[0] == '\uFFFD' {
		return 0
	}
	return rs[0]
}

// cmapFormat12 reads a format 12 subtable (groups of 32-bit codes), at
// most maxTrueTypeGlyphs×4 codes in all.
func cmapFormat12(sub []byte, give func(gid uint32, r rune)) {
	if len(sub) < 16 {
		return
	}
	groups := int(binary.BigEndian.Uint32(sub[12:]))
	budget := 4 * maxTrueTypeGlyphs
	for g := range groups {
		at := 16 + 12*g
		if at+12 > len(sub) {
			return
		}
		first, last, gid := binary.BigEndian.Uint32(sub[at:]), binary.BigEndian.Uint32(sub[at+4:]), binary.BigEndian.Uint32(sub[at+8:])
		if last < first || last > 0x10FFFF {
			continue
		}
		for c := first; c <= last; c++ {
			if budget--; budget < 0 {
				return
			}
			give(gid+(c-first), rune(c))
		}
	}
}
