package corpus

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Text scraped from web pages into plain files often keeps the page's
// markup: character references (&nbsp;&nbsp;新华社北京电, &ldquo;一带一路&rdquo;,
// &#8220;, &#65292;) and tags (<br/>, <p>, </span>), sometimes escaped
// twice by a CMS (&amp;ldquo;). The markup pass reads them as the page
// would show them, before the other passes (whose fullwidth pass would
// otherwise make &nbsp; into &nbsp；).

// tagRE is an HTML tag, at the start of the text, of the elements a page's
// text is set in, with attributes if any: a name alone is not enough
// (若a<b且b>c is no tag).
var tagRE = regexp.MustCompile(`^(?i)</?(br|p|div|span|font|strong|b|i|em|u|a|img|table|tbody|thead|tr|td|th|ul|ol|li|h[1-6]|center|section|article|sup|sub|hr|blockquote|pre|small|big|strike|s|ins|del|label|o:p)(?:\s[^<>\n]{0,300})?\s*/?>`)

// maxHTMLTag is the longest tag tagRE matches.
const maxHTMLTag = 320

// blockTags are the elements that start a line of their own.
var blockTags = map[string]bool{"br": true, "p": true, "div": true, "tr": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true, "hr": true, "blockquote": true, "section": true, "article": true, "center": true, "ul": true, "ol": true, "pre": true}

// markupAt reads the markup at s[i], a '&' or a '<': a character
// reference (with its semicolon, ASCII or the full-width one a converter
// may have made of it) as the one character it stands for, or a tag as
// nothing, or as a line break where it starts a line mid-line. It reports
// false for anything else: a '<' that starts no tag, an entity that is
// none, or stands for two characters, for a control character (&#27;: the
// text stays inert) or for a character markup is made of (&lt; &gt; &#59;
// &#98;), which would make markup of the text around it. &amp; is read
// with what follows when that is a reference once more (&amp;nbsp;, as a
// CMS escapes twice), so that reading the text again changes nothing.
// The cleaner's markup pass and the indexer both read markup through it,
// so that the index holds the clean text's pairs.
func markupAt(s string, i int) (repl string, end int, ok bool) {
	if s[i] == '<' {
		m := tagRE.FindStringSubmatchIndex(s[i:min(len(s), i+maxHTMLTag)])
		if m == nil {
			return "", 0, false
		}
		end = i + m[1]
		if blockTags[strings.ToLower(s[i+m[2]:i+m[3]])] && midLine(s, i, end) {
			return "\n", end, true
		}
		return "", end, true
	}
	repl, end, ok = referenceAt(s, i+1)
	for ok && repl == "&" {
		r, e, more := referenceAt(s, end)
		if !more {
			break
		}
		repl, end = r, e
	}
	return repl, end, ok
}

// referenceAt reads the reference whose '&' is before s[j]: the character
// it stands for and where it ends (see markupAt).
func referenceAt(s string, j int) (repl string, end int, ok bool) {
	start := j
	switch {
	case j+1 < len(s) && s[j] == '#' && (s[j+1] == 'x' || s[j+1] == 'X'):
		j = span(s, j+2, 6, isHexDigitByte)
	case j < len(s) && s[j] == '#':
		j = span(s, j+1, 7, isDigitByte)
	case j < len(s) && s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z':
		j = span(s, j+1, 31, isASCIIAlnum)
	default:
		return "", 0, false
	}
	if j < 0 {
		return "", 0, false
	}
	switch {
	case strings.HasPrefix(s[j:], ";"):
		end = j + 1
	case strings.HasPrefix(s[j:], "；"):
		end = j + len("；")
	default:
		return "", 0, false
	}
	ref := "&" + s[start:j] + ";"
	r := html.UnescapeString(ref)
	c, n := utf8.DecodeRuneInString(r)
	if r == ref || n != len(r) || c == utf8.RuneError || c < 0x20 && c != '\t' || c >= 0x7F && c < 0xA0 ||
		c < 0x80 && c != '&' && (strings.ContainsRune(";<>#", c) || isASCIIAlnum(byte(c))) {
		return "", 0, false
	}
	return r, end, true
}

// span is the end of the run of at least one and at most max bytes from
// s[i] that is accepts, or -1 when there is none.
func span(s string, i, max int, is func(byte) bool) int {
	j := i
	for j < len(s) && j-i < max && is(s[j]) {
		j++
	}
	if j == i || j < len(s) && j-i == max && is(s[j]) {
		return -1
	}
	return j
}

func isHexDigitByte(c byte) bool { return isDigitByte(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// midLine reports whether s[i:end] has text before it and after it on its
// line (spaces and tabs aside).
func midLine(s string, i, end int) bool {
	a := i
	for a > 0 && (s[a-1] == ' ' || s[a-1] == '\t') {
		a--
	}
	b := end
	for b < len(s) && (s[b] == ' ' || s[b] == '\t') {
		b++
	}
	return a > 0 && s[a-1] != '\n' && b < len(s) && s[b] != '\n'
}

// markupEdits reads the text's markup (see markupAt): references decoded,
// tags removed or made line breaks.
func markupEdits(s string) []edit {
	var out []edit
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "&<")
		if k < 0 {
			break
		}
		i += k
		repl, end, ok := markupAt(s, i)
		if !ok {
			i++
			continue
		}
		rule := "entity"
		if s[i] == '<' {
			rule = "tag"
		}
		out = append(out, edit{start: i, end: end, repl: repl, rule: rule})
		i = end
	}
	return out
}
