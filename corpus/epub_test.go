package corpus

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// epubFixture writes an EPUB 3 book as publishers' tools do: the mimetype
// first, the container, the package document in OEBPS/ with its Dublin
// Core metadata, manifest and spine, and a chapter an XHTML file. extra
// adds parts as they are (an OEBPS/NAME.html to the manifest too, as NAME).
func epubFixture(t testing.TB, meta string, chapters []string, spine string, extra map[string]string) []byte {
	t.Helper()
	var parts []string
	put := func(name, body string) { parts = append(parts, name, body) }
	put("mimetype", "application/epub+zip")
	put("META-INF/container.xml", `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`)
	var items, refs strings.Builder
	items.WriteString(`<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="css" href="style.css" media-type="text/css"/>`)
	for i, c := range chapters {
		fmt.Fprintf(&items, `<item id="c%d" href="text/ch%d.xhtml" media-type="application/xhtml+xml"/>`, i, i)
		fmt.Fprintf(&refs, `<itemref idref="c%d"/>`, i)
		put(fmt.Sprintf("OEBPS/text/ch%d.xhtml", i), `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>章</title><link rel="stylesheet" href="../style.css"/></head><body>`+c+`</body></html>`)
	}
	for name := range extra {
		if rel, ok := strings.CutPrefix(name, "OEBPS/"); ok && strings.HasSuffix(name, ".html") {
			fmt.Fprintf(&items, `<item id="%s" href="%s" media-type="text/html"/>`, strings.TrimSuffix(rel, ".html"), rel)
		}
	}
	if spine == "" {
		spine = refs.String()
	}
	put("OEBPS/nav.xhtml", `<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol><li>目录</li></ol></nav></body></html>`)
	put("OEBPS/content.opf", `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">`+meta+`</metadata><manifest>`+items.String()+`</manifest><spine>`+spine+`</spine></package>`)
	for name, body := range extra {
		put(name, body)
	}
	return zipOf(t, parts...)
}

func TestEPUBText(t *testing.T) {
	meta := `<dc:identifier id="id">x</dc:identifier><dc:title>新时代的中国能源发展</dc:title><dc:creator>国务院新闻办公室</dc:creator><dc:publisher>人民出版社</dc:publisher><dc:date>2020-12-21T00:00:00Z</dc:date><dc:language>zh-CN</dc:language>`
	chapters := []string{
		`<h1>前言</h1><p>能源是人类文明进步的重要物质基础和动力。</p>`,
		`<h1>一、中国能源发展进入新时代</h1><p>党的十八大以来，中国发展进入新时代。<a epub:type="noteref" href="ch3.xhtml#e2">2</a></p><p>中国能源发展也进入新时代。</p>`,
		`<div class="chapter-header"><h2>结束语</h2></div><p>中国愿与世界各国携手合作。<a epub:type="noteref" href="#n1">1</a></p><aside epub:type="footnote" id="n1"><p>注：见附件。</p></aside>`,
		`<section epub:type="endnotes"><aside epub:type="endnote" id="e2"><p>尾注在书后。</p></aside></section>`, // the notes of the book, in a part of their own
	}
	// The spine leaves the navigation out of the reading order, and names
	// a part the manifest lacks. A chapter's header (a class web pages'
	// furniture goes by) and its notes are its text.
	spine := `<itemref idref="c0"/><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="missing"/><itemref idref="c2"/><itemref idref="c3"/>`
	text, fm, err := epubText(epubFixture(t, meta, chapters, spine, nil), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "前言\n\n能源是人类文明进步的重要物质基础和动力。\n\n一、中国能源发展进入新时代\n\n党的十八大以来，中国发展进入新时代。[2]\n\n中国能源发展也进入新时代。\n\n结束语\n\n中国愿与世界各国携手合作。[1]\n\n[1] 注：见附件。\n\n[2] 尾注在书后。\n"
	if text != want {
		t.Errorf("text\n%q\nwant\n%q", text, want)
	}
	if fm != (frontMatter{Title: "新时代的中国能源发展", Date: "2020-12-21", Source: "人民出版社", Author: "国务院新闻办公室"}) {
		t.Errorf("front matter %+v", fm)
	}
	// A chapter in GBK (an old converter's) is decoded as any file is.
	gbk, _ := encode(t, simplifiedchinese.GBK, `<?xml version="1.0" encoding="GBK"?><html><body><p>中国能源发展进入新时代，绿色低碳转型。</p></body></html>`)
	old := epubFixture(t, "<dc:title>旧书</dc:title>", nil, `<itemref idref="g"/>`, map[string]string{"OEBPS/g.html": string(gbk)})
	if text, _, err := epubText(old, 1<<20); err != nil || text != "中国能源发展进入新时代，绿色低碳转型。\n" {
		t.Errorf("GBK chapter: %q, %v", text, err)
	}
}

func TestEPUBErrors(t *testing.T) {
	book := epubFixture(t, "", []string{"<p>" + strings.Repeat("很长的章节。", 500) + "</p>"}, "", nil)
	checkPackageErrors(t, epubText, []packageError{
		{"not a zip", []byte("PK no"), 1 << 20, ErrNotEPUB, "not a ZIP"},
		{"no container", zipOf(t, "mimetype", "application/epub+zip"), 1 << 20, ErrNotEPUB, "container.xml"},
		{"no text", epubFixture(t, "", []string{"<img src='a.png'/>"}, "", nil), 1 << 20, ErrEmpty, "no text"},
		{"over the limit", book, 4000, ErrTooLarge, "limit of 4000"},
	})
}

func TestLoadEPUB(t *testing.T) {
	book := epubFixture(t, `<dc:title>白皮书</dc:title><dc:date>2021-01-05</dc:date>`, []string{"<p>中国的全面小康。</p>"}, "", nil)
	_, byID, _, warns := loadFolder(t, map[string][]byte{"baipishu.epub": book})
	if d := byID["baipishu"]; d == nil || d.Format() != "epub" || d.Title != "白皮书" || d.Date != "2021-01-05" || d.Raw() != "中国的全面小康。\n" {
		t.Errorf("baipishu.epub: %+v", d)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
}

// FuzzEPUB: any package document and chapter make a book that reads, or an
// error, never a panic; the text is valid UTF-8 within the limit.
func FuzzEPUB(f *testing.F) {
	f.Add(`<package><metadata><dc:title>书</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="a"/></spine></package>`, "<p>正文。</p>")
	f.Add(`<package><manifest><item id="a" href="../../a.xhtml" media-type="text/html"/></manifest><spine><itemref idref="a" linear="no"/></spine></package>`, "<p>")
	f.Fuzz(func(t *testing.T, opf, chapter string) {
		book := zipOf(t, "META-INF/container.xml", `<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>`,
			"OEBPS/content.opf", opf, "OEBPS/a.xhtml", chapter)
		text, fm, err := epubText(book, 1<<16)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) || !utf8.ValidString(fm.Title) || len(text) > 1<<17 {
			t.Fatalf("text %q, title %q", text, fm.Title)
		}
	})
}
