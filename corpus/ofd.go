package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
)

// OFD (Open Fixed-layout Document, GB/T 33190-2016) is China's own format
// for fixed pages, which government offices issue notices and official
// documents in, as others issue PDF: a ZIP archive of XML. OFD.xml names
// each document's root (Doc_0/Document.xml) and holds its DocInfo (title,
// author, dates); the root lists the pages (Pages/Page_0/Content.xml) and
// the default page size; a page's content is layers of objects, the text
// objects each a box on the page (Boundary, in millimetres, y downward)
// with a font size, an optional transform (CTM) and text codes: a start
// (X, Y: the baseline) in the box, the characters, and the steps between
// them (DeltaX, where "g 3 5.6" is 5.6 three times).
//
// The characters are Unicode (the XML's), so no font is read: each is made
// a glyph at its place, and the PDF reader's layout makes lines and
// paragraphs of them, with running headers and page numbers left out
// (layoutPDF). Templates (a page's letterhead), annotations and seals are
// not the text.

// ErrNotOFD marks an .ofd file that is not a readable OFD document.
var ErrNotOFD = errors.New("not a readable OFD document")

func isOFD(name string) bool { return strings.EqualFold(path.Ext(name), ".ofd") }

// ofdText returns the text of the first document of an OFD package and
// its DocInfo, unpacking no more than max bytes of XML.
func ofdText(b []byte, max int64) (string, frontMatter, error) {
	r, err := openZipParts(b, max, ErrNotOFD)
	if err != nil {
		return "", frontMatter{}, err
	}
	root, err := r.part("OFD.xml")
	if err != nil {
		return "", frontMatter{}, err
	}
	var fm frontMatter
	docRoot := ""
	fields := xmlFields{by: map[string]*string{"Title": &fm.Title, "Author": &fm.Author, "CreationDate": &fm.Date, "DocRoot": &docRoot}}
	err = eachToken(xml.NewDecoder(bytes.NewReader(root)), fields.see)
	if err != nil {
		return "", frontMatter{}, fmt.Errorf("%w: its OFD.xml: %v", ErrNotOFD, err)
	}
	if docRoot == "" {
		return "", frontMatter{}, fmt.Errorf("%w: its OFD.xml names no document (DocRoot)", ErrNotOFD)
	}
	docPath := r.resolve("", docRoot)
	doc, err := r.part(docPath)
	if err != nil {
		return "", frontMatter{}, err
	}
	size := ofdPhysicalBox{in: "PageArea", box: [4]float64{0, 0, 210, 297}} // A4, when the document says nothing
	var pages []string
	err = eachToken(xml.NewDecoder(bytes.NewReader(doc)), func(tok xml.Token) error {
		size.see(tok)
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Page" {
			if loc := xmlAttr(t, "BaseLoc"); loc != "" && len(pages) < pdfMaxPages {
				pages = append(pages, r.resolve(path.Dir(docPath), loc))
			}
		}
		return nil
	})
	box := size.box
	if err != nil {
		return "", frontMatter{}, fmt.Errorf("%w: its %s: %v", ErrNotOFD, docPath, err)
	}
	if len(pages) == 0 {
		return "", frontMatter{}, fmt.Errorf("%w: its %s lists no pages", ErrNotOFD, docPath)
	}
	var all []pdfPageLines
	spaced, images := false, 0
	for _, p := range pages {
		content, err := r.part(p)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return "", frontMatter{}, err
			}
			continue // a page missing from a damaged package: the others
		}
		pg, err := ofdPage(content, box)
		if err != nil {
			return "", frontMatter{}, fmt.Errorf("%w: its %s: %v", ErrNotOFD, p, err)
		}
		images += pg.images
		for _, g := range pg.glyphs {
			if g.text == " " {
				spaced = true
				break
			}
		}
		stacked(pg.glyphs)
		all = append(all, pdfPageLines{box: pg.box, lines: pageLines(pg.glyphs, spaced)})
	}
	text := layoutPDF(all)
	if strings.TrimSpace(text) == "" {
		if images > 0 {
			return "", frontMatter{}, fmt.Errorf("%w: images only, on %d pages (a scan); run OCR on it first", ErrNoPDFText, len(pages))
		}
		return "", frontMatter{}, fmt.Errorf("%w: nothing is written on its %d pages", ErrNoPDFText, len(pages))
	}
	if len(fm.Date) > 10 {
		fm.Date = fm.Date[:10] // 2024-03-05T08:00:00
	}
	fm.Title = pdfTitle(fm.Title) // not a file's name (关于…的通知.ofd) or a converter's placeholder
	return text, fm, nil
}

// zipParts reads the parts of a package (OFD, EPUB) within a budget of
// bytes; kind is the error a part missing or unreadable is.
type zipParts struct {
	files     map[string]*zip.File
	left, max int64
	kind      error
}

// openZipParts opens b, a ZIP archive, to read within max bytes.
func openZipParts(b []byte, max int64, kind error) (*zipParts, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a ZIP archive (%v)", kind, err)
	}
	return zipPartsOf(zr, max, kind), nil
}

// zipPartsOf reads the parts of zr within max bytes.
func zipPartsOf(zr *zip.Reader, max int64, kind error) *zipParts {
	r := &zipParts{files: map[string]*zip.File{}, left: max, max: max, kind: kind}
	for _, f := range zr.File {
		r.files[strings.TrimPrefix(path.Clean("/"+f.Name), "/")] = f
	}
	return r
}

// xmlFields reads elements' text into strings, by the elements' local
// names: the first of each, trimmed (a package's title, author, date).
type xmlFields struct {
	by   map[string]*string
	open *string // the field whose element is open
}

// see is an eachToken callback.
func (f *xmlFields) see(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		f.open = f.by[t.Name.Local]
	case xml.CharData:
		if f.open != nil && *f.open == "" {
			*f.open = strings.TrimSpace(string(t))
		}
	case xml.EndElement:
		f.open = nil
	}
	return nil
}

// resolve makes loc, a location in the package (absolute, or relative to
// the folder dir), a part's name.
func (r *zipParts) resolve(dir, loc string) string {
	loc = strings.ReplaceAll(strings.TrimSpace(loc), `\`, "/")
	if !strings.HasPrefix(loc, "/") {
		loc = path.Join("/", dir, loc)
	}
	name := strings.TrimPrefix(path.Clean(loc), "/")
	if r.files[name] == nil {
		// Some writers name pages relative to the package's root.
		if alt := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(loc, "/")), "/"); r.files[alt] != nil {
			return alt
		}
	}
	return name
}

// part unpacks a part whole, counting it against the budget.
func (r *zipParts) part(name string) ([]byte, error) {
	f := r.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: the package has no %s", r.kind, name)
	}
	if int64(f.UncompressedSize64) > r.left {
		return nil, fmt.Errorf("%w: its XML unpacks to more than the limit of %d bytes", ErrTooLarge, r.max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: cannot open its %s: %v", r.kind, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, r.left+1))
	if int64(len(b)) > r.left {
		return nil, fmt.Errorf("%w: its XML unpacks to more than the limit of %d bytes", ErrTooLarge, r.max)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read its %s: %v", r.kind, name, err)
	}
	r.left -= int64(len(b))
	return b, nil
}

func xmlAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// ofdNumbers reads a list of numbers, expanding "g N v" (v, N times).
func ofdNumbers(s string, limit int) []float64 {
	var out []float64
	f := strings.Fields(s)
	for i := 0; i < len(f) && len(out) < limit; i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 {
				for k := 0; k < n && len(out) < limit; k++ {
					out = append(out, v)
				}
			}
			i += 2
			continue
		}
		if v, err := strconv.ParseFloat(f[i], 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}

// ofdBox reads "x y w h" as a box from (x, y) to (x+w, y+h).
func ofdBox(s string) ([4]float64, bool) {
	n := ofdNumbers(s, 4)
	if len(n) < 4 || n[2] <= 0 || n[3] <= 0 {
		return [4]float64{}, false
	}
	return [4]float64{n[0], n[1], n[0] + n[2], n[1] + n[3]}, true
}

// ofdPhysicalBox reads the size a PhysicalBox inside element in gives
// (PageArea in a document's common data, Area on a page) as tokens pass.
type ofdPhysicalBox struct {
	in          string
	inArea, now bool
	box         [4]float64
}

func (p *ofdPhysicalBox) see(tok xml.Token) {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case p.in:
			p.inArea = true
		case "PhysicalBox":
			p.now = p.inArea
		}
	case xml.CharData:
		if b, ok := ofdBox(string(t)); ok && p.now {
			p.box = b
		}
	case xml.EndElement:
		switch t.Name.Local {
		case p.in:
			p.inArea = false
		case "PhysicalBox":
			p.now = false
		}
	}
}

// ofdPageContent is what a page's content gives.
type ofdPageContent struct {
	box    [4]float64
	glyphs []pdfGlyph
	images int
}

// ofdPage reads a page's text objects as glyphs in the PDF reader's
// terms: u along the baseline, v up the page (OFD's y runs down), sizes in
// millimetres.
func ofdPage(content []byte, box [4]float64) (ofdPageContent, error) {
	pg := ofdPageContent{box: box}
	type textObject struct {
		x, y     float64    // the boundary's origin
		size     float64    // the font size
		ctm      [6]float64 // the transform within the boundary
		inCode   bool
		codeX    float64
		codeY    float64
		deltaX   []float64
		haveCode bool
	}
	var obj *textObject
	size := ofdPhysicalBox{in: "Area", box: box} // the page's own size, if it has one
	err := eachToken(xml.NewDecoder(bytes.NewReader(content)), func(tok xml.Token) error {
		size.see(tok)
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "ImageObject":
				pg.images++
			case "TextObject":
				o := &textObject{ctm: [6]float64{1, 0, 0, 1, 0, 0}, size: 3.5}
				if b, ok := ofdBox(xmlAttr(t, "Boundary")); ok {
					o.x, o.y = b[0], b[1]
				}
				if n := ofdNumbers(xmlAttr(t, "Size"), 1); len(n) == 1 && n[0] > 0 {
					o.size = n[0]
				}
				if n := ofdNumbers(xmlAttr(t, "CTM"), 6); len(n) == 6 {
					copy(o.ctm[:], n)
				}
				obj = o
			case "TextCode":
				if obj != nil {
					obj.inCode = true
					if n := ofdNumbers(xmlAttr(t, "X"), 1); len(n) == 1 {
						obj.codeX = n[0]
					} else if !obj.haveCode {
						obj.codeX = 0
					}
					if n := ofdNumbers(xmlAttr(t, "Y"), 1); len(n) == 1 {
						obj.codeY = n[0]
					}
					obj.deltaX = ofdNumbers(xmlAttr(t, "DeltaX"), 1<<16)
					obj.haveCode = true
				}
			}
		case xml.CharData:
			if obj == nil || !obj.inCode {
				return nil
			}
			x := obj.codeX
			k := 0
			for _, r := range string(t) {
				if r == '\n' || r == '\r' || r == '\t' {
					continue
				}
				step := obj.size
				if r < 0x1100 || !isWidePDF(r) {
					step = obj.size / 2
				}
				if k < len(obj.deltaX) {
					step = obj.deltaX[k]
				}
				c := obj.ctm
				u := obj.x + c[0]*x + c[2]*obj.codeY + c[4]
				y := obj.y + c[1]*x + c[3]*obj.codeY + c[5]
				scale := math.Sqrt(math.Abs(c[0]*c[3] - c[1]*c[2]))
				if scale == 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
					scale = 1
				}
				w := step * scale
				if k >= len(obj.deltaX) || w <= 0 {
					w = obj.size * scale
					if !isWidePDF(r) {
						w /= 2
					}
				}
				if len(pg.glyphs) < 1<<22 {
					pg.glyphs = append(pg.glyphs, pdfGlyph{u: u, v: -y, w: w, size: obj.size * scale, text: string(r)})
				}
				x += step
				k++
			}
			obj.codeX = x // a code without X goes on where this one ended
		case xml.EndElement:
			switch t.Name.Local {
			case "TextCode":
				if obj != nil {
					obj.inCode = false
				}
			case "TextObject":
				obj = nil
			}
		}
		return nil
	})
	pg.box = size.box
	// v up the page: the page's height less y.
	for i := range pg.glyphs {
		pg.glyphs[i].v += pg.box[3]
	}
	pg.box = [4]float64{pg.box[0], 0, pg.box[2], pg.box[3] - pg.box[1]}
	if err != nil && len(pg.glyphs) == 0 {
		return pg, err
	}
	return pg, nil // a page cut short gives what it holds
}
