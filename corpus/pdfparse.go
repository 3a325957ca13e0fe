package corpus

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// The PDF reading below is only what text extraction needs: objects are
// found by scanning the file for "N G obj" (cross-reference tables are
// not trusted: they are often wrong in files saved by web tools and
// broken by truncation; a later definition wins, as an incremental update
// intends), parsed when first used, and streams decoded within a budget
// of bytes for the whole file (a small file can inflate to gigabytes).

// ErrNotPDF marks a .pdf file that is not a readable PDF.
var ErrNotPDF = errors.New("not a readable PDF")

type (
	pdfName   string
	pdfString string // the bytes of a string, undecoded
	pdfOp     string // a keyword: an operator in a content stream
	pdfRef    struct{ num, gen int }
	pdfDict   map[pdfName]any
	pdfStream struct {
		dict pdfDict
		raw  []byte
	}
)

const (
	pdfMaxDepth   = 32      // nesting of arrays and dictionaries
	pdfMaxArray   = 100_000 // elements kept of one array
	pdfMaxObjects = 2_000_000
	pdfMaxString  = 1 << 20 // bytes kept of one string
)

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isPDFRegular(c byte) bool { return !isPDFSpace(c) && !isPDFDelim(c) }

// pdfLexer reads PDF objects (and, in content streams, operators) from b.
type pdfLexer struct {
	b   []byte
	pos int
}

func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// value reads the next object: nil for null, bool, float64, pdfName,
// pdfString, []any, pdfDict, pdfRef, or pdfOp for any other keyword. It
// reports false, reading nothing, at the end of b or at a closing
// delimiter; every other call reads at least one byte.
func (l *pdfLexer) value(depth int) (any, bool) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return nil, false
	}
	if depth > pdfMaxDepth {
		l.pos++ // too deep: read on without building it
		return nil, true
	}
	switch c := l.b[l.pos]; c {
	case '/':
		return l.name(), true
	case '(':
		return l.literal(), true
	case '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			return l.dict(depth), true
		}
		return l.hexString(), true
	case '[':
		l.pos++
		var a []any
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return a, true
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return a, true
			}
			v, ok := l.value(depth + 1)
			if !ok {
				l.pos++ // a stray closing delimiter
				continue
			}
			if len(a) < pdfMaxArray {
				a = append(a, v)
			}
		}
	case ')', '>', ']', '{', '}':
		return nil, false
	}
	start := l.pos
	for l.pos < len(l.b) && isPDFRegular(l.b[l.pos]) {
		l.pos++
	}
	tok := l.b[start:l.pos]
	switch string(tok) {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null":
		return nil, true
	}
	if n, ok := pdfNumber(tok); ok {
		if isPDFUint(tok) {
			if ref, ok := l.refAfter(n); ok {
				return ref, true
			}
			if n < float64(len(pdfSmallInts)) {
				return pdfSmallInts[int(n)], true // boxed once, not each time
			}
		}
		return n, true
	}
	if op, ok := pdfOps[string(tok)]; ok {
		return op, true // the content operators, without a string each time
	}
	return pdfOp(tok), true
}

// pdfSmallInts are the small whole numbers content streams are full of
// (kerning, operands of re and cm), boxed once.
var pdfSmallInts = func() (out [1024]any) {
	for i := range out {
		out[i] = float64(i)
	}
	return out
}()

// pdfOps are the operators of content streams and CMaps.
var pdfOps = func() map[string]any {
	m := map[string]any{}
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y ' " R obj endobj stream endstream begincmap endcmap begincodespacerange endcodespacerange beginbfchar endbfchar beginbfrange endbfrange begincidrange endcidrange begincidchar endcidchar usecmap def findresource defineresource pop dict begin end`) {
		m[op] = pdfOp(op)
	}
	return m
}()

// operation reads a content stream's (or CMap's) next operator and the
// operands before it, into args[:0] (at most maxArgs kept); ok is false
// at the end.
func (l *pdfLexer) operation(args []any, maxArgs int) (pdfOp, []any, bool) {
	args = args[:0]
	for {
		v, ok := l.value(0)
		if !ok {
			if l.pos >= len(l.b) {
				return "", args, false
			}
			l.pos++ // a stray closing delimiter
			continue
		}
		if op, isOp := v.(pdfOp); isOp {
			return op, args, true
		}
		if len(args) < maxArgs {
			args = append(args, v)
		}
	}
}

// refAfter reads " G R" after the object number num, if it is there.
func (l *pdfLexer) refAfter(num float64) (pdfRef, bool) {
	save := l.pos
	l.skipSpace()
	s := l.pos
	for l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '9' {
		l.pos++
	}
	if l.pos > s && l.pos-s < 7 && l.pos < len(l.b) && isPDFSpace(l.b[l.pos]) {
		gen, _ := strconv.Atoi(string(l.b[s:l.pos]))
		l.skipSpace()
		if l.pos < len(l.b) && l.b[l.pos] == 'R' && (l.pos+1 == len(l.b) || !isPDFRegular(l.b[l.pos+1])) && num < 1<<31 {
			l.pos++
			return pdfRef{int(num), gen}, true
		}
	}
	l.pos = save
	return pdfRef{}, false
}

func isPDFUint(tok []byte) bool {
	if len(tok) == 0 || len(tok) > 10 {
		return false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// pdfNumber parses a PDF number: digits with an optional sign and point.
func pdfNumber(tok []byte) (float64, bool) {
	if len(tok) == 0 || len(tok) > 40 {
		return 0, false
	}
	digits := false
	for i, c := range tok {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || (c == '-' || c == '+') && i == 0:
		default:
			return 0, false
		}
	}
	if !digits {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil {
		// "4." and "-.5" parse; "1.2.3" does not: read as 0, as viewers do.
		return 0, true
	}
	return f, true
}

func (l *pdfLexer) name() pdfName {
	l.pos++ // '/'
	start := l.pos
	for l.pos < len(l.b) && isPDFRegular(l.b[l.pos]) {
		l.pos++
	}
	raw := l.b[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return pdfName(raw)
	}
	var out []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return pdfName(out)
}

// literal reads a (string), with its escapes and balanced parentheses.
func (l *pdfLexer) literal() pdfString {
	l.pos++ // '('
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return pdfString(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				continue
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and any other: the character itself
				}
			}
		}
		if len(out) < pdfMaxString {
			out = append(out, c)
		}
	}
	return pdfString(out)
}

func (l *pdfLexer) hexString() pdfString {
	l.pos++ // '<'
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue // white space, or junk
		}
		if half {
			if len(out) < pdfMaxString {
				out = append(out, hi<<4|v)
			}
		} else {
			hi = v
		}
		half = !half
	}
	if half && len(out) < pdfMaxString {
		out = append(out, hi<<4) // an odd last digit is followed by 0
	}
	return pdfString(out)
}

func (l *pdfLexer) dict(depth int) pdfDict {
	l.pos += 2 // "<<"
	d := pdfDict{}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return d
		}
		switch l.b[l.pos] {
		case '>':
			l.pos++
			if l.pos < len(l.b) && l.b[l.pos] == '>' {
				l.pos++
			}
			return d
		case '/':
			k := l.name()
			if v, ok := l.value(depth + 1); ok {
				d[k] = v
			}
		default: // not a key: read past it
			if _, ok := l.value(depth + 1); !ok {
				l.pos++
			}
		}
	}
}

// pdfDoc is a PDF file whose objects have been located.
type pdfDoc struct {
	b       []byte
	offsets map[int]int // object number → offset just past "N G obj"
	starts  []int       // where every "N G obj" header starts, in order
	gens    map[int]int // their generations, where not 0
	crypt   *pdfCrypt
	members map[int]any // objects read out of object streams
	cache   map[int]any
	budget  int64 // bytes streams may still decode to
	trailer pdfDict
}

var (
	pdfObjKeyword = []byte("obj")
	pdfStreamKw   = []byte("stream")
	pdfEndstream  = []byte("endstream")
)

// openPDF locates b's objects and its trailer; budget bounds the bytes
// its streams may decode to, all together.
func openPDF(b []byte, budget int64) (*pdfDoc, error) {
	head := b[:min(len(b), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: it does not start with %%PDF-", ErrNotPDF)
	}
	d := &pdfDoc{b: b, offsets: map[int]int{}, gens: map[int]int{}, members: map[int]any{}, cache: map[int]any{}, budget: budget}
	var objStms []int // numbers of the objects that may be object streams
	for i := 0; i < len(b); {
		j := bytes.Index(b[i:], pdfObjKeyword)
		if j < 0 {
			break
		}
		j += i
		i = j + 3
		if num, gen, start, ok := objHeader(b, j); ok {
			d.starts = append(d.starts, start)
			if len(d.offsets) >= pdfMaxObjects {
				return nil, fmt.Errorf("%w: more than %d objects", ErrNotPDF, pdfMaxObjects)
			}
			d.offsets[num] = j + 3
			if gen != 0 {
				d.gens[num] = gen
			} else {
				delete(d.gens, num)
			}
			// An object stream says so in its dictionary, before its data.
			if k := bytes.Index(b[j:min(len(b), j+512)], []byte("/ObjStm")); k >= 0 {
				objStms = append(objStms, num)
			}
		}
	}
	if len(d.offsets) == 0 {
		return nil, fmt.Errorf("%w: no objects found (the file is cut short or damaged)", ErrNotPDF)
	}
	d.trailer = d.findTrailer()
	if d.trailer["Encrypt"] != nil {
		if err := d.decrypt(); err != nil {
			return nil, err
		}
	}
	d.readObjectStreams(objStms)
	if d.trailer["Root"] == nil {
		d.trailer = d.findTrailer()
	}
	return d, nil
}

// objHeader reports whether "obj" at b[j] ends an "N G obj" header, and
// N, G and where the header starts.
func objHeader(b []byte, j int) (int, int, int, bool) {
	if j+3 < len(b) && isPDFRegular(b[j+3]) {
		return 0, 0, 0, false
	}
	k := j - 1
	digits := func() (int, bool) {
		end := k + 1
		for k >= 0 && b[k] >= '0' && b[k] <= '9' {
			k--
		}
		if k+1 == end || end-(k+1) > 9 {
			return 0, false
		}
		n, err := strconv.Atoi(string(b[k+1 : end]))
		return n, err == nil
	}
	spaces := func() bool {
		end := k
		for k >= 0 && isPDFSpace(b[k]) {
			k--
		}
		return k < end
	}
	if !spaces() {
		return 0, 0, 0, false
	}
	gen, ok := digits()
	if !ok || !spaces() {
		return 0, 0, 0, false
	}
	num, ok := digits()
	if !ok || k >= 0 && isPDFRegular(b[k]) {
		return 0, 0, 0, false
	}
	return num, gen, k + 1, true
}

// readObjectStreams reads the objects packed in object streams (PDF 1.5),
// unless the file defines them again after the stream.
func (d *pdfDoc) readObjectStreams(nums []int) {
	for _, n := range nums {
		s, ok := d.object(n).(*pdfStream)
		if !ok || s.dict["Type"] != pdfName("ObjStm") {
			continue
		}
		data, err := d.decodeStream(s)
		if err != nil {
			continue
		}
		count, first := d.intOf(s.dict["N"]), d.intOf(s.dict["First"])
		if count <= 0 || first <= 0 || first > len(data) {
			continue
		}
		l := pdfLexer{b: data[:first]}
		type entry struct{ num, at int }
		var entries []entry
		for k := 0; k < count && k < pdfMaxObjects; k++ {
			numV, ok1 := l.value(0)
			offV, ok2 := l.value(0)
			num, isNum := numV.(float64)
			off, isOff := offV.(float64)
			if !ok1 || !ok2 || !isNum || !isOff {
				break
			}
			if off >= 0 && first+int(off) < len(data) {
				entries = append(entries, entry{int(num), first + int(off)})
			}
		}
		// Each member is read no further than the next one's start.
		ats := make([]int, len(entries))
		for i, e := range entries {
			ats[i] = e.at
		}
		sort.Ints(ats)
		for _, e := range entries {
			if at, ok := d.offsets[e.num]; ok && at > d.offsets[n] {
				continue // defined again later in the file
			}
			if len(d.members) >= pdfMaxObjects {
				break
			}
			end := len(data)
			if i := sort.SearchInts(ats, e.at+1); i < len(ats) {
				end = ats[i]
			}
			ml := pdfLexer{b: data[:end], pos: e.at}
			if v, ok := ml.value(0); ok {
				d.members[e.num] = v
				delete(d.offsets, e.num)
			}
		}
	}
}

// findTrailer returns the trailer dictionary: the last "trailer", or the
// last cross-reference stream's dictionary, or one made to point at the
// catalog when neither names a /Root.
func (d *pdfDoc) findTrailer() pdfDict {
	for end, tries := len(d.b), 0; end > 0 && tries < 8; tries++ {
		i := bytes.LastIndex(d.b[:end], []byte("trailer"))
		if i < 0 {
			break
		}
		l := pdfLexer{b: d.b, pos: i + len("trailer")}
		if t, ok := l.value(0); ok {
			if t, ok := t.(pdfDict); ok && t["Root"] != nil {
				return t
			}
		}
		end = i
	}
	var best pdfDict
	bestAt := -1
	var catalog pdfRef
	catalogAt := -1
	for num, off := range d.offsets {
		// Only dictionaries that say what they are need parsing here.
		window := d.b[off:min(len(d.b), off+256)]
		if !bytes.Contains(window, []byte("/Type")) {
			continue
		}
		switch v := d.object(num).(type) {
		case *pdfStream:
			if v.dict["Type"] == pdfName("XRef") && v.dict["Root"] != nil && off > bestAt {
				best, bestAt = v.dict, off
			}
		case pdfDict:
			// The last catalog in the file: an update's, and the same
			// one whatever order the map gives.
			if v["Type"] == pdfName("Catalog") && off > catalogAt {
				catalog, catalogAt = pdfRef{num: num}, off
			}
		}
	}
	if best != nil {
		return best
	}
	if catalog.num == 0 {
		for _, num := range sortedNums(d.members) {
			if dv, ok := d.members[num].(pdfDict); ok && dv["Type"] == pdfName("Catalog") {
				catalog = pdfRef{num: num}
			}
		}
	}
	if catalog.num != 0 {
		return pdfDict{"Root": catalog}
	}
	return pdfDict{}
}

// object returns object num, parsed, or nil.
func (d *pdfDoc) object(num int) any {
	if v, ok := d.cache[num]; ok {
		return v
	}
	if v, ok := d.members[num]; ok {
		return v
	}
	off, ok := d.offsets[num]
	if !ok {
		return nil
	}
	// The object is read no further than the next object's header: an
	// object left open (crafted, or cut) must not read the rest of the
	// file, for every object that refers to it.
	end := len(d.b)
	if i := sort.SearchInts(d.starts, off); i < len(d.starts) {
		end = d.starts[i]
	}
	l := pdfLexer{b: d.b[:end], pos: off}
	v, _ := l.value(0)
	if dict, ok := v.(pdfDict); ok {
		l.b = d.b // the stream's data may run past a header-like run of bytes
		if raw, ok := d.streamAfter(&l, dict); ok {
			v = &pdfStream{dict: dict, raw: raw}
		}
	}
	if d.crypt != nil {
		v = d.crypt.decryptObject(v, num, d.gens[num])
	}
	d.cache[num] = v
	return v
}

// streamAfter reads the data of a stream whose dictionary l has just read.
func (d *pdfDoc) streamAfter(l *pdfLexer, dict pdfDict) ([]byte, bool) {
	p := l.pos
	for p < len(l.b) && isPDFSpace(l.b[p]) {
		p++
	}
	if !bytes.HasPrefix(l.b[p:], pdfStreamKw) {
		return nil, false
	}
	p += len(pdfStreamKw)
	if p < len(l.b) && l.b[p] == '\r' {
		p++
	}
	if p < len(l.b) && l.b[p] == '\n' {
		p++
	}
	// /Length, when it is direct and lands on "endstream"; else the data
	// runs to the next "endstream".
	if n, ok := dict["Length"].(float64); ok && n >= 0 && p+int(n) <= len(l.b) && n < float64(len(l.b)) {
		end := p + int(n)
		q := end
		for q < len(l.b) && isPDFSpace(l.b[q]) {
			q++
		}
		if bytes.HasPrefix(l.b[q:], pdfEndstream) {
			return l.b[p:end], true
		}
	}
	k := bytes.Index(l.b[p:], pdfEndstream)
	if k < 0 {
		return l.b[p:], true // cut short: what there is
	}
	data := l.b[p : p+k]
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	return data, true
}

// resolve follows references to the object they name.
func (d *pdfDoc) resolve(v any) any {
	for i := 0; i < 16; i++ {
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		v = d.object(r.num)
	}
	return nil
}

func (d *pdfDoc) dictOf(v any) pdfDict {
	switch v := d.resolve(v).(type) {
	case pdfDict:
		return v
	case *pdfStream:
		return v.dict
	}
	return nil
}

func (d *pdfDoc) arrayOf(v any) []any {
	a, _ := d.resolve(v).([]any)
	return a
}

func (d *pdfDoc) numOf(v any) (float64, bool) {
	f, ok := d.resolve(v).(float64)
	return f, ok
}

func (d *pdfDoc) intOf(v any) int {
	f, _ := d.numOf(v)
	if f > 1<<31 || f < -1<<31 {
		return 0
	}
	return int(f)
}

// errPDFBudget is returned when the file's streams would decode to more
// than its budget.
var errPDFBudget = errors.New("its streams decode to more than the size limit")

// decodeStream returns a stream's data with its filters undone. A stream
// whose compressed data is damaged gives what decoded before the damage.
func (d *pdfDoc) decodeStream(s *pdfStream) ([]byte, error) {
	data := s.raw
	filters := d.resolve(s.dict["Filter"])
	if f, ok := filters.(pdfName); ok {
		filters = []any{f}
	}
	parms := d.resolve(s.dict["DecodeParms"])
	if p, ok := parms.(pdfDict); ok {
		parms = []any{p}
	}
	fs, _ := filters.([]any)
	ps, _ := parms.([]any)
	for i, f := range fs {
		name, _ := d.resolve(f).(pdfName)
		var err error
		switch name {
		case "FlateDecode", "Fl":
			data, err = d.inflate(data)
		case "ASCIIHexDecode", "AHx":
			l := pdfLexer{b: append([]byte{'<'}, data...)}
			data = []byte(l.hexString())
		case "ASCII85Decode", "A85":
			data, err = pdfASCII85(data)
		case "RunLengthDecode", "RL":
			data, err = d.runLength(data)
		default:
			return nil, fmt.Errorf("a stream compressed with %s, which jianbao does not read", name)
		}
		if err != nil {
			return nil, err
		}
		if i < len(ps) {
			if p := d.dictOf(ps[i]); p != nil && d.intOf(p["Predictor"]) >= 10 {
				data = pngUnpredict(data, max(1, d.intOf(p["Columns"])), max(1, d.intOf(p["Colors"])))
			}
		}
	}
	return data, nil
}

func (d *pdfDoc) inflate(data []byte) ([]byte, error) {
	var r io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		defer zr.Close()
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(data)) // raw deflate, no zlib header
	}
	out, err := io.ReadAll(io.LimitReader(r, d.budget+1))
	if int64(len(out)) > d.budget {
		return nil, errPDFBudget
	}
	d.budget -= int64(len(out))
	if err != nil && len(out) == 0 {
		return nil, fmt.Errorf("a damaged compressed stream: %w", err)
	}
	return out, nil
}

func (d *pdfDoc) runLength(data []byte) ([]byte, error) {
	var out []byte
	for i := 0; i < len(data); {
		n := int(data[i])
		i++
		switch {
		case n == 128:
			i = len(data)
		case n < 128:
			end := min(len(data), i+n+1)
			out = append(out, data[i:end]...)
			i = end
		default:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
				i++
			}
		}
		if int64(len(out)) > d.budget {
			return nil, errPDFBudget
		}
	}
	d.budget -= int64(len(out))
	return out, nil
}

func pdfASCII85(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
	if i := bytes.Index(data, []byte("~>")); i >= 0 {
		data = data[:i]
	}
	out := make([]byte, 4*len(data)/5+4)
	n, _, err := ascii85.Decode(out, data, true)
	if err != nil {
		return nil, fmt.Errorf("a damaged ASCII85 stream: %w", err)
	}
	return out[:n], nil
}

// pngUnpredict undoes PNG predictors (rows of a filter byte and
// columns×colors bytes), as cross-reference and object streams use them.
func pngUnpredict(data []byte, columns, colors int) []byte {
	row := columns * colors
	if row <= 0 || row > 1<<20 {
		return data
	}
	prev := make([]byte, row)
	var out []byte
	for i := 0; i+1+row <= len(data); i += 1 + row {
		f, cur := data[i], append([]byte(nil), data[i+1:i+1+row]...)
		for k := range cur {
			var left, upLeft byte
			if k >= colors {
				left, upLeft = cur[k-colors], prev[k-colors]
			}
			up := prev[k]
			switch f {
			case 1:
				cur[k] += left
			case 2:
				cur[k] += up
			case 3:
				cur[k] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[k] += paeth(left, up, upLeft)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sortedNums returns the keys of m in order.
func sortedNums[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
