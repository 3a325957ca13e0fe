package corpus

import "strings"

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
				v := FoldString(value)
				if field == "date" {
					if d := findDate(value, true); d != "" {
						v = d
					}
				}
				fs = append(fs, fieldFilter{field: field, value: v, not: not})
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
			held = strings.HasPrefix(d.Date, f.value)
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
