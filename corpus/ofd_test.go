package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// ofdLine is a line of text placed on an OFD page, in millimetres from the
// page's top left; size is the font size.
type ofdLine struct {
	x, y, size float64
	text       string
}

// ofdFixture writes an OFD package as a writer of official documents
// does: OFD.xml with its DocInfo, Doc_0/Document.xml with the page size and
// the page list, a Content.xml a page. perChar puts every character in a
// text object of its own (as some converters do); ctm sets the size
// through a transform instead of the Size attribute.
func ofdFixture(t testing.TB, info string, pages [][]ofdLine, perChar, ctm bool) []byte {
	t.Helper()
	var parts []string
	put := func(name, body string) { parts = append(parts, name, body) }
	put("OFD.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID>`+info+`</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`)
	var list strings.Builder
	for i := range pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, i+10, i)
	}
	put("Doc_0/Document.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>`+list.String()+`</ofd:Pages></ofd:Document>`)
	put("Doc_0/PublicRes.xml", `<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Fonts><ofd:Font ID="3" FontName="仿宋_GB2312"/></ofd:Fonts></ofd:Res>`)
	id := 100
	object := func(x, y, size float64, text string) string {
		id++
		n := utf8.RuneCountInString(text)
		w := float64(n) * size
		sizeAttr, ctmAttr := fmt.Sprintf(` Size="%g"`, size), ""
		code := fmt.Sprintf(`<ofd:TextCode X="0" Y="%g" DeltaX="g %d %g">%s</ofd:TextCode>`, size*0.85, n-1, size, xmlEscape(text))
		if n == 1 {
			code = fmt.Sprintf(`<ofd:TextCode X="0" Y="%g">%s</ofd:TextCode>`, size*0.85, xmlEscape(text))
		}
		if ctm {
			sizeAttr, ctmAttr = ` Size="1"`, fmt.Sprintf(` CTM="%g 0 0 %g 0 0"`, size, size)
			code = fmt.Sprintf(`<ofd:TextCode X="0" Y="0.85" DeltaX="g %d 1">%s</ofd:TextCode>`, max(n-1, 1), xmlEscape(text))
		}
		return fmt.Sprintf(`<ofd:TextObject ID="%d" Boundary="%g %g %g %g" Font="3"%s%s>%s</ofd:TextObject>`, id, x, y, w, size*1.2, sizeAttr, ctmAttr, code)
	}
	for i, page := range pages {
		var body strings.Builder
		for _, l := range page {
			if !perChar {
				body.WriteString(object(l.x, l.y, l.size, l.text))
				continue
			}
			x := l.x
			for _, r := range l.text {
				body.WriteString(object(x, l.y, l.size, string(r)))
				x += l.size
				if r < 0x80 {
					x -= l.size / 2
				}
			}
		}
		put(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">`+body.String()+`</ofd:Layer></ofd:Content></ofd:Page>`)
	}
	return zipOf(t, parts...)
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	xmlEscapeText(&b, s)
	return b.String()
}

func xmlEscapeText(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
}

// noticePages lays out a notice as a government office's OFD sets it: a
// letterhead and a page number on every page, the title large and
// centred, paragraphs indented two characters, their lines wrapped at 28
// characters, a paragraph running on to the next page, the signature and
// date at the foot.
func noticePages() ([][]ofdLine, string) {
	const size, left, top, lead = 5.6, 26.0, 37.0, 10.0
	paras := []string{
		"为深入贯彻落实党中央、国务院关于促进数字经济发展的决策部署，加快推进全市产业数字化转型，经市政府同意，现就有关事项通知如下。",
		"一、总体要求。坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，以数字化转型整体驱动生产方式、生活方式和治理方式变革。",
		"二、重点任务。各区县要结合实际制定具体实施方案，明确责任分工，加强统筹协调，确保各项任务落到实处，并于每季度末报送工作进展情况。",
	}
	var pages [][]ofdLine
	var page []ofdLine
	y := top
	furniture := func(n int) []ofdLine {
		return []ofdLine{{left, 12, 4, "某某市人民政府办公室文件"}, {100, 282, 4, fmt.Sprintf("— %d —", n)}}
	}
	newPage := func() {
		if page != nil {
			pages = append(pages, page)
		}
		page, y = furniture(len(pages)+1), top
	}
	newPage()
	page = append(page, ofdLine{left + 20, y, 8, "关于加快推进产业数字化转型的通知"})
	y += 2 * lead
	page = append(page, ofdLine{left, y, size, "各区县人民政府，市政府各部门："})
	y += lead
	for _, p := range paras {
		rs := []rune(p)
		first := true
		for len(rs) > 0 {
			n, x := 28, left
			if first {
				n, x = 26, left+2*size
			}
			n = min(n, len(rs))
			if y > 120 { // a short page: the second paragraph runs on

				newPage()
			}
			page = append(page, ofdLine{x, y, size, string(rs[:n])})
			rs, first, y = rs[n:], false, y+lead
		}
	}
	y += lead
	page = append(page, ofdLine{120, y, size, "某某市人民政府办公室"}, ofdLine{125, y + lead, size, "2024年3月5日"})
	pages = append(pages, page)
	want := "关于加快推进产业数字化转型的通知\n\n各区县人民政府，市政府各部门：\n\n" + strings.Join(paras, "\n\n") + "\n\n某某市人民政府办公室\n\n2024年3月5日\n"
	return pages, want
}

func TestOFDText(t *testing.T) {
	pages, want := noticePages()
	if len(pages) < 2 {
		t.Fatalf("the notice fits on %d page; the test wants a paragraph across a page break", len(pages))
	}
	info := `<ofd:Title>关于加快推进产业数字化转型的通知</ofd:Title><ofd:Author>某某市人民政府办公室</ofd:Author><ofd:CreationDate>2024-03-05</ofd:CreationDate>`
	for _, c := range []struct {
		name         string
		perChar, ctm bool
	}{{"a text object a line", false, false}, {"a text object a character", true, false}, {"sizes by transform", false, true}} {
		text, fm, err := ofdText(ofdFixture(t, info, pages, c.perChar, c.ctm), 1<<20)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if text != want {
			t.Errorf("%s: text\n%s\nwant\n%s", c.name, text, want)
		}
		if fm.Title != "关于加快推进产业数字化转型的通知" || fm.Author != "某某市人民政府办公室" || fm.Date != "2024-03-05" {
			t.Errorf("%s: front matter %+v", c.name, fm)
		}
	}
}

// packageError is an archive a reader must refuse, and how.
type packageError struct {
	name string
	b    []byte
	max  int64
	want error
	says string
}

// checkPackageErrors checks that read refuses each archive with its error,
// saying what it should.
func checkPackageErrors(t *testing.T, read func([]byte, int64) (string, frontMatter, error), cases []packageError) {
	t.Helper()
	for _, c := range cases {
		_, _, err := read(c.b, c.max)
		if !errors.Is(err, c.want) || !strings.Contains(fmt.Sprint(err), c.says) {
			t.Errorf("%s: %v; want %v saying %q", c.name, err, c.want, c.says)
		}
	}
}

func TestOFDErrors(t *testing.T) {
	pages, _ := noticePages()
	good := ofdFixture(t, "", pages, false, false)
	root := `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
	checkPackageErrors(t, ofdText, []packageError{
		{"not a zip", []byte("%PDF-1.7"), 1 << 20, ErrNotOFD, "not a ZIP"},
		{"no OFD.xml", zipOf(t, "a.xml", "<a/>"), 1 << 20, ErrNotOFD, "no OFD.xml"},
		{"no DocRoot", zipOf(t, "OFD.xml", `<ofd:OFD xmlns:ofd="x"><ofd:DocBody/></ofd:OFD>`), 1 << 20, ErrNotOFD, "DocRoot"},
		{"no pages", zipOf(t, "OFD.xml", root, "Doc_0/Document.xml", `<ofd:Document xmlns:ofd="x"><ofd:Pages/></ofd:Document>`), 1 << 20, ErrNotOFD, "no pages"},
		{"a scan", zipOf(t, "OFD.xml", root, "Doc_0/Document.xml", `<ofd:Document xmlns:ofd="x"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
			"Doc_0/Pages/Page_0/Content.xml", `<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer><ofd:ImageObject ID="5" Boundary="0 0 210 297" ResourceID="9"/></ofd:Layer></ofd:Content></ofd:Page>`), 1 << 20, ErrNoPDFText, "OCR"},
		{"over the limit", good, 2000, ErrTooLarge, "limit of 2000"},
	})
}

// A DocInfo title that is a file's name or a converter's placeholder is
// no title: the text's headline is.
func TestOFDTitle(t *testing.T) {
	pages, _ := noticePages()
	for _, title := range []string{"tongzhi.ofd", "Doc_0", "关于加快推进产业数字化转型的通知.ofd"} {
		_, byID, _, _ := loadFolder(t, map[string][]byte{"a.ofd": ofdFixture(t, "<ofd:Title>"+title+"</ofd:Title>", pages, false, false)})
		if d := byID["a"]; d == nil || d.Title != "关于加快推进产业数字化转型的通知" {
			t.Errorf("DocInfo title %q: %+v", title, d)
		}
	}
}

// An .ofd in a folder loads as a document, its DocInfo the metadata.
func TestLoadOFD(t *testing.T) {
	pages, want := noticePages()
	info := `<ofd:Title>关于加快推进产业数字化转型的通知</ofd:Title><ofd:CreationDate>2024-03-05T09:30:00</ofd:CreationDate>`
	_, byID, _, warns := loadFolder(t, map[string][]byte{"tongzhi.ofd": ofdFixture(t, info, pages, false, false), "broken.OFD": []byte("PK\x03\x04 not really")})
	d := byID["tongzhi"]
	if d == nil || d.Format() != "ofd" || d.Title != "关于加快推进产业数字化转型的通知" || d.Date != "2024-03-05" || d.Raw() != want {
		t.Fatalf("tongzhi.ofd: %+v", d)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "broken.OFD") || !errors.Is(warns[0], ErrNotOFD) {
		t.Errorf("warnings %v", warns)
	}
}

func FuzzOFDPage(f *testing.F) {
	pages, _ := noticePages()
	pkg := ofdFixture(f, "", pages, false, true)
	zr, _ := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	for _, zf := range zr.File {
		if b, err := readPart(zf, 1<<20); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<ofd:TextObject Boundary="1 2 3 4" CTM="0 0 0 0 1e308 -1e308" Size="NaN"><ofd:TextCode X="1e308" DeltaX="g 99999999 1 g -1 2">中文</ofd:TextCode></ofd:TextObject>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		pg, _ := ofdPage(b, [4]float64{0, 0, 210, 297})
		for _, g := range pg.glyphs {
			if !utf8.ValidString(g.text) {
				t.Fatalf("glyph %q", g.text)
			}
		}
		layoutPDF([]pdfPageLines{{box: pg.box, lines: pageLines(pg.glyphs, false)}})
		ofdNumbers(string(b), 64)
	})
}

// A page's own size (its Area) overrides the document's; v runs up from
// the page's foot, as a PDF's.
func TestOFDPageArea(t *testing.T) {
	page := `<ofd:Page xmlns:ofd="x"><ofd:Area><ofd:PhysicalBox>0 0 148 100</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer>` +
		`<ofd:TextObject ID="1" Boundary="10 20 50 8" Size="5"><ofd:TextCode X="2" Y="4" DeltaX="5 g 2 6">中文ab</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`
	pg, err := ofdPage([]byte(page), [4]float64{0, 0, 210, 297})
	if err != nil || pg.box != [4]float64{0, 0, 148, 100} || len(pg.glyphs) != 4 {
		t.Fatalf("%v, box %v, %d glyphs", err, pg.box, len(pg.glyphs))
	}
	for i, want := range []pdfGlyph{{u: 12, v: 76, w: 5, size: 5, text: "中"}, {u: 17, v: 76, w: 6, size: 5, text: "文"}, {u: 23, v: 76, w: 6, size: 5, text: "a"}, {u: 29, v: 76, w: 2.5, size: 5, text: "b"}} {
		if pg.glyphs[i] != want {
			t.Errorf("glyph %d: %+v, want %+v", i, pg.glyphs[i], want)
		}
	}
}
