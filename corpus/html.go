package corpus

import (
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML briefings (*.html, *.htm, *.xhtml: pages saved from the web) are
// read as the text of their article, the way Markdown is read as the text
// it shows: the head's metadata (the ArticleTitle, PubDate, ContentSource
// and Author of Chinese government sites, Open Graph, Dublin Core) gives
// the title, date, source and author, and the page's furniture (scripts,
// styles, navigation, side bars, page headers and footers, forms' controls,
// hidden elements) is dropped. The article is the page's largest <article>,
// else its <main>, else its body. Blocks become paragraphs separated by a
// blank line, <br> a line break, a table row its cells separated by " | ";
// runs of white space become one space, and a line break between Chinese
// characters none, as a browser shows them; <pre> is kept as written. What is left is the
// document's raw text: the cleaner, the index and notes work on it as on
// any other file.

// isHTML reports the file names read as HTML.
func isHTML(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

// htmlMeta maps the names of <meta> elements (name or property, lower
// case) to the field they give, best first within a field.
var htmlMeta = map[string]struct {
	field func(*frontMatter) *string
	rank  int
}{
	"articletitle": {titleField, 0}, "og:title": {titleField, 1}, "dc.title": {titleField, 2}, "twitter:title": {titleField, 3},
	"pubdate": {dateField, 0}, "publishdate": {dateField, 0}, "article:published_time": {dateField, 1}, "dc.date": {dateField, 2},
	"dc.date.issued": {dateField, 2}, "publish_time": {dateField, 2}, "firstpublishedtime": {dateField, 2}, "date": {dateField, 3},
	"contentsource": {sourceField, 0}, "source": {sourceField, 1}, "og:site_name": {sourceField, 2}, "sitename": {sourceField, 2},
	"dc.publisher": {sourceField, 3}, "publisher": {sourceField, 3},
	"author": {authorField, 0}, "article:author": {authorField, 1}, "dc.creator": {authorField, 2},
}

// platforms are the sites that carry accounts, named as a page's site: the
// account that wrote it is its source (a WeChat article's, read off its
// byline), not 微信公众平台.
var platforms = map[string]bool{"微信公众平台": true, "微信公眾平台": true, "微信公众号": true, "微信公眾號": true, "微信": true,
	"WeChat Official Accounts Platform": true}

// skippedElements are furniture: never part of the text.
var skippedElements = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Object: true,
	atom.Embed: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Dialog: true, atom.Menu: true,
}

// blockElements end the line before them and after them.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Body: true, atom.Caption: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Ul: true, atom.Legend: true,
}

// htmlText returns the text of an HTML page's article and what its head
// says of it (see the comment at the top of this file).
func htmlText(s string) (string, frontMatter) {
	s = strings.ReplaceAll(s, "\x00", "\uFFFD") // as the HTML parsing rules do (a file can't hold one; see Decode)
	doc := parseHTML(s)
	fm, title := headFields(doc)
	fm.Title = siteTitle(fm.Title) // og:title may name the site too
	info := map[*html.Node]nodeInfo{}
	measure(doc, info)
	root := contentRoot(doc, info)
	if fm.Title == "" {
		if h := find(root, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h != nil {
			fm.Title = collapseSpace(nodeText(h))
		}
	}
	if fm.Title == "" {
		fm.Title = pageTitle(title) // if none, the text's headline, as for any text
	}
	w := htmlWriter{root: root, info: info}
	w.node(root)
	w.endBlock()
	return strings.TrimLeft(w.out.String(), "\n"), fm
}

// chapterText returns the text of a book's chapter (an EPUB's XHTML): its
// whole body, headers, footers and notes with it; scripts, styles and what
// is hidden left out. notes carries the labels of the notes referred to
// from one chapter to the next, as a book may keep its notes in a part of
// their own (see htmlWriter.notes).
func chapterText(s string, notes map[string]string) string {
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	doc := parseHTML(s)
	root := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	if root == nil {
		root = doc
	}
	info := map[*html.Node]nodeInfo{}
	measure(doc, info)
	w := htmlWriter{book: true, root: root, info: info, notes: notes}
	w.node(root)
	w.endBlock()
	return strings.TrimLeft(w.out.String(), "\n")
}

// maxHTMLDepth bounds the tree parseHTML builds: an element opened deeper
// is a child of the element at this depth (browsers stop at 512).
const maxHTMLDepth = 256

// maxHTMLNodes bounds the tokens parseHTML makes nodes of (a node costs
// about a hundred bytes, a tag as little as three): the text after them is
// kept as one node, a line a token, so a 200 MB page of tags costs its
// text, not gigabytes of tree.
const maxHTMLNodes = 2_000_000

// endTagReach is how far down the open elements an end tag looks for the
// element it closes; one that matches none there is ignored.
const endTagReach = 64

// voidElements never have children.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Param: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// parseHTML builds the element tree of s from x/net/html's tokenizer (which
// decodes entities and reads scripts and styles as raw text) with a plain
// stack of open elements: an end tag closes the nearest open element of its
// name. The HTML5 tree builder (html.Parse) is quadratic in nesting depth
// (a 100 KB page of nested <div> took 4.5 s), and since x/net v0.45 refuses
// pages nested past 512; for reading a page's text the stack is enough, and
// it is linear.
func parseHTML(s string) *html.Node {
	doc := &html.Node{Type: html.DocumentNode}
	open := []*html.Node{doc}
	z := html.NewTokenizer(strings.NewReader(s))
	nodes := 0
	var rest strings.Builder // the text after maxHTMLNodes, as one node
	for {
		tt := z.Next()
		top := open[len(open)-1]
		if nodes++; nodes > maxHTMLNodes {
			switch tt {
			case html.ErrorToken:
				top.AppendChild(&html.Node{Type: html.TextNode, Data: rest.String()})
				return doc
			case html.TextToken:
				rest.Write(z.Text())
				rest.WriteByte('\n')
			}
			continue
		}
		switch tt {
		case html.ErrorToken:
			return doc
		case html.TextToken:
			top.AppendChild(&html.Node{Type: html.TextNode, Data: string(z.Text())})
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			n := &html.Node{Type: html.ElementNode, DataAtom: tok.DataAtom, Data: tok.Data, Attr: tok.Attr}
			top.AppendChild(n)
			if tt == html.StartTagToken && !voidElements[n.DataAtom] && len(open) < maxHTMLDepth {
				open = append(open, n)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(open) - 1; i > 0 && i >= len(open)-endTagReach; i-- {
				if open[i].Data == string(name) {
					open = open[:i]
					break
				}
			}
		}
	}
}

// headFields reads the <meta> elements anywhere in the page, keeping the
// best ranked for each field, and the <title>.
func headFields(doc *html.Node) (fm frontMatter, title string) {
	ranks := map[*string]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if title == "" && n.FirstChild != nil {
					title = collapseSpace(n.FirstChild.Data) // raw text: one node
				}
				return
			case atom.Meta:
				name := strings.ToLower(strings.TrimSpace(cmpAttr(attr(n, "name"), attr(n, "property"))))
				m, ok := htmlMeta[name]
				content := collapseSpace(attr(n, "content"))
				if !ok || content == "" || platforms[content] {
					return
				}
				f := m.field(&fm)
				if r, seen := ranks[f]; !seen || m.rank < r {
					*f, ranks[f] = content, m.rank
				}
				return
			case atom.Svg, atom.Math: // their <title> is a tooltip
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return fm, title
}

// cmpAttr is a, or b when a is empty.
func cmpAttr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// pageTitle is a page's <title> without the site's name, or "" when what
// is left is furniture (新华网, 返回顶部, 正文) rather than a headline.
func pageTitle(t string) string {
	t = siteTitle(t)
	if furnitureRule(t) != "" || isFurniture(t) {
		return ""
	}
	return t
}

// siteTitle is a <title> without the site's name after it (标题_中国政府网,
// 标题 - 新华网, 标题｜中央社): the part before the last separator, when
// what follows is short and what precedes is not.
func siteTitle(t string) string {
	for _, sep := range []string{"_", " - ", " | ", "|", "｜", " — ", "－", "--"} {
		i := strings.LastIndex(t, sep)
		if i < 0 {
			continue
		}
		head, site := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		if utf8.RuneCountInString(site) <= 20 && utf8.RuneCountInString(head) >= 4 {
			return siteTitle(head)
		}
	}
	return t
}

// contentRoot is the element holding the page's article: its largest
// <article>, else its <main> (or role=main), else its body.
func contentRoot(doc *html.Node, info map[*html.Node]nodeInfo) *html.Node {
	var best *html.Node
	bestLen := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Article && !hidden(n) {
			if l := info[n].text; l > bestLen {
				best, bestLen = n, l
			}
			return // an article within an article is part of it
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if best != nil && bestLen > 0 {
		return best
	}
	if m := find(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main")
	}); m != nil && info[m].text > 0 {
		return m
	}
	if b := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body }); b != nil {
		return b
	}
	return doc
}

// find returns the first element under n (n included) that ok accepts,
// not looking inside furniture.
func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode {
		if ok(n) {
			return n
		}
		if skippedElements[n.DataAtom] || hidden(n) {
			return nil
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, ok); f != nil {
			return f
		}
	}
	return nil
}

// nodeText is the text under n outside furniture, as written.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if skippedElements[n.DataAtom] || hidden(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// hidden reports an element the page does not show.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			st := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// attr is n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// collapseSpace is s with runs of HTML white space made one space (a line
// break between Chinese characters none), and none at either end.
func collapseSpace(s string) string {
	var w htmlWriter
	w.text(s)
	return strings.TrimSpace(w.line.String())
}

// furnitureNames are words of class and id attributes that name a page's
// furniture: <div class="nav-bar">, <div id="footer">, 当前位置 (dqwz).
var furnitureNames = map[string]bool{
	"header": true, "nav": true, "navbar": true, "navigation": true, "menu": true, "footer": true,
	"breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true, "sidebar": true,
	"share": true, "copyright": true, "toolbar": true, "topbar": true, "banner": true, "advert": true,
	"ad": true, "ads": true, "comment": true, "comments": true, "related": true, "login": true,
	"foot": true, "dqwz": true, "weizhi": true, "position": true, "location": true, "print": true, "fontsize": true,
}

// furniture reports an element whose class or id names furniture, when
// it holds less than half of the article's text: a page that calls its
// article's frame "main-nav" keeps it.
func (w *htmlWriter) furniture(n *html.Node) bool {
	named := false
	for _, a := range n.Attr {
		if k := strings.ToLower(a.Key); k != "class" && k != "id" {
			continue
		}
		for _, word := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
		}) {
			named = named || furnitureNames[word]
		}
	}
	return named && 2*w.info[n].text < w.info[w.root].text
}

// nodeInfo is what the reader needs to know of an element's subtree.
type nodeInfo struct {
	text int  // bytes of text outside furniture, white space not counted
	h1   bool // an <h1> outside furniture
}

// measure fills info for n's subtree in one walk, which choosing the
// article, and then laying it out, read: asking each element afresh
// would be quadratic in a page nested deep.
func measure(n *html.Node, info map[*html.Node]nodeInfo) nodeInfo {
	var in nodeInfo
	switch n.Type {
	case html.TextNode:
		in.text = len(n.Data)
		for i := 0; i < len(n.Data); i++ {
			switch n.Data[i] {
			case ' ', '\t', '\n', '\r', '\f':
				in.text--
			}
		}
		return in
	case html.ElementNode:
		if skippedElements[n.DataAtom] || hidden(n) {
			info[n] = in
			return in
		}
		in.h1 = n.DataAtom == atom.H1
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		ci := measure(c, info)
		in.text += ci.text
		in.h1 = in.h1 || ci.h1
	}
	info[n] = in
	return in
}

// htmlWriter lays out the text of an HTML tree.
type htmlWriter struct {
	// book is set for a book's chapter (EPUB): it has no site around it,
	// so no header, footer or class name marks furniture (a
	// <div class="chapter-header"> holds the chapter's title).
	book  bool
	root  *html.Node
	info  map[*html.Node]nodeInfo // the article's elements (measure)
	out   strings.Builder
	line  strings.Builder // the line being written
	space bool            // white space since the line's last character
	brk   bool            // a line break in it
	pre   int             // depth of <pre> elements
	cells int             // cells written in the current table row
	// notes are the labels of the notes referred to so far, by the id
	// the reference points at (see noteRole).
	notes map[string]string
	label string // a note's label, written before its text
	// inNote is the label of the note being written.
	inNote string
}

// referred reports an element the text refers to as a note.
func (w *htmlWriter) referred(n *html.Node) bool {
	_, ok := w.notes[attr(n, "id")]
	return ok && n.DataAtom != atom.A
}

// noteRole says what an element is to the notes of a page or a book, as
// EPUB 3, DPUB-ARIA and pandoc mark them: a reference (<a epub:type=
// "noteref" href="#fn1">1</a>) or a link back from the note. The note is
// the element a reference points at.
func noteRole(n *html.Node) string {
	words := strings.ToLower(attr(n, "epub:type") + " " + attr(n, "role") + " " + attr(n, "class"))
	for _, f := range strings.Fields(words) {
		switch f {
		case "noteref", "doc-noteref", "footnote-ref":
			if n.DataAtom == atom.A {
				return "ref"
			}
		case "doc-backlink", "footnote-back", "backlink":
			if n.DataAtom == atom.A {
				return "back"
			}
		}
	}
	return ""
}

func (w *htmlWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if w.pre > 0 {
			w.preText(n.Data)
		} else {
			w.text(n.Data)
		}
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
		return
	}
	if skippedElements[n.DataAtom] && !(w.book && (n.DataAtom == atom.Aside || n.DataAtom == atom.Footer)) && !w.referred(n) || hidden(n) {
		return // (a book's asides are its notes, and a chapter's footer is text; so is a note referred to)
	}
	if !w.book && (n.DataAtom == atom.Header || w.furniture(n)) && !w.info[n].h1 {
		return // a page's header (logo, menu), not an article's (its title)
	}
	// Notes read as a Word document's: [1] where one is referred to, and
	// "[1] text" for the note; the link back from it goes.
	switch noteRole(n) {
	case "ref":
		label := strings.Trim(collapseSpace(nodeText(n)), "[]（）() ")
		if label == "" {
			break
		}
		// The note's id: the href's fragment, in this file or another
		// of the book (notes.xhtml#fn1).
		if _, id, ok := strings.Cut(attr(n, "href"), "#"); ok && id != "" {
			if w.notes == nil {
				w.notes = map[string]string{}
			}
			w.notes[id] = label
		}
		w.text("[" + label + "]")
		return
	case "back":
		return
	default: // the note a reference points at, however it is marked
		if label, ok := w.notes[attr(n, "id")]; ok {
			w.endBlock()
			w.label = "[" + label + "] "
			w.inNote = label
			delete(w.notes, attr(n, "id"))                // once, even if nested marks repeat it
			defer func() { w.label, w.inNote = "", "" }() // a note without text gives none
		}
		// In a note, a link to a place in the text with the note's own
		// number is the way back (LibreOffice's <a href="#calledF1">1</a>).
		if w.inNote != "" && n.DataAtom == atom.A && strings.Contains(attr(n, "href"), "#") && collapseSpace(nodeText(n)) == w.inNote {
			return
		}
	}
	switch n.DataAtom {
	case atom.Br:
		w.newline()
		return
	case atom.Td, atom.Th:
		if w.cells > 0 {
			w.line.WriteString(" | ")
		}
		w.cells++
		w.space, w.brk = false, false
	case atom.Tr:
		// A row is a line, the rows of a table one under the other (a
		// reader lines up their cells), the table a block.
		w.endRow()
		w.cells = 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
		w.endRow()
		return
	case atom.Pre:
		w.pre++
		defer func() { w.pre-- }()
	}
	block := blockElements[n.DataAtom]
	if block {
		w.endBlock()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.endBlock()
	}
}

// text writes s, its white space collapsed as a browser shows it.
func (w *htmlWriter) text(s string) {
	for _, r := range s {
		switch r {
		case '\n', '\r':
			w.brk = true
			fallthrough
		case ' ', '\t', '\f':
			w.space = true
			continue
		}
		if w.space && w.line.Len() > 0 {
			// A line break between Chinese characters is no space.
			last, _ := utf8.DecodeLastRuneInString(w.line.String())
			if last != ' ' && (!w.brk || joinsWithSpace(last, r)) {
				w.line.WriteByte(' ')
			}
		}
		w.space, w.brk = false, false
		if w.label != "" { // a note's label, before its first text
			w.line.WriteString(w.label)
			w.label = ""
		}
		w.line.WriteRune(r)
	}
}

// preText writes s as written, its line breaks kept.
func (w *htmlWriter) preText(s string) {
	for i, ln := range strings.Split(s, "\n") {
		if i > 0 {
			w.newline()
		}
		w.line.WriteString(strings.TrimSuffix(ln, "\r"))
	}
}

// newline ends the line, even an empty one (<br><br> is a blank line).
func (w *htmlWriter) newline() {
	w.out.WriteString(strings.TrimRight(w.line.String(), " "))
	w.out.WriteByte('\n')
	w.line.Reset()
	w.space, w.brk = false, false
}

// endRow ends a table's row: its line, if anything is on it, with no
// blank line after.
func (w *htmlWriter) endRow() {
	if strings.TrimSpace(w.line.String()) != "" {
		w.newline()
	}
	w.line.Reset()
	w.space, w.brk = false, false
}

// endBlock ends the line, if anything is on it, and leaves one blank line
// after the text before.
func (w *htmlWriter) endBlock() {
	if strings.TrimSpace(w.line.String()) != "" {
		w.newline()
	}
	w.line.Reset()
	w.space, w.brk = false, false
	if s := w.out.String(); s != "" && !strings.HasSuffix(s, "\n\n") {
		w.out.WriteByte('\n')
	}
}
