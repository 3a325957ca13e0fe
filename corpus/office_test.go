package corpus

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipOf is a ZIP archive of the parts given (name, then content).
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		f, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docxBody is a Word document.xml around body.
func docxBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

// odtBody is an OpenDocument content.xml around body.
func odtBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:automatic-styles><style>不是正文</style></office:automatic-styles><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`
}

func TestOfficeText(t *testing.T) {
	p := func(runs ...string) string {
		var b strings.Builder
		b.WriteString("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>")
		for _, r := range runs {
			b.WriteString("<w:r><w:rPr><w:b/></w:rPr>" + r + "</w:r>")
		}
		return b.String() + "</w:p>"
	}
	for _, tt := range []struct {
		name, markup, part, want string
	}{
		{"docx paragraphs and runs", "docx", docxBody(p("<w:t>关于印发</w:t>", `<w:t xml:space="preserve">《方案》 </w:t>`, "<w:t>的通知</w:t>") + p() + p("<w:t>各省、自治区：</w:t>") +
			p("<w:t>序号</w:t><w:tab/><w:t>项目</w:t>", "<w:br/><w:t>第二行</w:t>") + p("<w:t>A&amp;B &lt;C&gt;</w:t>")),
			"关于印发《方案》 的通知//各省、自治区：//序号\t项目/第二行//A&B <C>"},
		{"docx leaves out what a reader does not see", "docx", docxBody(p("<w:t>正文</w:t>", `<w:fldChar w:fldCharType="begin"/>`, `<w:instrText> PAGE </w:instrText>`, `<w:fldChar w:fldCharType="separate"/>`, "<w:t>3</w:t>", `<w:fldChar w:fldCharType="end"/>`,
			`<w:footnoteReference w:id="1"/>`, "<w:delText>删掉的字</w:delText>", "<w:t>。</w:t>") +
			`<w:p><w:del><w:r><w:delText>整段删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins></w:p>` +
			p(`<mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>`)),
			"正文3[1]。//插入的字//文本框"}, // the note's mark; the note is not in the archive
		{"docx tables, one row a line", "docx", docxBody(`<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>` +
			`<w:tr><w:tc><w:p><w:r><w:t>设备更新</w:t></w:r></w:p><w:p><w:r><w:t>（第二段）</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>` + p("<w:t>表后。</w:t>")),
			"任务 | 牵头单位//设备更新 （第二段） | | 内 | 表//表后。"},
		{"odt paragraphs, headings, spaces, notes", "odt", odtBody(`<text:h text:outline-level="1">标题</text:h><text:p>第一段<text:s text:c="3"/>空格<text:tab/>制表<text:line-break/>换行<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body></text:note>。</text:p>` +
			`<office:annotation><text:p>批注</text:p></office:annotation><text:p><text:span>加粗</text:span>的字</text:p>` +
			`<table:table><table:table-row><table:table-cell><text:p>甲</text:p></table:table-cell><table:table-cell><text:p>乙</text:p></table:table-cell></table:table-row></table:table>`),
			"标题//第一段   空格\t制表/换行[1]。//加粗的字//甲 | 乙//[1] 脚注"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			part := "word/document.xml"
			if tt.markup == "odt" {
				part = "content.xml"
			}
			text, err := officeText(zipOf(t, "[Content_Types].xml", "<Types/>", part, tt.part, "word/footer1.xml", "<w:ftr>页脚</w:ftr>"), tt.markup, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Footnotes and endnotes are kept as a PDF shows them: a mark where each
// is referred to, numbered in that order, and the notes after the body.
// Word's separators, a note nothing refers to and a note's own number
// are left out.
func TestOfficeNotes(t *testing.T) {
	notesPart := func(kind, notes string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><w:` + kind + `s xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:` + kind + ` w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:` + kind + `>` +
			`<w:` + kind + ` w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:` + kind + `>` + notes + `</w:` + kind + `s>`
	}
	note := func(kind, id string, paras ...string) string {
		var b strings.Builder
		b.WriteString(`<w:` + kind + ` w:id="` + id + `">`)
		for i, p := range paras {
			b.WriteString(`<w:p>`)
			if i == 0 {
				b.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:` + kind + `Ref/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`)
			}
			b.WriteString(`<w:r><w:t>` + p + `</w:t></w:r></w:p>`)
		}
		return b.String() + `</w:` + kind + `>`
	}
	body := docxBody(`<w:p><w:r><w:t>第一句。</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>第二句。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表中</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>再提一次</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>`)
	foot := notesPart("footnote", note("footnote", "1", "参见《目录》。")+note("footnote", "2", "数据来源：国家统计局。", "第二段注释。")+note("footnote", "3", "没有提到的注"))
	end := notesPart("endnote", note("endnote", "1", "尾注的内容"))
	text, err := officeText(zipOf(t, "word/document.xml", body, "word/footnotes.xml", foot, "word/endnotes.xml", end), "docx", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "第一句。[1]第二句。[2]//表中[3] | 乙//再提一次[1]//[1] 数据来源：国家统计局。//第二段注释。//[2] 参见《目录》。//[3] 尾注的内容"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// The notes count against the size limit with the body.
	big := notesPart("footnote", note("footnote", "1", strings.Repeat("很长的注。", 20000)))
	if _, err := officeText(zipOf(t, "word/document.xml", body, "word/footnotes.xml", big), "docx", 200<<10); !errors.Is(err, ErrTooLarge) {
		t.Errorf("notes over the limit: %v", err)
	}
	// Damaged notes lose only what was not read: the body stands.
	damaged := strings.Replace(foot, `<w:footnote w:id="2">`, `<w:footnote w:id="2"><w:p></w:r>`, 1)
	if text, err := officeText(zipOf(t, "word/document.xml", body, "word/footnotes.xml", damaged), "docx", 1<<20); err != nil || !strings.Contains(text, "第二句。[2]") || !strings.Contains(text, "[2] 参见《目录》。") || strings.Contains(text, "国家统计局") {
		t.Errorf("damaged notes: %v, %q", err, text)
	}
}

// Broken, foreign and oversized archives are refused with a reason that
// says what to do; a small file that unpacks past the limit is refused
// before it is unpacked.
func TestOfficeTextRefuses(t *testing.T) {
	bomb := zipOf(t, "word/document.xml", docxBody(p100k()))
	for _, tt := range []struct {
		name string
		b    []byte
		max  int64
		want error
		says string
	}{
		{"a .doc from Word 97", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old Word"), 1 << 20, ErrNotOffice, "saved as .docx"},
		{"no body part", zipOf(t, "other.xml", "<x/>"), 1 << 20, ErrNotOffice, "no word/document.xml"},
		{"broken XML", zipOf(t, "word/document.xml", "<w:document><w:body><w:p>"), 1 << 20, ErrNotOffice, "word/document.xml"},
		{"a control character", zipOf(t, "word/document.xml", docxBody("<w:p><w:r><w:t>&#27;[2J</w:t></w:r></w:p>")), 1 << 20, ErrNotOffice, "illegal character"},
		{"unpacks past the limit", bomb, 50_000, ErrTooLarge, "over the limit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := officeText(tt.b, "docx", tt.max)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("%v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
	// A header that understates the size is caught as the part is read.
	lying := bytes.Clone(bomb)
	if i := bytes.LastIndex(lying, []byte("PK\x01\x02")); i >= 0 { // central directory: uncompressed size at +24
		copy(lying[i+24:], []byte{0x10, 0, 0, 0})
	}
	if _, err := officeText(lying, "docx", 50_000); !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrNotOffice) {
		t.Errorf("lying header: %v", err)
	}
}

func p100k() string {
	return strings.Repeat("<w:p><w:r><w:t>贸易投资贸易投资</w:t></w:r></w:p>", 3000)
}

// Word and OpenDocument files in a folder load as documents, with their
// metadata read off their text, and are found by search.
func TestLoadOffice(t *testing.T) {
	docx := zipOf(t, "word/document.xml", docxBody(`<w:p><w:r><w:t>国务院办公厅关于推动外贸稳规模优结构的意见</w:t></w:r></w:p><w:p><w:r><w:t>国办发〔2023〕10号</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>　　外贸是国民经济的重要组成部分，推动外贸稳规模优结构，对稳增长稳就业具有重要意义。</w:t></w:r></w:p><w:p><w:r><w:t>国务院办公厅</w:t></w:r></w:p><w:p><w:r><w:t>2023年4月11日</w:t></w:r></w:p>`))
	odt := zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", odtBody(`<text:h>經濟部新聞稿</text:h><text:p>經濟部今日公布外銷訂單統計，較上年同期增加。</text:p>`))
	_, byID, ix, warns := loadFolder(t, map[string][]byte{"yijian.docx": docx, "news.ODT": odt, "old.doc": []byte("\xD0\xCF\x11\xE0"), "broken.docx": []byte("PK\x03\x04 cut short")})
	if d := byID["yijian"]; d == nil || d.Title != "国务院办公厅关于推动外贸稳规模优结构的意见" || d.Date != "2023-04-11" || d.Format() != "docx" || d.Encoding != UTF8 {
		t.Errorf("yijian.docx: %+v", d)
	}
	if d := byID["news"]; d == nil || d.Title != "經濟部新聞稿" || d.Script != ScriptTraditional || d.Format() != "odt" {
		t.Errorf("news.ODT: %+v", d)
	}
	var said []string
	for _, w := range warns {
		said = append(said, w.Error())
	}
	all := strings.Join(said, "\n")
	if len(byID) != 2 || !strings.Contains(all, "broken.docx") || !strings.Contains(all, "not a ZIP archive") || !strings.Contains(all, "old.doc: not a readable Word 97–2003 document") {
		t.Errorf("%d documents; warnings:\n%s", len(byID), all)
	}
	if hits := ix.Filter("稳规模", 10); len(hits) != 1 {
		t.Errorf("search: %v", hits)
	}
}

func FuzzOfficeText(f *testing.F) {
	f.Add([]byte(docxBody("<w:p><w:r><w:t>正文</w:t></w:r></w:p>")), false, []byte(nil))
	f.Add([]byte(odtBody("<text:p>正文<text:s text:c=\"99999999999\"/></text:p>")), true, []byte(nil))
	f.Add([]byte(docxBody(`<w:tbl><w:tr><w:tc><w:tbl></w:tbl></w:tc></w:tr></w:tbl></w:tbl></w:tr>`)), false, []byte(nil))
	f.Add([]byte(docxBody(`<w:p><w:r><w:t>甲</w:t><w:footnoteReference w:id="1"/><w:endnoteReference w:id="1"/></w:r></w:p>`)), false,
		[]byte(`<w:footnotes><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/><w:t>注</w:t></w:r></w:p></w:footnote></w:footnotes>`))
	f.Add([]byte(docxBody(`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>`)), false,
		[]byte(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`))
	f.Add([]byte(odtBody(`<text:p>甲<text:note text:id="n1"><text:note-citation>1</text:note-citation><text:note-body><text:p>注<text:note><text:note-body><text:p>套</text:p></text:note-body></text:note></text:p></text:note-body></text:note></text:p>`)), true, []byte(nil))
	f.Add([]byte(odtBody(`<text:list text:style-name="L"><text:list-item text:start-value="7"><text:p>甲</text:p><text:list><text:list-item><text:h>乙</text:h></text:list-item></text:list></text:list-item></text:list><text:h text:outline-level="2">丙</text:h>`)), true,
		[]byte(`<office:styles><text:outline-style><text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-suffix="、" text:display-levels="9"/></text:outline-style><text:list-style style:name="L"><text:list-level-style-number text:level="1" style:num-format="I" style:num-prefix="（"/><text:list-level-style-bullet text:level="2" text:bullet-char="•"/></text:list-style></office:styles>`))
	f.Fuzz(func(t *testing.T, part []byte, odt bool, notes []byte) {
		markup, name := "docx", "word/document.xml"
		if odt {
			markup, name = "odt", "content.xml"
		}
		// The notes' bytes serve as the lists' definitions too, Word's
		// and OpenDocument's.
		text, err := officeText(zipOf(t, name, string(part), "word/footnotes.xml", string(notes), "word/numbering.xml", string(notes), "styles.xml", string(notes)), markup, 1<<20)
		if err != nil {
			return
		}
		if strings.ContainsRune(text, 0) || len(text) > 2*len(part)+64*len(part)+2*len(notes) {
			t.Fatalf("%q", text)
		}
		d := NewDocument("f", "fuzz", NormalizeNewlines(text))
		_ = d.Text()
	})
}

// BenchmarkOfficeText reads a Word document of the seeds' paragraphs, each
// in runs as Word writes them.
func BenchmarkOfficeText(b *testing.B) {
	var body strings.Builder
	for _, para := range strings.Split(seedBlob(b), "\n") {
		body.WriteString(`<w:p><w:pPr><w:ind w:firstLine="420"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>` + para + `</w:t></w:r></w:p>`)
	}
	part := docxBody(body.String())
	z := zipOf(b, "word/document.xml", part)
	b.SetBytes(int64(len(part)))
	for b.Loop() {
		if _, err := officeText(z, "docx", 1<<30); err != nil {
			b.Fatal(err)
		}
	}
}

// loadFolder writes files (path under a new folder → content) and loads
// the folder with an index: the corpus, its documents by ID, the index
// and the warnings.
func loadFolder(t *testing.T, files map[string][]byte) (*Corpus, map[string]*Document, *Index, []Warning) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := NewIndex()
	c, warns := Load(context.Background(), Options{Paths: []string{dir}, Index: ix})
	byID := map[string]*Document{}
	for _, d := range c.Docs {
		byID[d.ID] = d
	}
	return c, byID, ix, warns
}

// slideXML is a PowerPoint slide holding shapes' text bodies.
func slideXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>` + body + `</p:spTree></p:cSld></p:sld>`
}

// A deck's slides are read in the order the presentation lists them
// (not the parts' numbers), tables a row a line; speaker notes are not.
func TestSlidesText(t *testing.T) {
	pres := `<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>`
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="slide" Target="/ppt/slides/slide2.xml"/></Relationships>`
	title := `<p:sp><p:txBody><a:p><a:r><a:t>行动方案解读</a:t></a:r></a:p><a:p><a:r><a:t>国家发展改革委</a:t></a:r><a:br/><a:r><a:t>2024年3月</a:t></a:r></a:p></p:txBody></p:sp>`
	table := `<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody><a:p><a:r><a:t>任务</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>牵头单位</a:t></a:r></a:p></a:txBody></a:tc></a:tr><a:tr><a:tc><a:txBody><a:p><a:r><a:t>设备更新</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>国家发展改革委</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
	deck := zipOf(t,
		"ppt/presentation.xml", pres, "ppt/_rels/presentation.xml.rels", rels,
		"ppt/slides/slide1.xml", slideXML(table), "ppt/slides/slide2.xml", slideXML(title),
		"ppt/notesSlides/notesSlide1.xml", slideXML(`<p:sp><p:txBody><a:p><a:r><a:t>演讲者备注</a:t></a:r></a:p></p:txBody></p:sp>`))
	got, err := officeText(deck, "pptx", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "行动方案解读\n\n国家发展改革委\n2024年3月\n\n任务 | 牵头单位\n\n设备更新 | 国家发展改革委\n\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Without a slide list, by the parts' numbers (slide10 after slide2).
	deck = zipOf(t, "ppt/slides/slide10.xml", slideXML(`<a:p><a:r><a:t>第十页</a:t></a:r></a:p>`), "ppt/slides/slide2.xml", slideXML(`<a:p><a:r><a:t>第二页</a:t></a:r></a:p>`))
	if got, err := officeText(deck, "pptx", 1<<20); err != nil || got != "第二页\n\n第十页\n\n" {
		t.Errorf("by number: %q, %v", got, err)
	}
	// No slides; slides past the limit, all together.
	if _, err := officeText(zipOf(t, "ppt/presentation.xml", pres), "pptx", 1<<20); !errors.Is(err, ErrNotOffice) {
		t.Errorf("no slides: %v", err)
	}
	big := slideXML(`<a:p><a:r><a:t>` + strings.Repeat("中", 3000) + `</a:t></a:r></a:p>`)
	if _, err := officeText(zipOf(t, "ppt/slides/slide1.xml", big, "ppt/slides/slide2.xml", big), "pptx", 12000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit together: %v", err)
	}
}

func FuzzSlidesText(f *testing.F) {
	f.Add([]byte(`<p:presentation xmlns:p="p" xmlns:r="r"><p:sldIdLst><p:sldId r:id="rId2"/></p:sldIdLst></p:presentation>`),
		[]byte(`<Relationships><Relationship Id="rId2" Target="slides/slide1.xml"/></Relationships>`),
		[]byte(slideXML(`<a:p><a:r><a:t>正文</a:t></a:r></a:p>`)))
	f.Add([]byte(``), []byte(`<Relationships><Relationship Id="rId2" Target="/ppt/../../etc/passwd"/></Relationships>`), []byte(`<a:tbl><a:tr><a:tc>`))
	f.Fuzz(func(t *testing.T, pres, rels, slide []byte) {
		deck := zipOf(t, "ppt/presentation.xml", string(pres), "ppt/_rels/presentation.xml.rels", string(rels), "ppt/slides/slide1.xml", string(slide))
		text, err := officeText(deck, "pptx", 1<<20)
		if err != nil {
			return
		}
		if strings.ContainsRune(text, 0) || len(text) > 66*len(slide)+64 {
			t.Fatalf("%q", text)
		}
	})
}

// Word numbers lists and headings itself (numbering.xml): 一、 （一） 1.
// are written before the paragraphs as Word shows them, counted by list
// and level, from a paragraph's own properties or its style's.
func TestOfficeNumbering(t *testing.T) {
	lvl := func(i int, format, text string, start int) string {
		return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/></w:lvl>`, i, start, format, text)
	}
	numbering := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="0">` + lvl(0, "chineseCounting", "%1、", 1) + lvl(1, "chineseCounting", "（%2）", 1) + lvl(2, "decimal", "%3.", 1) + lvl(3, "decimal", "%3.%4", 1) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl(0, "bullet", "\uF0B7", 1) + lvl(1, "ideographTraditional", "%2．", 1) + lvl(2, "decimalEnclosedCircle", "%3", 1) + lvl(3, "none", "", 1) + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>` +
		`</w:numbering>`
	styles := `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Body"/></w:styles>`
	para := func(style, num string, level int, text string) string {
		p := `<w:p><w:pPr>`
		if style != "" {
			p += `<w:pStyle w:val="` + style + `"/>`
		}
		if num != "" {
			p += fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%s"/></w:numPr>`, level, num)
		}
		return p + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := docxBody(para("Heading1", "", 0, "总体要求") + para("", "1", 1, "指导思想") + para("", "1", 2, "第一点") + para("", "1", 2, "第二点") + para("", "1", 3, "细目") +
		para("", "1", 1, "基本原则") + para("Heading1", "", 0, "重点任务") + para("", "1", 2, "直接到第三级") + para("Body", "", 0, "正文没有编号") + para("", "0", 0, "numId 0 没有编号") +
		para("", "2", 0, "要点") + para("", "2", 1, "甲项") + para("", "2", 1, "乙项") + para("", "2", 2, "圈号") + para("", "2", 3, "不写号") +
		para("", "3", 2, "从五开始") + para("", "3", 2, "接着六") + para("", "9", 0, "没有这个列表"))
	text, err := officeText(zipOf(t, "word/document.xml", body, "word/numbering.xml", numbering, "word/styles.xml", styles), "docx", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体要求/（一）指导思想/1. 第一点/2. 第二点/2.1 细目/（二）基本原则/二、重点任务/1. 直接到第三级/正文没有编号/numId 0 没有编号/" +
		"• 要点/甲．甲项/乙．乙项/①圈号/不写号/5. 从五开始/6. 接着六/没有这个列表"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	for _, tc := range []struct {
		format string
		n      int
		want   string
	}{
		{"chineseCounting", 11, "十一"}, {"chineseCounting", 20, "二十"}, {"chineseLegalSimplified", 12, "拾贰"}, {"ideographDigital", 105, "一〇五"},
		{"upperLetter", 28, "BB"}, {"upperLetter", 2000000000, "2000000000"}, {"lowerRoman", 14, "xiv"}, {"decimalFullWidth", 12, "１２"}, {"decimalZero", 7, "07"}, {"ideographZodiac", 13, "13"},
	} {
		if got := numberText(tc.format, tc.n); got != tc.want {
			t.Errorf("numberText(%s, %d) = %q, want %q", tc.format, tc.n, got, tc.want)
		}
	}
}

// TestODTNumbering: an OpenDocument text's lists and headings are numbered
// as Writer shows them, from list styles in styles.xml and in content.xml.
func TestODTNumbering(t *testing.T) {
	level := func(kind string, l int, format, prefix, suffix string, extra string) string {
		return fmt.Sprintf(`<text:list-level-style-%s text:level="%d" style:num-format="%s" style:num-prefix="%s" style:num-suffix="%s" %s/>`, kind, l, format, prefix, suffix, extra)
	}
	styles := `<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:styles>` +
		`<text:outline-style style:name="Outline">` + level("number", 1, "一, 二, 三, ...", "", "、", "") + `<text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）"/></text:outline-style>` +
		`<text:list-style style:name="Notice">` + level("number", 1, "1", "", ".", "") + level("number", 2, "1", "", "", `text:display-levels="2"`) + level("number", 3, "", "", "", "") + `</text:list-style>` +
		`<style:style style:name="ListPara" style:family="paragraph" style:list-style-name="Notice"/><style:style style:name="Child" style:family="paragraph" style:parent-style-name="ListPara"/>` +
		`</office:styles></office:document-styles>`
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xml="http://www.w3.org/XML/1998/namespace"><office:automatic-styles>` +
		`<text:list-style style:name="L1">` + level("number", 1, "壹, 贰, 叁, ...", "第", "条", "") + level("bullet", 2, "", "", "", `text:bullet-char=""`) + level("number", 3, "①, ②, ③, ...", "", "", "") + `</text:list-style>` +
		`<text:list-style style:name="L2">` + level("number", 1, "甲, 乙, 丙, ...", "", "．", `text:start-value="3"`) + level("number", 2, "a", "(", ")", "") + level("number", 3, "I", "", ".", "") + `</text:list-style>` +
		`</office:automatic-styles><office:body><office:text>` +
		`<text:h text:outline-level="1">总体要求</text:h><text:h text:outline-level="2">指导思想</text:h><text:h text:outline-level="2">基本原则</text:h>` +
		`<text:h text:outline-level="1">重点任务</text:h><text:h text:outline-level="2">第一项</text:h><text:h text:outline-level="1" text:is-list-header="true">附则</text:h><text:h>无级别</text:h>` +
		`<text:list text:style-name="L1"><text:list-item><text:p>总则</text:p><text:p>第二段不编号</text:p>` +
		`<text:list><text:list-item><text:p>要点</text:p></text:list-item><text:list-item><text:p>又一点</text:p><text:list><text:list-item><text:p>圈一</text:p></text:list-item><text:list-item><text:p>圈二</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item>` +
		`<text:list-header><text:p>列表标题</text:p></text:list-header><text:list-item><text:p>分则</text:p><text:list><text:list-item><text:list><text:list-item><text:p>圈号重新开始</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>` +
		`<text:p>正文</text:p>` +
		`<text:list xml:id="a" text:style-name="L2"><text:list-item><text:p>从丙开始</text:p><text:list><text:list-item><text:p>小甲</text:p><text:list><text:list-item text:start-value="4"><text:p>从四开始</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>` +
		`<text:list text:style-name="L2"><text:list-item><text:p>新列表重新从丙</text:p></text:list-item></text:list>` +
		`<text:list text:style-name="L2" text:continue-list="a"><text:list-item><text:p>接着列表a</text:p></text:list-item></text:list>` +
		`<text:list text:style-name="L2" text:continue-numbering="true"><text:list-item><text:p>接着上一个</text:p></text:list-item></text:list>` +
		`<text:list><text:list-item><text:p text:style-name="Child">段落样式的列表</text:p><text:list><text:list-item><text:p>显示两级</text:p></text:list-item><text:list-item><text:p>再一个</text:p><text:list><text:list-item><text:p>不写号</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>` +
		`<text:list text:style-name="没有这个样式"><text:list-item><text:p>无样式</text:p></text:list-item></text:list>` +
		`</office:text></office:body></office:document-content>`
	text, err := officeText(zipOf(t, "content.xml", content, "styles.xml", styles), "odt", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体要求/（一）指导思想/（二）基本原则/二、重点任务/（一）第一项/附则/无级别/" +
		"第壹条总则/第二段不编号/• 要点/• 又一点/①圈一/②圈二/列表标题/第贰条分则/①圈号重新开始/正文/" +
		"丙．从丙开始/(a) 小甲/IV. 从四开始/丙．新列表重新从丙/丁．接着列表a/戊．接着上一个/" +
		"1. 段落样式的列表/1.1 显示两级/1.2 再一个/不写号/无样式"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// Writer's names of its numberings.
	for f, want := range map[string]string{"1": "decimal", "": "", "i": "lowerRoman", "A": "upperLetter", "一, 二, 三, ...": "chineseCounting",
		"壹, 贰, 叁, ...": "chineseLegalSimplified", "壹, 貳, 參, ...": "ideographLegalTraditional", "子, 丑, 寅, ...": "ideographZodiac", "１, ２, ３, ...": "decimalFullWidth"} {
		if got := odtFormat(f); got != want {
			t.Errorf("odtFormat(%q) = %q, want %q", f, got, want)
		}
	}
	if got := numberText("ideographLegalTraditional", 23); got != "貳拾參" {
		t.Errorf("ideographLegalTraditional 23: %q", got)
	}
	// A crafted style's long prefix is cut, not repeated in full for every paragraph.
	long := strings.Replace(content, `style:num-prefix="第"`, `style:num-prefix="`+strings.Repeat("长", 10000)+`"`, 1)
	if text, err := officeText(zipOf(t, "content.xml", long, "styles.xml", styles), "odt", 1<<20); err != nil || len(text) > len(long) {
		t.Errorf("%v: %d bytes of text from %d of XML", err, len(text), len(long))
	}
}
