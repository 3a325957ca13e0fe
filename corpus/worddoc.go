package corpus

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// Word 97–2003 files (.doc), still the commonest attachment on Chinese
// government sites, are read as the text of their main document: the
// file is an OLE2 compound file whose WordDocument stream holds the text
// in pieces (UTF-16, or one byte a character for Latin text) that the
// piece table in the table stream places. Paragraph marks become a line
// and a blank line, table rows a line of cells joined by " | "; field
// codes are left out (their results kept), as are pictures and the
// headers, footers and comments stored after the main text; footnotes and
// endnotes follow the body (wordNotes), and lists and numbered headings
// keep their numbers (worddocnum.go).
// Every offset read from the file is checked, and every chain of sectors
// is followed at most once around, so a damaged or crafted file is
// refused with its reason.

// isWordDoc reports the file names read as Word 97–2003 documents: .doc,
// and .wps, which WPS Office writes in Word's binary format (one it writes
// otherwise is refused with the reason).
func isWordDoc(name string) bool {
	ext := path.Ext(name)
	return strings.EqualFold(ext, ".doc") || strings.EqualFold(ext, ".wps")
}

// ErrNotWordDoc marks a .doc file that is not a readable Word 97–2003
// document.
var ErrNotWordDoc = errors.New("not a readable Word 97–2003 document")

const (
	cfbFree       = 0xFFFFFFFF
	cfbEndOfChain = 0xFFFFFFFE
	cfbMaxRegular = 0xFFFFFFFA
)

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// cfb is an OLE2 compound file read into memory.
type cfb struct {
	b          []byte
	sectorSize int
	fat        []uint32
	miniFAT    []uint32
	miniStream []byte
	cutoff     uint32
	entries    []cfbEntry
}

type cfbEntry struct {
	name  string
	typ   byte // 1 storage, 2 stream, 5 root
	start uint32
	size  uint64
}

func le16(b []byte, i int) uint16 {
	if i < 0 || i+2 > len(b) {
		return 0
	}
	return binary.LittleEndian.Uint16(b[i:])
}

func le32(b []byte, i int) uint32 {
	if i < 0 || i+4 > len(b) {
		return 0
	}
	return binary.LittleEndian.Uint32(b[i:])
}

// openCFB reads the sector tables and the directory of b.
func openCFB(b []byte) (*cfb, error) {
	if len(b) < 512 || !bytes.Equal(b[:8], cfbMagic) {
		return nil, errors.New("not an OLE2 compound file (a Word 97–2003 file starts D0 CF 11 E0)")
	}
	shift := le16(b, 0x1E)
	if shift != 9 && shift != 12 || le16(b, 0x20) != 6 {
		return nil, fmt.Errorf("sector sizes 2^%d and 2^%d are not OLE2's", shift, le16(b, 0x20))
	}
	c := &cfb{b: b, sectorSize: 1 << shift, cutoff: le32(b, 0x38)}
	sectors := (len(b) - c.sectorSize) / c.sectorSize // sector i is at (i+1)*size
	if sectors <= 0 {
		return nil, errors.New("no sectors after the header")
	}
	// The FAT's sectors: 109 listed in the header, the rest in a chain of
	// DIFAT sectors.
	var fatSectors []uint32
	for i := 0; i < 109; i++ {
		if s := le32(b, 0x4C+4*i); s <= cfbMaxRegular {
			fatSectors = append(fatSectors, s)
		}
	}
	per := c.sectorSize/4 - 1
	for s, n := le32(b, 0x44), 0; s <= cfbMaxRegular && n < sectors; n++ {
		sec, ok := c.sector(s)
		if !ok {
			return nil, fmt.Errorf("DIFAT sector %d is past the end of the file", s)
		}
		for i := 0; i < per; i++ {
			if f := le32(sec, 4*i); f <= cfbMaxRegular {
				fatSectors = append(fatSectors, f)
			}
		}
		s = le32(sec, 4*per)
	}
	for _, s := range fatSectors {
		sec, ok := c.sector(s)
		if !ok {
			return nil, fmt.Errorf("FAT sector %d is past the end of the file", s)
		}
		for i := 0; i+4 <= len(sec); i += 4 {
			c.fat = append(c.fat, le32(sec, i))
		}
	}
	dir, err := c.chain(le32(b, 0x30), -1)
	if err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	for i := 0; i+128 <= len(dir); i += 128 {
		e := dir[i : i+128]
		n := int(le16(e, 0x40))
		if n < 2 || n > 64 {
			c.entries = append(c.entries, cfbEntry{})
			continue
		}
		units := make([]uint16, (n-2)/2)
		for k := range units {
			units[k] = le16(e, 2*k)
		}
		size := uint64(le32(e, 0x78))
		if c.sectorSize == 4096 {
			size |= uint64(le32(e, 0x7C)) << 32
		}
		c.entries = append(c.entries, cfbEntry{name: string(utf16.Decode(units)), typ: e[0x42], start: le32(e, 0x74), size: size})
	}
	if len(c.entries) == 0 || c.entries[0].typ != 5 {
		return nil, errors.New("no root entry in the directory")
	}
	if root := c.entries[0]; root.size > 0 {
		if c.miniStream, err = c.chain(root.start, int64(root.size)); err != nil {
			return nil, fmt.Errorf("mini stream: %w", err)
		}
		mf, err := c.chain(le32(b, 0x3C), -1)
		if err != nil && le32(b, 0x3C) <= cfbMaxRegular {
			return nil, fmt.Errorf("mini FAT: %w", err)
		}
		for i := 0; i+4 <= len(mf); i += 4 {
			c.miniFAT = append(c.miniFAT, le32(mf, i))
		}
	}
	return c, nil
}

// sector is sector s of the file.
func (c *cfb) sector(s uint32) ([]byte, bool) {
	off := (int64(s) + 1) * int64(c.sectorSize)
	if s > cfbMaxRegular || off+int64(c.sectorSize) > int64(len(c.b)) {
		return nil, false
	}
	return c.b[off : off+int64(c.sectorSize)], true
}

// chain reads the sectors from start along the FAT, cut to size bytes
// (size < 0: all of them).
func (c *cfb) chain(start uint32, size int64) ([]byte, error) {
	var out []byte
	sectors := len(c.b)/c.sectorSize - 1
	for s, n := start, 0; s != cfbEndOfChain; n++ {
		if n >= sectors || s >= uint32(len(c.fat)) { // longer than the file: it loops
			return nil, fmt.Errorf("sector chain from %d loops or leaves the table at %d", start, s)
		}
		sec, ok := c.sector(s)
		if !ok {
			return nil, fmt.Errorf("sector %d is past the end of the file", s)
		}
		out = append(out, sec...)
		if size >= 0 && int64(len(out)) >= size {
			return out[:size], nil
		}
		s = c.fat[s]
	}
	if size > int64(len(out)) {
		return nil, fmt.Errorf("stream of %d bytes ends after %d", size, len(out))
	}
	return out, nil
}

// miniChain reads a stream stored in the mini stream's 64-byte sectors.
func (c *cfb) miniChain(start uint32, size int64) ([]byte, error) {
	var out []byte
	for s, n := start, 0; int64(len(out)) < size; n++ {
		if n > len(c.miniStream)/64 || s >= uint32(len(c.miniFAT)) {
			return nil, fmt.Errorf("mini sector chain from %d loops or leaves the table at %d", start, s)
		}
		off := int64(s) * 64
		if off+64 > int64(len(c.miniStream)) {
			return nil, fmt.Errorf("mini sector %d is past the mini stream", s)
		}
		out = append(out, c.miniStream[off:off+64]...)
		s = c.miniFAT[s]
	}
	return out[:size], nil
}

// stream returns the stream named name.
func (c *cfb) stream(name string) ([]byte, error) {
	for _, e := range c.entries {
		if e.typ != 2 || e.name != name {
			continue
		}
		if e.size > uint64(len(c.b)) {
			return nil, fmt.Errorf("stream %s claims %d bytes, more than the file", name, e.size)
		}
		if e.size < uint64(c.cutoff) {
			return c.miniChain(e.start, int64(e.size))
		}
		return c.chain(e.start, int64(e.size))
	}
	return nil, fmt.Errorf("no %s stream (an Excel or PowerPoint file, or a WPS file in its own format? save it as .docx)", name)
}

// wordDocText returns the main text of a Word 97–2003 document.
func wordDocText(b []byte) (string, error) {
	c, err := openCFB(b)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotWordDoc, err)
	}
	if _, err := c.stream("EncryptedPackage"); err == nil {
		return "", fmt.Errorf("%w: it is encrypted (a password-protected Word file); open it with its password and save it without one", ErrNotWordDoc)
	}
	wd, err := c.stream("WordDocument")
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotWordDoc, err)
	}
	if id := le16(wd, 0); id != 0xA5EC || len(wd) < 0x1AA {
		return "", fmt.Errorf("%w: its WordDocument stream does not start as Word's (0x%04X); a WPS file named .doc must be saved as .docx", ErrNotWordDoc, id)
	}
	if nFib := le16(wd, 2); nFib < 0x00C1 {
		return "", fmt.Errorf("%w: saved by Word 6 or 95 (format %d); open it and save it as .docx", ErrNotWordDoc, nFib)
	}
	flags := le16(wd, 0x0A)
	if flags&0x0100 != 0 {
		return "", fmt.Errorf("%w: it is encrypted; open it with its password and save it as .docx", ErrNotWordDoc)
	}
	tableName := "0Table"
	if flags&0x0200 != 0 {
		tableName = "1Table"
	}
	table, err := c.stream(tableName)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotWordDoc, err)
	}
	ccpText := le32(wd, 0x4C)
	fcClx, lcbClx := le32(wd, 0x1A2), le32(wd, 0x1A6)
	if uint64(fcClx)+uint64(lcbClx) > uint64(len(table)) || lcbClx == 0 {
		return "", fmt.Errorf("%w: its piece table (%d bytes at %d) is outside the %s stream", ErrNotWordDoc, lcbClx, fcClx, tableName)
	}
	clx := table[fcClx : fcClx+lcbClx]
	i := 0
	for i < len(clx) && clx[i] == 1 { // formatting before the pieces
		i += 3 + int(le16(clx, i+1))
	}
	if i+5 > len(clx) || clx[i] != 2 {
		return "", fmt.Errorf("%w: no piece table where its directory points", ErrNotWordDoc)
	}
	lcb := int(le32(clx, i+1))
	plc := clx[i+5:]
	if lcb < 4 || lcb > len(plc) || (lcb-4)%12 != 0 {
		return "", fmt.Errorf("%w: a piece table of %d bytes", ErrNotWordDoc, lcb)
	}
	n := (lcb - 4) / 12
	pieces := make([]wordTextPiece, n)
	for k := range pieces {
		fc := le32(plc, 4*(n+1)+8*k+2)
		pieces[k] = wordTextPiece{cp: le32(plc, 4*k), end: le32(plc, 4*k+4), fc: fc}
		if fc&0x40000000 != 0 { // one byte a character, Windows-1252
			pieces[k].fc, pieces[k].compressed = fc&0x3FFFFFFF/2, true
		}
		if pieces[k].end < pieces[k].cp {
			// Pieces follow each other: out of order, they could make a
			// small file's text any length.
			return "", fmt.Errorf("%w: its piece table is out of order at piece %d", ErrNotWordDoc, k)
		}
	}
	// read returns the characters at positions from to to, across pieces.
	read := func(from, to uint32) ([]rune, error) {
		var text []rune
		for k, p := range pieces {
			if p.cp >= to {
				break
			}
			lo, hi := max(p.cp, from), min(p.end, to)
			if hi <= lo {
				continue
			}
			count := int(hi - lo)
			if p.compressed {
				off := int(p.fc) + int(lo-p.cp)
				if off+count > len(wd) {
					return nil, fmt.Errorf("%w: piece %d runs past the text", ErrNotWordDoc, k)
				}
				s, _ := charmap.Windows1252.NewDecoder().Bytes(wd[off : off+count])
				text = append(text, []rune(string(s))...)
				continue
			}
			off := int(p.fc) + 2*int(lo-p.cp)
			if off+2*count > len(wd) || off < 0 {
				return nil, fmt.Errorf("%w: piece %d runs past the text", ErrNotWordDoc, k)
			}
			units := make([]uint16, count)
			for j := range units {
				units[j] = le16(wd, off+2*j)
			}
			text = append(text, utf16.Decode(units)...)
		}
		return text, nil
	}
	text, err := read(0, ccpText)
	if err != nil {
		return "", err
	}
	return wordMarks(text, wordNotes(wd, table, read), wordListLabels(wd, table, pieces, ccpText)), nil
}

// wordNotes returns the text of the footnotes and endnotes of a Word
// 97–2003 document, in the order the main text refers to them: the notes
// are documents of their own after the main text, and a table for each
// kind gives where each is referred to and where its text lies. A note's
// text begins with its own number (an automatic one is the character 2),
// which is left out. Anything out of bounds gives no notes: the body
// stands without them.
func wordNotes(wd, table []byte, read func(from, to uint32) ([]rune, error)) []string {
	ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn := le32(wd, 0x4C), le32(wd, 0x50), le32(wd, 0x54), le32(wd, 0x58), le32(wd, 0x5C), le32(wd, 0x60)
	type note struct {
		cp   uint32
		text string
	}
	var notes []note
	for _, kind := range []struct {
		ref, txt    int // FIB offsets of the tables (fc, lcb)
		start, size uint32
	}{
		{0xAA, 0xB2, ccpText, ccpFtn},
		{0x20A, 0x212, ccpText + ccpFtn + ccpHdd + ccpMcr + ccpAtn, ccpEdn},
	} {
		if kind.size == 0 {
			continue
		}
		refs := wordPLC(wd, table, kind.ref, 2)
		txts := wordPLC(wd, table, kind.txt, 0)
		for i := 0; i+1 < len(refs) && i+1 < len(txts); i++ {
			from, to := txts[i], txts[i+1]
			if refs[i] >= ccpText || from > to || to > kind.size {
				return nil
			}
			text, err := read(kind.start+from, kind.start+to)
			if err != nil {
				return nil
			}
			for len(text) > 0 && (text[0] == 0x02 || text[0] == ' ' || text[0] == '\t') {
				text = text[1:]
			}
			notes = append(notes, note{refs[i], strings.TrimSpace(wordMarks(text, nil, nil))})
		}
	}
	slices.SortStableFunc(notes, func(a, b note) int { return cmp.Compare(a.cp, b.cp) })
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.text
	}
	return out
}

// wordPLC returns the positions of a table of positions (a PLC) whose
// place and size the FIB gives at off, each entry carrying data bytes of
// data; nil when it lies outside the table stream.
func wordPLC(wd, table []byte, off, data int) []uint32 {
	fc, lcb := le32(wd, off), le32(wd, off+4)
	if lcb < 4 || uint64(fc)+uint64(lcb) > uint64(len(table)) || (lcb-4)%uint32(4+data) != 0 {
		return nil
	}
	n := int(lcb-4) / (4 + data)
	cps := make([]uint32, n+1)
	for i := range cps {
		cps[i] = le32(table, int(fc)+4*i)
	}
	return cps
}

// wordMarks lays out the main text's marks: paragraphs, line and page
// breaks, table cells and rows, fields; notes' references, as [1], the
// notes given then following the text (see officeWriter.noteRef); lists'
// numbers, labels by the character position where each goes (see
// wordListLabels); and drops the other controls (pictures).
func wordMarks(text []rune, notes []string, labels map[uint32]string) string {
	var w officeWriter
	refs := 0
	cp := uint32(0)   // the character position of text[i], kept while there are labels: a rune from a surrogate pair takes two
	var fields []bool // per open field: its result has begun
	shown := func() bool {
		for _, result := range fields {
			if !result {
				return false
			}
		}
		return true
	}
	inTable := false
	for i := 0; i < len(text); i++ {
		r := text[i]
		if labels != nil {
			if l, ok := labels[cp]; ok {
				w.text(l) // a list's number, before the paragraph's text
			}
			cp += uint32(utf16.RuneLen(r))
		}
		switch r {
		case 0x13:
			fields = append(fields, false)
			continue
		case 0x14:
			if len(fields) > 0 {
				fields[len(fields)-1] = true
			}
			continue
		case 0x15:
			if len(fields) > 0 {
				fields = fields[:len(fields)-1]
			}
			continue
		}
		if !shown() {
			continue
		}
		switch {
		case r == '\r' || r == 0x0C:
			if inTable {
				w.line.WriteByte(' ')
				continue
			}
			w.endParagraph()
		case r == 0x0B:
			w.breakLine()
		case r == 0x07: // the end of a cell; twice, of a row
			if i+1 < len(text) && text[i+1] == 0x07 {
				i++
				cp += uint32(utf16.RuneLen(text[i]))
				inTable = false
				row := strings.TrimRight(w.line.String(), " |")
				w.line.Reset()
				if row != "" {
					w.out.WriteString(row + "\n\n")
				}
				continue
			}
			inTable = true
			cell := strings.TrimRight(w.line.String(), " ")
			w.line.Reset()
			w.line.WriteString(cell + " | ")
		case r == 0x1E:
			w.text("-")
		case r == 0x02 && refs < len(notes): // an automatic note number
			refs++
			w.noteRef(strconv.Itoa(refs))
		case r == '\t' || r >= 0x20 && r != 0x7F && !(r >= 0x80 && r < 0xA0) && r != 0xFFFD:
			w.text(string(r))
		}
	}
	// Notes whose mark is the author's own (not the character 2) have
	// no mark here; they follow, numbered after the others.
	for len(w.notes) < len(notes) {
		w.notes = append(w.notes, "")
	}
	copy(w.notes, notes)
	w.writeNotes()
	return strings.TrimLeft(w.out.String(), "\n")
}
