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

// splitFrontMatter returns the front matter (YAML between "---" lines at
// the very top) of s, read as simple "key: value" lines, and the rest of s.
func splitFrontMatter(s string) (frontMatter, string) {
	var fm frontMatter
	if !strings.HasPrefix(s, "---\n") {
		return fm, s
	}
	var fields []string
	rest := s[len("---\n"):]
	for n := 0; n < maxFrontLines && rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			for _, f := range fields {
				k, v, _ := strings.Cut(f, ":")
				if field, ok := frontKeys[strings.ToLower(strings.TrimSpace(k))]; ok && *field(&fm) == "" {
					*field(&fm) = yamlScalar(v)
				}
			}
			return fm, rest
		}
		if strings.Contains(line, ":") && line[0] != ' ' && line[0] != '\t' && line[0] != '#' {
			fields = append(fields, line)
		}
	}
	return frontMatter{}, s // never closed: not front matter
}

// yamlScalar reads a YAML value written on one line: quotes removed, a
// flow list ([a, b]) joined with 、, a comment dropped.
func yamlScalar(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "|") || strings.HasPrefix(v, ">") || strings.HasPrefix(v, "&") || strings.HasPrefix(v, "!") {
		return "" // a block scalar, an anchor or a tag: not read
	}
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return strings.TrimSpace(v[1 : len(v)-1])
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
		case thematicBreak.MatchString(ln), tableDivider.MatchString(ln) && strings.Contains(ln, "|"), lead == '[' && linkRefDef.MatchString(ln):
			flush()
			continue
		case lead == '#' && atxHeading.MatchString(ln):
			h := atxHeading.ReplaceAllString(ln, "")
			line(inlineText(atxClosing.ReplaceAllString(h, "")))
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

var htmlTag = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)

// inlineText drops the inline markup of one line: code spans keep their
// text, images their description, links their text (autolinks their
// address); emphasis and strikethrough markers and HTML tags go; a
// backslash escape gives its character.
func inlineText(s string) string {
	if !strings.ContainsAny(s, inlineMarks) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); {
		// Text up to the next byte that may start markup goes as it is.
		j := strings.IndexAny(s[i:], inlineMarks)
		if j < 0 {
			out.WriteString(s[i:])
			break
		}
		out.WriteString(s[i : i+j])
		i += j
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				out.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '`':
			n := runOf(s, i, '`')
			if j := strings.Index(s[i+n:], s[i:i+n]); j >= 0 && runOf(s, i+n+j, '`') == n {
				code := s[i+n : i+n+j]
				if strings.HasPrefix(code, " ") && strings.HasSuffix(code, " ") && strings.TrimSpace(code) != "" {
					code = code[1 : len(code)-1]
				}
				out.WriteString(code)
				i += n + j + n
				continue
			}
			out.WriteString(s[i : i+n]) // no closing run: literal
			i += n
			continue
		case '!', '[':
			img := c == '!'
			at := i
			if img {
				if i+1 >= len(s) || s[i+1] != '[' {
					break
				}
				at++
			}
			if text, end, ok := linkAt(s, at); ok {
				out.WriteString(inlineText(text))
				i = end
				continue
			}
		case '<':
			if m := htmlTag.FindString(s[i:]); m != "" {
				i += len(m)
				continue
			}
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				if inner := s[i+1 : i+j]; strings.Contains(inner, "://") && !strings.ContainsAny(inner, " <") || strings.HasPrefix(inner, "mailto:") {
					out.WriteString(inner)
					i += j + 1
					continue
				}
			}
		case '*', '_', '~':
			n := runOf(s, i, c)
			if end, ok := closingRun(s, i, n, c); ok {
				out.WriteString(inlineText(s[i+n : end]))
				i = end + n
				continue
			}
			out.WriteString(s[i : i+n])
			i += n
			continue
		}
		out.WriteByte(c)
		i++
	}
	return out.String()
}

// runOf is the length of the run of c at s[i].
func runOf(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingRun finds where the emphasis opened by the run of n c's at s[i]
// closes: a run of exactly n further on, with text between. The opening
// run must be followed by a non-space and the closing one preceded by one;
// runs of _ (and the ~~ of strikethrough, which needs two) must not touch
// a Latin letter or digit on the outside, so snake_case and a~b stay.
func closingRun(s string, i, n int, c byte) (int, bool) {
	if n > 3 || c == '~' && n != 2 || i+n >= len(s) || isSpaceByte(s[i+n]) {
		return 0, false
	}
	if c != '*' && i > 0 && isASCIIAlnum(s[i-1]) {
		return 0, false
	}
	for j := i + n + 1; j < len(s); j++ {
		if s[j] != c {
			continue
		}
		m := runOf(s, j, c)
		if m == n && !isSpaceByte(s[j-1]) && (c == '*' || j+m >= len(s) || !isASCIIAlnum(s[j+m])) {
			return j, true
		}
		j += m - 1
	}
	return 0, false
}

// linkAt reads a link at s[i] ("[text](target)", "[text][ref]", "[text][]")
// and returns its text and where it ends.
func linkAt(s string, i int) (string, int, bool) {
	j := closing(s, i, '[', ']')
	if j < 0 {
		return "", 0, false
	}
	text, k := s[i+1:j], j+1
	if k < len(s) {
		switch s[k] {
		case '(':
			if e := closing(s, k, '(', ')'); e > 0 {
				return text, e + 1, true
			}
		case '[':
			if e := strings.IndexByte(s[k:], ']'); e >= 0 {
				return text, k + e + 1, true
			}
		}
	}
	return "", 0, false
}

// closing finds the close that matches the open at s[k], nesting and
// backslash escapes counted, or -1.
func closing(s string, k int, open, close byte) int {
	depth := 0
	for j := k; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
