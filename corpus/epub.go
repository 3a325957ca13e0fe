package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strings"
)

// EPUB, as white papers and reports are also published: a ZIP archive whose
// META-INF/container.xml names the package document (content.opf), whose
// manifest names the parts and whose spine orders the chapters. The text is
// the chapters' XHTML, each body whole (chapterText: a chapter has no site
// furniture around it), in the spine's order;
// the package's Dublin Core metadata gives title, date, author and
// publisher (the source).

// ErrNotEPUB marks an .epub file that is not a readable EPUB book.
var ErrNotEPUB = errors.New("not a readable EPUB book")

func isEPUB(name string) bool { return strings.EqualFold(path.Ext(name), ".epub") }

// maxEPUBChapters bounds the chapters read (a spine of a million entries).
const maxEPUBChapters = 10_000

// epubText returns the text of an EPUB book and its metadata, unpacking no
// more than max bytes.
func epubText(b []byte, max int64) (string, frontMatter, error) {
	r, err := openZipParts(b, max, ErrNotEPUB)
	if err != nil {
		return "", frontMatter{}, err
	}
	container, err := r.part("META-INF/container.xml")
	if err != nil {
		return "", frontMatter{}, err
	}
	opfPath := ""
	eachToken(xml.NewDecoder(bytes.NewReader(container)), func(tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "rootfile" && opfPath == "" {
			opfPath = r.resolve("", xmlAttr(t, "full-path"))
		}
		return nil
	})
	if opfPath == "" {
		return "", frontMatter{}, fmt.Errorf("%w: its container.xml names no package document", ErrNotEPUB)
	}
	opf, err := r.part(opfPath)
	if err != nil {
		return "", frontMatter{}, err
	}
	var fm frontMatter
	fields := xmlFields{by: map[string]*string{"title": &fm.Title, "creator": &fm.Author, "date": &fm.Date, "publisher": &fm.Source}}
	manifest := map[string]string{} // id → part
	var spine []string
	err = eachToken(xml.NewDecoder(bytes.NewReader(opf)), func(tok xml.Token) error {
		fields.see(tok)
		if t, ok := tok.(xml.StartElement); ok {
			switch t.Name.Local {
			case "item":
				if mt := xmlAttr(t, "media-type"); strings.Contains(mt, "html") {
					manifest[xmlAttr(t, "id")] = r.resolve(path.Dir(opfPath), xmlAttr(t, "href"))
				}
			case "itemref":
				if len(spine) < maxEPUBChapters && xmlAttr(t, "linear") != "no" {
					spine = append(spine, xmlAttr(t, "idref"))
				}
			}
		}
		return nil
	})
	if err != nil {
		return "", frontMatter{}, fmt.Errorf("%w: its %s: %v", ErrNotEPUB, opfPath, err)
	}
	var out strings.Builder
	notes := map[string]string{} // the notes referred to, for a part that holds them
	for _, id := range spine {
		name := manifest[id]
		if name == "" {
			continue
		}
		part, err := r.part(name)
		if errors.Is(err, ErrTooLarge) {
			return "", frontMatter{}, err
		}
		if err != nil {
			continue // a chapter missing from a damaged book: the others
		}
		dec, err := decode(part, false)
		if err != nil {
			continue
		}
		if text := strings.TrimSpace(chapterText(dec.Text, notes)); text != "" {
			if out.Len() > 0 {
				out.WriteString("\n\n")
			}
			out.WriteString(text)
		}
	}
	if out.Len() == 0 {
		return "", frontMatter{}, fmt.Errorf("%w: no text in its %d chapters", ErrEmpty, len(spine))
	}
	if len(fm.Date) > 10 {
		fm.Date = fm.Date[:10]
	}
	return out.String() + "\n", fm, nil
}
