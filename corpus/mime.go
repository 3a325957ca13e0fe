package corpus

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// E-mails (.eml: briefings sent round as newsletters) and web pages saved
// as one file (.mht, .mhtml: "Save as web archive") are MIME messages. The
// text part is read (an e-mail's plain text before its HTML, an archive's
// HTML before its plain text), its transfer encoding undone, its bytes
// decoded by the rules of Decode (a part's declared charset is often
// wrong: gb2312 for GBK; only a declared UTF-7, which reads as ASCII, is
// taken at its word), and HTML read as HTML. The headers give what the
// text does not: Subject the title (without Fwd:/转发: and the like),
// Date the date, From the source. Attachments and images are left out.

// ErrNotMIME marks a .eml or .mht file that is not a readable message.
var ErrNotMIME = errors.New("not a readable e-mail or web archive")

// mimeMarkup returns "eml" or "mht" for the file names read as such, else
// "".
func mimeMarkup(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".eml":
		return "eml"
	case ".mht", ".mhtml":
		return "mht"
	}
	return ""
}

// maxMIMEParts and maxMIMEDepth bound the walk of a message's parts.
const (
	maxMIMEParts = 1000
	maxMIMEDepth = 8
)

// mimePart is a text part of a message, its transfer encoding undone.
type mimePart struct {
	html bool
	body []byte
}

// mimeText returns the text of a message of the markup given, what its
// headers (and, for HTML, its head) say of it, and how its bytes were
// decoded.
func mimeText(b []byte, markup string) (string, frontMatter, Decoded, error) {
	var fm frontMatter
	msg, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return "", fm, Decoded{}, fmt.Errorf("%w: %v", ErrNotMIME, err)
	}
	var parts []mimePart
	if err := mimeParts(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0, &parts); err != nil {
		return "", fm, Decoded{}, fmt.Errorf("%w: %v", ErrNotMIME, err)
	}
	part, ok := pickPart(parts, markup == "mht")
	if !ok {
		return "", fm, Decoded{}, fmt.Errorf("%w: it holds no text or HTML part", ErrNotMIME)
	}
	dec, err := Decode(part.body)
	if err != nil {
		return "", fm, Decoded{}, fmt.Errorf("its text part: %w", err)
	}
	text := dec.Text
	if part.html {
		text, fm = htmlText(text)
	}
	subject := headerText(msg.Header.Get("Subject"))
	if fm.Title == "" {
		if markup == "mht" {
			fm.Title = pageTitle(subject)
		} else {
			fm.Title = forwardRE.ReplaceAllString(subject, "")
		}
	}
	if fm.Date == "" {
		if t, err := mail.ParseDate(msg.Header.Get("Date")); err == nil {
			fm.Date = t.Format("2006-01-02")
		}
	}
	if fm.Source == "" && markup == "eml" {
		if a, err := (&mail.AddressParser{WordDecoder: wordDecoder}).Parse(msg.Header.Get("From")); err == nil {
			fm.Source = strings.ReplaceAll(a.Name, "\x00", "\uFFFD")
		}
	}
	return text, fm, dec, nil
}

// readMIME is mimeText as the loader takes it: the text as the reading.
func readMIME(b []byte, markup string) (frontMatter, Decoded, error) {
	text, fm, dec, err := mimeText(b, markup)
	dec.Text, dec.Reason = text, dec.Reason+" (its text part)"
	return fm, dec, err
}

// forwardRE matches the marks a forwarded or answered subject carries.
var forwardRE = regexp.MustCompile(`^(?:\s*(?:(?i:fwd?|re|aw|wg)|转发|轉寄|轉發|回复|回覆|答复)\s*[:：]\s*)+`)

// pickPart is the part to read: the first HTML part when html is set and
// there is one, else the first plain text part, else the first part.
func pickPart(parts []mimePart, html bool) (mimePart, bool) {
	for _, p := range parts {
		if p.html == html && len(bytes.TrimSpace(p.body)) > 0 {
			return p, true
		}
	}
	for _, p := range parts {
		if len(bytes.TrimSpace(p.body)) > 0 {
			return p, true
		}
	}
	return mimePart{}, false
}

// mimeParts adds the text parts of a body of the content type and
// transfer encoding given to out, walking into multiparts.
func mimeParts(ctype, cte string, body io.Reader, depth int, out *[]mimePart) error {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		mt = "text/plain" // none, or one that cannot be read: RFC 2045's default
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if depth >= maxMIMEDepth || params["boundary"] == "" {
			return nil
		}
		mr := multipart.NewReader(body, params["boundary"])
		for len(*out) < maxMIMEParts {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if len(*out) > 0 {
					return nil // a message cut short keeps the parts before
				}
				return err
			}
			if disp, _, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition")); disp == "attachment" {
				continue
			}
			if err := mimeParts(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, depth+1, out); err != nil {
				return err
			}
		}
	case mt == "text/plain", mt == "text/html":
		var r io.Reader = body
		switch strings.ToLower(strings.TrimSpace(cte)) {
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, &spaceless{body})
		}
		data, err := io.ReadAll(r)
		if err != nil && len(data) == 0 {
			return fmt.Errorf("a %s part: %v", mt, err)
		}
		if strings.EqualFold(params["charset"], "utf-7") {
			if u, ok := utf7(data); ok {
				data = u // Decode knows no UTF-7: it reads as ASCII
			}
		}
		*out = append(*out, mimePart{html: mt == "text/html", body: data})
	}
	return nil
}

// spaceless drops the line breaks and spaces base64 bodies are wrapped
// with.
type spaceless struct{ r io.Reader }

func (s *spaceless) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		k := 0
		for _, c := range p[:n] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				p[k] = c
				k++
			}
		}
		if k > 0 || err != nil {
			return k, err
		}
	}
}

// wordDecoder decodes RFC 2047 words (=?gb2312?B?…?=) in any charset the
// WHATWG index knows, in UTF-7, and in any other as a file's bytes are
// decoded (by their content: cp936, the name Windows gives GBK, and hz are
// no WHATWG labels).
var wordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, input io.Reader) (io.Reader, error) {
	if e, err := htmlindex.Get(charset); err == nil {
		return e.NewDecoder().Reader(input), nil
	}
	b, err := io.ReadAll(io.LimitReader(input, 1<<16))
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(charset, "utf-7") {
		if u, ok := utf7(b); ok {
			return bytes.NewReader(u), nil
		}
	}
	d, err := Decode(b)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(d.Text), nil
}}

// utf7 decodes b as UTF-7 (RFC 2152: what some mail clients declared for
// Chinese; + starts a run of UTF-16 in base64 that - or any other
// character ends, +- is +). It reports false when b is not ASCII, a run
// is not whole UTF-16 characters (a lone surrogate, bits left over) or a +
// starts no run.
func utf7(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b)*3/2)
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if c != '+' {
			out = append(out, c)
			continue
		}
		if i+1 < len(b) && b[i+1] == '-' {
			out = append(out, '+')
			i++
			continue
		}
		j := i + 1
		var bits, n uint32 // bits waiting, and how many
		var units []uint16
		for ; j < len(b); j++ {
			v := strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", b[j])
			if v < 0 {
				break
			}
			bits, n = bits<<6|uint32(v), n+6
			if n >= 16 {
				n -= 16
				units = append(units, uint16(bits>>n))
				bits &= 1<<n - 1
			}
		}
		if n >= 6 || bits != 0 || j == i+1 {
			return nil, false // a run that ends inside a code unit, or a + that starts none
		}
		for k := 0; k < len(units); k++ {
			r := rune(units[k])
			if utf16.IsSurrogate(r) {
				if k+1 == len(units) {
					return nil, false // a lone surrogate
				}
				if r = utf16.DecodeRune(r, rune(units[k+1])); r == utf8.RuneError {
					return nil, false
				}
				k++
			}
			out = utf8.AppendRune(out, r)
		}
		if j < len(b) && b[j] == '-' {
			j++ // the run's end mark is no character
		}
		i = j - 1
	}
	return out, true
}

// headerText is a header's value with its encoded words decoded.
// Raw 8-bit bytes (GBK in an old client's Subject) are decoded by the
// rules of Decode.
func headerText(v string) string {
	if s, err := wordDecoder.DecodeHeader(v); err == nil {
		v = s
	}
	if !utf8.ValidString(v) {
		if d, err := Decode([]byte(v)); err == nil {
			v = d.Text
		} else {
			v = strings.ToValidUTF8(v, "\uFFFD")
		}
	}
	return strings.TrimSpace(strings.ReplaceAll(v, "\x00", "\uFFFD"))
}
