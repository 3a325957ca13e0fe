package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A query may restrict what it finds by what is known of a document:
// source:新华社, author:张三, title:通知, date:2024-03 (a minus before one
// leaves those documents out). A qualifier takes one word; it applies to
// the whole query, whatever the parentheses. The words left are searched
// for as before; a query of qualifiers alone lists the documents they
// allow. Only these English names with an ASCII colon are qualifiers:
// 来源：官网 is text a briefing holds, and is searched for (as the words 来源
// and 官网, which the full-width colon parts).

// fieldFilter is one qualifier.
type fieldFilter struct {
	field string // "title", "source", "author" or "date"
	value string // folded; a date as a date prefix (2024-03)
	not   bool
	// span, for a date qualifier that is a range (date:2024-01..2024-06,
	// date:>2024-03), holds its bounds.
	span *dateSpan
	// bad, for a date qualifier, says what is wrong with its value (no
	// date, a range that ends before it starts): the qualifier then allows
	// nothing, and QualifierProblem says why.
	bad string
}

// dateSpan is a range of dates: lo and hi as date prefixes (2024,
// 2024-03, 2024-03-05), "" where it is open, each taken in or left out.
// A date is compared with a bound to the bound's precision, or its own
// where it is less precise: 2024-03-15 is within 2024-03, so after 2024-02
// and not after 2024-03; a document dated 2024 alone is within
// 2024-01..2024-06.
type dateSpan struct {
	lo, hi       string
	loOut, hiOut bool // > and <, not >= and <=
}

func (r dateSpan) holds(date string) bool {
	if date == "" {
		return false
	}
	cmp := func(b string) int {
		n := min(len(date), len(b))
		return strings.Compare(date[:n], b[:n])
	}
	if r.lo != "" {
		if c := cmp(r.lo); c < 0 || c == 0 && r.loOut {
			return false
		}
	}
	if r.hi != "" {
		if c := cmp(r.hi); c > 0 || c == 0 && r.hiOut {
			return false
		}
	}
	return true
}

// dateQualifier reads the value of date:, which is a date in any notation
// findDate knows (2024, 2024-03, 2024年3月5日, 20240305), a range of two
// (2024-01..2024-06; either side open: 2024.., ..2023, or *), or one after
// >, >=, < or <=.
func dateQualifier(value string) fieldFilter {
	f := fieldFilter{field: "date"}
	bound := func(s string) (string, bool) {
		if s == "" || s == "*" {
			return "", true
		}
		d := dateOrPrefix(s)
		return d, d != ""
	}
	if a, b, ok := strings.Cut(value, ".."); ok {
		lo, okA := bound(a)
		hi, okB := bound(b)
		switch {
		case !okA || !okB || lo == "" && hi == "":
			f.bad = "date:" + value + " is not a date"
		case lo != "" && hi != "" && lo[:min(len(lo), len(hi))] > hi[:min(len(lo), len(hi))]:
			f.bad = "date:" + value + " ends before it starts"
		default:
			f.span = &dateSpan{lo: lo, hi: hi}
		}
		return f
	}
	for _, op := range []string{">=", "<=", ">", "<"} {
		if rest, ok := strings.CutPrefix(value, op); ok {
			d := dateOrPrefix(rest)
			switch {
			case d == "":
				f.bad = "date:" + value + " is not a date"
			case op[0] == '>':
				f.span = &dateSpan{lo: d, loOut: op == ">"}
			default:
				f.span = &dateSpan{hi: d, hiOut: op == "<"}
			}
			return f
		}
	}
	if f.value = dateOrPrefix(value); f.value == "" {
		f.bad = "date:" + value + " is not a date"
	}
	return f
}

// dateOrPrefix is queryDate(s), or s when it is the start of a date as
// the metadata writes them (20 is the 2000s, 202 the 2020s, 2024-0 the
// first nine months of 2024); "" when it is neither.
func dateOrPrefix(s string) string {
	if d := queryDate(s); d != "" {
		return d
	}
	if datePrefixRE.MatchString(s) {
		return s
	}
	return ""
}

var datePrefixRE = regexp.MustCompile(`^(?:\d{1,4}|\d{4}-(?:0[1-9]?|1[0-2]?)?|\d{4}-(?:0[1-9]|1[0-2])-[0-3]?\d?)$`)

// queryDate reads a date as a query writes it, the whole of s: 2024,
// 2024-03, 2024/3/5, 2024.03.05, 2024年3月5日, 20240305, 202403, or in the
// other notations the metadata's dates are read in (二〇二四年三月,
// 民國113年); "" when it is none (2024-13, 2024/3x).
func queryDate(s string) string {
	s = strings.TrimSpace(FoldString(s))
	if m := queryDateRE.FindStringSubmatch(s); m != nil {
		y, mo, d := m[1], m[2], m[3]
		if m[4] != "" { // compact: 20240305, 202403
			y, mo, d = m[4][:4], m[4][4:6], m[4][6:]
		}
		out := y
		for _, p := range []struct {
			v   string
			max int
		}{{mo, 12}, {d, 31}} {
			if p.v == "" {
				break
			}
			n, _ := strconv.Atoi(p.v)
			if n < 1 || n > p.max {
				return ""
			}
			out += fmt.Sprintf("-%02d", n)
		}
		return out
	}
	if strings.IndexFunc(s, isHan) >= 0 {
		return findDate(s, true)
	}
	return ""
}

// DateHelp says how a date: qualifier is written.
const DateHelp = "write date:2024, date:2024-03, date:2024-03-05, a range date:2024-01..2024-06 (open: 2024.., ..2023), or date:>2024-03 (also >=, <, <=)"

var queryDateRE = regexp.MustCompile(`^(?:((?:19|20)\d\d)(?:(?:[-/.]|年)(\d{1,2})(?:(?:[-/.]|月)(\d{1,2})[日号]?|月)?|年)?|((?:19|20)\d\d(?:0[1-9]|1[0-2])(?:\d\d)?))$`)

// QualifierProblem returns what is wrong with query's qualifiers, "" when
// nothing is: a date: that reads as no date allows no document, and says
// so rather than find nothing in silence. DateHelp says what to write.
func QualifierProblem(query string) string {
	_, fs := splitFields(query)
	for _, f := range fs {
		if f.bad != "" {
			return f.bad
		}
	}
	return ""
}

var fieldNames = map[string]string{"title": "title", "source": "source", "author": "author", "date": "date"}

// splitFields takes the qualifiers out of query, returning the rest.
func splitFields(query string) (string, []fieldFilter) {
	if !strings.Contains(query, ":") {
		return query, nil
	}
	var rest []string
	var fs []fieldFilter
	for _, w := range strings.Fields(query) {
		body, not := strings.CutPrefix(w, "-")
		if i := strings.IndexByte(body, ':'); i > 0 {
			name, value := strings.ToLower(body[:i]), body[i+1:]
			if field, ok := fieldNames[name]; ok && value != "" {
				f := fieldFilter{field: field, value: FoldString(value)}
				if field == "date" {
					f = dateQualifier(value)
				}
				f.not = not
				fs = append(fs, f)
				continue
			}
		}
		rest = append(rest, w)
	}
	if fs == nil {
		return query, nil
	}
	return strings.Join(rest, " "), fs
}

// OnlyQualifiers reports whether query holds qualifiers and no word to
// search the text for.
func OnlyQualifiers(query string) bool {
	_, ok := Qualified(query)
	return ok
}

// Qualified returns what query keeps of documents, when query holds
// qualifiers and nothing else (ok false otherwise): the filter of
// jianbao list source:新华社 date:2024.
func Qualified(query string) (keep func(*Document) bool, ok bool) {
	rest, fs := splitFields(query)
	if fs == nil || strings.TrimSpace(rest) != "" {
		return nil, false
	}
	return func(d *Document) bool { return allows(fs, d) }, true
}

// allows reports whether d meets every qualifier.
func allows(fs []fieldFilter, d *Document) bool {
	for _, f := range fs {
		var held bool
		switch f.field {
		case "title":
			held = strings.Contains(FoldString(d.DisplayTitle()), f.value)
		case "source":
			held = strings.Contains(FoldString(d.Source), f.value)
		case "author":
			held = strings.Contains(FoldString(d.Author), f.value)
		case "date":
			switch {
			case f.bad != "":
				return false // allows nothing, negated or not
			case f.span != nil:
				held = f.span.holds(d.Date)
			default:
				held = strings.HasPrefix(d.Date, f.value)
			}
		}
		if held == f.not {
			return false
		}
	}
	return true
}

// filterFields keeps the hits whose documents meet fs; with no words to
// search for (rest blank), every document that does, in order.
func (ix *Index) filterFields(rest string, fs []fieldFilter, hits func() []Hit) []Hit {
	if strings.TrimSpace(rest) == "" {
		defer ix.rlock()()
		var out []Hit
		for pos, d := range ix.docs {
			if d != nil && allows(fs, d) {
				out = append(out, Hit{Doc: int32(pos), Checked: true})
			}
		}
		return out
	}
	found := hits()
	defer ix.rlock()()
	out := found[:0]
	for _, h := range found {
		if allows(fs, ix.docs[h.Doc]) {
			out = append(out, h)
		}
	}
	return out
}
