package corpus

import (
	"strings"
	"unicode/utf8"
)

// A query may restrict what it finds by what is known of a document:
// source:新华社, author:张三, title:通知, date:2024-03 (or 来源：, 作者：,
// 标题：, 日期：; a minus before one leaves those documents out). A
// qualifier takes one word; it applies to the whole query, whatever the
// parentheses. The words left are searched for as before; a query of
// qualifiers alone lists the documents they allow.

// fieldFilter is one qualifier.
type fieldFilter struct {
	field string // "title", "source", "author" or "date"
	value string // folded; a date as a date prefix (2024-03)
	not   bool
}

var fieldNames = map[string]string{
	"title": "title", "标题": "title", "標題": "title",
	"source": "source", "来源": "source", "來源": "source",
	"author": "author", "作者": "author",
	"date": "date", "日期": "date",
}

// splitFields takes the qualifiers out of query, returning the rest.
func splitFields(query string) (string, []fieldFilter) {
	if !strings.ContainsAny(query, ":：") {
		return query, nil
	}
	var rest []string
	var fs []fieldFilter
	for _, w := range strings.Fields(query) {
		body, not := strings.CutPrefix(w, "-")
		i := strings.IndexAny(body, ":：")
		if i > 0 {
			_, size := utf8.DecodeRuneInString(body[i:])
			name, value := strings.ToLower(body[:i]), body[i+size:]
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
	rest, fs := splitFields(query)
	return fs != nil && strings.TrimSpace(rest) == ""
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
