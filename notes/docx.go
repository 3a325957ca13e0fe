package notes

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// The Word export: what an analyst turns the notes into a report in (Word,
// WPS, LibreOffice). The notes are grouped by tag as in the Markdown
// export: a heading a tag, then each quote as a quotation (indented, a
// rule at its left), the line that says where it comes from, and the
// comment. Chinese is set in SimSun (宋体) and marked zh-CN, so that a
// Word whose default language is English still sets it as Chinese. The
// file is the same for the same notes: no clock goes into it.

// docxEpoch is the time every part of the archive is stamped with.
var docxEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func exportDOCX(w io.Writer, entries []Entry) error {
	var body strings.Builder
	para := func(style, text string) {
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				body.WriteString(`<w:r><w:br/></w:r>`)
			}
			if line != "" {
				body.WriteString(`<w:r><w:t xml:space="preserve">` + xmlText(line) + `</w:t></w:r>`)
			}
		}
		body.WriteString(`</w:p>`)
	}
	para("Title", "简报 jianbao notes")
	tags, groups := ByTag(entries)
	for _, t := range tags {
		title := t
		if t == "" {
			title = "(untagged)"
		}
		para("Heading1", title)
		for _, e := range groups[t] {
			para("Quote", e.Quote)
			para("Source", e.SourceLine())
			if e.Comment != "" {
				para("Comment", e.Comment)
			}
		}
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>简报 jianbao notes</dc:title><dc:creator>jianbao</dc:creator></cp:coreProperties>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: docxEpoch})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// xmlText escapes s for an XML text node, with the characters XML 1.0
// cannot hold made visible first (controls: inert) or U+FFFD (invalid
// UTF-8, and what EscapeText replaces).
func xmlText(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(inert(strings.ToValidUTF8(s, "\uFFFD")))) // a strings.Builder takes every write
	return sb.String()
}

// docxStyles sets the export's styles: Chinese in SimSun (宋体) with Latin
// text in Times New Roman, headings in SimHei (黑体), quotations indented
// with a rule at their left, the source line small and grey.
var docxStyles = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>%s%s%s%s%s%s</w:styles>`,
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`,
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>`,
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>`,
	`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Source"/><w:qFormat/><w:pPr><w:keepNext/><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A0A0A0"/></w:pBdr><w:ind w:left="567"/><w:spacing w:after="0"/></w:pPr></w:style>`,
	`<w:style w:type="paragraph" w:styleId="Source"><w:name w:val="Source"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:ind w:left="567"/></w:pPr><w:rPr><w:color w:val="666666"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>`,
	`<w:style w:type="paragraph" w:styleId="Comment"><w:name w:val="Note comment"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/></w:style>`,
)
