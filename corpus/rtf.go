package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// RTF files (.rtf, and the many .doc files that are RTF under the name,
// as WordPad and AbiWord save them) are read as their body text: \'hh
// bytes are decoded in the code page of the font they are set in (Chinese
// fonts are GBK, \fcharset134, or Big5, \fcharset136), else the document's
// \ansicpg; \uN is the character N and skips its fallback. Paragraphs
// become a line and a blank line, table rows a line of cells joined by
// " | ". Footnotes and endnotes are read as a .docx's: a mark [1] where
// each is referred to (\chftn, or a note's group where the author wrote a
// mark of their own), the notes after the body. The font, colour and style
// tables, pictures, objects, headers, footers, comments, field
// instructions and every other {\* …} destination are left out; the info
// group's \title and \author give the metadata.

// isRTF reports the file names read as RTF.
func isRTF(name string) bool { return strings.EqualFold(path.Ext(name), ".rtf") }

// sniffDocument says what a .doc or .rtf file holds, whatever its name:
// "doc" (an OLE2 compound file), "rtf", "mht" (a MIME web archive, as
// Word's "Single File Web Page" saves), "html", or "" for none of them.
func sniffDocument(b []byte) string {
	if bytes.HasPrefix(b, cfbMagic) {
		return "doc"
	}
	head := bytes.TrimLeft(b[:min(len(b), 4096)], " \t\r\n\xef\xbb\xbf")
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return "rtf"
	case bytes.HasPrefix(lower, []byte("mime-version:")) || bytes.Contains(lower, []byte("content-type: multipart/related")):
		return "mht"
	case bytes.HasPrefix(lower, []byte("<")) && (bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body"))):
		return "html"
	}
	return ""
}

// ErrNotRTF marks a file that is not readable RTF.
var ErrNotRTF = errors.New("not readable RTF")

// maxRTFDepth bounds the groups tracked; deeper ones are skipped whole.
const maxRTFDepth = 256

// rtfSkipped are the destinations whose text is not the body's.
var rtfSkipped = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true, "footerl": true,
	"footerr": true, "footerf": true, "annotation": true, "fldinst": true,
	"themedata": true, "colorschememapping": true, "latentstyles": true, "datastore": true,
	"xmlnstbl": true, "listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true,
	"mmathPr": true, "bkmkstart": true, "bkmkend": true, "txe": true, "xe": true, "tc": true,
	"atnid": true, "atnauthor": true, "shpinst": true, "nonshppict": true, "do": true, "template": true,
	"revtbl": true, "pgdsctbl": true, "filetbl": true, "private": true, "userprops": true,
}

// rtfCharsets maps \fcharset values to encodings: ANSI, GB2312 (read as
// GBK), Big5, Shift_JIS, Hangul.
var rtfCharsets = map[int]encoding.Encoding{0: charmap.Windows1252, 134: simplifiedchinese.GBK, 136: traditionalchinese.Big5, 128: japanese.ShiftJIS, 129: korean.EUCKR}

// rtfCodePages maps \ansicpg and \cpg values to encodings.
var rtfCodePages = map[int]encoding.Encoding{936: simplifiedchinese.GBK, 54936: simplifiedchinese.GB18030, 950: traditionalchinese.Big5,
	932: japanese.ShiftJIS, 949: korean.EUCKR, 1252: charmap.Windows1252}

// rtfSymbols are control words that stand for a character.
var rtfSymbols = map[string]string{
	"tab": "\t", "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
	"ldblquote": "“", "rdblquote": "”", "emspace": "\u2003", "enspace": "\u2002", "qmspace": "\u2005",
}

// rtfState is what a group sets.
type rtfState struct {
	skip    bool
	uc      int
	font    int
	assoc   int // \af: the font of double-byte text in \dbch runs
	dest    string
	inTable bool
}

type rtfReader struct {
	b        []byte
	stack    []rtfState
	overflow int
	ansi     encoding.Encoding
	fonts    map[int]encoding.Encoding
	defFont  int // the font being defined in the font table
	pend     []byte
	skipN    int  // fallback characters still to skip after \uN
	star     bool // \* was read: the next control word may be skipped
	w        officeWriter
	fields   map[string]*strings.Builder // \title, \author
	// The notes: the one being read (a \footnote group), the marks
	// written in the body, and whether the last mark has its note.
	note  *officeWriter
	marks int
	noted bool
}

// rtfText returns the body text of an RTF document and what its info group
// says of it.
func rtfText(b []byte) (string, frontMatter, error) {
	b = bytes.TrimLeft(b, " \t\r\n\ufeff")
	if !bytes.HasPrefix(b, []byte(`{\rtf`)) {
		return "", frontMatter{}, fmt.Errorf("%w: it does not start with {\\rtf", ErrNotRTF)
	}
	r := &rtfReader{b: b, stack: []rtfState{{uc: 1, font: -1, assoc: -1}}, ansi: charmap.Windows1252, fonts: map[int]encoding.Encoding{},
		fields: map[string]*strings.Builder{"title": {}, "author": {}}}
	r.read()
	noNUL := func(s string) string { return strings.ReplaceAll(s, "\x00", "\uFFFD") } // as Decode never gives one
	var fm frontMatter
	fm.Title = noNUL(strings.TrimSpace(r.fields["title"].String()))
	fm.Author = noNUL(strings.TrimSpace(r.fields["author"].String()))
	r.w.writeNotes()
	return noNUL(strings.TrimLeft(r.w.out.String(), "\n")), fm, nil
}

func (r *rtfReader) top() *rtfState { return &r.stack[len(r.stack)-1] }

// emit writes text where the current destination's text goes.
func (r *rtfReader) emit(s string) {
	st := r.top()
	if f := r.fields[st.dest]; f != nil {
		f.WriteString(s)
		return
	}
	if st.skip || r.overflow > 0 {
		return
	}
	r.out().text(s)
}

// flush decodes the \'hh bytes waiting, in the code page of their font.
func (r *rtfReader) flush() {
	if len(r.pend) == 0 {
		return
	}
	// The font's code page, but a double-byte run (\dbch) set in a
	// Western font is in its associated font's; then the document's.
	st := r.top()
	var cands []encoding.Encoding
	fe, fok := r.fonts[st.font]
	if ae, aok := r.fonts[st.assoc]; aok && ae != charmap.Windows1252 && (!fok || fe == charmap.Windows1252) {
		cands = append(cands, ae)
	}
	if fok {
		cands = append(cands, fe)
	}
	cands = append(cands, r.ansi)
	var s []byte
	for _, e := range cands {
		if out, err := e.NewDecoder().Bytes(r.pend); err == nil && utf8.Valid(out) && !bytes.ContainsRune(out, utf8.RuneError) {
			s = out
			break
		}
	}
	if s == nil {
		if d, err := Decode(r.pend); err == nil {
			s = []byte(d.Text)
		} else {
			s = []byte(strings.ToValidUTF8(string(r.pend), "\uFFFD"))
		}
	}
	r.pend = r.pend[:0]
	r.emit(string(s))
}

func (r *rtfReader) read() {
	b := r.b
	for i := 0; i < len(b); {
		c := b[i]
		switch c {
		case '{':
			r.flush()
			if len(r.stack) >= maxRTFDepth || r.overflow > 0 {
				r.overflow++
			} else {
				r.stack = append(r.stack, *r.top()) // a group is in its parent's destination
			}
			i++
		case '}':
			r.flush()
			switch {
			case r.overflow > 0:
				r.overflow--
			case len(r.stack) > 1:
				if r.note != nil && r.top().dest == "footnote" && r.stack[len(r.stack)-2].dest != "footnote" {
					r.w.noteText(strconv.Itoa(r.marks), r.note) // the note's group ends
					r.note = nil
				}
				r.stack = r.stack[:len(r.stack)-1]
				if len(r.stack) == 1 {
					return // the document's group has closed: what follows is not it
				}
			default:
				return // the document's end
			}
			i++
		case '\\':
			i = r.control(i)
		case '\r', '\n':
			i++
		default:
			switch {
			case r.skipN > 0:
				r.skipN--
			case c >= 0x80: // a raw 8-bit byte, read as \'hh is
				r.pend = append(r.pend, c)
			default:
				r.flush()
				r.emit(string(rune(c)))
			}
			i++
		}
	}
	r.flush()
}

// control reads the control word or symbol at b[i] ('\') and returns where
// the next token starts.
func (r *rtfReader) control(i int) int {
	b := r.b
	if i+1 >= len(b) {
		return len(b)
	}
	c := b[i+1]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		switch c {
		case '\'':
			if i+4 <= len(b) {
				if v, err := strconv.ParseUint(string(b[i+2:i+4]), 16, 8); err == nil {
					if r.skipN > 0 {
						r.skipN--
					} else {
						r.pend = append(r.pend, byte(v))
					}
				}
			}
			return min(i+4, len(b))
		case '*':
			r.star = true // the destination that follows may be skipped
		case '~':
			r.flush()
			r.emit("\u00a0")
		case '_':
			r.flush()
			r.emit("-")
		case '\\', '{', '}':
			r.flush()
			r.emit(string(rune(c)))
		case '\r', '\n':
			r.flush()
			r.par()
		}
		return i + 2
	}
	j := i + 1
	for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z') && j-i < 33 {
		j++
	}
	word := string(b[i+1 : j])
	k := j
	if k < len(b) && b[k] == '-' {
		k++
	}
	for k < len(b) && b[k] >= '0' && b[k] <= '9' && k-j < 11 {
		k++
	}
	param, hasParam := 0, k > j && !(k == j+1 && b[j] == '-')
	if hasParam {
		param, _ = strconv.Atoi(string(b[j:k]))
	}
	if k < len(b) && b[k] == ' ' {
		k++ // the delimiter
	}
	r.word(word, param, hasParam, &k)
	return k
}

// word acts on a control word; *next may be moved past data it takes.
func (r *rtfReader) word(word string, param int, hasParam bool, next *int) {
	st := r.top()
	r.flush()
	if r.star {
		// {\* …} is a destination to skip unless known; writers put the
		// field result, which is text, and notes there too.
		r.star = false
		if word != "fldrslt" && word != "footnote" {
			st.dest, st.skip = word, true
			return
		}
	}
	switch {
	case rtfSkipped[word]:
		st.dest, st.skip = word, true
	case word == "title" || word == "author":
		st.dest = word
	case word == "footnote" && st.dest != "footnote" && r.live():
		// A footnote or endnote (\ftnalt): its text is kept as a .docx's
		// notes are, for the mark before it, or for one written here.
		if r.marks == 0 || r.noted {
			r.noteMark()
		}
		r.noted = true
		st.dest, r.note = word, &officeWriter{}
	case word == "chftn" && st.dest != "footnote" && r.live():
		r.noteMark()
	case word == "ansicpg":
		if e, ok := rtfCodePages[param]; ok {
			r.ansi = e
		}
	case word == "f":
		if st.dest == "fonttbl" {
			r.defFont = param
		} else {
			st.font = param
		}
	case word == "af":
		if st.dest != "fonttbl" {
			st.assoc = param
		}
	case word == "fcharset" && st.dest == "fonttbl":
		if e, ok := rtfCharsets[param]; ok {
			r.fonts[r.defFont] = e
		}
	case word == "cpg" && st.dest == "fonttbl":
		if e, ok := rtfCodePages[param]; ok {
			r.fonts[r.defFont] = e
		}
	case word == "uc":
		st.uc = max(0, min(param, 8))
	case word == "u" && hasParam:
		r.flush()
		if param < 0 {
			param += 65536
		}
		if param > 0 && param != 0xFFFE && param != 0xFFFF {
			r.emit(string(rune(param)))
		}
		r.skipN = st.uc
	case word == "bin":
		*next = min(len(r.b), *next+max(0, param))
	case word == "par" || word == "page" || word == "sect":
		r.par()
	case word == "line":
		if !st.skip && r.overflow == 0 && r.fields[st.dest] == nil {
			r.out().breakLine()
		}
	case word == "pard":
		st.inTable = false
	case word == "intbl":
		st.inTable = true
	case word == "cell" || word == "nestcell":
		if r.live() {
			w := r.out()
			cell := strings.TrimRight(w.line.String(), " ")
			w.line.Reset()
			w.line.WriteString(cell + " | ")
		}
	case word == "row" || word == "nestrow":
		if r.live() {
			w := r.out()
			row := strings.TrimRight(w.line.String(), " |")
			w.line.Reset()
			if row != "" {
				w.out.WriteString(row + "\n\n")
			}
		}
	default:
		if s, ok := rtfSymbols[word]; ok {
			r.emit(s)
		}
	}
}

// live reports whether text now goes to the body.
func (r *rtfReader) live() bool {
	st := r.top()
	return !st.skip && r.overflow == 0 && r.fields[st.dest] == nil
}

// par ends a paragraph (within a table cell, a space).
func (r *rtfReader) par() {
	if !r.live() {
		return
	}
	if r.top().inTable {
		r.out().line.WriteByte(' ')
		return
	}
	r.out().endParagraph()
}

// out is where text now goes: the body, or the note being read.
func (r *rtfReader) out() *officeWriter {
	if r.note != nil && r.top().dest == "footnote" {
		return r.note
	}
	return &r.w
}

// noteMark writes the mark of a note referred to in the body (\chftn, a
// note's automatic number), or before a note that has none.
func (r *rtfReader) noteMark() {
	r.marks++
	r.w.noteRef(strconv.Itoa(r.marks))
	r.noted = false
}
