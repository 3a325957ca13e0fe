package corpus

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/unicode/norm"
)

// PDF briefings (the form most government documents are published in)
// are read as the text their pages draw. Each glyph a page shows is mapped
// to characters through its font (a ToUnicode map; a predefined Chinese,
// Japanese or Korean CMap such as UniGB-UCS2-H or GBK-EUC-H, whose codes
// are the characters' own; a simple font's encoding) and placed where the
// page puts it; glyphs on one baseline make a line, in the order of their
// positions, with a space where a gap shows one (never between two Chinese
// characters set apart, as titles are). Lines then make paragraphs as a
// reader sees them: a line that reaches its column's right margin (its
// next line's first unbreakable unit did not fit) goes on in the next
// unless that one is indented (a Chinese paragraph's first line), starts
// an item (一、 （二） 1.), is set in another size or stands further off
// than the text's line spacing — across page breaks and columns too.
// Notes set at a page's foot go after the body, as a Word document's do,
// so that a paragraph running on to the next page stays whole.
// A TrueType font drawn without a ToUnicode map is read through the cmap
// table of the font file the PDF embeds (truetype.go), as pdftotext
// reads it. Vertical writing is read down its columns, right to left. Running
// headers and footers (a line in the top or bottom tenth of the page that
// recurs on half the pages, digits aside) and page numbers there go, as
// does text a tagged PDF marks as an artifact and text set at a slant (a
// watermark across the page). Kangxi radicals and compatibility
// ideographs, which some fonts' maps give for common characters (⽇ for
// 日), are read as the ideographs.
//
// Not read: scanned pages (images of text; the error says to run OCR),
// glyphs whose font says not which characters they are (counted in a
// warning), and encrypted files that need a password.

// ErrNoPDFText marks a PDF from which no text can be read.
var ErrNoPDFText = errors.New("no text can be read from the PDF")

func isPDF(name string) bool { return strings.EqualFold(path.Ext(name), ".pdf") }

// pdfMaxOps bounds the content-stream operators run for one file (forms
// drawn inside forms could otherwise multiply them without end).
const (
	pdfMaxOps      = 50_000_000
	pdfMaxFormNest = 12
	pdfMaxPages    = 100_000
	pdfMaxGlyphs   = 2_000_000 // per page
)

// pdfText returns the text of a PDF, what its information dictionary says
// of it, and a warning when some of its glyphs could not be read.
func pdfText(b []byte, max int64) (string, frontMatter, string, error) {
	d, err := openPDF(b, max)
	if err != nil {
		return "", frontMatter{}, "", err
	}
	pages := d.pages()
	if len(pages) == 0 {
		return "", frontMatter{}, "", fmt.Errorf("%w: no pages found (the file is cut short or damaged)", ErrNotPDF)
	}
	r := &pdfRun{d: d, fonts: map[pdfRef]*pdfFont{}, forms: map[pdfRef][]byte{}}
	var all []pdfPageLines
	size := 0
	for _, p := range pages {
		r.glyphs = r.glyphs[:0]
		content, err := d.contents(p.dict)
		if err != nil {
			r.skipped = err.Error()
		}
		r.run(content, p.res, pdfGState{ctm: pdfIdentity, th: 1}, 0)
		for _, g := range r.glyphs {
			if g.text == " " {
				r.spaces = true
				break
			}
		}
		stacked(r.glyphs)
		lines := pageLines(r.glyphs, r.spaces)
		for _, l := range lines {
			size += len(l.text)
		}
		all = append(all, pdfPageLines{box: p.box, lines: lines})
		if int64(size) > max {
			return "", frontMatter{}, "", fmt.Errorf("%w: its text runs past the size limit of %d bytes", ErrTooLarge, max)
		}
	}
	text := layoutPDF(all)
	if strings.TrimSpace(text) == "" {
		n := "1 page"
		if len(pages) != 1 {
			n = fmt.Sprintf("%d pages", len(pages))
		}
		switch {
		case r.unmapped > 0:
			return "", frontMatter{}, "", fmt.Errorf("%w: %d glyphs on %s, whose fonts say not which characters they are; copy the text from a viewer, or run OCR on it", ErrNoPDFText, r.unmapped, n)
		case r.images > 0:
			return "", frontMatter{}, "", fmt.Errorf("%w: images only, on %s (a scan); run OCR on it first (ocrmypdf -l chi_sim)", ErrNoPDFText, n)
		case r.skipped != "":
			return "", frontMatter{}, "", fmt.Errorf("%w: %s", ErrNoPDFText, r.skipped)
		}
		return "", frontMatter{}, "", fmt.Errorf("%w: nothing is written on its %s", ErrNoPDFText, n)
	}
	var warns []string
	if n := r.unmapped + r.mapped; r.unmapped > 0 && r.unmapped*50 > n {
		warns = append(warns, fmt.Sprintf("%d of %d characters left out"+NoteEnd+"their fonts say not which characters they draw", r.unmapped, n))
	}
	if r.skipped != "" {
		warns = append(warns, "part of the PDF left out"+NoteEnd+r.skipped)
	}
	if r.notdef > 0 {
		warns = append(warns, fmt.Sprintf("%d characters missing from the PDF itself"+NoteEnd+"its font had no glyph for them, and a viewer shows blanks there too", r.notdef))
	}
	if bad, han := misreadGlyphs(text); bad >= 10 && bad*50 >= han {
		warns = append(warns, fmt.Sprintf("%d characters look misread"+NoteEnd+"control characters and accented letters amid Chinese: the PDF's character maps seem damaged, as Ghostscript 10.0 writes them when it rewrites a file; compare with a viewer before quoting", bad))
	}
	warn := strings.Join(warns, "; ")
	var fm frontMatter
	if info := d.dictOf(d.trailer["Info"]); info != nil {
		if s, ok := d.resolve(info["Title"]).(pdfString); ok {
			fm.Title = pdfTitle(pdfTextString(s))
		}
	}
	return text, fm, warn, nil
}

// misreadGlyphs counts what a damaged character map makes of Chinese text
// and no Chinese text holds: control characters, and accented Latin letters
// (Latin-1 to Latin Extended-B, where a map off by a table gives 2 for 。
// and Ā for ，) next to a Han character; and the Han characters, to
// compare. Pinyin's toned vowels stand among Latin letters, not Han.
func misreadGlyphs(text string) (bad, han int) {
	prevHan, prevOdd := false, false
	for _, r := range text {
		isH := r >= 0x2E80 && isHan(r)
		odd := r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7
		switch {
		case r < 0x20 && r != '\n' && r != '\t', r >= 0x7F && r < 0xA0:
			bad++
		case odd && prevHan:
			bad++
		case isH && prevOdd:
			bad++ // the letter before it
		}
		if isH {
			han++
		}
		prevHan, prevOdd = isH, odd && !prevHan
	}
	return bad, han
}

// pdfTitle returns the information dictionary's title when it is one: not
// a file name, a template's name, a word processor's placeholder or a web
// site's name, and in Chinese (a Chinese briefing's "Document1" or
// "Microsoft Word - 20240305.doc" is not its title).
func pdfTitle(t string) string {
	t = strings.TrimSpace(strings.ToValidUTF8(t, ""))
	for _, p := range []string{"Microsoft Word - ", "Microsoft PowerPoint - ", "Microsoft Excel - "} {
		t = strings.TrimPrefix(t, p)
	}
	switch strings.ToLower(path.Ext(t)) {
	case ".doc", ".docx", ".wps", ".pdf", ".ofd", ".txt", ".rtf", ".odt", ".html", ".htm", ".tmp":
		return ""
	}
	han := 0
	for _, r := range t {
		if unicode.Is(unicode.Han, r) {
			han++
		}
		if r < ' ' {
			return ""
		}
	}
	if han < 2 {
		return ""
	}
	// A web page saved as PDF (a browser's print) carries the page's
	// <title>: 标题_中国政府网, or only the site's name.
	return pageTitle(t)
}

// pdfTextString decodes a string outside content streams: UTF-16 with its
// mark, UTF-8, or (often, in files from Chinese tools) GBK or Big5
// where the format says PDFDocEncoding.
func pdfTextString(s pdfString) string {
	b := []byte(s)
	switch {
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return utf16String(b[2:], true)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return utf16String(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:])
	}
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || utf8.Valid(b) {
		return string(b)
	}
	if dec, err := decode(b, false); err == nil && dec.Damage == "" {
		return dec.Text
	}
	out, _ := charmap.ISO8859_1.NewDecoder().Bytes(b)
	return string(out)
}

func utf16String(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// pdfPage is a page to draw: its dictionary, inherited resources and box.
type pdfPage struct {
	dict pdfDict
	res  pdfDict
	box  [4]float64
}

// pages returns the pages in order, walking the page tree from the
// catalog; without one (a damaged file), every page object in the order
// of their numbers.
func (d *pdfDoc) pages() []pdfPage {
	var out []pdfPage
	seen := map[int]bool{}
	var walk func(v any, res pdfDict, box [4]float64, depth int)
	walk = func(v any, res pdfDict, box [4]float64, depth int) {
		if r, ok := v.(pdfRef); ok {
			if seen[r.num] {
				return
			}
			seen[r.num] = true
		}
		node := d.dictOf(v)
		if node == nil || depth > 64 || len(out) >= pdfMaxPages {
			return
		}
		if r := d.dictOf(node["Resources"]); r != nil {
			res = r
		}
		if b, ok := d.box(node["MediaBox"]); ok {
			box = b
		}
		if kids := d.arrayOf(node["Kids"]); kids != nil && node["Type"] != pdfName("Page") {
			for _, k := range kids {
				walk(k, res, box, depth+1)
			}
			return
		}
		if node["Type"] == pdfName("Page") || node["Contents"] != nil {
			out = append(out, pdfPage{dict: node, res: res, box: box})
		}
	}
	letter := [4]float64{0, 0, 612, 792}
	if root := d.dictOf(d.trailer["Root"]); root != nil {
		walk(root["Pages"], nil, letter, 0)
	}
	if len(out) > 0 {
		return out
	}
	for _, num := range sortedNums(d.offsets) {
		if seen[num] {
			continue
		}
		if p := d.dictOf(pdfRef{num: num}); p != nil && p["Type"] == pdfName("Page") {
			walk(pdfRef{num: num}, nil, letter, 0)
		}
	}
	return out
}

func (d *pdfDoc) box(v any) ([4]float64, bool) {
	a := d.arrayOf(v)
	if len(a) != 4 {
		return [4]float64{}, false
	}
	var b [4]float64
	for i := range b {
		f, ok := d.numOf(a[i])
		if !ok {
			return [4]float64{}, false
		}
		b[i] = f
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	return b, true
}

// contents returns a page's content streams, decoded and joined, and
// why one could not be read.
func (d *pdfDoc) contents(page pdfDict) ([]byte, error) {
	v := d.resolve(page["Contents"])
	parts, ok := v.([]any)
	if !ok {
		parts = []any{v}
	}
	var out []byte
	for _, p := range parts {
		s, ok := d.resolve(p).(*pdfStream)
		if !ok {
			continue
		}
		data, err := d.decodeStream(s)
		if err != nil {
			return out, err
		}
		out = append(out, data...)
		out = append(out, '\n')
	}
	return out, nil
}

// pdfMatrix is [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
type pdfMatrix [6]float64

var pdfIdentity = pdfMatrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: m applied first.
func (m pdfMatrix) mul(n pdfMatrix) pdfMatrix {
	return pdfMatrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// translate returns the translation by (x, y), then m.
func (m pdfMatrix) translate(x, y float64) pdfMatrix {
	m[4] += x*m[0] + y*m[2]
	m[5] += x*m[1] + y*m[3]
	return m
}

type pdfGState struct {
	ctm                      pdfMatrix
	font                     *pdfFont
	fs, tc, tw, th, tl, rise float64
}

// pdfGlyph is a glyph drawn: where (u along its baseline, v across it, in
// the orientation q: 0 upright, 1–3 turned by quarter turns), its advance
// w and size, and the characters it stands for.
type pdfGlyph struct {
	u, v, w, size float64
	q             int8
	text          string
}

// pdfRun runs content streams, collecting glyphs.
type pdfRun struct {
	d        *pdfDoc
	fonts    map[pdfRef]*pdfFont
	forms    map[pdfRef][]byte
	glyphs   []pdfGlyph
	ops      int
	mapped   int
	unmapped int
	notdef   int // glyphs drawn as the font's .notdef (CID 0): characters the font lacks
	images   int
	skipped  string // why a content stream could not be read
	spaces   bool   // the file draws spaces as glyphs (seen so far)
}

func (r *pdfRun) run(content []byte, res pdfDict, gs pdfGState, depth int) {
	l := pdfLexer{b: content}
	var args []any
	var stack []pdfGState
	var tm, tlm pdfMatrix
	var marks []bool // per open marked-content sequence: an artifact?
	artifacts := 0
	num := func(i int) float64 {
		if i < len(args) {
			if f, ok := args[i].(float64); ok {
				return f
			}
		}
		return 0
	}
	nums := func(n int) bool {
		if len(args) < n {
			return false
		}
		for _, a := range args[len(args)-n:] {
			if _, ok := a.(float64); !ok {
				return false
			}
		}
		args = args[len(args)-n:]
		return true
	}
	last := func() any {
		if len(args) == 0 {
			return nil
		}
		return args[len(args)-1]
	}
	show := func(s pdfString) {
		if artifacts > 0 {
			return
		}
		tm = r.show(s, gs, tm)
	}
	for r.ops < pdfMaxOps {
		var op pdfOp
		var ok bool
		if op, args, ok = l.operation(args, 64); !ok {
			break
		}
		r.ops++
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, gs)
			}
		case "Q":
			if len(stack) > 0 {
				gs, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if nums(6) {
				gs.ctm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = pdfIdentity, pdfIdentity
		case "Tf":
			if len(args) >= 2 {
				if name, ok := args[len(args)-2].(pdfName); ok {
					gs.font = r.font(res, name)
				}
				if f, ok := last().(float64); ok {
					gs.fs = f
				}
			}
		case "Td", "TD":
			if nums(2) {
				if op == "TD" {
					gs.tl = -num(1)
				}
				tlm = tlm.translate(num(0), num(1))
				tm = tlm
			}
		case "Tm":
			if nums(6) {
				tm = pdfMatrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tlm = tm
			}
		case "T*":
			tlm = tlm.translate(0, -gs.tl)
			tm = tlm
		case "TL", "Tc", "Tw", "Tz", "Ts":
			if nums(1) {
				switch op {
				case "TL":
					gs.tl = num(0)
				case "Tc":
					gs.tc = num(0)
				case "Tw":
					gs.tw = num(0)
				case "Tz":
					gs.th = num(0) / 100
				case "Ts":
					gs.rise = num(0)
				}
			}
		case "Tj", "'", "\"":
			if op == "\"" && len(args) >= 3 {
				gs.tw, _ = args[len(args)-3].(float64)
				gs.tc, _ = args[len(args)-2].(float64)
			}
			if op != "Tj" {
				tlm = tlm.translate(0, -gs.tl)
				tm = tlm
			}
			if s, ok := last().(pdfString); ok {
				show(s)
			}
		case "TJ":
			a, _ := last().([]any)
			for _, e := range a {
				switch e := e.(type) {
				case pdfString:
					show(e)
				case float64:
					if gs.font != nil && gs.font.vertical {
						tm = tm.translate(0, -e/1000*gs.fs)
					} else {
						tm = tm.translate(-e/1000*gs.fs*gs.th, 0)
					}
				}
			}
		case "Do":
			if name, ok := last().(pdfName); ok {
				r.draw(res, name, gs, depth)
			}
		case "ID": // an inline image's data, up to " EI"
			l.pos = inlineImageEnd(l.b, l.pos)
			r.images++
		case "BMC", "BDC":
			tag := args
			if op == "BDC" && len(tag) > 0 {
				tag = tag[:len(tag)-1]
			}
			art := len(tag) > 0 && tag[len(tag)-1] == pdfName("Artifact")
			if len(marks) < 1024 {
				marks = append(marks, art)
				if art {
					artifacts++
				}
			}
		case "EMC":
			if len(marks) > 0 {
				if marks[len(marks)-1] {
					artifacts--
				}
				marks = marks[:len(marks)-1]
			}
		}
	}
}

// inlineImageEnd returns where the content after an inline image's data
// (which starts at i) resumes: past "EI" standing alone.
func inlineImageEnd(b []byte, i int) int {
	for {
		k := bytes.Index(b[i:], []byte("EI"))
		if k < 0 {
			return len(b)
		}
		k += i
		if k > 0 && isPDFSpace(b[k-1]) && (k+2 == len(b) || isPDFSpace(b[k+2])) {
			return k + 2
		}
		i = k + 2
	}
}

// draw runs a form XObject (or counts an image).
func (r *pdfRun) draw(res pdfDict, name pdfName, gs pdfGState, depth int) {
	xobjs := r.d.dictOf(res["XObject"])
	if xobjs == nil {
		return
	}
	ref, _ := xobjs[name].(pdfRef)
	s, ok := r.d.resolve(xobjs[name]).(*pdfStream)
	if !ok {
		return
	}
	switch r.d.resolve(s.dict["Subtype"]) {
	case pdfName("Image"):
		r.images++
		return
	case pdfName("Form"):
	default:
		return
	}
	if depth >= pdfMaxFormNest {
		return
	}
	data, ok := r.forms[ref]
	if !ok || ref.num == 0 {
		var err error
		if data, err = r.d.decodeStream(s); err != nil {
			r.skipped = "a form " + err.Error()
			return
		}
		if ref.num != 0 {
			r.forms[ref] = data
		}
	}
	if m := r.d.arrayOf(s.dict["Matrix"]); len(m) == 6 {
		var fm pdfMatrix
		for i := range fm {
			fm[i], _ = r.d.numOf(m[i])
		}
		gs.ctm = fm.mul(gs.ctm)
	}
	formRes := r.d.dictOf(s.dict["Resources"])
	if formRes == nil {
		formRes = res
	}
	r.run(data, formRes, gs, depth+1)
}

// show draws the string s and returns the text matrix after it.
func (r *pdfRun) show(s pdfString, gs pdfGState, tm pdfMatrix) pdfMatrix {
	f := gs.font
	if f == nil {
		f = pdfNoFont
	}
	// The text matrix only moves along the baseline within one string:
	// what depends on its linear part is worked out once.
	full := tm.mul(gs.ctm)
	size := math.Abs(gs.fs) * math.Hypot(full[2], full[3])
	scale := math.Hypot(full[0], full[1])
	// Orientation: the baseline's direction, to the nearest quarter turn.
	// Vertical writing runs down the page: a quarter turn from the text
	// matrix's.
	var q int8
	a, b := gs.fs*gs.th*full[0], gs.fs*gs.th*full[1]
	if f.vertical {
		a, b = -gs.fs*full[2], -gs.fs*full[3]
		scale = math.Hypot(full[2], full[3])
	}
	switch {
	case math.Abs(a) >= math.Abs(b) && a >= 0:
		q = 0
	case math.Abs(b) > math.Abs(a) && b > 0:
		q = 1
	case math.Abs(a) >= math.Abs(b):
		q = 2
	default:
		q = 3
	}
	bad := math.IsNaN(size+scale) || math.IsInf(size+scale, 0)
	// Text set at a slant (a watermark across the page, 内部资料 注意保密
	// at 45°; a stamp) is no line of the text: its glyphs would each make
	// a line of their own. Within two degrees of a quarter turn is upright.
	if math.Abs(a) > 0.035*math.Abs(b) && math.Abs(b) > 0.035*math.Abs(a) {
		bad = true
	}
	data := []byte(s)
	for len(data) > 0 {
		code, n := f.next(data)
		text := f.text(code, data[:n])
		if strings.IndexByte(text, 0) >= 0 {
			text = strings.ReplaceAll(text, "\x00", "") // a map to U+0000: no character
		}
		data = data[n:]
		adv := (f.width(code)*gs.fs + gs.tc) * gs.th
		if f.vertical {
			adv = gs.fs - gs.tc // a full em down (DW2's default; W2 not read): ty = −Tfs + Tc
		}
		if n == 1 && code == 32 {
			adv += gs.tw * gs.th
		}
		if text == "" {
			if f.identity && code == 0 {
				r.notdef++ // the font has no glyph for the character: a blank on the page
			} else {
				r.unmapped++
			}
		} else if len(r.glyphs) < pdfMaxGlyphs {
			r.mapped++
			x := gs.rise*full[2] + full[4]
			y := gs.rise*full[3] + full[5]
			g := pdfGlyph{size: size, w: math.Abs(adv) * scale, text: text, q: q}
			switch q {
			case 0:
				g.u, g.v = x, y
			case 1:
				g.u, g.v = y, -x
			case 2:
				g.u, g.v = -x, -y
			default:
				g.u, g.v = -y, x
			}
			if !bad && !math.IsNaN(g.u+g.v+g.w) && !math.IsInf(g.u+g.v+g.w, 0) {
				r.glyphs = append(r.glyphs, g)
			}
		}
		if f.vertical {
			tm = tm.translate(0, -adv)
			full[4] -= adv * full[2]
			full[5] -= adv * full[3]
			continue
		}
		tm = tm.translate(adv, 0)
		full[4] += adv * full[0]
		full[5] += adv * full[1]
	}
	return tm
}

// stacked turns to vertical writing the runs of upright glyphs drawn one
// under another (LibreOffice sets vertical Chinese so: each
// character placed upright below the last, in a horizontal font): their
// line runs down the page, columns right to left, as an Identity-V font's.
func stacked(gs []pdfGlyph) {
	below := func(a, b pdfGlyph) bool {
		return a.q == 0 && b.q == 0 && !blank(a.text) && !blank(b.text) && math.Abs(a.u-b.u) < 0.25*a.size &&
			b.v < a.v-0.5*a.size && b.v > a.v-1.8*a.size && math.Abs(a.size-b.size) < 0.2*a.size
	}
	for i := 0; i+1 < len(gs); {
		j := i + 1
		for j < len(gs) && below(gs[j-1], gs[j]) {
			j++
		}
		if j-i < 3 { // three at least: a line's last character can sit above the next line's first
			i++
			continue
		}
		for k := i; k < j; k++ {
			upright(&gs[k])
		}
		i = j
	}
	// A character alone between Latin words turned in the column
	// (會(huì)晤: 晤 after the turned "(huì)") goes down the column too.
	// So do the characters next to those, back and forth along the run.
	inColumn := func(g, n pdfGlyph) bool { return n.q == 3 && !blank(g.text) && math.Abs(g.u-n.v) < 0.5*g.size }
	// One pass each way: forward each character sees the one before it as
	// already turned, backward the one after.
	for k := 1; k < len(gs); k++ {
		if gs[k].q == 0 && inColumn(gs[k], gs[k-1]) {
			upright(&gs[k])
		}
	}
	for k := len(gs) - 2; k >= 0; k-- {
		if gs[k].q == 0 && inColumn(gs[k], gs[k+1]) {
			upright(&gs[k])
		}
	}
}

// upright puts an upright glyph of a column into vertical writing: x, y
// become u, v as for a vertical font's glyph (see show). Its place down
// the column is its top (an upright glyph's origin is at its foot; a CJK
// font's ascent is about 0.88 em), where a turned Latin glyph starts.
func upright(g *pdfGlyph) {
	g.q, g.u, g.v, g.w = 3, -(g.v + 0.88*g.size), g.u, g.size
}

// pdfPageLines is a page's lines, with its box.
type pdfPageLines struct {
	box   [4]float64
	lines []pdfLine
}

// pdfLine is a line of text: from u0 to u1 along its baseline at v.
type pdfLine struct {
	u0, u1, v, size float64
	// first is the width of the line's first unit, which a line break
	// cannot split: a Chinese character with the punctuation that may not
	// start a line after it, a Latin word, an opening bracket with what
	// follows. A line that stops short of the margin by less goes on in
	// the next: the unit did not fit.
	first float64
	q     int8
	text  string
	row   bool // a table's row, its cells parted by " | ": a paragraph of its own
}

// pageLines makes lines of a page's glyphs: glyphs drawn one after another
// on one baseline make a line; its glyphs are put in the order of their
// places (a generator may draw a line's spaces first), a glyph drawn again
// over itself (bold faked by drawing twice) once, and a space where the gap
// between two glyphs shows one.
//
// A generator that draws its spaces (Word, WPS, LibreOffice) needs no gap
// read as one but the wide gaps of a table; justified narrow columns
// stretch the gaps between characters to half an em and more. Only when
// spaced is false (TeX, cairo: a space is a move) do smaller gaps count.
//
// A gap of cellGap ems or more parts a table's cells, which are joined by
// " | " as a Word table's are (a space there, which the cleaner takes out
// between a Chinese character and a digit, ran a row's cells together:
// 指标2021年2022年). A narrower gap parts cells too when the glyph after it
// starts where a cell of another row of the page starts after a wide gap
// (a column's cells line up; the first column's widest cell leaves one em).
func pageLines(gs []pdfGlyph, spaced bool) []pdfLine {
	var lines [][]pdfGlyph
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) {
			a, b := gs[start], gs[i]
			if a.q == b.q && math.Abs(a.v-b.v) <= 0.5*math.Max(a.size, b.size) {
				continue
			}
		}
		lines = append(lines, inPlaceOrder(gs[start:i]))
		start = i
	}
	var stops []float64 // where cells start after a wide gap
	for _, line := range lines {
		for k := 1; k < len(line); k++ {
			if g, p := line[k], line[k-1]; g.u-(p.u+p.w) >= cellGap*math.Max(g.size, p.size) && g.q == 0 && !blank(g.text) && !blank(p.text) {
				stops = append(stops, g.u)
			}
		}
	}
	sort.Float64s(stops)
	var out []pdfLine
	for _, line := range lines {
		if l, ok := makeLine(line, spaced, stops); ok {
			out = append(out, l)
		}
	}
	return out
}

// cellGap is the gap, in ems, that parts a table's cells (see pageLines):
// justified text never stretches a gap so far, and a title set apart
// (标　　题) keeps its characters within two ems.
const cellGap = 2.5

// inPlaceOrder puts an upright line's glyphs in order of place; a column
// of vertical writing is taken in the order drawn, which is the reading
// order: a word turned in the column (LibreOffice's (huì) beside 會) has
// its origin where the characters' boxes do not say.
func inPlaceOrder(gs []pdfGlyph) []pdfGlyph {
	if gs[0].q == 0 && !slices.IsSortedFunc(gs, func(a, b pdfGlyph) int { return cmp.Compare(a.u, b.u) }) {
		gs = slices.Clone(gs)
		slices.SortStableFunc(gs, func(a, b pdfGlyph) int { return cmp.Compare(a.u, b.u) })
	}
	return gs
}

// makeLine makes a line of glyphs in order (inPlaceOrder); stops are
// where the page's table cells start (see pageLines).
func makeLine(gs []pdfGlyph, spaced bool, stops []float64) (pdfLine, bool) {
	var cells []string // the cells before the one in sb
	var sb strings.Builder
	var prev *pdfGlyph
	space := false // a space is due before the next glyph
	sizes := make([]float64, 0, len(gs))
	// A cell's own tab or line break (a glyph's) is a space.
	normal := func(s string) string {
		if strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) {
			return strings.Join(strings.Fields(s), " ")
		}
		return strings.TrimSpace(s)
	}
	marks := noteMarks(gs)
	inMark := false // within a note's mark: [ is written, ] is due
	for i := range gs {
		g := &gs[i]
		if prev != nil && g.text == prev.text && math.Abs(g.u-prev.u) < 0.1*g.size {
			continue // drawn again over itself
		}
		if inMark && !marks[i] {
			sb.WriteByte(']')
			inMark = false
		}
		if prev != nil {
			gap := g.u - (prev.u + prev.w)
			last, _ := utf8.DecodeLastRuneInString(prev.text)
			first, _ := utf8.DecodeRuneInString(g.text)
			em := math.Max(g.size, prev.size)
			var need float64
			switch wl, wf := isWidePDF(last), isWidePDF(first); {
			case wl && wf:
				need = 2.5 * em
			case spaced:
				need = 1.5 * em
			case wl || wf:
				need = 0.6 * em
			default:
				need = 0.18 * em
			}
			if gap > need && !unicode.IsSpace(last) && !unicode.IsSpace(first) {
				space = true
			}
			if gap >= 0.75*em && g.q == 0 && sb.Len() > 0 && (gap >= cellGap*em || atStop(stops, g.u, em)) && !blank(g.text) {
				cells = append(cells, normal(sb.String()))
				sb.Reset()
				space = false
			}
		}
		prev = g
		if blank(g.text) {
			space = true
			continue
		}
		if marks != nil && marks[i] && !inMark {
			sb.WriteByte('[')
			inMark, space = true, false
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteString(g.text)
		sizes = append(sizes, g.size)
	}
	if inMark {
		sb.WriteByte(']')
	}
	cells = append(cells, normal(sb.String()))
	sep := " | "
	if len(cells) > 1 && !slices.ContainsFunc(cells, func(c string) bool { return utf8.RuneCountInString(c) > 1 }) {
		sep = " " // a word spaced out (通   知), not a row of one-character cells
	}
	text := strings.Join(cells, sep)
	if text == "" || len(sizes) == 0 {
		return pdfLine{}, false
	}
	sort.Float64s(sizes)
	firstInk := 0
	for firstInk < len(gs) && blank(gs[firstInk].text) {
		firstInk++
	}
	lastInk := len(gs) - 1
	for lastInk > 0 && blank(gs[lastInk].text) {
		lastInk--
	}
	return pdfLine{
		u0: gs[firstInk].u, u1: gs[lastInk].u + gs[lastInk].w, v: gs[0].v,
		size: sizes[len(sizes)/2], q: gs[0].q, text: text, row: sep == " | " && len(cells) > 1,
		first: firstUnitEnd(gs[firstInk:]) - gs[firstInk].u,
	}, true
}

// noteMarks tells the glyphs of an upright line that are a note's mark: a
// run of up to three digits, letters or * † ‡ set small (three quarters
// of the line's size or less) and raised (a fifth of an em or more), not
// straight after a Latin letter or a digit (km², 10⁵). Such a mark reads
// [1], as a Word document's notes do; the note at the page's foot starts
// with it too. Nil when there is none.
func noteMarks(gs []pdfGlyph) []bool {
	if len(gs) < 2 || gs[0].q != 0 {
		return nil
	}
	lo, hi := math.Inf(1), 0.0 // most lines are set in one size: no allocation for them
	for _, g := range gs {
		lo, hi = min(lo, g.size), max(hi, g.size)
	}
	if lo > 0.75*hi {
		return nil
	}
	var sizes []float64
	for _, g := range gs {
		if !blank(g.text) {
			sizes = append(sizes, g.size)
		}
	}
	if len(sizes) < 2 {
		return nil
	}
	sort.Float64s(sizes)
	size := sizes[len(sizes)/2]
	var vs []float64 // baselines of the glyphs of the line's size
	for _, g := range gs {
		if !blank(g.text) && g.size >= 0.9*size {
			vs = append(vs, g.v)
		}
	}
	if len(vs) == 0 {
		return nil
	}
	sort.Float64s(vs)
	base := vs[len(vs)/2]
	mark := func(g pdfGlyph) bool {
		r, n := utf8.DecodeRuneInString(g.text)
		return n == len(g.text) && (isASCIIAlnum(byte(r)) && r < utf8.RuneSelf || r == '*' || r == '†' || r == '‡') &&
			g.size <= 0.75*size && g.v-base >= 0.2*size
	}
	var marks []bool
	for i := 0; i < len(gs); {
		if !mark(gs[i]) {
			i++
			continue
		}
		j := i
		for j < len(gs) && mark(gs[j]) {
			j++
		}
		after := i == 0 || blank(gs[i-1].text)
		if !after {
			r, _ := utf8.DecodeLastRuneInString(gs[i-1].text)
			after = !(r < utf8.RuneSelf && isASCIIAlnum(byte(r)))
		}
		if after && j-i <= 3 {
			if marks == nil {
				marks = make([]bool, len(gs))
			}
			for k := i; k < j; k++ {
				marks[k] = true
			}
		}
		i = j
	}
	return marks
}

// atStop reports whether u is where a table cell starts (one of stops,
// sorted, within a tenth of an em).
func atStop(stops []float64, u, em float64) bool {
	i := sort.SearchFloat64s(stops, u-0.1*em)
	return i < len(stops) && stops[i] <= u+0.1*em
}

// firstUnitEnd returns where the first unit a line break cannot split
// ends, of glyphs in order.
func firstUnitEnd(gs []pdfGlyph) float64 {
	i := 0
	rn := func(i int) rune { r, _ := utf8.DecodeRuneInString(gs[i].text); return r }
	for i < len(gs)-1 && strings.ContainsRune(noLineEnd, rn(i)) {
		i++ // opening brackets and quotes go with what follows
	}
	latin := func() {
		for i < len(gs)-1 && isLatinWord(rn(i+1)) {
			i++
		}
		if i < len(gs)-1 && rn(i+1) == '-' {
			i++ // a line may break after a hyphen
		}
	}
	if isLatinWord(rn(i)) {
		latin()
	}
	// Closing punctuation stays with it; so do quotation marks, which line
	// breaking (UAX #14) breaks neither before nor after, and what
	// follows an opening one.
	for i < len(gs)-1 {
		next := rn(i + 1)
		switch {
		case strings.ContainsRune(noLineStart, next) || strings.ContainsRune("”’\"'", next):
			i++
			if i < len(gs)-1 && isLatinWord(rn(i+1)) && !isLatinWord(rn(i)) {
				// Word processors do not break between closing
				// punctuation and a number or word after it (。2016).
				i++
				latin()
			}
		case strings.ContainsRune("“‘", next) && i < len(gs)-2:
			i += 2
		default:
			return gs[i].u + gs[i].w
		}
	}
	return gs[i].u + gs[i].w
}

// noLineStart and noLineEnd are the characters Chinese line breaking
// keeps off the start of a line and off its end.
const (
	noLineStart = "，。、；：？！）》」』】〕〉”’…—・·%,.;:?!)]}"
	noLineEnd   = "（《「『【〔〈“‘([{"
)

// blank reports whether a glyph's text is white space.
func blank(s string) bool {
	if len(s) == 1 {
		return s[0] <= ' '
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func isWidePDF(r rune) bool { return r >= 0x1100 && wideCond.RuneWidth(r) == 2 }

// pdfFixRunes reads the Kangxi radicals, compatibility ideographs and
// ligatures that some fonts' maps give as the characters they stand for.
func pdfFixRunes(s string) string {
	for _, r := range s {
		if r >= 0x2F00 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFB00 && r <= 0xFB06 || r >= 0x2E80 && r <= 0x2EFF {
			var sb strings.Builder
			for _, r := range s {
				switch {
				case r >= 0x2F00 && r <= 0x2FDF || r >= 0xFB00 && r <= 0xFB06:
					sb.WriteString(norm.NFKC.String(string(r)))
				case r >= 0xF900 && r <= 0xFAFF:
					sb.WriteString(norm.NFC.String(string(r)))
				case r >= 0x2E80 && r <= 0x2EFF && radicalIdeographs[r] != 0:
					sb.WriteRune(radicalIdeographs[r])
				default:
					sb.WriteRune(r)
				}
			}
			return sb.String()
		}
	}
	return s
}

// radicalIdeographs are the CJK Radicals Supplement forms fonts map
// common characters to, and the characters (no Unicode decomposition
// says so).
var radicalIdeographs = map[rune]rune{
	0x2E8F: '尣', 0x2E95: '彐', 0x2E9C: '日', 0x2EA0: '民', 0x2EA4: '爫', 0x2EA6: '丬', 0x2EAE: '竹',
	0x2EB3: '罒', 0x2EB7: '羊', 0x2EBC: '肉', 0x2EC4: '西', 0x2EC6: '角', 0x2ECA: '足', 0x2ECC: '辶',
	0x2ED6: '阝', 0x2EDC: '飞', 0x2EDD: '食', 0x2EE2: '马', 0x2EE3: '骨', 0x2EE5: '鱼', 0x2EE9: '黄',
	0x2EEA: '黾', 0x2EEC: '齐', 0x2EEF: '龙', 0x2EF3: '龟', 0x2EC5: '见', 0x2EC8: '讠', 0x2ED3: '长',
	0x2ED7: '雨', 0x2EDB: '风', 0x2EE0: '饣', 0x2EE4: '鬼', 0x2EE8: '麦', 0x2ECF: '阝', 0x2ED8: '青',
}

// layoutPDF makes the text of a document's lines: running headers and
// footers and page numbers left out, lines joined into paragraphs, a
// paragraph a line and a blank line.
func layoutPDF(pages []pdfPageLines) string {
	dropFurniture(pages)
	m := measureLines(pages)
	notes := footNotes(pages, m)
	var w officeWriter
	var prev *pdfLine
	prevPage := 0
	for pi := range pages {
		for li := range pages[pi].lines {
			l := &pages[pi].lines[li]
			if l.text == "" {
				continue
			}
			if prev != nil {
				if !prev.row && !l.row && m.joins(prev, l, pi != prevPage) {
					last, _ := utf8.DecodeLastRuneInString(prev.text)
					first, _ := utf8.DecodeRuneInString(l.text)
					if isLatinWord(last) && isLatinWord(first) {
						w.text(" ")
					}
				} else {
					w.endParagraph()
				}
			}
			w.text(pdfFixRunes(l.text))
			prev, prevPage = l, pi
		}
	}
	w.endParagraph()
	// The notes, after the body as a Word document's are: a line that
	// starts with a mark starts a note, the others go on the one before.
	for i, l := range notes {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(notes[i-1].text)
			first, _ := utf8.DecodeRuneInString(l.text)
			switch {
			case noteStart(l.text) != "":
				w.endParagraph()
			case isLatinWord(last) && isLatinWord(first):
				w.text(" ")
			}
		}
		w.text(pdfFixRunes(l.text))
	}
	w.endParagraph()
	return strings.TrimRight(w.out.String(), "\n") + "\n"
}

// footNotes takes out of their pages, in order, the lines of the notes
// set at the foot of a page: a block of lines to the page's bottom, in its
// lower half, whose first starts with a note's mark ([1] as noteMarks
// reads a raised number, or ①) that a line above it on the page refers
// to, all set no larger than the text, and either smaller (nine tenths of
// its size or less) or set off by more than the line spacing from a line
// of the body that runs on (a reference list after its heading, or a list
// of ① items, stays where it is). Left in place, a note would part a
// paragraph that runs on to the next page.
func footNotes(pages []pdfPageLines, m pdfMeasures) []pdfLine {
	if m.q != 0 || m.em <= 0 {
		return nil
	}
	spacing := 1.3 * m.pitch
	if spacing <= 0 {
		spacing = 1.5 * m.em
	}
	var notes []pdfLine
	var order []int
	var small, fits []bool // from each line to the page's bottom: all small; none too large for a note
	for pi := range pages {
		p := &pages[pi]
		order = order[:0]
		for i := range p.lines {
			if p.lines[i].text != "" {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return p.lines[order[a]].v > p.lines[order[b]].v }) // top to bottom
		small, fits = append(small[:0], make([]bool, len(order)+1)...), append(fits[:0], make([]bool, len(order)+1)...)
		small[len(order)], fits[len(order)] = true, true
		for k := len(order) - 1; k >= 0; k-- {
			l := &p.lines[order[k]]
			ok := l.q == 0 && !l.row
			fits[k] = fits[k+1] && ok && l.size <= 1.05*m.em
			small[k] = small[k+1] && ok && l.size <= 0.9*m.em
		}
		var refs map[string]bool // the marks the lines above refer to
		top := -1
		for k, i := range order {
			l := &p.lines[i]
			if above := &p.lines[order[max(k-1, 0)]]; k > 0 && fits[k] && l.v < (p.box[1]+p.box[3])/2 && refs[noteStart(l.text)] &&
				(small[k] || above.v-l.v > spacing && m.runsOn(above)) {
				top = k
				break
			}
			for _, mark := range noteRefs(l.text) {
				if refs == nil {
					refs = map[string]bool{}
				}
				refs[mark] = true
			}
		}
		if top < 0 {
			continue
		}
		for _, i := range order[top:] {
			notes = append(notes, p.lines[i])
			p.lines[i].text = ""
		}
	}
	return notes
}

// noteStart returns the note's mark a line starts with ([1] or a
// circled number), or "".
func noteStart(s string) string {
	if r, n := utf8.DecodeRuneInString(s); r >= '①' && r <= '⑳' {
		return s[:n]
	}
	if len(s) < 3 || s[0] != '[' {
		return ""
	}
	i := 1
	for i < len(s) && i <= 4 && (isASCIIAlnum(s[i]) || s[i] == '*') {
		i++
	}
	if i > 1 && i < len(s) && s[i] == ']' {
		return s[:i+1]
	}
	return ""
}

// noteRefs returns the note marks within s, past its start: where notes
// are referred to.
func noteRefs(s string) []string {
	var out []string
	for i, r := range s {
		if i > 0 && (r == '[' || r >= '①' && r <= '⑳') {
			if mark := noteStart(s[i:]); mark != "" {
				out = append(out, mark)
			}
		}
	}
	return out
}

// dropFurniture empties the lines that are page furniture: in the top or
// bottom tenth of a page, a page number, or a line that recurs (digits
// aside) on half the pages or more (at least two).
func dropFurniture(pages []pdfPageLines) {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case r >= '0' && r <= '9':
				return '#'
			case unicode.IsSpace(r):
				return -1
			}
			return r
		}, s)
	}
	inBand := func(p *pdfPageLines, l *pdfLine) bool {
		h := p.box[3] - p.box[1]
		return l.q == 0 && h > 0 && (l.v > p.box[3]-0.1*h || l.v < p.box[1]+0.1*h)
	}
	count := map[string]int{}
	for pi := range pages {
		seen := map[string]bool{}
		for li := range pages[pi].lines {
			l := &pages[pi].lines[li]
			if inBand(&pages[pi], l) {
				if k := key(l.text); !seen[k] {
					seen[k] = true
					count[k]++
				}
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	for pi := range pages {
		for li := range pages[pi].lines {
			l := &pages[pi].lines[li]
			if inBand(&pages[pi], l) && (count[key(l.text)] >= need || pageNumberRE.MatchString(l.text) || isPDFUint([]byte(l.text))) {
				l.text = ""
			}
		}
	}
}

// pdfMeasures are what paragraphs are told by: the common size, the
// distance between lines of a paragraph, and the columns text is set in.
type pdfMeasures struct {
	em, pitch float64
	cols      []pdfColumn
	q         int8 // the orientation measured; lines in others never join
}

// pdfColumn is a column of text: lines starting from lo on, most of them
// at left, full ones ending at right (+Inf when the column is too narrow
// for any line to be taken for full: a list of names or figures).
type pdfColumn struct {
	lo, left, right float64
}

func measureLines(pages []pdfPageLines) pdfMeasures {
	// The orientation most of the text is set in: upright, or vertical
	// writing (down the page, columns right to left), or a turned page.
	var byQ [4]int
	for _, p := range pages {
		for _, l := range p.lines {
			if l.text != "" {
				byQ[l.q] += len(l.text)
			}
		}
	}
	m := pdfMeasures{}
	for q := range byQ {
		if byQ[q] > byQ[m.q] {
			m.q = int8(q)
		}
	}
	var ls []*pdfLine
	pitches := map[int]int{}
	var sizes []float64
	for pi := range pages {
		var prev *pdfLine
		for i := range pages[pi].lines {
			l := &pages[pi].lines[i]
			if l.text == "" || l.q != m.q {
				continue
			}
			ls = append(ls, l)
			sizes = append(sizes, l.size)
			if prev != nil && math.Abs(prev.size-l.size) < 0.1*l.size {
				if d := prev.v - l.v; d > 0 && d < 3*l.size {
					pitches[int(math.Round(d*4))]++ // quarter points
				}
			}
			prev = l
		}
	}
	if len(sizes) == 0 {
		return m
	}
	sort.Float64s(sizes)
	m.em = sizes[len(sizes)/2]
	best := 0
	for p, n := range pitches {
		if n > best || n == best && float64(p)/4 < m.pitch {
			m.pitch, best = float64(p)/4, n
		}
	}
	// Columns: the left edges of lines five em or longer, in clusters
	// where each edge is within two and a half em of the next (a first
	// line's indent stays in its column; the next column starts a column
	// width further on).
	var edges []float64
	for _, l := range ls {
		if l.u1-l.u0 >= 5*m.em {
			edges = append(edges, l.u0)
		}
	}
	if len(edges) == 0 {
		for _, l := range ls {
			edges = append(edges, l.u0)
		}
	}
	sort.Float64s(edges)
	for i, e := range edges {
		if i == 0 || e-edges[i-1] > 2.5*m.em {
			m.cols = append(m.cols, pdfColumn{lo: e})
		}
	}
	pageWidth := pages[0].box[2] - pages[0].box[0]
	if m.q%2 == 1 {
		pageWidth = pages[0].box[3] - pages[0].box[1] // lines run along the page's height
	}
	// Each line's column, once: a crafted page of lines each in a column
	// of its own must not cost lines × columns.
	starts := make([]map[int]int, len(m.cols))
	ends := make([][]float64, len(m.cols))
	for _, l := range ls {
		c := m.column(l)
		if starts[c] == nil {
			starts[c] = map[int]int{}
		}
		starts[c][int(math.Round(l.u0))]++
		ends[c] = append(ends[c], l.u1)
	}
	for c := range m.cols {
		col := &m.cols[c]
		starts, ends := starts[c], ends[c]
		if len(ends) == 0 {
			col.right = math.Inf(1)
			continue
		}
		best := 0
		for u, n := range starts {
			if n > best || n == best && float64(u) < col.left {
				col.left, best = float64(u), n
			}
		}
		// The right margin: where full lines end. Among the lines reaching
		// seven tenths of the way from the left margin to the furthest
		// ends (the 95th percentile: a long address may run into the
		// margin), the 80th percentile of their ends; not the furthest,
		// which is where hanging punctuation and ragged Latin lines go
		// past it.
		sort.Float64s(ends)
		col.right = math.Inf(1)
		far := ends[len(ends)*95/100]
		var long []float64
		for _, e := range ends {
			if e-col.left >= 0.7*(far-col.left) {
				long = append(long, e)
			}
		}
		if len(long) >= 2 {
			col.right = long[len(long)*8/10]
		}
		// A column is wider than a list of names or figures whose lines
		// happen to end together: at least ten em, and a fifth of the
		// page. Narrower, no line is taken for full.
		if col.right-col.left < max(10*m.em, 0.2*pageWidth) {
			col.right = math.Inf(1)
		}
	}
	return m
}

// column returns the index of the column line l is in: the last whose
// lines start at or before it.
func (m pdfMeasures) column(l *pdfLine) int {
	// The columns are in order of lo: the first whose lo is past the line,
	// less one.
	i := sort.Search(len(m.cols), func(i int) bool { return m.cols[i].lo > l.u0+0.5*m.em })
	return max(0, i-1)
}

// joins reports whether line b goes on the paragraph line a ends; across
// a page break, where their distance says nothing.
func (m pdfMeasures) joins(a, b *pdfLine, pageBreak bool) bool {
	if a.q != m.q || b.q != m.q || len(m.cols) == 0 {
		return false
	}
	em := math.Max(a.size, b.size)
	if math.Abs(a.size-b.size) > 0.2*em || startsItem(b.text) {
		return false
	}
	ca, cb := m.cols[m.column(a)], m.cols[m.column(b)]
	if a.u1+b.first <= ca.right-0.3*em {
		return false // a stopped short of its margin: b's first unit fitted
	}
	d := a.v - b.v
	if b.u0 > cb.left+0.6*em {
		// Indented: a new paragraph, unless both are lines of a heading
		// set larger than the text, the second centred.
		centre := (cb.left + ca.right) / 2
		return !pageBreak && ca == cb && a.size > 1.15*m.em && math.Abs(a.size-b.size) < 0.05*em &&
			math.Abs((b.u0+b.u1)/2-centre) < 1.5*em && d > 0 && d < 1.8*em
	}
	switch {
	case pageBreak:
	case ca != cb:
		// From the foot of a column to the head of the next.
		if b.u0 <= a.u0 || d >= 0 {
			return false
		}
	default:
		limit := 2.5 * em
		if m.pitch > 0 {
			limit = 1.3 * m.pitch
		}
		if d <= 0 || d > limit {
			return false
		}
	}
	return true
}

// runsOn reports whether line a reaches its column's right margin, so
// that its paragraph may go on in the next line.
func (m pdfMeasures) runsOn(a *pdfLine) bool {
	return len(m.cols) > 0 && a.u1+a.size > m.cols[m.column(a)].right-0.3*a.size
}

// startsItem reports whether a line starts a list item or heading (一、
// （二） 3. 第四条); a number such as 16.5 does not.
func startsItem(s string) bool {
	m := itemStart.FindStringIndex(s)
	if m == nil {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[m[1]:])
	return next < '0' || next > '9'
}

// pdfFont is what text extraction needs of a font: how its strings split
// into codes, which characters each code stands for, and its widths.
type pdfFont struct {
	simple   bool
	enc      *[256]string // a simple font's codes
	spaces   []pdfCodespace
	predef   encoding.Encoding // a predefined CMap's byte encoding (GBK, Big5…)
	utf16    bool              // a Uni…-UCS2/UTF16 CMap: codes are UTF-16BE
	identity bool              // Identity-H: codes are glyph (CID) numbers
	cids     []rune            // with identity, the characters of the font's CIDs when it names a Chinese collection
	vertical bool              // a -V CMap (or WMode 1): glyphs advance down
	toUni    map[uint32]string
	ranges   []pdfUniRange
	memo     map[uint32]string
	first    int
	widths   []float64
	cidW     map[uint32]float64
	dw       float64
	scale    float64 // glyph space to text space
}

type pdfCodespace struct {
	n      int
	lo, hi [4]byte
}

type pdfUniRange struct {
	lo, hi uint32
	base   []rune   // the first code's characters; later codes add to the last
	arr    []string // or one entry a code
}

// pdfNoFont stands for a font the page names but does not have (or none
// set): its glyphs are drawn, and counted, but stand for no characters;
// reading its codes as Latin-1 would make text of a Chinese font's
// two-byte codes.
var pdfNoFont = &pdfFont{simple: true, enc: &[256]string{}, scale: 0.001, dw: 500}

// next splits the next code off s (which is not empty).
func (f *pdfFont) next(s []byte) (uint32, int) {
	n := 1
	switch {
	case f.simple:
	case len(f.spaces) > 0:
		n = 0
	sizes:
		for k := 1; k <= 4 && k <= len(s); k++ {
			for _, cs := range f.spaces {
				if cs.n != k {
					continue
				}
				in := true
				for i := 0; i < k; i++ {
					if s[i] < cs.lo[i] || s[i] > cs.hi[i] {
						in = false
						break
					}
				}
				if in {
					n = k
					break sizes
				}
			}
		}
		if n == 0 {
			n = min(len(s), f.spaces[0].n)
		}
	case f.predef != nil:
		switch {
		case s[0] < 0x81:
		case len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39:
			n = 4
		default:
			n = 2
		}
	case f.utf16 && len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB:
		n = 4
	default:
		n = 2
	}
	n = min(n, len(s))
	var code uint32
	for _, c := range s[:n] {
		code = code<<8 | uint32(c)
	}
	return code, n
}

// text returns the characters code (whose bytes are b) stands for, or "".
func (f *pdfFont) text(code uint32, b []byte) string {
	if t, ok := f.toUni[code]; ok {
		return t
	}
	// The ranges are in order of their first codes (loadFont sorts them):
	// the last to start at or before code, and a few before it, which may
	// overlap it.
	i := sort.Search(len(f.ranges), func(i int) bool { return f.ranges[i].lo > code })
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		r := f.ranges[k]
		if code > r.hi {
			continue
		}
		if r.arr != nil {
			if i := int(code - r.lo); i < len(r.arr) {
				return r.arr[i]
			}
			return ""
		}
		out := append([]rune(nil), r.base...)
		if len(out) > 0 {
			out[len(out)-1] += rune(code - r.lo)
			return string(out)
		}
		return ""
	}
	switch {
	case f.cids != nil:
		if int(code) < len(f.cids) && f.cids[code] > 0 {
			return string(f.cids[code])
		}
		return ""
	case f.utf16:
		return strings.ToValidUTF8(utf16String(b, true), "")
	case f.predef != nil:
		if t, ok := f.memo[code]; ok {
			return t
		}
		out, err := f.predef.NewDecoder().Bytes(b)
		t := string(out)
		if err != nil || strings.ContainsRune(t, utf8.RuneError) {
			t = ""
		}
		if f.memo == nil {
			f.memo = map[uint32]string{}
		}
		f.memo[code] = t
		return t
	case f.simple && code < 256:
		return f.enc[code]
	}
	return ""
}

// width returns code's advance in text space units per unit of size.
func (f *pdfFont) width(code uint32) float64 {
	if f.simple {
		if i := int(code) - f.first; i >= 0 && i < len(f.widths) {
			return f.widths[i] * f.scale
		}
		return f.dw * f.scale
	}
	cid := code
	if !f.identity && f.cidW != nil && code >= 0x20 && code <= 0x7E {
		cid = code - 31 // the Adobe CJK orderings put ASCII at CIDs 1–95
	}
	if w, ok := f.cidW[cid]; ok && (f.identity || code <= 0x7E) {
		return w * f.scale
	}
	return f.dw * f.scale
}

// font returns the font res names name, read once per font object.
func (r *pdfRun) font(res pdfDict, name pdfName) *pdfFont {
	fonts := r.d.dictOf(res["Font"])
	if fonts == nil {
		return nil
	}
	v := fonts[name]
	ref, isRef := v.(pdfRef)
	if isRef {
		if f, ok := r.fonts[ref]; ok {
			return f
		}
	}
	f := r.d.loadFont(r.d.dictOf(v))
	if isRef {
		r.fonts[ref] = f
	}
	return f
}

func (d *pdfDoc) loadFont(fd pdfDict) *pdfFont {
	if fd == nil {
		return nil
	}
	f := &pdfFont{scale: 0.001}
	var cf pdfDict // a Type0 font's descendant
	if d.resolve(fd["Subtype"]) == pdfName("Type0") {
		f.dw = 1000
		switch enc := d.resolve(fd["Encoding"]).(type) {
		case pdfName:
			f.predefined(string(enc))
		case *pdfStream:
			if data, err := d.decodeStream(enc); err == nil {
				f.spaces, _, _ = parseCMap(data)
			}
			f.vertical = d.intOf(enc.dict["WMode"]) == 1
			if u, ok := d.resolve(enc.dict["UseCMap"]).(pdfName); ok {
				f.predefined(string(u))
			}
		}
		if desc := d.arrayOf(fd["DescendantFonts"]); len(desc) > 0 {
			if cf = d.dictOf(desc[0]); cf != nil {
				if dw, ok := d.numOf(cf["DW"]); ok {
					f.dw = dw
				}
				if si := d.dictOf(cf["CIDSystemInfo"]); si != nil && f.identity && d.textOf(si["Registry"]) == "Adobe" {
					switch d.textOf(si["Ordering"]) {
					case "GB1":
						f.cids = cidsGB1()
					case "CNS1":
						f.cids = cidsCNS1()
					}
				}
				f.cidW = d.cidWidths(cf["W"])
			}
		}
	} else {
		f.simple = true
		f.enc = d.simpleEncoding(fd)
		f.first = d.intOf(fd["FirstChar"])
		for _, w := range d.arrayOf(fd["Widths"]) {
			n, _ := d.numOf(w)
			f.widths = append(f.widths, n)
		}
		f.dw = 500
		if desc := d.dictOf(fd["FontDescriptor"]); desc != nil {
			if mw, ok := d.numOf(desc["MissingWidth"]); ok && mw > 0 {
				f.dw = mw
			}
		}
		if m := d.arrayOf(fd["FontMatrix"]); len(m) == 6 {
			if s, ok := d.numOf(m[0]); ok && s != 0 {
				f.scale = s
			}
		}
	}
	if tu, ok := d.resolve(fd["ToUnicode"]).(*pdfStream); ok {
		if data, err := d.decodeStream(tu); err == nil {
			spaces, chars, ranges := parseCMap(data)
			slices.SortStableFunc(ranges, func(a, b pdfUniRange) int { return cmp.Compare(a.lo, b.lo) })
			f.toUni, f.ranges = chars, ranges
			if !f.simple && len(f.spaces) == 0 && f.predef == nil && !f.utf16 && !f.identity {
				f.spaces = spaces
			}
		}
	}
	if f.identity && f.cids == nil && f.toUni == nil && f.ranges == nil && cf != nil {
		f.cids = d.glyphChars(cf)
	}
	return f
}

// glyphChars returns the characters of the CIDs of cf, a TrueType
// CIDFont without a ToUnicode map, read from the cmap of the font file
// the PDF embeds (truetype.go), through its CIDToGIDMap; nil when there is
// no such file or it has no cmap.
func (d *pdfDoc) glyphChars(cf pdfDict) []rune {
	if d.resolve(cf["Subtype"]) != pdfName("CIDFontType2") {
		return nil
	}
	file, ok := d.resolve(d.dictOf(cf["FontDescriptor"])["FontFile2"]).(*pdfStream)
	if !ok {
		return nil
	}
	data, err := d.decodeStream(file)
	if err != nil {
		return nil
	}
	glyphs := trueTypeChars(data)
	m, ok := d.resolve(cf["CIDToGIDMap"]).(*pdfStream)
	if glyphs == nil || !ok {
		return glyphs // /Identity, or none: CIDs are glyph numbers
	}
	gm, err := d.decodeStream(m)
	if err != nil {
		return nil
	}
	cids := make([]rune, min(len(gm)/2, maxTrueTypeGlyphs))
	for cid := range cids {
		if gid := int(gm[2*cid])<<8 | int(gm[2*cid+1]); gid < len(glyphs) {
			cids[cid] = glyphs[gid]
		}
	}
	return cids
}

// The characters of the CIDs of Adobe's Chinese collections (cid_gen.go),
// for fonts that give no ToUnicode map: XeTeX's xdvipdfmx embeds OpenType
// CJK fonts (Fandol, Source Han) so, drawing through Identity-H.
var (
	cidsGB1  = sync.OnceValue(func() []rune { return []rune(adobeGB1) })
	cidsCNS1 = sync.OnceValue(func() []rune { return []rune(adobeCNS1) })
)

// textOf is a string or name object's text.
func (d *pdfDoc) textOf(v any) string {
	switch x := d.resolve(v).(type) {
	case pdfString:
		return string(x)
	case pdfName:
		return string(x)
	}
	return ""
}

// predefined sets how f reads codes from the name of a predefined CMap.
func (f *pdfFont) predefined(name string) {
	f.vertical = f.vertical || strings.HasSuffix(name, "-V")
	switch {
	case strings.HasPrefix(name, "Identity"):
		f.identity = true
	case strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16"):
		f.utf16 = true
	case strings.HasPrefix(name, "GB"):
		f.predef = simplifiedchinese.GB18030
	case strings.Contains(name, "B5") || strings.HasPrefix(name, "ETen"):
		f.predef = traditionalchinese.Big5
	case strings.Contains(name, "RKSJ"):
		f.predef = japanese.ShiftJIS
	case strings.HasPrefix(name, "KSC"):
		f.predef = korean.EUCKR
	case name == "EUC-H" || name == "EUC-V":
		f.predef = japanese.EUCJP
	}
}

func (d *pdfDoc) cidWidths(v any) map[uint32]float64 {
	a := d.arrayOf(v)
	if a == nil {
		return nil
	}
	out := map[uint32]float64{}
	for i := 0; i < len(a) && len(out) < 1<<17; {
		first, ok := d.numOf(a[i])
		if !ok || first < 0 {
			break
		}
		if i+1 < len(a) {
			if ws := d.arrayOf(a[i+1]); ws != nil {
				for k, w := range ws {
					if n, ok := d.numOf(w); ok {
						out[uint32(first)+uint32(k)] = n
					}
				}
				i += 2
				continue
			}
		}
		if i+2 >= len(a) {
			break
		}
		last, ok1 := d.numOf(a[i+1])
		w, ok2 := d.numOf(a[i+2])
		if !ok1 || !ok2 {
			break
		}
		for c := first; c <= last && len(out) < 1<<17; c++ {
			out[uint32(c)] = w
		}
		i += 3
	}
	return out
}

// simpleEncoding returns the characters of a simple font's 256 codes: its
// base encoding, with its differences.
func (d *pdfDoc) simpleEncoding(fd pdfDict) *[256]string {
	var cm *charmap.Charmap = charmap.Windows1252
	var diffs []any
	switch enc := d.resolve(fd["Encoding"]).(type) {
	case pdfName:
		if enc == "MacRomanEncoding" {
			cm = charmap.Macintosh
		}
	case pdfDict:
		if d.resolve(enc["BaseEncoding"]) == pdfName("MacRomanEncoding") {
			cm = charmap.Macintosh
		}
		diffs = d.arrayOf(enc["Differences"])
	}
	out := &[256]string{}
	for c := 32; c < 256; c++ {
		if c == 0x7F {
			continue
		}
		if r := cm.DecodeByte(byte(c)); r != utf8.RuneError {
			out[c] = string(r)
		}
	}
	code := 0
	for _, e := range diffs {
		switch e := d.resolve(e).(type) {
		case float64:
			code = int(e)
		case pdfName:
			if code >= 0 && code < 256 {
				out[code] = glyphText(string(e))
			}
			code++
		}
	}
	return out
}

// glyphText returns the characters a glyph name stands for: uniXXXX,
// uXXXX, a letter or digit, or the common names of punctuation; "" for
// names that say nothing (g123, cid45).
func glyphText(name string) string {
	if base, _, ok := strings.Cut(name, "."); ok && base != "" {
		name = base // a.sc, one.oldstyle
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name
	}
	if t, ok := glyphNames[name]; ok {
		return t
	}
	hexRunes := func(h string, size int) string {
		if len(h) == 0 || len(h)%size != 0 && size == 4 {
			return ""
		}
		var sb strings.Builder
		for i := 0; i+size <= len(h); i += size {
			var v rune
			for _, c := range h[i : i+size] {
				switch {
				case c >= '0' && c <= '9':
					v = v*16 + c - '0'
				case c >= 'A' && c <= 'F':
					v = v*16 + c - 'A' + 10
				default:
					return ""
				}
			}
			if v < 0x20 || v > unicode.MaxRune || v >= 0xD800 && v < 0xE000 {
				return ""
			}
			sb.WriteRune(v)
		}
		return sb.String()
	}
	switch {
	case strings.HasPrefix(name, "uni"):
		return hexRunes(name[3:], 4)
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		return hexRunes(name[1:], len(name)-1)
	}
	return ""
}

var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%",
	"ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘", "parenleft": "(",
	"parenright": ")", "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "minus": "−",
	"period": ".", "slash": "/", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "colon": ":", "semicolon": ";",
	"less": "<", "equal": "=", "greater": ">", "question": "?", "at": "@", "bracketleft": "[",
	"backslash": "\\", "bracketright": "]", "asciicircum": "^", "underscore": "_", "grave": "`",
	"braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~", "quotedblleft": "“",
	"quotedblright": "”", "endash": "–", "emdash": "—", "bullet": "•", "ellipsis": "…",
	"periodcentered": "·", "degree": "°", "fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl",
	"copyright": "©", "registered": "®", "trademark": "™", "section": "§", "paragraph": "¶",
	"dagger": "†", "daggerdbl": "‡", "guillemotleft": "«", "guillemotright": "»", "nbspace": " ",
	"multiply": "×", "divide": "÷", "plusminus": "±", "Euro": "€", "sterling": "£", "yen": "¥",
}

// parseCMap reads a CMap's code space ranges and its character mappings
// (bfchar and bfrange: codes to UTF-16BE).
func parseCMap(data []byte) ([]pdfCodespace, map[uint32]string, []pdfUniRange) {
	var spaces []pdfCodespace
	chars := map[uint32]string{}
	var ranges []pdfUniRange
	l := pdfLexer{b: data}
	var args []any
	code := func(v any) (uint32, int, bool) {
		s, ok := v.(pdfString)
		if !ok || len(s) == 0 || len(s) > 4 {
			return 0, 0, false
		}
		var c uint32
		for i := 0; i < len(s); i++ {
			c = c<<8 | uint32(s[i])
		}
		return c, len(s), true
	}
	dst := func(v any) string {
		switch v := v.(type) {
		case pdfString:
			if len(v) == 1 {
				return string(rune(v[0]))
			}
			return strings.ToValidUTF8(utf16String([]byte(v), true), "")
		case pdfName:
			return glyphText(string(v))
		}
		return ""
	}
	for {
		var op pdfOp
		var ok bool
		if op, args, ok = l.operation(args, 30000); !ok {
			break
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(args) && len(spaces) < 64; i += 2 {
				lo, _ := args[i].(pdfString)
				hi, _ := args[i+1].(pdfString)
				if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
					continue
				}
				cs := pdfCodespace{n: len(lo)}
				copy(cs.lo[:], lo)
				copy(cs.hi[:], hi)
				spaces = append(spaces, cs)
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(chars) < 1<<18; i += 2 {
				if c, _, ok := code(args[i]); ok {
					chars[c] = dst(args[i+1])
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && len(ranges) < 1<<15; i += 3 {
				lo, _, ok1 := code(args[i])
				hi, _, ok2 := code(args[i+1])
				if !ok1 || !ok2 || hi < lo {
					continue
				}
				rg := pdfUniRange{lo: lo, hi: hi}
				switch t := args[i+2].(type) {
				case pdfString:
					rg.base = []rune(dst(t))
				case []any:
					for _, e := range t {
						rg.arr = append(rg.arr, dst(e))
					}
				}
				ranges = append(ranges, rg)
			}
		}
	}
	return spaces, chars, ranges
}
