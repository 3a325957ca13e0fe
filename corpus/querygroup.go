package corpus

import (
	"slices"
	"strings"
)

// Parentheses group a query's words as in a search engine:
// (贸易 OR 投资) 合作, -(特朗普 OR 川普) 马云, (中美 贸易) OR 关税. A query
// is matched as terms a document must all hold (alternatives allowed) and
// terms it must not hold, so a grouped query is rewritten into that form
// (conjunctive normal form): (A B) OR C becomes (A OR C) (B OR C),
// -(A OR B) becomes -A -B. A clause that needs one of its words absent,
// -(A B) or A OR -B, is a condition that leaves documents out: those that
// hold A and B, those that hold B and not A (see term.together). Parentheses that do not
// pair up are searched for, as before (会(huì) is a reading annotation).

// maxClauses bounds the rewriting: (A B C) OR (D E F) OR … multiplies.
const (
	maxClauses       = 64
	maxClauseLiteral = 32
)

// qtok is a token of a grouped query: a word (kind 'w'), an opening or
// closing parenthesis, OR ('|'), or a minus before a group ('-').
type qtok struct {
	kind byte
	w    queryWord
}

// groupTokens splits query into tokens when it has parentheses that pair
// up; ok is false otherwise.
func groupTokens(query string) ([]qtok, bool) {
	if !strings.ContainsRune(query, '(') {
		return nil, false
	}
	words := splitQuery(spaceParens(query), true)
	var toks []qtok
	depth, pairs := 0, 0
	for _, w := range words {
		if w.phrase {
			toks = append(toks, qtok{kind: 'w', w: w})
			continue
		}
		text, not := w.text, w.not
		if len(text) > 2 && text[0] == '(' && text[len(text)-1] == ')' {
			// (huì), (eWTP): a word in parentheses is searched for as it is.
			toks = append(toks, qtok{kind: 'w', w: w})
			continue
		}
		for len(text) > 1 && text[0] == '(' {
			if not {
				toks = append(toks, qtok{kind: '-'})
				not = false
			}
			toks = append(toks, qtok{kind: '('})
			depth++
			text = text[1:]
		}
		closes := 0
		for len(text) > 0 && text[len(text)-1] == ')' && closes < depth && !strings.ContainsRune(text[:len(text)-1], '(') {
			text = text[:len(text)-1]
			closes++
		}
		switch {
		case text == "(":
			if not {
				toks = append(toks, qtok{kind: '-'})
			}
			toks = append(toks, qtok{kind: '('})
			depth++
		case text == "OR" || text == "|":
			toks = append(toks, qtok{kind: '|', w: queryWord{text: text}})
		case text != "":
			toks = append(toks, qtok{kind: 'w', w: queryWord{text: text, not: not, whole: w.whole}})
		}
		for range closes {
			toks = append(toks, qtok{kind: ')'})
			depth--
			pairs++
		}
	}
	if pairs == 0 || depth != 0 {
		return nil, false
	}
	// Words next to each other that read as pinyin stay together (ma yun).
	pinyin := func(t qtok) bool {
		return t.kind == 'w' && !t.w.phrase && !t.w.not && tonelessPinyin(FoldString(t.w.text)) != ""
	}
	var out []qtok
	for _, t := range toks {
		if n := len(out); n > 0 && pinyin(t) && pinyin(out[n-1]) {
			out[n-1].w.text += " " + t.w.text
			continue
		}
		out = append(out, t)
	}
	return out, true
}

// spaceParens sets parentheses at the start and end of words apart, so
// that ("World Trade" OR eWTP) holds a phrase; a word in parentheses,
// (huì), stays whole.
func spaceParens(query string) string {
	var b strings.Builder
	for i, w := range strings.Fields(query) {
		if i > 0 {
			b.WriteByte(' ')
		}
		if len(w) > 2 && w[0] == '(' && w[len(w)-1] == ')' || len(w) > 3 && strings.HasPrefix(w, "-(") && w[len(w)-1] == ')' {
			b.WriteString(w)
			continue
		}
		minus := strings.HasPrefix(w, "-(")
		if minus {
			w = w[1:]
		}
		core := strings.TrimLeft(w, "(")
		opens := len(w) - len(core)
		if minus {
			b.WriteByte('-')
		}
		for range opens {
			b.WriteString("( ")
		}
		inner := strings.TrimRight(core, ")")
		if strings.ContainsRune(inner, '(') {
			inner = core // 会(huì): a reading annotation keeps its parenthesis
		}
		b.WriteString(inner)
		for range len(core) - len(inner) {
			b.WriteString(" )")
		}
	}
	return b.String()
}

// qnode is a node of a grouped query: a word, all of kids ('&'), any of
// them ('|'), or not its kid ('!').
type qnode struct {
	op   byte
	w    queryWord
	kids []*qnode
}

type qparser struct {
	toks []qtok
	i    int
}

func (p *qparser) peek() byte {
	if p.i < len(p.toks) {
		return p.toks[p.i].kind
	}
	return 0
}

// and reads words and groups up to a closing parenthesis or the end.
func (p *qparser) and() *qnode {
	var kids []*qnode
	for p.peek() != 0 && p.peek() != ')' {
		if n := p.or(); n != nil {
			kids = append(kids, n)
		}
	}
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	return &qnode{op: '&', kids: kids}
}

// or reads alternatives joined by OR; an OR with nothing after it is a word.
func (p *qparser) or() *qnode {
	n := p.unary()
	for n != nil && p.peek() == '|' && p.i+1 < len(p.toks) && strings.IndexByte("w(-", p.toks[p.i+1].kind) >= 0 {
		p.i++
		m := p.unary()
		if m == nil {
			break
		}
		if n.op == '|' {
			n.kids = append(n.kids, m)
		} else {
			n = &qnode{op: '|', kids: []*qnode{n, m}}
		}
	}
	return n
}

func (p *qparser) unary() *qnode {
	if p.i >= len(p.toks) {
		return nil
	}
	t := p.toks[p.i]
	p.i++
	switch t.kind {
	case '-':
		if n := p.unary(); n != nil {
			return &qnode{op: '!', kids: []*qnode{n}}
		}
		return nil
	case '(':
		n := p.and()
		if p.peek() == ')' {
			p.i++
		}
		return n
	case '|': // OR with nothing before it: a word
		return &qnode{op: 'w', w: t.w}
	case 'w':
		w := t.w
		if w.not {
			w.not = false
			return &qnode{op: '!', kids: []*qnode{{op: 'w', w: w}}}
		}
		return &qnode{op: 'w', w: w}
	}
	return nil // a stray ')': and() stops there
}

// qlit is a word of a clause, present or (neg) absent.
type qlit struct {
	w   queryWord
	neg bool
}

// cnf rewrites n (negated when neg) as clauses, all of which must hold,
// each holding when any of its words does; ok is false when that takes
// more than maxClauses clauses.
func cnf(n *qnode, neg bool) ([][]qlit, bool) {
	switch n.op {
	case 'w':
		return [][]qlit{{{w: n.w, neg: neg}}}, true
	case '!':
		return cnf(n.kids[0], !neg)
	}
	var parts [][][]qlit
	for _, k := range n.kids {
		c, ok := cnf(k, neg)
		if !ok {
			return nil, false
		}
		parts = append(parts, c)
	}
	if n.op == '&' != neg { // all of them: their clauses together
		var out [][]qlit
		for _, c := range parts {
			out = append(out, c...)
		}
		return out, len(out) <= maxClauses
	}
	// Any of them: a clause of one clause of each, every way.
	out := [][]qlit{{}}
	for _, c := range parts {
		var next [][]qlit
		for _, a := range out {
			for _, b := range c {
				if len(a)+len(b) > maxClauseLiteral {
					return nil, false
				}
				next = append(next, append(slices.Clip(a), b...))
			}
		}
		if len(next) > maxClauses {
			return nil, false
		}
		out = next
	}
	return out, true
}

// groupedTerms parses a query with parentheses into terms; ok is false
// when the query has none that pair up, or its rewriting is too large.
func groupedTerms(query string) (terms, bool) {
	toks, ok := groupTokens(query)
	if !ok {
		return nil, false
	}
	p := &qparser{toks: toks}
	var kids []*qnode
	for p.i < len(p.toks) {
		if n := p.and(); n != nil {
			kids = append(kids, n)
		}
		if p.peek() == ')' {
			p.i++ // a stray closing parenthesis
		}
	}
	if len(kids) == 0 {
		return nil, false
	}
	clauses, ok := cnf(&qnode{op: '&', kids: kids}, false)
	if !ok {
		return nil, false
	}
	var ts terms
	add := func(t term) {
		if !slices.ContainsFunc(ts, func(o term) bool { return o.key() == t.key() }) {
			ts = append(ts, t)
		}
	}
	budget := maxQueryForms // vocabulary forms
	for _, c := range clauses {
		var pos, negs []term
		for _, l := range c {
			q, pin := parseQuery(wordText(l.w))
			if len(q) == 0 {
				continue // a word that folds to nothing
			}
			t := term{q: q, pin: pin}
			if !l.w.phrase {
				t = withVocabulary(t, &budget)
			}
			if !l.neg {
				t = withWhole(t, l.w.whole)
			}
			if l.neg {
				if !slices.ContainsFunc(negs, func(o term) bool { return o.key() == t.key() }) {
					negs = append(negs, t) // its forms stay together: absent means all absent
				}
				continue
			}
			for _, a := range t.alternatives() { // a clause's words are alternatives already
				pos = addAlternative(pos, a)
			}
		}
		switch {
		case len(negs) == 0 && len(pos) == 1:
			add(pos[0])
		case len(negs) == 0 && len(pos) > 1:
			add(term{or: pos})
		case len(negs) == 1 && len(pos) == 0:
			negs[0].not = true
			add(negs[0])
		case len(negs) > 0:
			add(term{not: true, together: negs, unless: pos})
		}
	}
	ts.absentLast()
	if len(ts) == 0 || ts[0].not {
		return nil, true // nothing to be present: nothing to find
	}
	return ts, true
}
