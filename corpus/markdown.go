package corpus

import (
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown briefings (*.md, *.markdown) are read as the text they show
// when rendered, the way an encoding is decoded: their front matter gives
// the metadata, and the markup is dropped (headings, emphasis, quotes,
// fences, tables, link targets and images), keeping the words. Lines of one
// paragraph are joined, as a renderer joins them: directly between Chinese
// characters, with a space between Latin words. What is left is the
// document's raw text: the cleaner, the index and notes work on it as on
// any other file. Only what briefings use is handled; anything else stays
// as written, so nothing of the text is lost to a construct not known.

// isMarkdown reports the file names read as Markdown.
func isMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// frontMatter is what a Markdown file's front matter says of it.
type frontMatter struct {
	Title, Date, Source, Author string
}

// frontKeys maps the keys of front matter (lower-cased) to its fields.
var frontKeys = map[string]func(*frontMatter) *string{
	"title": titleField, "标题": titleField, "標題": titleField,
	"date": dateField, "published": dateField, "pubdate": dateField, "日期": dateField, "发布时间": dateField, "發布時間": dateField,
	"source": sourceField, "publisher": sourceField, "来源": sourceField, "來源": sourceField,
	"author": authorField, "authors": authorField, "作者": authorField,
}

func titleField(f *frontMatter) *string  { return &f.Title }
func dateField(f *frontMatter) *string   { return &f.Date }
func sourceField(f *frontMatter) *string { return &f.Source }
func authorField(f *frontMatter) *string { return &f.Author }

// maxFrontLines bounds the search for the end of front matter: a file that
// opens with a thematic break and never closes it is not made all metadata.
const maxFrontLines = 100

// splitFrontMatter returns the front matter of s, read as simple
// one-line fields, and the rest of s: YAML between "---" lines at the very
// top ("key: value"), or TOML between "+++" lines, as Hugo writes it
// ("key = value", up to the first [table]).
func splitFrontMatter(s string) (frontMatter, string) {
	var fm frontMatter
	var fence, sep string
	switch {
	case strings.HasPrefix(s, "---\n"):
		fence, sep = "---", ":"
	case strings.HasPrefix(s, "+++\n"):
		fence, sep = "+++", "="
	default:
		return fm, s
	}
	var fields []string
	inTable := false // TOML keys under a [table] are the table's
	rest := s[len(fence)+1:]
	for n := 0; n < maxFrontLines && rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		if t := strings.TrimRight(line, " \t\r"); t == fence || fence == "---" && t == "..." {
			for _, f := range fields {
				k, v, _ := strings.Cut(f, sep)
				k = strings.Trim(strings.TrimSpace(k), `"'`)
				if field, ok := frontKeys[strings.ToLower(k)]; ok && *field(&fm) == "" {
					*field(&fm) = yamlScalar(v)
				}
			}
			return fm, rest
		}
		if fence == "+++" && strings.HasPrefix(strings.TrimSpace(line), "[") {
			inTable = true
		}
		if strings.Contains(line, sep) && !inTable && line[0] != ' ' && line[0] != '\t' && line[0] != '#' {
			fields = append(fields, line)
		}
	}
	return frontMatter{}, s // never closed: not front matter
}

// yamlScalar reads a YAML (or TOML) value written on one line: quotes
// removed, a flow list ([a, b]) joined with 、, a comment dropped.
func yamlScalar(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "|") || strings.HasPrefix(v, ">") || strings.HasPrefix(v, "&") || strings.HasPrefix(v, "!") {
		return "" // a block scalar, an anchor or a tag: not read
	}
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
		// Quoted, up to its closing quote; a comment may follow.
		if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
			if after := strings.TrimSpace(v[end+2:]); after == "" || after[0] == '#' {
				return strings.TrimSpace(v[1 : end+1])
			}
		}
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	if len(v) >= 2 && v[0] == '[' && v[len(v)-1] == ']' {
		var items []string
		for _, it := range strings.Split(v[1:len(v)-1], ",") {
			if it = yamlScalar(it); it != "" {
				items = append(items, it)
			}
		}
		return strings.Join(items, "、")
	}
	return v
}

var (
	atxHeading    = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+|$)`)
	atxClosing    = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	thematicBreak = regexp.MustCompile(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	setextLine    = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	listItem      = regexp.MustCompile(`^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)`)
	fenceOpen     = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	tableDivider  = regexp.MustCompile(`^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
	linkRefDef    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:[ \t]*\S+`)
	footnoteDef   = regexp.MustCompile(`^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$`)
)

// markdownText returns the text a Markdown document shows, and its front
// matter (see the comment at the top of this file).
func markdownText(s string) (string, frontMatter) {
	fm, body := splitFrontMatter(s)
	var out strings.Builder
	out.Grow(len(body))
	var para strings.Builder // the paragraph being joined
	flush := func() {
		if para.Len() > 0 {
			out.WriteString(para.String())
			out.WriteByte('\n')
			para.Reset()
		}
	}
	line := func(text string) { // a line of its own
		flush()
		out.WriteString(text)
		out.WriteByte('\n')
	}
	fence := ""
	hardBreak := false
	for _, ln := range strings.SplitAfter(body, "\n") {
		ln = strings.TrimSuffix(ln, "\n")
		if fence != "" { // inside a code block: verbatim until the fence closes
			if t := strings.TrimSpace(ln); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				continue
			}
			line(ln)
			continue
		}
		// Quote markers go; what is inside reads as any other line.
		for {
			t := strings.TrimLeft(ln, " ")
			if len(ln)-len(t) > 3 || !strings.HasPrefix(t, ">") {
				break
			}
			ln = strings.TrimPrefix(t[1:], " ")
		}
		trimmed := strings.TrimSpace(ln)
		// Block markup starts with one of these (after up to three
		// spaces); a line starting otherwise is text, and no pattern is
		// tried on it.
		var lead byte
		if trimmed != "" && len(ln)-len(strings.TrimLeft(ln, " ")) <= 3 && strings.IndexByte("#-*_=+|:[`~0123456789", trimmed[0]) >= 0 {
			lead = trimmed[0]
		}
		switch {
		case trimmed == "":
			flush()
			if out.Len() > 0 || para.Len() > 0 {
				out.WriteByte('\n')
			}
			hardBreak = false
			continue
		case lead == 0:
		case (lead == '`' || lead == '~') && fenceOpen.MatchString(ln):
			flush()
			m := fenceOpen.FindStringSubmatch(ln)
			fence = m[1]
			continue
		case (lead == '=' || lead == '-') && para.Len() > 0 && setextLine.MatchString(ln):
			flush() // the paragraph was a heading
			continue
		case lead == '[' && footnoteDef.MatchString(ln):
			// A footnote's text ([^1]: 参见…): a paragraph after its
			// mark, [1] 参见…, as a Word document's notes read.
			flush()
			m := footnoteDef.FindStringSubmatch(ln)
			ln = "[" + m[1] + "] " + m[2]
		case thematicBreak.MatchString(ln), tableDivider.MatchString(ln) && strings.Contains(ln, "|"), lead == '[' && linkRefDef.MatchString(ln):
			flush()
			continue
		case lead == '#' && atxHeading.MatchString(ln):
			h := inlineText(atxClosing.ReplaceAllString(atxHeading.ReplaceAllString(ln, ""), ""))
			if fm.Title == "" && out.Len() == 0 && para.Len() == 0 && strings.HasPrefix(trimmed, "# ") {
				// The document opens with its title, marked as one however
				// short (# 通知), where a line of text that short is not
				// taken for a headline.
				fm.Title = strings.TrimSpace(h)
			}
			line(h)
			continue
		case lead == '|':
			line(tableRow(trimmed))
			continue
		case listItem.MatchString(ln):
			flush() // an item starts a paragraph of its own, marker kept
			ln = trimmed
		}
		text := inlineText(strings.TrimLeft(ln, " \t"))
		if strings.TrimSpace(text) == "" && trimmed != "" {
			continue // a line of markup only, such as an HTML tag
		}
		if para.Len() > 0 && !hardBreak {
			last, _ := utf8.DecodeLastRuneInString(para.String())
			first, _ := utf8.DecodeRuneInString(text)
			if joinsWithSpace(last, first) {
				para.WriteByte(' ')
			}
		} else if hardBreak {
			flush()
		}
		hardBreak = strings.HasSuffix(ln, "  ") || strings.HasSuffix(ln, "\\")
		if strings.HasSuffix(ln, "\\") && strings.HasSuffix(text, "\\") {
			text = text[:len(text)-1]
		}
		para.WriteString(strings.TrimRight(text, " \t"))
	}
	flush()
	text := strings.TrimRight(out.String(), "\n")
	if strings.HasSuffix(body, "\n") {
		text += "\n"
	}
	return text, fm
}

// joinsWithSpace reports whether two lines of a paragraph ending in a and
// starting with b are joined with a space: not between Chinese characters
// (or Chinese punctuation), which a renderer runs together.
func joinsWithSpace(a, b rune) bool {
	wide := func(r rune) bool {
		return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || isCJKPunct(r) || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x30FF)
	}
	return !wide(a) && !wide(b)
}

// tableRow reads a table row as its cells that hold anything, separated
// by " | ".
func tableRow(row string) string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, "\\|") {
		row = row[:len(row)-1]
	}
	var cells []string
	cell := func(c string) {
		if c = inlineText(strings.TrimSpace(c)); c != "" {
			cells = append(cells, c)
		}
	}
	start := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			cell(row[start:i])
			start = i + 1
		}
	}
	cell(row[start:])
	return strings.Join(cells, " | ")
}

// inlineMarks are the bytes inline markup starts with.
const inlineMarks = "\\`*_~[!<"

var htmlTag = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>$`)

// maxTag is the longest HTML tag or autolink looked for.
const maxTag = 512

// inlineText drops the inline markup of one line: code spans keep their
// text, images their description, links their text (autolinks their
// address); emphasis and strikethrough markers and HTML tags go; a
// backslash escape gives its character. It runs in time linear in the line
// (a hostile file of a million unclosed * or [ on one line must not take
// minutes): every construct is paired in one pass with stacks, and what
// markup there is dropped byte by byte.
func inlineText(s string) string {
	if !strings.ContainsAny(s, inlineMarks) {
		return s
	}
	n := len(s)
	flags := make([]bool, 2*n)
	drop := flags[:n] // bytes left out
	lit := flags[n:]  // bytes that are text whatever they are

	// Backslash escapes, and the backtick runs that are not escaped.
	type run struct{ at, n int }
	var ticks []run
	for i := 0; i < n; i++ {
		j := strings.IndexAny(s[i:], "\\`")
		if j < 0 {
			break
		}
		i += j
		switch {
		case s[i] == '\\' && i+1 < n && isASCIIPunct(s[i+1]):
			drop[i], lit[i+1] = true, true
			i++
		case s[i] == '`':
			k := runOf(s, i, '`')
			ticks = append(ticks, run{i, k})
			i += k - 1
		}
	}
	// Code spans: a run closes at the next run as long. next[k] is where
	// the search for runs of length k has got to, so each run is passed
	// over once per length.
	next := map[int]int{}
	for t := 0; t < len(ticks); t++ {
		open := ticks[t]
		if lit[open.at] {
			continue
		}
		j := max(next[open.n], t+1)
		for j < len(ticks) && ticks[j].n != open.n {
			j++
		}
		next[open.n] = j
		if j >= len(ticks) {
			continue // unclosed: literal backticks
		}
		closeAt := ticks[j].at
		from, to := open.at+open.n, closeAt
		if to-from >= 2 && s[from] == ' ' && s[to-1] == ' ' && strings.TrimSpace(s[from:to]) != "" {
			drop[from], drop[to-1] = true, true
		}
		for i := open.at; i < closeAt+open.n; i++ {
			lit[i] = true
			if i < from || i >= to {
				drop[i] = true
			}
		}
		next[open.n] = j + 1
		t = j
	}
	// Autolinks keep their address; HTML tags go.
	for i := 0; i < n; i++ {
		at := strings.IndexByte(s[i:], '<')
		if at < 0 {
			break
		}
		i += at
		if lit[i] {
			continue
		}
		j := strings.IndexByte(s[i:min(n, i+maxTag)], '>')
		if j <= 0 {
			continue
		}
		inner, tag := s[i+1:i+j], s[i:i+j+1]
		switch {
		case strings.Contains(inner, "://") && !strings.ContainsAny(inner, " <") || strings.HasPrefix(inner, "mailto:"):
			drop[i], drop[i+j] = true, true
		case htmlTag.MatchString(tag):
			for k := i; k <= i+j; k++ {
				drop[k] = true
			}
		default:
			continue
		}
		for k := i; k <= i+j; k++ {
			lit[k] = true
		}
		i += j
	}
	if strings.IndexByte(s, '[') >= 0 {
		links(s, drop, lit)
	}
	emphasis(s, drop, lit)
	var out strings.Builder
	out.Grow(n)
	for i := 0; i < n; {
		j := i
		for j < n && !drop[j] {
			j++
		}
		out.WriteString(s[i:j])
		for j < n && drop[j] {
			j++
		}
		i = j
	}
	return out.String()
}

// links drops the markup of links and images: [text](target),
// [text][ref], [text][]; the text stays. Brackets and parentheses are
// paired with stacks, in one pass.
func links(s string, drop, lit []bool) {
	n := len(s)
	free := func(i int) bool { return i >= 0 && i < n && !lit[i] && !drop[i] }
	pair := make([]int32, n) // the place of the bracket that closes, plus one
	var brackets, parens, opens []int
	for i := 0; i < n; i++ {
		j := strings.IndexAny(s[i:], "[]()")
		if j < 0 {
			break
		}
		i += j
		if !free(i) {
			continue
		}
		switch s[i] {
		case '[':
			brackets = append(brackets, i)
			opens = append(opens, i)
		case ']':
			if len(brackets) > 0 {
				pair[brackets[len(brackets)-1]] = int32(i + 1)
				brackets = brackets[:len(brackets)-1]
			}
		case '(':
			parens = append(parens, i)
		case ')':
			if len(parens) > 0 {
				pair[parens[len(parens)-1]] = int32(i + 1)
				parens = parens[:len(parens)-1]
			}
		}
	}
	// Links and images: [text](target), [text][ref], [text][]; the text
	// stays, the rest goes. A footnote's mark [^1] is read [1].
	for _, i := range opens {
		if c := int(pair[i]) - 1; c > i+1 && s[i+1] == '^' && free(i+1) && !strings.ContainsAny(s[i+2:c], " \t[") && (c+1 >= n || s[c+1] != '(' && s[c+1] != '[') {
			drop[i+1] = true
			continue
		}
		c := int(pair[i]) - 1
		if c < 0 || !free(i) || c+1 >= n || s[c+1] != '(' && s[c+1] != '[' || pair[c+1] == 0 {
			continue
		}
		end := int(pair[c+1]) - 1
		drop[i] = true
		if free(i-1) && s[i-1] == '!' {
			drop[i-1] = true
		}
		for k := c; k <= end; k++ {
			drop[k] = true
		}
	}
}

// emphasis drops the delimiter runs of emphasis (* and _, one to three)
// and strikethrough (~~) that pair up: an opening run (followed by a
// non-space) with the nearest open run of the same kind before a closing
// one (preceded by a non-space); runs of _ and ~ must not touch a Latin
// letter or digit on the outside, so snake_case and a~b stay. Runs
// between a pair that are still open can no longer close. Each run is
// pushed and popped at most once.
func emphasis(s string, drop, lit []bool) {
	type delim struct{ at, n int }      // a run: where, how long
	type opener struct{ at, place int } // an open run: where, its place in stack
	var stack []delim                   // open runs, in order
	open := map[[2]int][]opener{}       // kind (char, length) → its open runs
	n := len(s)
	for i := 0; i < n; i++ {
		j := strings.IndexAny(s[i:], "*_~")
		if j < 0 {
			break
		}
		i += j
		c := s[i]
		if lit[i] || drop[i] {
			continue
		}
		k := runOf(s, i, c)
		for k > 0 && (lit[i+k-1] || drop[i+k-1]) {
			k--
		}
		at := i
		i += k - 1
		if k > 3 || c == '~' && k != 2 {
			continue
		}
		before, after := byte(' '), byte(' ')
		if at > 0 {
			before = s[at-1]
		}
		if at+k < n {
			after = s[at+k]
		}
		canOpen := !isSpaceByte(after) && (c == '*' || !isASCIIAlnum(before))
		canClose := !isSpaceByte(before) && (c == '*' || !isASCIIAlnum(after))
		kind := [2]int{int(c), k}
		if canClose {
			runs := open[kind]
			for len(runs) > 0 {
				top := runs[len(runs)-1]
				if top.place < len(stack) && stack[top.place].at == top.at {
					break
				}
				runs = runs[:len(runs)-1] // inside a pair closed since: gone
			}
			if len(runs) > 0 {
				o := runs[len(runs)-1]
				for j := 0; j < k; j++ {
					drop[o.at+j], drop[at+j] = true, true
				}
				stack = stack[:o.place]
				open[kind] = runs[:len(runs)-1]
				continue
			}
			open[kind] = runs
		}
		if canOpen {
			open[kind] = append(open[kind], opener{at, len(stack)})
			stack = append(stack, delim{at, k})
		}
	}
}

// runOf is the length of the run of c at s[i].
func runOf(s string, i int, c byte) int {
	m := 0
	for i+m < len(s) && s[i+m] == c {
		m++
	}
	return m
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
