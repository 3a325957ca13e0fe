package notes

import (
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeRecord parses one line written by the store. It knows the record's
// fields and reads them without reflection, which is what makes a 100,000
// note file load in a blink; on anything it does not expect (a field it
// does not know, a value of another type) it reports false and the caller
// falls back to encoding/json, so hand-edited lines still load.
func decodeRecord(b string, r *Record) bool {
	return decodeRecordInto(b, r, nil)
}

// decodeRecordInto is decodeRecord with the note stored in *into when it
// is not nil, so a whole file's notes can share one allocation.
func decodeRecordInto(b string, r *Record, into *Note) bool {
	d := decoder{b: b, valid: utf8.ValidString(b)}
	ok := d.object(func(key string) bool {
		switch key {
		case "op":
			s, ok := d.str()
			r.Op = Op(s)
			return ok
		case "at":
			return d.time(&r.At)
		case "id":
			s, ok := d.str()
			r.ID = s
			return ok
		case "by":
			s, ok := d.str()
			r.By = s
			return ok
		case "note":
			if into == nil {
				into = &Note{}
			}
			r.Note = into
			return d.note(r.Note)
		}
		return false
	})
	d.space()
	return ok && d.i == len(d.b)
}

// decoder reads from a string, so that strings without escapes are
// substrings of the line, not copies.
type decoder struct {
	b     string
	i     int
	valid bool // the whole line is valid UTF-8
}

func (d *decoder) space() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\t' || d.b[d.i] == '\r' || d.b[d.i] == '\n') {
		d.i++
	}
}

func (d *decoder) eat(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object reads {"key": value, ...}, calling field for each key with the
// decoder positioned at the value.
func (d *decoder) object(field func(key string) bool) bool {
	if !d.eat('{') {
		return false
	}
	if d.eat('}') {
		return true
	}
	for {
		key, ok := d.str()
		if !ok || !d.eat(':') || !field(key) {
			return false
		}
		if d.eat('}') {
			return true
		}
		if !d.eat(',') {
			return false
		}
	}
}

func (d *decoder) note(n *Note) bool {
	return d.object(func(key string) bool {
		var ok bool
		switch key {
		case "id":
			n.ID, ok = d.str()
		case "created":
			ok = d.time(&n.Created)
		case "author":
			n.Author, ok = d.str()
		case "doc":
			n.Doc, ok = d.str()
		case "doc_hash":
			n.DocHash, ok = d.str()
		case "quote":
			n.Quote, ok = d.str()
		case "prefix":
			n.Prefix, ok = d.str()
		case "suffix":
			n.Suffix, ok = d.str()
		case "comment":
			n.Comment, ok = d.str()
		case "start":
			n.Start, ok = d.int()
		case "end":
			n.End, ok = d.int()
		case "tags":
			n.Tags, ok = d.strings()
		}
		return ok
	})
}

func (d *decoder) time(t *time.Time) bool {
	s, ok := d.str()
	if !ok {
		return false
	}
	if v, ok := parseUTC(s); ok {
		*t = v
		return true
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	*t = v
	return err == nil
}

// parseUTC reads the form the store writes, 2006-01-02T15:04:05.999Z,
// without time.Parse's generality.
func parseUTC(s string) (time.Time, bool) {
	if len(s) < 20 || s[len(s)-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	dd, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || dd < 1 || dd > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	nsec := 0
	if rest := s[19 : len(s)-1]; rest != "" {
		if rest[0] != '.' || len(rest) < 2 || len(rest) > 10 {
			return time.Time{}, false
		}
		f, ok := num(20, len(s)-1)
		if !ok {
			return time.Time{}, false
		}
		for i := len(rest) - 1; i < 9; i++ {
			f *= 10
		}
		nsec = f
	}
	t := time.Date(y, time.Month(mo), dd, h, mi, sec, nsec, time.UTC)
	if t.Day() != dd { // 31 February
		return time.Time{}, false
	}
	return t, true
}

func (d *decoder) int() (int, bool) {
	d.space()
	j := d.i
	if j < len(d.b) && d.b[j] == '-' {
		j++
	}
	for j < len(d.b) && d.b[j] >= '0' && d.b[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(d.b[d.i:j])
	d.i = j
	return n, err == nil
}

func (d *decoder) strings() ([]string, bool) {
	d.space()
	if d.i+4 <= len(d.b) && d.b[d.i:d.i+4] == "null" {
		d.i += 4
		return nil, true
	}
	if !d.eat('[') {
		return nil, false
	}
	out := []string{}
	if d.eat(']') {
		return out, true
	}
	for {
		s, ok := d.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
		if d.eat(']') {
			return out, true
		}
		if !d.eat(',') {
			return nil, false
		}
	}
}

// str reads a JSON string, with every escape JSON allows.
func (d *decoder) str() (string, bool) {
	if !d.eat('"') {
		return "", false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			s := d.b[start:d.i]
			d.i++
			return s, d.valid || utf8.ValidString(s)
		case c == '\\':
			return d.escaped(start)
		case c < 0x20:
			return "", false
		}
		d.i++
	}
	return "", false
}

// escaped finishes a string that holds escapes.
func (d *decoder) escaped(start int) (string, bool) {
	buf := append([]byte(nil), d.b[start:d.i]...)
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(buf), utf8.Valid(buf)
		case c < 0x20:
			return "", false
		case c != '\\':
			buf = append(buf, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.b) {
			return "", false
		}
		e := d.b[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(r) {
				// A high surrogate joins a low one that follows; anything
				// else is U+FFFD, and what follows is read on its own.
				combined := false
				if r < 0xDC00 && d.i+6 <= len(d.b) && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
					save := d.i
					d.i += 2
					if lo, ok := d.hex4(); ok && lo >= 0xDC00 && lo <= 0xDFFF {
						r, combined = utf16.DecodeRune(r, lo), true
					} else {
						d.i = save
					}
				}
				if !combined {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", false
		}
	}
	return "", false
}

func (d *decoder) hex4() (rune, bool) {
	if d.i+4 > len(d.b) {
		return 0, false
	}
	v, err := strconv.ParseUint(d.b[d.i:d.i+4], 16, 32)
	d.i += 4
	return rune(v), err == nil
}
