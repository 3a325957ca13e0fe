package corpus

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// OpenDocument numbers lists and headings itself, as Word does (see
// docxnum.go): a paragraph in a text:list is numbered at the list's depth
// by the list style's level (text:list-level-style-number: a format, a
// prefix and suffix, how many levels above to show), and a heading
// (text:h) outside lists by the outline style. List styles are in
// styles.xml and in content.xml's automatic styles. The reader counts as
// Writer does and writes the number before the paragraph's text.

// odtLevels is a list style's levels, 1 to 10.
type odtLevels [10]odtLevel

// odtLevel is how one level of a list style counts and writes its number:
// format is Word's name for it (see numberText), "" for no number.
type odtLevel struct {
	format, prefix, suffix string
	bullet                 string // a bullet level's mark
	start, display         int
}

// odtCounts is a list's count at each level, 0 where not begun.
type odtCounts [10]int

// odtNumbering is what a document's styles say of its lists, and the
// counts so far as the body is read.
type odtNumbering struct {
	styles   map[string]*odtLevels // list styles, by style:name
	outline  *odtLevels            // the headings' (text:outline-style)
	paraList map[string]string     // a paragraph style's list style
	parent   map[string]string     // a paragraph style's parent style

	lists    []odtList             // the text:list elements open, outermost first
	byID     map[string]*odtCounts // a list's counts, by the xml:id of any list continuing them
	last     *odtCounts            // the last outermost list's, for continue-numbering
	headings odtCounts
	// item: a list item is open whose first paragraph is yet to come;
	// header: it is a list header, not numbered; start: its start-value.
	item, header bool
	start        int
}

// odtList is an open text:list: its style and its counts.
type odtList struct {
	style  string
	counts *odtCounts
}

// newODTNumbering reads the list styles of styles.xml (nil when missing).
func newODTNumbering(styles []byte) *odtNumbering {
	n := &odtNumbering{styles: map[string]*odtLevels{}, paraList: map[string]string{}, parent: map[string]string{}, byID: map[string]*odtCounts{}}
	if len(styles) > 0 {
		n.readStyles(xml.NewDecoder(bytes.NewReader(styles)))
	}
	return n
}

// readStyles reads the list, outline and paragraph styles of d to the end
// of the element open (or of the document).
func (n *odtNumbering) readStyles(d *xml.Decoder) error {
	var levels *odtLevels
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return err // io.EOF at a document's end
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "list-style", "outline-style":
				levels = new(odtLevels)
				if t.Name.Local == "outline-style" {
					n.outline = levels
				} else {
					n.styles[xmlAttr(t, "name")] = levels
				}
			case "list-level-style-number", "outline-level-style", "list-level-style-bullet", "list-level-style-image":
				l, err := strconv.Atoi(xmlAttr(t, "level"))
				if levels == nil || err != nil || l < 1 || l > len(levels) {
					break
				}
				lv := odtLevel{format: odtFormat(xmlAttr(t, "num-format")), prefix: labelPart(xmlAttr(t, "num-prefix")), suffix: labelPart(xmlAttr(t, "num-suffix")), start: 1, display: 1}
				if v, err := strconv.Atoi(xmlAttr(t, "start-value")); err == nil && v >= 0 {
					lv.start = v
				}
				if v, err := strconv.Atoi(xmlAttr(t, "display-levels")); err == nil && v > 1 {
					lv.display = v
				}
				switch t.Name.Local {
				case "list-level-style-bullet":
					r, _ := utf8.DecodeRuneInString(xmlAttr(t, "bullet-char"))
					lv.bullet = bulletMark(r)
				case "list-level-style-image":
					lv.bullet = "•"
				}
				levels[l-1] = lv
			case "style":
				if name := xmlAttr(t, "name"); xmlAttr(t, "family") == "paragraph" && name != "" {
					for _, a := range t.Attr {
						if a.Name.Local == "list-style-name" {
							n.paraList[name] = a.Value
						}
					}
					n.parent[name] = xmlAttr(t, "parent-style-name")
				}
			}
		case xml.EndElement:
			if t.Name.Local == "list-style" || t.Name.Local == "outline-style" {
				levels = nil
			}
			if depth--; depth < 0 {
				return nil // the end of the element that was open
			}
		}
	}
}

// odtFormat gives Word's name (see numberText) for an OpenDocument
// style:num-format: 1, a, A, i, I, or Writer's names of its East Asian
// numberings ("一, 二, 三, ..."); "" for none.
func odtFormat(f string) string {
	switch f {
	case "":
		return ""
	case "a":
		return "lowerLetter"
	case "A":
		return "upperLetter"
	case "i":
		return "lowerRoman"
	case "I":
		return "upperRoman"
	}
	switch r, _ := utf8.DecodeRuneInString(f); r {
	case '一':
		return "chineseCounting"
	case '壹':
		if strings.ContainsRune(f, '貳') {
			return "ideographLegalTraditional"
		}
		return "chineseLegalSimplified"
	case '甲':
		return "ideographTraditional"
	case '子':
		return "ideographZodiac"
	case '①':
		return "decimalEnclosedCircle"
	case '１':
		return "decimalFullWidth"
	case '〇':
		return "ideographDigital"
	}
	return "decimal"
}

// startList opens a text:list: nested, it counts on in its outer list's
// counts, in its style unless it names its own; outermost, it begins its own unless it continues another
// (text:continue-list names it, text:continue-numbering the last one).
func (n *odtNumbering) startList(t xml.StartElement) {
	if n == nil {
		return
	}
	l := odtList{style: xmlAttr(t, "style-name")}
	if k := len(n.lists); k > 0 {
		l.counts = n.lists[k-1].counts
	} else {
		l.counts = n.byID[xmlAttr(t, "continue-list")]
		if l.counts == nil && xmlAttr(t, "continue-numbering") == "true" {
			l.counts = n.last
		}
		if l.counts == nil {
			l.counts = new(odtCounts)
		}
		n.last = l.counts
	}
	if id := xmlAttr(t, "id"); id != "" {
		n.byID[id] = l.counts
	}
	n.lists = append(n.lists, l)
}

// endList closes the innermost text:list.
func (n *odtNumbering) endList() {
	if n != nil && len(n.lists) > 0 {
		n.lists = n.lists[:len(n.lists)-1]
	}
}

// startItem opens a text:list-item or text:list-header: a new item of its
// level begins the levels below again.
func (n *odtNumbering) startItem(t xml.StartElement) {
	if n == nil || len(n.lists) == 0 {
		return
	}
	n.item, n.header, n.start = true, t.Name.Local == "list-header", 0
	if v, err := strconv.Atoi(xmlAttr(t, "start-value")); err == nil && v >= 0 {
		n.start = v
	}
	if k := len(n.lists); k <= len(odtCounts{}) {
		counts := n.lists[k-1].counts
		for i := k; i < len(counts); i++ {
			counts[i] = 0
		}
	}
}

// label counts the paragraph or heading t opens and returns the number
// Writer shows before it; "" for none (a list item's later paragraphs, a
// list header, a heading the outline style does not number).
func (n *odtNumbering) label(t xml.StartElement) string {
	if n == nil {
		return ""
	}
	if k := len(n.lists); k > 0 {
		if !n.item || n.header || k > len(odtCounts{}) {
			n.item = false
			return ""
		}
		n.item = false
		// The style of the innermost list that names one; else the
		// paragraph style's, which then holds for the whole list.
		style := ""
		for i := k - 1; i >= 0 && style == ""; i-- {
			style = n.lists[i].style
		}
		if style == "" {
			style = n.paragraphList(xmlAttr(t, "style-name"))
			n.lists[0].style = style
		}
		if levels := n.styles[style]; levels != nil {
			return levels.count(n.lists[k-1].counts, k-1, n.start)
		}
		return ""
	}
	if t.Name.Local != "h" || n.outline == nil || xmlAttr(t, "is-list-header") == "true" {
		return ""
	}
	level, err := strconv.Atoi(xmlAttr(t, "outline-level"))
	if err != nil || level < 1 || level > len(odtCounts{}) {
		return ""
	}
	start := 0
	if xmlAttr(t, "restart-numbering") == "true" {
		start = n.outline[level-1].start
		if v, err := strconv.Atoi(xmlAttr(t, "start-value")); err == nil && v >= 0 {
			start = v
		}
	}
	return n.outline.count(&n.headings, level-1, start)
}

// paragraphList is the list style of a paragraph style, or of the style it
// inherits from.
func (n *odtNumbering) paragraphList(style string) string {
	for range 8 { // a loop of parents ends
		if l, ok := n.paraList[style]; ok || style == "" {
			return l
		}
		style = n.parent[style]
	}
	return ""
}

// count counts a paragraph at level l (from 0) in counts, at start when
// its item sets one, and writes its number: prefix, the numbers of the
// levels shown above it joined by dots, its own, suffix.
func (levels *odtLevels) count(counts *odtCounts, l, start int) string {
	lv := levels[l]
	switch {
	case start > 0:
		counts[l] = start
	case counts[l] == 0:
		counts[l] = max(lv.start, 1)
	default:
		counts[l]++
	}
	for i := l + 1; i < len(counts); i++ {
		counts[i] = 0
	}
	if lv.bullet != "" {
		return lv.bullet + " "
	}
	if lv.format == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(lv.prefix)
	for i := l - min(lv.display, l+1) + 1; i <= l; i++ {
		c := counts[i]
		if c == 0 {
			c = max(levels[i].start, 1) // a level above that has not counted yet
		}
		if i < l && levels[i].format == "" {
			continue
		}
		b.WriteString(numberText(levels[i].format, c))
		if i < l {
			b.WriteByte('.')
		}
	}
	b.WriteString(lv.suffix)
	return labelSpace(b.String())
}
