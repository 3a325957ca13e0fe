package corpus

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Word (.docx) and OpenDocument (.odt) briefings, the attachments
// government sites publish, are read as the text of their body: a
// paragraph is a line followed by a blank line, a table row its cells
// joined by " | ", a tab or a line break as written. Footnotes and
// endnotes are a citation's source, so they are kept as a PDF of the
// document shows them: a mark [1] where each is referred to, and the notes
// after the body, each a paragraph "[1] text", numbered in the order they
// are referred to. Page headers and footers, comments and deleted
// (tracked) text are left out, as are field codes and the second copy
// Word keeps of a text box for older readers. The text is Unicode (the XML's), so there is no encoding to
// guess; what is left is the document's raw text, as for Markdown.
//
// A file is a ZIP archive: the one part holding the body is read, and no
// further than the file size limit, whatever its header claims (a small
// file can unpack to gigabytes).

// ErrNotOffice marks a .docx or .odt file that is not a readable document.
var ErrNotOffice = errors.New("not a readable Word or OpenDocument file")

// officeMarkup returns "docx", "odt" or "pptx" for the file names read as
// such, else "".
func officeMarkup(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".docx":
		return "docx"
	case ".odt":
		return "odt"
	case ".pptx":
		return "pptx"
	}
	return ""
}

// officeText returns the text of the body of b, a document of the markup
// given ("docx" or "odt"), reading at most max bytes of its XML.
func officeText(b []byte, markup string, max int64) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", fmt.Errorf("%w: not a ZIP archive (%v); a .doc from Word 97–2003 or a .wps must be saved as .docx first", ErrNotOffice, err)
	}
	if markup == "pptx" {
		return slidesText(zr, max)
	}
	part := "word/document.xml"
	if markup == "odt" {
		part = "content.xml"
	}
	// The body is read as it unpacks; the parts beside it (lists, styles,
	// notes) whole, within what the body leaves of the limit.
	parts := zipPartsOf(zr, max, ErrNotOffice)
	f := parts.files[part]
	if f == nil {
		return "", fmt.Errorf("%w: the archive has no %s", ErrNotOffice, part)
	}
	var w officeWriter
	if markup == "docx" { // lists' and headings' numbers (docxnum.go); a part missing or too large: none
		numbering, _ := parts.part("word/numbering.xml")
		styles, _ := parts.part("word/styles.xml")
		w.num = readDocxNumbering(numbering, styles)
	}
	if markup == "odt" { // list styles in styles.xml; content.xml's own are read with it (odtnum.go)
		styles, _ := parts.part("styles.xml")
		w.odtNum = newODTNumbering(styles)
	}
	if int64(f.UncompressedSize64) > parts.left {
		return "", fmt.Errorf("%w: its %s unpacks to %d bytes, over the limit of %d", ErrTooLarge, part, f.UncompressedSize64, max)
	}
	rc, err := f.Open()
	if err != nil {
		return "", fmt.Errorf("%w: cannot open its %s: %v", ErrNotOffice, part, err)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: parts.left + 1}
	if markup == "odt" {
		err = w.odt(xml.NewDecoder(lr))
	} else {
		err = w.docx(xml.NewDecoder(lr))
	}
	if lr.N <= 0 {
		return "", fmt.Errorf("%w: its %s unpacks to more than the limit of %d bytes", ErrTooLarge, part, max)
	}
	if err != nil {
		return "", fmt.Errorf("%w: its %s: %v", ErrNotOffice, part, err)
	}
	parts.left = lr.N - 1
	if markup == "docx" && len(w.refs) > 0 {
		for _, p := range []string{"word/footnotes.xml", "word/endnotes.xml"} {
			notes, err := parts.part(p)
			if errors.Is(err, ErrTooLarge) {
				return "", err
			}
			// A part referred to but missing, or damaged, costs only the
			// notes not read: the body stands, and the marks.
			w.docxNotes(notes)
		}
	}
	w.writeNotes()
	return strings.TrimLeft(w.out.String(), "\n"), nil
}

// docxNotes reads the notes of a footnotes or endnotes part, keeping those
// the body referred to; in a damaged part, those read before the damage.
func (w *officeWriter) docxNotes(part []byte) {
	d := xml.NewDecoder(bytes.NewReader(part))
	var note *officeWriter
	key := ""
	eachToken(d, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if note == nil && (t.Name.Local == "footnote" || t.Name.Local == "endnote") {
				key = t.Name.Local + " " + xmlAttr(t, "id")
				note = &officeWriter{}
				return nil
			}
		case xml.EndElement:
			if note != nil && (t.Name.Local == "footnote" || t.Name.Local == "endnote") {
				w.noteText(key, note)
				note = nil
				return nil
			}
		}
		if note != nil {
			return note.docxToken(d, tok)
		}
		return nil
	})
}

// slidesText returns the text of a PowerPoint deck (.pptx): each slide's
// text boxes and tables, in the order of the presentation's slide list,
// a slide's paragraphs as a document's (DrawingML's a:p, a:t, a:br,
// a:tbl are WordprocessingML's names); speaker notes are left out. No more
// XML is unpacked than max, all slides together.
func slidesText(zr *zip.Reader, max int64) (string, error) {
	files := map[string]*zip.File{}
	for _, zf := range zr.File {
		files[zf.Name] = zf
	}
	// The slide list names relationships; the relationships name parts.
	var order []string
	rels := map[string]string{}
	relsXML, _ := readPart(files["ppt/_rels/presentation.xml.rels"], 1<<20)
	d := xml.NewDecoder(bytes.NewReader(relsXML))
	eachToken(d, func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			var id, target string
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "Id":
					id = a.Value
				case "Target":
					target = a.Value
				}
			}
			rels[id] = path.Join("ppt", strings.TrimPrefix(target, "/ppt/"))
		}
		return nil
	})
	presXML, _ := readPart(files["ppt/presentation.xml"], 1<<22)
	d = xml.NewDecoder(bytes.NewReader(presXML))
	eachToken(d, func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "sldId" {
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" && files[rels[a.Value]] != nil {
					order = append(order, rels[a.Value])
				}
			}
		}
		return nil
	})
	if len(order) == 0 { // no list: the slides by number
		for name := range files {
			if strings.HasPrefix(name, "ppt/slides/slide") && strings.HasSuffix(name, ".xml") {
				order = append(order, name)
			}
		}
		slideNumber := func(name string) int {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "ppt/slides/slide"), ".xml"))
			return n
		}
		slices.SortFunc(order, func(a, b string) int { return cmp.Compare(slideNumber(a), slideNumber(b)) })
	}
	if len(order) == 0 {
		return "", fmt.Errorf("%w: the archive has no slides (ppt/slides/slide1.xml)", ErrNotOffice)
	}
	var w officeWriter
	left := max
	for _, name := range order {
		f := files[name]
		if int64(f.UncompressedSize64) > left {
			return "", fmt.Errorf("%w: its slides unpack to more than the limit of %d bytes", ErrTooLarge, max)
		}
		rc, err := f.Open()
		if err != nil {
			return "", fmt.Errorf("%w: cannot open its %s: %v", ErrNotOffice, name, err)
		}
		lr := &io.LimitedReader{R: rc, N: left + 1}
		err = w.docx(xml.NewDecoder(lr))
		rc.Close()
		if lr.N <= 0 {
			return "", fmt.Errorf("%w: its slides unpack to more than the limit of %d bytes", ErrTooLarge, max)
		}
		if err != nil {
			return "", fmt.Errorf("%w: its %s: %v", ErrNotOffice, name, err)
		}
		left = lr.N - 1
		w.cells = nil // a table a damaged slide left open ends with it
		w.endParagraph()
	}
	return strings.TrimLeft(w.out.String(), "\n"), nil
}

// readPart returns a small part of an archive whole, or nothing.
func readPart(f *zip.File, limit int64) ([]byte, error) {
	if f == nil || f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: missing or too large", ErrNotOffice)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, limit))
}

// officeWriter lays out a document's paragraphs and tables.
type officeWriter struct {
	out   strings.Builder
	line  strings.Builder
	cells []int // per open table: cells written in its current row
	// inText counts the text elements open (w:t), whose character data
	// is the text.
	inText int
	// The notes referred to, in order: refs numbers them by their key
	// (kind and id), notes holds their text once read.
	refs  map[string]int
	notes []string
	// num numbers a Word document's lists; para is the paragraph's place
	// in one and its style, as its properties say.
	num       *docxNumbering
	paraNum   docxNumRef
	paraStyle string
	// odtNum numbers an OpenDocument text's lists and headings.
	odtNum *odtNumbering
}

// noteRef writes the mark of the note key (its kind and id in the
// document), numbering it when it is new.
func (w *officeWriter) noteRef(key string) {
	n, ok := w.refs[key]
	if !ok {
		if w.refs == nil {
			w.refs = map[string]int{}
		}
		n = len(w.refs) + 1
		w.refs[key] = n
		w.notes = append(w.notes, "")
	}
	w.text("[" + strconv.Itoa(n) + "]")
}

// noteText takes the text note holds as the note key's, if it was
// referred to.
func (w *officeWriter) noteText(key string, note *officeWriter) {
	n, ok := w.refs[key]
	if !ok {
		return // a separator, or a note nothing refers to
	}
	note.cells = nil
	note.endParagraph()
	w.notes[n-1] = strings.TrimSpace(note.out.String())
}

// writeNotes writes the notes after the body, each a paragraph after its
// mark; a note whose text was not found is left out (its mark stays).
func (w *officeWriter) writeNotes() {
	w.cells = nil
	w.endParagraph()
	for i, text := range w.notes {
		if text != "" {
			fmt.Fprintf(&w.out, "[%d] %s\n\n", i+1, text)
		}
	}
}

// text writes s on the line.
func (w *officeWriter) text(s string) { w.line.WriteString(s) }

// breakLine ends the line within a paragraph.
func (w *officeWriter) breakLine() {
	if len(w.cells) > 0 {
		w.line.WriteByte(' ') // a table row stays one line
		return
	}
	w.out.WriteString(strings.TrimRight(w.line.String(), " "))
	w.out.WriteByte('\n')
	w.line.Reset()
}

// endParagraph ends a paragraph: a line and a blank line, or within a
// table cell a space.
func (w *officeWriter) endParagraph() {
	if len(w.cells) > 0 {
		if w.line.Len() > 0 && !strings.HasSuffix(w.line.String(), " ") {
			w.line.WriteByte(' ')
		}
		return
	}
	if strings.TrimSpace(w.line.String()) == "" {
		w.line.Reset()
		return
	}
	w.breakLine()
	w.out.WriteByte('\n')
}

func (w *officeWriter) startTable() {
	w.endParagraph()
	w.cells = append(w.cells, 0)
}

func (w *officeWriter) endTable() {
	if len(w.cells) > 0 {
		w.cells = w.cells[:len(w.cells)-1]
	}
	if len(w.cells) == 0 {
		w.endParagraph()
	}
}

func (w *officeWriter) startCell() {
	if n := len(w.cells); n > 0 {
		if w.cells[n-1] > 0 {
			w.line.WriteString("| ")
		}
		w.cells[n-1]++
	}
}

// endRow ends a table row: a line of its own when the table is not inside
// another's cell.
func (w *officeWriter) endRow() {
	n := len(w.cells)
	if n == 0 {
		return
	}
	w.cells[n-1] = 0
	if n > 1 {
		return // a row of a table in a cell stays on the cell's line
	}
	row := strings.TrimRight(w.line.String(), " ")
	w.line.Reset()
	if strings.Trim(row, " |") != "" {
		w.out.WriteString(row)
		w.out.WriteString("\n\n")
	}
}

// docx reads WordprocessingML: w:p paragraphs of w:r runs whose w:t
// elements hold the text.
func (w *officeWriter) docx(d *xml.Decoder) error {
	return eachToken(d, func(tok xml.Token) error { return w.docxToken(d, tok) })
}

// docxToken takes one token of WordprocessingML (see docx).
func (w *officeWriter) docxToken(d *xml.Decoder, tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "t":
			w.inText++
		case "tab", "ptab":
			w.text("\t")
		case "br", "cr":
			w.breakLine()
		case "noBreakHyphen":
			w.text("-")
		case "tbl":
			w.startTable()
		case "tc":
			w.startCell()
		case "p":
			w.paraNum, w.paraStyle = docxNumRef{}, ""
		case "pStyle":
			w.paraStyle = xmlAttr(t, "val")
		case "numId":
			w.paraNum.id, w.paraNum.set = xmlAttr(t, "val"), true
		case "ilvl":
			w.paraNum.level, _ = strconv.Atoi(xmlAttr(t, "val"))
		case "footnoteReference", "endnoteReference":
			w.noteRef(strings.TrimSuffix(t.Name.Local, "Reference") + " " + xmlAttr(t, "id"))
			return d.Skip()
		case "Fallback", "footnoteRef", "endnoteRef", "commentReference", "delText", "instrText", "del":
			// A text box's copy for older readers; a note's own number
			// (written as its mark) and comments' marks; deleted text
			// and field codes.
			return d.Skip()
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "pPr":
			w.text(w.num.label(w.paraNum, w.paraStyle)) // the paragraph's number, before its text
		case "t":
			w.inText--
		case "p":
			w.endParagraph()
		case "tr":
			w.endRow()
		case "tbl":
			w.endTable()
		}
	case xml.CharData:
		if w.inText > 0 {
			w.text(string(t))
		}
	}
	return nil
}

// odt reads OpenDocument text: text:p and text:h paragraphs whose text
// is their character data, with text:s for runs of spaces. A note
// (text:note) is in the paragraph that refers to it.
func (w *officeWriter) odt(d *xml.Decoder) error {
	var note *officeWriter // the note being read
	key := ""
	return eachToken(d, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "note" && note == nil:
				key, note = "note "+xmlAttr(t, "id"), &officeWriter{}
				return nil
			case t.Name.Local == "note-citation":
				return d.Skip() // its number: the mark is written as the body's
			}
		case xml.EndElement:
			if t.Name.Local == "note" && note != nil {
				w.noteRef(key)
				w.noteText(key, note)
				note = nil
				return nil
			}
		}
		if note != nil {
			return note.odtToken(d, tok)
		}
		return w.odtToken(d, tok)
	})
}

// odtToken takes one token of OpenDocument text (see odt).
func (w *officeWriter) odtToken(d *xml.Decoder, tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "p", "h":
			if w.inText == 0 {
				w.text(w.odtNum.label(t)) // the paragraph's number, before its text
			}
			w.inText++
		case "list":
			w.odtNum.startList(t)
		case "list-item", "list-header":
			w.odtNum.startItem(t)
		case "automatic-styles":
			if w.odtNum != nil { // the document's own list styles
				return w.odtNum.readStyles(d)
			}
			return d.Skip()
		case "s":
			n := 1
			for _, a := range t.Attr {
				if a.Name.Local == "c" {
					if c, err := strconv.Atoi(a.Value); err == nil && c > 0 {
						n = min(c, 64)
					}
				}
			}
			w.text(strings.Repeat(" ", n))
		case "tab":
			w.text("\t")
		case "line-break":
			w.breakLine()
		case "table":
			w.startTable()
		case "table-cell":
			w.startCell()
		case "note", "annotation", "tracked-changes", "font-face-decls", "scripts":
			// A note within a note; comments, deleted text; styles and
			// scripts.
			return d.Skip()
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "p", "h":
			w.inText--
			w.endParagraph()
		case "list":
			w.odtNum.endList()
		case "table-row":
			w.endRow()
		case "table":
			w.endTable()
		}
	case xml.CharData:
		if w.inText > 0 {
			w.text(string(t))
		}
	}
	return nil
}

// eachToken calls fn with each token of d, to the end or an error.
func eachToken(d *xml.Decoder, fn func(xml.Token) error) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}
