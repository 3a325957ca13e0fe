package notes

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// docxParts unpacks a Word export, checking that every part is
// well-formed XML.
func docxParts(t testing.TB, b string) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		parts[f.Name] = string(data)
	}
	return parts
}

// docxParagraphs reads document.xml's paragraphs as style: text, a line
// break as \n.
func docxParagraphs(t testing.TB, doc string) []string {
	t.Helper()
	var out []string
	var style string
	var text strings.Builder
	in := false
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "p":
				style, in = "", false
				text.Reset()
			case "pStyle":
				for _, a := range el.Attr {
					if a.Name.Local == "val" {
						style = a.Value
					}
				}
			case "t":
				in = true
			case "br":
				text.WriteString("\n")
			}
		case xml.CharData:
			if in {
				text.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				in = false
			case "p":
				out = append(out, style+": "+text.String())
			}
		}
	}
	return out
}

func TestExportDOCX(t *testing.T) {
	a, b := newNote(t, 1), newNote(t, 2)
	a.Quote, a.Tags, a.Comment = "世界电子贸易平台（eWTP）", []string{"eWTP", "平台"}, "首次落地欧洲\n第二行 <b>&"
	b.Quote, b.Tags, b.Comment = "經貿合作\n正在加速", nil, ""
	es := []Entry{
		{Placed: Placed{Note: a, Status: Exact}, Title: "阿里巴巴世界电子贸易平台首次落地欧洲", Date: "2018-12-06", Loaded: true},
		{Placed: Placed{Note: b, Status: Moved}, Title: "中美首腦會晤后", Loaded: true},
	}
	var first, again strings.Builder
	if err := Export(&first, "docx", es); err != nil {
		t.Fatal(err)
	}
	Export(&again, "word", es)
	if first.String() != again.String() {
		t.Error("two exports of the same notes differ")
	}
	parts := docxParts(t, first.String())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if parts[name] == "" {
			t.Errorf("no %s", name)
		}
	}
	want := []string{
		"Title: 简报 jianbao notes",
		"Heading1: eWTP",
		"Quote: 世界电子贸易平台（eWTP）",
		"Source: " + es[0].SourceLine(),
		"Comment: 首次落地欧洲\n第二行 <b>&",
		"Heading1: 平台",
		"Quote: 世界电子贸易平台（eWTP）",
		"Source: " + es[0].SourceLine(),
		"Comment: 首次落地欧洲\n第二行 <b>&",
		"Heading1: (untagged)",
		"Quote: 經貿合作\n正在加速",
		"Source: " + es[1].SourceLine(),
	}
	if got := docxParagraphs(t, parts["word/document.xml"]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
	for _, style := range []string{`w:styleId="Quote"`, `w:styleId="Source"`, `w:styleId="Heading1"`, `w:eastAsia="宋体"`, `w:eastAsia="zh-CN"`} {
		if !strings.Contains(parts["word/styles.xml"], style) {
			t.Errorf("styles lack %s", style)
		}
	}
}

// Text XML cannot hold (controls, invalid UTF-8, U+FFFE) still makes a
// well-formed document.
func TestExportDOCXHostile(t *testing.T) {
	n := newNote(t, 1)
	n.Quote, n.Comment, n.Tags = "a\x00b\x1b[2J\ufffe\xff", "]]><w:p>", []string{"<标签>"}
	var sb strings.Builder
	if err := Export(&sb, "docx", []Entry{{Placed: Placed{Note: n}, Loaded: false}}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(docxParagraphs(t, docxParts(t, sb.String())["word/document.xml"]), "|")
	if !strings.Contains(got, "Comment: ]]><w:p>") || !strings.Contains(got, "Heading1: <标签>") || !strings.Contains(got, "␀") {
		t.Errorf("paragraphs %q", got)
	}
}
