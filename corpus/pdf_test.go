package corpus

import (
	"bytes"
	"compress/zlib"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The tests write their PDFs: pdfWriter lays out objects and a
// cross-reference table (or stream) as a generator would.

type pdfWriter struct {
	objs [][]byte // object i+1's body, after "N 0 obj"
}

func (w *pdfWriter) add(body string) int {
	w.objs = append(w.objs, []byte(body))
	return len(w.objs)
}

func (w *pdfWriter) set(n int, body string) { w.objs[n-1] = []byte(body) }

func flateOf(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func (w *pdfWriter) stream(dict string, data []byte, compress bool) int {
	if compress {
		data = flateOf(data)
		dict += "/Filter/FlateDecode"
	}
	return w.add(fmt.Sprintf("<<%s/Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

// bytes writes the file: trailer gives the trailer's entries (/Root …).
func (w *pdfWriter) bytes(trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offs := make([]int, len(w.objs))
	for i, o := range w.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<%s/Size %d>>\nstartxref\n%d\n%%%%EOF\n", trailer, len(w.objs)+1, xref)
	return b.Bytes()
}

// pdfLineOut is a line to draw: at (x, y) in points, in size, with
// text; narrow characters advance half the size, wide ones the size.
type pdfLineOut struct {
	x, y, size float64
	text       string
}

// pdfDocOut is a document to write.
type pdfDocOut struct {
	pages [][]pdfLineOut
	raw   []string // content appended to each page, as written
	// font: "cid" (Identity-H with a ToUnicode map: the default), "ucs2"
	// (UniGB-UCS2-H, no map), "gbk" (GBK-EUC-H, no map), "nomap"
	// (Identity-H without a map), "gb1" and "cns1" (Identity-H without a
	// map, codes the CIDs of Adobe-GB1 or Adobe-CNS1, as XeTeX writes),
	// "ttf4", "ttf4array", "ttf12", "ttfgbk" (Identity-H without a map, the
	// TrueType font file embedded, its cmap of that format: trueTypeFont)
	// and "ttfgidmap" (the same through a CIDToGIDMap stream).
	font     string
	radicals bool // the map gives Kangxi radicals for 日 and 月
	title    string
	form     string // content of a form XObject /X1 each page may draw
}

func pdfAdvance(r rune) float64 {
	if isWidePDF(r) {
		return 1
	}
	return 0.5
}

// writePDF returns the PDF of doc and, for tests that change it, the
// writer and the trailer.
func writePDF(doc pdfDocOut) []byte {
	w, trailer := buildPDF(doc)
	return w.bytes(trailer)
}

func buildPDF(doc pdfDocOut) (*pdfWriter, string) {
	w := &pdfWriter{}
	catalog := w.add("") // set below
	pagesN := w.add("")
	// Glyph numbers: one per character, in order of first use.
	cids := map[rune]int{}
	var order []rune
	for _, p := range doc.pages {
		for _, l := range p {
			for _, r := range l.text {
				if _, ok := cids[r]; !ok {
					cids[r] = len(cids) + 1
					order = append(order, r)
				}
			}
		}
	}
	encode := func(s string) string {
		var b []byte
		switch doc.font {
		case "ucs2":
			for _, r := range s {
				b = append(b, byte(r>>8), byte(r))
			}
		case "gbk":
			b, _ = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		case "gb1", "cns1":
			table := map[string][]rune{"gb1": cidsGB1(), "cns1": cidsCNS1()}[doc.font]
			for _, r := range s {
				cid := slices.Index(table, r)
				if cid < 0 {
					cid = 0 // .notdef: the font lacks it
				}
				b = append(b, byte(cid>>8), byte(cid))
			}
		default:
			for _, r := range s {
				b = append(b, byte(cids[r]>>8), byte(cids[r]))
			}
		}
		return fmt.Sprintf("<%X>", b)
	}
	var font int
	switch doc.font {
	case "ucs2", "gbk":
		enc := map[string]string{"ucs2": "UniGB-UCS2-H", "gbk": "GBK-EUC-H"}[doc.font]
		desc := w.add("<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/DW 1000/W[1 95 500]>>")
		font = w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-%s/Encoding/%s/DescendantFonts[%d 0 R]>>", enc, enc, desc))
	case "gb1", "cns1":
		ordering := map[string]string{"gb1": "GB1", "cns1": "CNS1"}[doc.font]
		desc := w.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType0/BaseFont/ABCDEF+FandolSong-Regular/CIDSystemInfo<</Registry(Adobe)/Ordering(%s)/Supplement 5>>/DW 1000>>", ordering))
		font = w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/ABCDEF+FandolSong-Regular-Identity-H/Encoding/Identity-H/DescendantFonts[%d 0 R]>>", desc))
	default:
		var widths []string
		for _, r := range order {
			widths = append(widths, fmt.Sprint(pdfAdvance(r)*1000))
		}
		embedded := ""
		if strings.HasPrefix(doc.font, "ttf") {
			gids, shift := map[rune]int{}, 0
			if doc.font == "ttfgidmap" {
				shift = 100 // glyph = CID + 100
				var gm []byte
				for cid := range len(order) + 1 {
					gm = append(gm, byte((cid+shift)>>8), byte(cid+shift))
				}
				embedded = fmt.Sprintf("/CIDToGIDMap %d 0 R", w.stream("", gm, true))
			}
			for _, r := range order {
				gids[r] = cids[r] + shift
			}
			format := map[string]string{"ttf4": "4", "ttf4array": "4array", "ttf12": "12", "ttfgbk": "gbk", "ttfgidmap": "4"}[doc.font]
			file := w.stream("", trueTypeFont(format, gids), true)
			fd := w.add(fmt.Sprintf("<</Type/FontDescriptor/FontName/ABCDEF+SimSun/Flags 4/FontFile2 %d 0 R>>", file))
			embedded += fmt.Sprintf("/FontDescriptor %d 0 R", fd)
		}
		desc := w.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000/W[1[%s]]%s>>", strings.Join(widths, " "), embedded))
		toUni := ""
		if doc.font != "nomap" && !strings.HasPrefix(doc.font, "ttf") {
			var cm strings.Builder
			cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
			fmt.Fprintf(&cm, "%d beginbfchar\n", len(order))
			for _, r := range order {
				u := r
				if doc.radicals && r == '日' {
					u = 0x2F47 // ⽇ KANGXI RADICAL SUN
				}
				if doc.radicals && r == '月' {
					u = 0x2F49
				}
				fmt.Fprintf(&cm, "<%04X> <%04X>\n", cids[r], u)
			}
			cm.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
			toUni = fmt.Sprintf("/ToUnicode %d 0 R", w.stream("", []byte(cm.String()), true))
		}
		font = w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[%d 0 R]%s>>", desc, toUni))
	}
	xobj := ""
	if doc.form != "" {
		form := w.stream(fmt.Sprintf("/Type/XObject/Subtype/Form/BBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>", font), []byte(doc.form), true)
		xobj = fmt.Sprintf("/XObject<</X1 %d 0 R>>", form)
	}
	var kids []string
	for i, p := range doc.pages {
		var c strings.Builder
		for _, l := range p {
			fmt.Fprintf(&c, "BT /F1 %g Tf %g %g Td %s Tj ET\n", l.size, l.x, l.y, encode(l.text))
		}
		if i < len(doc.raw) {
			c.WriteString(doc.raw[i])
		}
		content := w.stream("", []byte(c.String()), true)
		page := w.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>%s>>/Contents %d 0 R>>", pagesN, font, xobj, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	w.set(pagesN, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(kids)))
	w.set(catalog, fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pagesN))
	trailer := fmt.Sprintf("/Root %d 0 R", catalog)
	if doc.title != "" {
		trailer += fmt.Sprintf("/Info %d 0 R", w.add(fmt.Sprintf("<</Title<FEFF%X>/Producer(test)>>", utf16BE(doc.title))))
	}
	return w, trailer
}

func utf16BE(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xFFFF {
			r1, r2 := (r-0x10000)>>10+0xD800, (r-0x10000)&0x3FF+0xDC00
			b = append(b, byte(r1>>8), byte(r1), byte(r2>>8), byte(r2))
			continue
		}
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

// typeset lays paragraphs out as a word processor does on A4: lines of
// cols em at size points, a paragraph's first line indented two em when
// indent is set, linesPerPage lines a page, each page with a running
// header and a page number in its footer. Lines break before a
// character that does not fit, keeping closing punctuation on the line.
func typeset(paras []string, size float64, cols int, indent bool, linesPerPage int) [][]pdfLineOut {
	var pages [][]pdfLineOut
	var page []pdfLineOut
	const left, top = 80.0, 760.0
	pitch := size * 1.8
	newPage := func() {
		if page != nil {
			page = append(page, pdfLineOut{x: 280, y: 60, size: 10.5, text: fmt.Sprintf("— %d —", len(pages)+1)})
			pages = append(pages, page)
		}
		page = []pdfLineOut{{x: 230, y: 800, size: 10.5, text: "国务院公报 2024年第8号"}}
	}
	newPage()
	n := 0
	emit := func(x float64, s string) {
		if n == linesPerPage {
			newPage()
			n = 0
		}
		page = append(page, pdfLineOut{x: x, y: top - float64(n)*pitch, size: size, text: s})
		n++
	}
	for _, p := range paras {
		rs := []rune(p)
		width, x := float64(cols), left
		if indent {
			width, x = float64(cols-2), left+2*size
		}
		for len(rs) > 0 {
			used, k := 0.0, 0
			for k < len(rs) && used+pdfAdvance(rs[k]) <= width {
				used += pdfAdvance(rs[k])
				k++
			}
			for k < len(rs) && strings.ContainsRune(noLineStart, rs[k]) {
				k++ // hanging punctuation
			}
			if k < len(rs) && isLatinWord(rs[k]) {
				// A Latin word goes whole to the next line, or its part
				// after a hyphen.
				if sp := strings.LastIndexAny(string(rs[:k]), " -"); sp > 0 {
					k = utf8.RuneCountInString(string(rs[:k])[:sp]) + 1
				}
			}
			emit(x, strings.TrimRight(string(rs[:k]), " "))
			rs = rs[k:]
			width, x = float64(cols), left
		}
	}
	newPage()
	return pages
}

var pdfParas = []string{
	"国务院关于印发《推动大规模设备更新和消费品以旧换新行动方案》的通知",
	"各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
	"现将《推动大规模设备更新和消费品以旧换新行动方案》印发给你们，请认真贯彻执行。推动大规模设备更新和消费品以旧换新，是加快构建新发展格局、推动高质量发展的重要举措，将有力促进投资和消费，既利当前、更利长远。",
	"一、总体要求。坚持市场为主、政府引导，坚持鼓励先进、淘汰落后，坚持标准引领、有序提升。到2027年，工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较2023年增长25%以上。",
	"据新华社报道，WTO Director-General Ngozi Okonjo-Iweala said the agreement would help developing economies join global value chains and expand trade in services across the region.",
	"国务院",
	"2024年3月7日",
}

func pdfTextOf(t *testing.T, b []byte) (string, frontMatter, string) {
	t.Helper()
	text, fm, warn, err := pdfText(b, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	return text, fm, warn
}

func pdfParasOf(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func TestPDFParagraphs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		font   string
		size   float64
		cols   int
		indent bool
	}{
		{"indented, 16pt, cross pages", "cid", 16, 28, true},
		{"indented, narrow column", "cid", 12, 17, true},
		{"ucs2 CMap, no map", "ucs2", 16, 28, true},
		{"gbk CMap, no map", "gbk", 14, 30, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := pdfDocOut{pages: typeset(pdfParas, tc.size, tc.cols, tc.indent, 6), font: tc.font}
			if len(doc.pages) < 3 {
				t.Fatalf("the fixture should span pages: %d", len(doc.pages))
			}
			text, _, warn := pdfTextOf(t, writePDF(doc))
			if warn != "" {
				t.Errorf("warning %q", warn)
			}
			got := pdfParasOf(text)
			if strings.Join(got, "\n") != strings.Join(pdfParas, "\n") {
				t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(pdfParas, "\n"))
			}
		})
	}
}

// Without indentation, a paragraph ends where its line stops short of the
// margin by more than the next line's first unit needs, or where the next
// line stands further off than the line spacing.
func TestPDFRaggedParagraphs(t *testing.T) {
	line := func(y float64, s string) pdfLineOut { return pdfLineOut{x: 72, y: y, size: 12, text: s} }
	full := strings.Repeat("贸易", 20) // 40 em: the margin
	pages := [][]pdfLineOut{{
		line(700, full),
		line(686, "合作"+strings.Repeat("投", 36)), // 38 em: 《eWTP》 did not fit
		line(672, "《eWTP》项目第一次在欧洲国家正式落地。"),
		line(658, "短行。"), // stops short: 在 would fit
		line(644, "在比利时首相米歇尔见证下签署。"+strings.Repeat("中", 25)), // 40 em
		line(621, "据悉，双方代表经过多轮谈判。"),                          // further off than the spacing
		line(607, full),
		line(593, "1. 第一项"), // an item
		line(579, full),
		line(565, "16.5万辆次。"), // a number, not an item
	}}
	text, _, _ := pdfTextOf(t, writePDF(pdfDocOut{pages: pages}))
	want := []string{
		full + "合作" + strings.Repeat("投", 36) + "《eWTP》项目第一次在欧洲国家正式落地。",
		"短行。",
		"在比利时首相米歇尔见证下签署。" + strings.Repeat("中", 25),
		"据悉，双方代表经过多轮谈判。", // 贸 would have fitted after it
		full,
		"1. 第一项",
		full + "16.5万辆次。",
	}
	if got := pdfParasOf(text); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPDFLines(t *testing.T) {
	hex := func(s string, cids map[rune]int) string {
		var b strings.Builder
		for _, r := range s {
			fmt.Fprintf(&b, "%04X", cids[r])
		}
		return b.String()
	}
	for _, tc := range []struct {
		name    string
		content func(h func(string) string) string
		want    string
	}{
		{"spaces drawn first, then the words", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 130 700 Td <%s> Tj ET BT /F1 12 Tf 100 700 Td <%s> Tj ET BT /F1 12 Tf 136 700 Td <%s> Tj ET", h(" "), h("Hello"), h("world"))
		}, "Hello world"},
		{"a word gap made by TJ", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td [<%s> -400 <%s>] TJ ET", h("Trade"), h("war"))
		}, "Trade war"},
		{"justified: a generator that draws its spaces", func(h func(string) string) string {
			// 主動 ends at 124; (dòng) starts 0.8 em on: stretched, no space.
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td <%s> Tj ET BT /F1 12 Tf 133.6 700 Td <%s> Tj ET BT /F1 12 Tf 100 600 Td <%s> Tj ET", h("主動"), h("(dòng)"), h("Hello world"))
		}, "主動(dòng)\n\nHello world"},
		{"kerning is no gap", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td [<%s> -30 <%s>] TJ ET", h("Tra"), h("de"))
		}, "Trade"},
		{"Chinese set apart stays together", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 20 Tf 10 Tc 100 700 Td <%s> Tj ET", h("通知"))
		}, "通知"},
		{"bold faked by drawing twice", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td <%s> Tj ET BT /F1 12 Tf 100.3 700 Td <%s> Tj ET", h("重要"), h("重要"))
		}, "重要"},
		{"lines by baseline, in drawing order", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 14 TL 100 700 Td <%s> Tj T* <%s> Tj ET", h("第一行"), h("第二行"))
		}, "第一行\n\n第二行"}, // lines of three em are no text block
		{"a scaled matrix and q/Q", func(h func(string) string) string {
			return fmt.Sprintf("q 2 0 0 2 0 0 cm BT /F1 6 Tf 50 350 Td <%s> Tj ET Q BT /F1 12 Tf 124 700 Td <%s> Tj ET", h("中国"), h("经济"))
		}, "中国经济"},
		{"text turned a quarter", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 0 1 -1 0 300 100 Tm <%s> Tj ET", h("竖排标题"))
		}, "竖排标题"},
		{"characters set one under another, a word turned in the column", func(h func(string) string) string {
			var b strings.Builder
			for i, r := range []rune("中美") {
				fmt.Fprintf(&b, "BT /F1 16 Tf 1 0 0 1 300 %g Tm <%s> Tj ET ", 700-17*float64(i), h(string(r)))
			}
			fmt.Fprintf(&b, "BT /F1 16 Tf 0 -1 1 0 302.5 676 Tm <%s> Tj ET ", h("(huì)"))
			for i, r := range []rune("晤后") {
				fmt.Fprintf(&b, "BT /F1 16 Tf 1 0 0 1 300 %g Tm <%s> Tj ET ", 622-17*float64(i), h(string(r)))
			}
			return b.String()
		}, "中美(huì)晤后"},
		{"a watermark at 45° left out", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 48 Tf 0.7071 0.7071 -0.7071 0.7071 150 300 Tm <%s> Tj ET BT /F1 12 Tf 100 700 Td <%s> Tj ET", h("页眉"), h("正文"))
		}, "正文"},
		{"artifacts left out", func(h func(string) string) string {
			return fmt.Sprintf("/Artifact <</Type/Pagination>> BDC BT /F1 12 Tf 100 800 Td <%s> Tj ET EMC /P <</MCID 0>> BDC BT /F1 12 Tf 100 700 Td <%s> Tj ET EMC", h("页眉"), h("正文"))
		}, "正文"},
		{"a table's cells, by their gaps and by where the cells of a column start", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td <%s> Tj ET BT /F1 12 Tf 208 700 Td <%s> Tj ET BT /F1 12 Tf 300 700 Td <%s> Tj ET ", h("指标"), h("2021年"), h("2022年")) +
				fmt.Sprintf("BT /F1 12 Tf 100 680 Td <%s> Tj ET BT /F1 12 Tf 208 680 Td <%s> Tj ET BT /F1 12 Tf 300 680 Td <%s> Tj ET", h("市场主体（万户）"), h("2887"), h("2908"))
		}, "指标 | 2021年 | 2022年\n\n市场主体（万户） | 2887 | 2908"},
		{"a note's mark set small and raised, and the note at the foot", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 12 Tf 100 700 Td <%s> Tj ET BT /F1 7 Tf 136 704.6 Td <%s> Tj ET ", h("项目。"), h("12")) +
				fmt.Sprintf("BT /F1 12 Tf 100 600 Td <%s> Tj ET BT /F1 7 Tf 124 604.6 Td <%s> Tj ET ", h("面积"), h("2")) +
				fmt.Sprintf("BT /F1 12 Tf 100 500 Td <%s> Tj ET BT /F1 7 Tf 124 504.6 Td <%s> Tj ET ", h("Cn"), h("2")) + // a Latin letter's is an exponent
				fmt.Sprintf("BT /F1 7 Tf 100 104.6 Td <%s> Tj ET BT /F1 12 Tf 106 100 Td <%s> Tj ET", h("12"), h(" 参见目录。"))
		}, "项目。[12]\n\n面积[2]\n\nCn2\n\n[12] 参见目录。"},
		{"a word spaced out is no table", func(h func(string) string) string {
			return fmt.Sprintf("BT /F1 20 Tf 100 700 Td <%s> Tj ET BT /F1 20 Tf 180 700 Td <%s> Tj ET", h("通"), h("知"))
		}, "通 知"},
		{"inline image skipped", func(h func(string) string) string {
			return fmt.Sprintf("BI /W 2 /H 2 /BPC 8 /CS /G ID \x00(\xFF BT EI Q\n BT /F1 12 Tf 100 700 Td <%s> Tj ET", h("图后"))
		}, "图后"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runes := "Helo wrdTaCnestinghw中国经济通知重要第一二三行竖排标题页眉正文图后主動()dòng美會ìu晤指标年市场主体（万户）0123456789项目。面积参见录"
			w := &pdfWriter{}
			cids := map[rune]int{}
			var order []rune
			for _, r := range runes {
				if _, ok := cids[r]; !ok {
					cids[r] = len(cids) + 1
					order = append(order, r)
				}
			}
			var widths, bf []string
			for _, r := range order {
				widths = append(widths, fmt.Sprint(pdfAdvance(r)*1000))
				bf = append(bf, fmt.Sprintf("<%04X> <%04X>", cids[r], r))
			}
			cmap := "begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange " + fmt.Sprint(len(bf)) + " beginbfchar " + strings.Join(bf, " ") + " endbfchar endcmap"
			tu := w.stream("", []byte(cmap), false)
			desc := w.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/W[1[%s]]>>", strings.Join(widths, " ")))
			font := w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>", desc, tu))
			content := w.stream("", []byte(tc.content(func(s string) string { return hex(s, cids) })), false)
			page := w.add(fmt.Sprintf("<</Type/Page/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", font, content))
			pages := w.add(fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", page))
			cat := w.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
			text, _, _ := pdfTextOf(t, w.bytes(fmt.Sprintf("/Root %d 0 R", cat)))
			if got := strings.TrimSpace(text); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A character map that is off (as Ghostscript 10.0 rewrites some files'
// maps: 北京 as Xð, ， as Ā) gives text no one can quote from; the reader
// says so. Chinese with pinyin, and Latin text with accents, do not warn.
func TestPDFMisreadMapWarns(t *testing.T) {
	damaged := strings.Repeat("Xð时间2017年1o10日凌晨ĀP美国候任总统会¯室进行了会面交流2\u007f", 8)
	for _, tc := range []struct {
		text string
		warn bool
	}{
		{damaged, true},
		{strings.Repeat("会(huì)晤后，两国经贸合作正在加速进行。Zürich 与 São Paulo 的代表参加。", 3), false},
		{strings.Repeat("Les délégués de Genève et de Zürich ont signé l'accord à Montréal. ", 3), false},
	} {
		lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: tc.text}}}
		_, _, warn := pdfTextOf(t, writePDF(pdfDocOut{pages: lines}))
		if got := strings.Contains(warn, "look misread"); got != tc.warn {
			t.Errorf("%.30q: warning %q", tc.text, warn)
		}
	}
}

// XeTeX's PDFs draw OpenType CJK fonts by CID through Identity-H with no
// ToUnicode map; the collection the font names (Adobe-GB1, Adobe-CNS1)
// says which character each CID is. A character the font lacks is drawn
// as CID 0 (.notdef) and said to be missing from the PDF itself.
func TestPDFCIDCollections(t *testing.T) {
	for _, tc := range []struct{ font, text string }{
		{"gb1", "中美首脑会晤后，两国经贸合作正在加速进行。WTO 2024"},
		{"cns1", "中美首腦會晤後，兩國經貿合作正在加速進行。WTO 2024"},
	} {
		lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: tc.text}}}
		text, _, warn := pdfTextOf(t, writePDF(pdfDocOut{pages: lines, font: tc.font}))
		if got := strings.TrimSpace(text); got != tc.text || warn != "" {
			t.Errorf("%s: %q, warning %q", tc.font, got, warn)
		}
	}
	lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "增𠝹強產𠝹業"}}} // 𠝹 is not in Adobe-GB1
	text, _, warn := pdfTextOf(t, writePDF(pdfDocOut{pages: lines, font: "gb1"}))
	if strings.TrimSpace(text) != "增強產業" || !strings.Contains(warn, "2 characters missing from the PDF itself"+NoteEnd) {
		t.Errorf("missing glyphs: %q, warning %q", text, warn)
	}
}

// trueTypeFont makes a TrueType font file of nothing but a cmap table
// mapping each character to its glyph: format "4" (a segment a character,
// glyphs by delta), "4array" (one segment, glyphs from its array), "12"
// (groups), or "gbk" (format 4 in platform 3 encoding 3: codes in GBK).
func trueTypeFont(format string, gids map[rune]int) []byte {
	be16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	be32 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint32(b, uint32(v)) }
	type pair struct{ code, gid int }
	var pairs []pair
	for r, g := range gids {
		code := int(r)
		if format == "gbk" {
			b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(string(r)))
			if err != nil {
				continue
			}
			code = int(b[0])
			if len(b) == 2 {
				code = int(b[0])<<8 | int(b[1])
			}
		}
		pairs = append(pairs, pair{code, g})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return a.code - b.code })
	var sub []byte
	encID := 1
	switch format {
	case "12":
		encID = 10
		sub = be16(be16(sub, 12), 0)
		sub = be32(be32(be32(sub, 16+12*len(pairs)), 0), len(pairs))
		for _, p := range pairs {
			sub = be32(be32(be32(sub, p.code), p.code), p.gid)
		}
	case "4array":
		// One segment from the first code to the last, its glyphs in the
		// array (0 for codes between that have none), then the end.
		first, last := pairs[0].code, pairs[len(pairs)-1].code
		glyph := map[int]int{}
		for _, p := range pairs {
			glyph[p.code] = p.gid
		}
		sub = be16(be16(be16(sub, 4), 0), 0)
		sub = be16(be16(be16(be16(sub, 4), 0), 0), 0) // segCountX2 = 4; the search fields unread
		sub = be16(be16(sub, last), 0xFFFF)           // ends
		sub = be16(sub, 0)                            // reserved
		sub = be16(be16(sub, first), 0xFFFF)          // starts
		sub = be16(be16(sub, 0), 1)                   // deltas
		sub = be16(be16(sub, 4), 0)                   // range offsets: the array is 4 bytes past the first
		for c := first; c <= last; c++ {
			sub = be16(sub, glyph[c])
		}
		binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	default: // "4", "gbk": a segment a code, glyphs by delta
		if format == "gbk" {
			encID = 3
		}
		segs := len(pairs) + 1
		sub = be16(be16(be16(sub, 4), 0), 0)
		sub = be16(be16(be16(be16(sub, 2*segs), 0), 0), 0)
		for _, p := range pairs {
			sub = be16(sub, p.code)
		}
		sub = be16(be16(sub, 0xFFFF), 0)
		for _, p := range pairs {
			sub = be16(sub, p.code)
		}
		sub = be16(sub, 0xFFFF)
		for _, p := range pairs {
			sub = be16(sub, p.gid-p.code)
		}
		sub = be16(sub, 1)
		for range segs {
			sub = be16(sub, 0)
		}
		binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	}
	cmap := be16(be16(nil, 0), 1)
	cmap = be32(be16(be16(cmap, 3), encID), 12)
	cmap = append(cmap, sub...)
	font := be32(nil, 0x00010000)
	font = be16(be16(be16(be16(font, 1), 16), 0), 0)
	font = append(font, "cmap"...)
	font = be32(be32(be32(font, 0), 12+16), len(cmap))
	return append(font, cmap...)
}

// A TrueType font drawn through Identity-H without a ToUnicode map is read
// through the cmap of the font file the PDF embeds, as pdftotext reads it;
// without the file its glyphs stay unread, and said to be.
func TestPDFTrueTypeWithoutMap(t *testing.T) {
	const want = "中美首腦會晤后，两国经贸合作正在加速进行。WTO 2024"
	for _, font := range []string{"ttf4", "ttf4array", "ttf12", "ttfgbk", "ttfgidmap"} {
		text := want
		if font == "ttfgbk" {
			text = "中美首脑会晤后，两国经贸合作正在加速进行。WTO 2024" // GBK has the simplified forms
		}
		lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: text}}}
		got, _, warn := pdfTextOf(t, writePDF(pdfDocOut{pages: lines, font: font}))
		if got = strings.TrimSpace(got); got != text || warn != "" {
			t.Errorf("%s: %q, warning %q", font, got, warn)
		}
	}
	lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: want}}}
	if _, _, _, err := pdfText(writePDF(pdfDocOut{pages: lines, font: "nomap"}), 1<<30); !errors.Is(err, ErrNoPDFText) {
		t.Errorf("no map and no font file: %v", err)
	}
}

// A glyph several characters map to reads as the one a text means: not a
// compatibility ideograph, radical or private-use code point.
func TestTrueTypeChars(t *testing.T) {
	font := trueTypeFont("12", map[rune]int{'中': 1, '': 2, '年': 2, '⽇': 3, '日': 3, '六': 4, '六': 4, '𠝹': 5})
	got := trueTypeChars(font)
	if want := []rune{0, '中', '年', '日', '六', '𠝹'}; !slices.Equal(got, want) {
		t.Errorf("trueTypeChars = %q, want %q", got, want)
	}
	for _, bad := range [][]byte{nil, []byte("ttcf"), font[:20], font[:len(font)-5], append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\xff\xff\xff\xff"), font...)} {
		trueTypeChars(bad) // no panic
	}
}

func FuzzTrueTypeChars(f *testing.F) {
	for _, format := range []string{"4", "4array", "12", "gbk"} {
		f.Add(trueTypeFont(format, map[rune]int{'中': 1, '国': 2, 'A': 3}))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if g := trueTypeChars(data); len(g) > maxTrueTypeGlyphs {
			t.Fatalf("%d glyphs", len(g))
		}
	})
}

func TestPDFFontsAndMetadata(t *testing.T) {
	lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "日月同辉，明日再会。"}}}
	text, _, _ := pdfTextOf(t, writePDF(pdfDocOut{pages: lines, radicals: true}))
	if strings.TrimSpace(text) != "日月同辉，明日再会。" {
		t.Errorf("Kangxi radicals from the map: %q", text)
	}
	// A simple font: WinAnsi with differences naming glyphs.
	w := &pdfWriter{}
	font := w.add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding<</BaseEncoding/WinAnsiEncoding/Differences[128/uni4E2D/uni56FD 146/quoteright]>>/FirstChar 32/LastChar 32/Widths[278]>>")
	content := w.stream("", []byte("BT /F1 12 Tf 72 700 Td (China\\222s \\200\\201 caf\\351) Tj ET"), false)
	page := w.add(fmt.Sprintf("<</Type/Page/MediaBox[0 0 612 792]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", font, content))
	pages := w.add(fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", page))
	cat := w.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
	text, _, _ = pdfTextOf(t, w.bytes(fmt.Sprintf("/Root %d 0 R", cat)))
	if strings.TrimSpace(text) != "China’s 中国 café" {
		t.Errorf("simple font: %q", text)
	}
	// A ToUnicode map of ranges, one as a start, one as an array, over
	// a simple font.
	w = &pdfWriter{}
	tu := w.stream("", []byte("1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfrange <41> <43> <4E2D> <44> <45> [<56FD> <4EBA>] <46> <46> <D840DC00> endbfrange"), false)
	font = w.add(fmt.Sprintf("<</Type/Font/Subtype/TrueType/BaseFont/SimSun/FirstChar 65/LastChar 70/Widths[1000 1000 1000 1000 1000 1000]/ToUnicode %d 0 R>>", tu))
	content = w.stream("", []byte("BT /F1 12 Tf 72 700 Td (ABCDEFG) Tj ET"), false)
	page = w.add(fmt.Sprintf("<</Type/Page/MediaBox[0 0 612 792]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", font, content))
	pages = w.add(fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", page))
	cat = w.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
	text, _, _ = pdfTextOf(t, w.bytes(fmt.Sprintf("/Root %d 0 R", cat)))
	if strings.TrimSpace(text) != "中丮丯国人𠀀G" {
		t.Errorf("ranges: %q", text)
	}
	for _, tc := range []struct{ title, want string }{
		{"关于印发行动方案的通知", "关于印发行动方案的通知"},
		{"Microsoft Word - 20240305.doc", ""},
		{"Document1", ""},
		{"Microsoft Word - 政府工作报告", "政府工作报告"},
		// A web page printed to PDF by a browser: its <title>.
		{"国务院关于推进数字经济发展的意见_中国政府网", "国务院关于推进数字经济发展的意见"},
		{"人民网", ""},
	} {
		_, fm, _ := pdfTextOf(t, writePDF(pdfDocOut{pages: lines, title: tc.title}))
		if fm.Title != tc.want {
			t.Errorf("title %q: got %q, want %q", tc.title, fm.Title, tc.want)
		}
	}
	// A GBK title where the format says PDFDocEncoding, as Chinese tools
	// write it.
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("国务院办公厅关于加快发展外贸新业态的意见")
	if got := pdfTextString(pdfString(gbk)); got != "国务院办公厅关于加快发展外贸新业态的意见" {
		t.Errorf("GBK title: %q", got)
	}
}

func TestPDFFormsAndObjectStreams(t *testing.T) {
	// Text in a form XObject is read; a form that draws itself stops.
	doc := pdfDocOut{pages: [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "正文第一段。"}}}, form: "BT /F1 12 Tf 72 600 Td <0001> Tj ET /X1 Do"}
	doc.raw = []string{"/X1 Do"}
	text, _, _ := pdfTextOf(t, writePDF(doc))
	if got := pdfParasOf(text); len(got) != 2 || got[0] != "正文第一段。" || got[1] != "正" {
		t.Errorf("form: %q", got)
	}
	// The same document with its objects packed in an object stream and a
	// cross-reference stream instead of a table and trailer.
	w, trailer := buildPDF(pdfDocOut{pages: typeset(pdfParas[:3], 16, 28, true, 4)})
	var packed, header strings.Builder
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var streams []int
	for i, o := range w.objs {
		if bytes.Contains(o, []byte("stream\n")) {
			streams = append(streams, i)
			continue
		}
		fmt.Fprintf(&header, "%d %d ", i+1, packed.Len())
		packed.Write(o)
		packed.WriteString("\n")
	}
	data := flateOf([]byte(header.String() + packed.String()))
	n := len(w.objs) - len(streams) // objects in the stream
	objStm := len(w.objs) + 1
	for _, i := range streams {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, w.objs[i])
	}
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\n", objStm, n, header.Len(), len(data), data)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type/XRef%s/Size %d/W[1 4 2]/Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n0\n%%%%EOF\n", objStm+1, trailer, objStm+2)
	text, _, _ = pdfTextOf(t, b.Bytes())
	if got := pdfParasOf(text); strings.Join(got, "\n") != strings.Join(pdfParas[:3], "\n") {
		t.Errorf("object streams:\n%s", text)
	}
}

// encryptPDF encrypts w's strings and streams as the standard security
// handler does with an empty user password: revision 3, RC4 with a
// 128-bit key (Algorithms 1, 2, 3 and 5 of ISO 32000-1, written here
// apart from the reader's code).
func encryptPDF(w *pdfWriter, id []byte, user string) (encrypt string) {
	pad := func(pw string) []byte { return append([]byte(pw), pdfPad...)[:32] }
	rc := func(key, b []byte) []byte {
		c, _ := rc4.NewCipher(key)
		out := make([]byte, len(b))
		c.XORKeyStream(out, b)
		return out
	}
	// O (Algorithm 3), owner password "owner".
	h := md5.Sum(pad("owner"))
	ok := h[:]
	for i := 0; i < 50; i++ {
		s := md5.Sum(ok)
		ok = s[:]
	}
	o := pad(user)
	for i := 0; i < 20; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = ok[j] ^ byte(i)
		}
		o = rc(k, o)
	}
	const p = -4 // all permissions
	hh := md5.New()
	hh.Write(pad(user))
	hh.Write(o)
	hh.Write([]byte{0xFC, 0xFF, 0xFF, 0xFF})
	hh.Write(id)
	key := hh.Sum(nil)
	for i := 0; i < 50; i++ {
		s := md5.Sum(key)
		key = s[:]
	}
	// U (Algorithm 5).
	hu := md5.New()
	hu.Write(pdfPad)
	hu.Write(id)
	u := hu.Sum(nil)
	for i := 0; i < 20; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = key[j] ^ byte(i)
		}
		u = rc(k, u)
	}
	u = append(u, make([]byte, 16)...)
	for i, obj := range w.objs {
		n := i + 1
		sum := md5.Sum(append(append([]byte(nil), key...), byte(n), byte(n>>8), byte(n>>16), 0, 0))
		okey := sum[:]
		if s, e, found := bytes.Cut(obj, []byte("stream\n")); found {
			data, rest, _ := bytes.Cut(e, []byte("\nendstream"))
			obj = append(append(append(append([]byte(nil), s...), "stream\n"...), rc(okey, data)...), append([]byte("\nendstream"), rest...)...)
		}
		// Hex strings outside streams (the Info title).
		if i := bytes.Index(obj, []byte("/Title<")); i >= 0 {
			j := bytes.IndexByte(obj[i+7:], '>') + i + 7
			l := pdfLexer{b: obj[i+6 : j+1]}
			plain := l.hexString()
			obj = append(append(append([]byte(nil), obj[:i+7]...), fmt.Sprintf("%X", rc(okey, []byte(plain)))...), obj[j:]...)
		}
		w.objs[i] = obj
	}
	return fmt.Sprintf("<</Filter/Standard/V 2/R 3/Length 128/O<%X>/U<%X>/P %d>>", o, u, p)
}

func TestPDFEncrypted(t *testing.T) {
	id := []byte("0123456789abcdef")
	for _, tc := range []struct {
		user string
		ok   bool
	}{{"", true}, {"secret", false}} {
		w, trailer := buildPDF(pdfDocOut{pages: typeset(pdfParas[:3], 16, 28, true, 4), title: "关于印发行动方案的通知"})
		enc := w.add(encryptPDF(w, id, tc.user))
		trailer += fmt.Sprintf("/Encrypt %d 0 R/ID[<%X><%X>]", enc, id, id)
		text, fm, _, err := pdfText(w.bytes(trailer), 1<<30)
		if !tc.ok {
			if !errors.Is(err, ErrNotPDF) || !strings.Contains(err.Error(), "password") {
				t.Errorf("user password: err %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := pdfParasOf(text); strings.Join(got, "\n") != strings.Join(pdfParas[:3], "\n") {
			t.Errorf("RC4 128 decrypted:\n%s", text)
		}
		if fm.Title != "关于印发行动方案的通知" {
			t.Errorf("title %q", fm.Title)
		}
	}
	// Revision 6 (AES-256): the key wrapped by a hash of the empty password.
	w, trailer := buildPDF(pdfDocOut{pages: typeset(pdfParas[:3], 16, 28, true, 4)})
	fileKey := bytes.Repeat([]byte{7}, 32)
	vsalt, ksalt := []byte("vsalt..."), []byte("ksalt...")
	u := append(append(pdfHash2B(nil, vsalt), vsalt...), ksalt...)
	block, _ := aes.NewCipher(pdfHash2B(nil, ksalt))
	ue := make([]byte, 32)
	cipher.NewCBCEncrypter(block, make([]byte, 16)).CryptBlocks(ue, fileKey)
	fb, _ := aes.NewCipher(fileKey)
	for i, obj := range w.objs {
		s, e, found := bytes.Cut(obj, []byte("stream\n"))
		if !found {
			continue
		}
		data, rest, _ := bytes.Cut(e, []byte("\nendstream"))
		padN := 16 - len(data)%16
		plain := append(append([]byte(nil), data...), bytes.Repeat([]byte{byte(padN)}, padN)...)
		iv := bytes.Repeat([]byte{byte(i)}, 16)
		out := make([]byte, len(plain))
		cipher.NewCBCEncrypter(fb, iv).CryptBlocks(out, plain)
		out = append(iv, out...)
		s = bytes.Replace(s, []byte(fmt.Sprintf("/Length %d", len(data))), []byte(fmt.Sprintf("/Length %d", len(out))), 1)
		w.objs[i] = append(append(append(append([]byte(nil), s...), "stream\n"...), out...), append([]byte("\nendstream"), rest...)...)
	}
	enc := w.add(fmt.Sprintf("<</Filter/Standard/V 5/R 6/Length 256/CF<</StdCF<</CFM/AESV3/Length 32>>>>/StmF/StdCF/StrF/StdCF/U<%X>/UE<%X>/O<%X>/OE<%X>/P -4/Perms<%X>>>", u, ue, u, ue, make([]byte, 16)))
	text, _, _, err := pdfText(w.bytes(trailer+fmt.Sprintf("/Encrypt %d 0 R/ID[<%X><%X>]", enc, id, id)), 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if got := pdfParasOf(text); strings.Join(got, "\n") != strings.Join(pdfParas[:3], "\n") {
		t.Errorf("AES-256 decrypted:\n%s", text)
	}
}

func TestPDFRefused(t *testing.T) {
	lines := [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "正文"}}}
	scan := &pdfWriter{}
	img := scan.stream("/Type/XObject/Subtype/Image/Width 1/Height 1/BitsPerComponent 8/ColorSpace/DeviceGray", []byte{0}, false)
	content := scan.stream("", []byte("q 595 0 0 842 0 0 cm /Im0 Do Q"), false)
	page := scan.add(fmt.Sprintf("<</Type/Page/MediaBox[0 0 595 842]/Resources<</XObject<</Im0 %d 0 R>>>>/Contents %d 0 R>>", img, content))
	pages := scan.add(fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", page))
	cat := scan.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
	bomb := &pdfWriter{}
	bc := bomb.stream("", bytes.Repeat([]byte("BT ET "), 1<<20), true)
	bp := bomb.add(fmt.Sprintf("<</Type/Page/Contents %d 0 R>>", bc))
	bps := bomb.add(fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", bp))
	bcat := bomb.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", bps))
	for _, tc := range []struct {
		name string
		b    []byte
		max  int64
		err  error
		says string
	}{
		{"a scan", scan.bytes(fmt.Sprintf("/Root %d 0 R", cat)), 1 << 30, ErrNoPDFText, "OCR"},
		{"glyphs without a map", writePDF(pdfDocOut{pages: lines, font: "nomap"}), 1 << 30, ErrNoPDFText, "fonts say not"},
		{"not a PDF", []byte("<html>404 Not Found</html>"), 1 << 30, ErrNotPDF, "%PDF-"},
		{"cut short before any object", []byte("%PDF-1.4\n%\xE2\xE3"), 1 << 30, ErrNotPDF, "no objects"},
		{"no pages", []byte("%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>"), 1 << 30, ErrNotPDF, "no pages"},
		{"inflates past the limit", bomb.bytes(fmt.Sprintf("/Root %d 0 R", bcat)), 1 << 20, ErrNoPDFText, "size limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := pdfText(tc.b, tc.max)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.says) {
				t.Errorf("err %v, want %v saying %q", err, tc.err, tc.says)
			}
		})
	}
}

// Damaged and crafted files: each reads what it can, in bounded time and
// memory, or is refused; none panics.
func TestPDFHostile(t *testing.T) {
	good := writePDF(pdfDocOut{pages: typeset(pdfParas, 16, 28, true, 6)})
	deep := []byte("%PDF-1.4\n1 0 obj " + strings.Repeat("[", 100000) + " endobj\n2 0 obj <</Type/Catalog/Pages 3 0 R>> endobj\n3 0 obj <</Type/Pages/Kids[3 0 R 4 0 R]>> endobj\n4 0 obj <</Type/Page/Parent 3 0 R/Contents 5 0 R>> endobj\n5 0 obj <</Length 20>> stream\nBT (" + strings.Repeat("(", 50000) + "hello) Tj ET\nendstream endobj\ntrailer <</Root 2 0 R>>")
	loop := []byte("%PDF-1.4\n1 0 obj 2 0 R endobj 2 0 obj 1 0 R endobj 3 0 obj <</Type/Catalog/Pages 1 0 R>> endobj trailer <</Root 3 0 R>>")
	// 20,000 pages left open, each read on its own: read to the end of the
	// file each, they would take minutes (each object stops at the next).
	var open bytes.Buffer
	open.WriteString("%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[")
	for i := 3; i < 20003; i++ {
		fmt.Fprintf(&open, "%d 0 R ", i)
	}
	open.WriteString("]>> endobj\n")
	for i := 3; i < 20003; i++ {
		fmt.Fprintf(&open, "%d 0 obj <</Type/Page/Contents 1 0 R/X[[<<%s\n", i, strings.Repeat("/A ", 20))
	}
	open.WriteString(strings.Repeat("trailer <<", 100000))
	// 30,000 lines each in a column of its own.
	var scattered []pdfLineOut
	for i := range 30000 {
		scattered = append(scattered, pdfLineOut{x: float64(i) * 100, y: float64(i) * 20, size: 12, text: "各自成列的行"})
	}
	columns := writePDF(pdfDocOut{pages: [][]pdfLineOut{scattered}})
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"cut in half", good[:len(good)/2]},
		{"cut in a stream", good[:bytes.Index(good, []byte("stream"))+40]},
		{"xref and trailer gone", good[:bytes.LastIndex(good, []byte("xref"))]},
		{"100,000 brackets deep, a cyclic page tree", deep},
		{"references in a loop", loop},
		{"20,000 objects left open, 100,000 trailers", open.Bytes()},
		{"30,000 columns", columns},
		{"bytes flipped", func() []byte {
			b := append([]byte(nil), good...)
			for i := 200; i < len(b); i += 97 {
				b[i] ^= 0x5A
			}
			return b
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, _, _, err := pdfText(tc.b, 1<<24)
			if err == nil && !utf8.ValidString(text) {
				t.Errorf("invalid UTF-8")
			}
			if strings.ContainsRune(text, 0) {
				t.Errorf("NUL in the text")
			}
		})
	}
	// What survives of a file cut short is its first pages (the last
	// page's content is cut).
	text, _, _, err := pdfText(good[:bytes.LastIndex(good, []byte("stream\n"))-20], 1<<24)
	if err != nil || !strings.Contains(text, "国务院关于印发") {
		t.Errorf("a file cut short: %v, %q", err, text)
	}
}

func TestLoadPDF(t *testing.T) {
	pdf := writePDF(pdfDocOut{pages: typeset(pdfParas, 16, 28, true, 6), title: "关于印发推动大规模设备更新行动方案的通知"})
	_, docs, ix, warns := loadFolder(t, map[string][]byte{
		"通知.pdf":   pdf,
		"scan.pdf": []byte("%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj"),
	})
	d := docs["通知"]
	if d == nil {
		t.Fatalf("not loaded; warnings %v", warns)
	}
	if d.Markup != "pdf" || d.Title != "关于印发推动大规模设备更新行动方案的通知" || d.Date != "2024-03-07" {
		t.Errorf("markup %q title %q date %q", d.Markup, d.Title, d.Date)
	}
	if strings.Contains(d.Raw(), "国务院公报") || strings.Contains(d.Raw(), "— 2 —") {
		t.Errorf("running header or page number kept:\n%s", d.Raw())
	}
	if hits := ix.Search("大规模设备更新", 10); len(hits) == 0 {
		t.Errorf("not searchable")
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Path, "scan.pdf") {
		t.Errorf("warnings %v", warns)
	}
}

func FuzzPDFText(f *testing.F) {
	f.Add(writePDF(pdfDocOut{pages: typeset(pdfParas[:3], 16, 28, true, 4), title: "关于印发的通知"}))
	f.Add(writePDF(pdfDocOut{pages: [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "中文 text"}}}, font: "gbk", form: "BT /F1 9 Tf 1 2 Td <41> Tj ET /X1 Do"}))
	f.Add(writePDF(pdfDocOut{pages: [][]pdfLineOut{{{x: 72, y: 700, size: 12, text: "中文 text"}}}, font: "ttfgidmap"}))
	f.Add([]byte("%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj 2 0 obj <</Kids[3 0 R]>> endobj 3 0 obj <</Type/Page/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj 4 0 obj <</Length 30>> stream\nBT /F1 12 Tf (abc) ' ET\nendstream endobj 5 0 obj <</Subtype/Type0/Encoding/GBpc-EUC-H>> endobj"))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, _, _, err := pdfText(b, 1<<22)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			t.Errorf("text %q", text)
		}
	})
}

func BenchmarkPDFText(b *testing.B) {
	var paras []string
	for i := 0; i < 40; i++ {
		paras = append(paras, pdfParas...)
	}
	pdf := writePDF(pdfDocOut{pages: typeset(paras, 16, 28, true, 22)})
	text, _, _, _ := pdfText(pdf, 1<<30)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := pdfText(pdf, 1<<30); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPDFNumber(t *testing.T) {
	for _, tc := range []struct {
		tok  string
		want float64
		ok   bool
	}{
		{"0", 0, true}, {"612", 612, true}, {"-12.5", -12.5, true}, {"+3", 3, true}, {"4.", 4, true},
		{"-.5", -0.5, true}, {".25", 0.25, true}, {"1.2.3", 0, true}, {"-", 0, false}, {".", 0, false},
		{"12a", 0, false}, {"Tj", 0, false}, {"0.001", 0.001, true}, {"123456789012", 123456789012, true},
	} {
		got, ok := pdfNumber([]byte(tc.tok))
		if ok != tc.ok || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("pdfNumber(%q) = %v, %v; want %v, %v", tc.tok, got, ok, tc.want, tc.ok)
		}
	}
}

// Vertical writing (an Identity-V font): columns run down the page, right
// to left, and make paragraphs as lines do.
func TestPDFVertical(t *testing.T) {
	paras := []string{
		"國家發展委員會今日公布，今年第一季經濟成長率為百分之三點五，優於預期，主要受惠於出口與民間投資同步增溫。",
		"發言人表示，將持續推動產業升級。",
	}
	const size, top, rows = 16.0, 780.0, 20
	var cols []pdfLineOut
	x := 540.0
	for _, p := range paras {
		rs := []rune(p)
		y, n := top-2*size, rows-2 // the first column indented two characters
		for len(rs) > 0 {
			k := min(n, len(rs))
			cols = append(cols, pdfLineOut{x: x, y: y, size: size, text: string(rs[:k])})
			rs = rs[k:]
			x -= 1.8 * size
			y, n = top, rows
		}
	}
	b := writePDF(pdfDocOut{pages: [][]pdfLineOut{cols}})
	b = bytes.ReplaceAll(b, []byte("/Identity-H"), []byte("/Identity-V"))
	text, _, _ := pdfTextOf(t, b)
	if got := pdfParasOf(text); strings.Join(got, "\n") != strings.Join(paras, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(paras, "\n"))
	}
}

// TestPDFFootNotes: notes set at a page's foot go after the body, so a
// paragraph that runs on to the next page is whole; lines that only look
// like notes stay where they are.
func TestPDFFootNotes(t *testing.T) {
	line := func(v, size float64, ems int, s string) pdfLine {
		return pdfLine{u0: 72, u1: 72 + float64(ems)*size, v: v, size: size, first: size, text: s}
	}
	box := [4]float64{0, 0, 612, 792}
	full := func(c string) string { return strings.Repeat(c, 40) }
	cited := strings.Repeat("甲", 20) + "引用[1]" + strings.Repeat("甲", 15)
	for _, tc := range []struct {
		name  string
		pages [][]pdfLine
		want  []string
	}{
		{"small notes at the foot, the paragraph runs on", [][]pdfLine{
			{line(700, 12, 40, cited), line(686, 12, 40, full("乙")), line(672, 12, 3, "乙乙。"), line(658, 12, 40, full("丙")), line(644, 12, 40, full("丙")),
				line(100, 9, 30, "[1] 注释的内容，"+strings.Repeat("注", 20)), line(88, 9, 6, "注释第二行。")},
			{line(700, 12, 4, "丁丁丁。"), line(300, 9, 5, "图1 说明")},
		}, []string{cited + full("乙") + "乙乙。", full("丙") + full("丙") + "丁丁丁。", "图1 说明", "[1] 注释的内容，" + strings.Repeat("注", 20) + "注释第二行。"}},
		{"notes as large as the text, set off by a gap", [][]pdfLine{
			{line(700, 12, 40, cited), line(686, 12, 40, full("乙")), line(200, 12, 8, "[1] 同号注释。"), line(186, 12, 8, "[2] 又一条。")},
			{line(700, 12, 3, "丙。")},
		}, []string{cited + full("乙") + "丙。", "[1] 同号注释。", "[2] 又一条。"}},
		{"a line at the text's spacing stays", [][]pdfLine{
			{line(380, 12, 40, cited), line(366, 12, 40, full("乙")), line(352, 12, 3, "乙。"), line(338, 12, 8, "[1] 参考文献。"), line(324, 12, 8, "[1] 接着。")},
		}, []string{cited + full("乙") + "乙。", "[1] 参考文献。", "[1] 接着。"}},
		{"a reference list after its heading, set off by a gap", [][]pdfLine{
			{line(700, 12, 40, cited), line(686, 12, 40, full("乙")), line(672, 12, 3, "乙。"), line(300, 12, 4, "参考文献"), line(270, 12, 8, "[1] 张三。"), line(256, 12, 8, "[2] 李四。")},
			{line(700, 12, 8, "[3] 王五。")},
		}, []string{cited + full("乙") + "乙。", "参考文献", "[1] 张三。", "[2] 李四。", "[3] 王五。"}},
		{"a mark nothing above refers to", [][]pdfLine{
			{line(700, 12, 40, full("甲")), line(686, 12, 40, full("乙")), line(100, 9, 8, "[3] 无人引用。")},
			{line(700, 12, 3, "丙。")},
		}, []string{full("甲") + full("乙"), "[3] 无人引用。", "丙。"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pages []pdfPageLines
			for _, p := range tc.pages {
				pages = append(pages, pdfPageLines{box: box, lines: p})
			}
			if got := pdfParasOf(layoutPDF(pages)); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
	if got := noteRefs("[1]见①与[x]及[12345]"); strings.Join(got, " ") != "① [x]" {
		t.Errorf("noteRefs: %q", got)
	}
}
