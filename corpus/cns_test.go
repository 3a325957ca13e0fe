package corpus

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Byte strings below marked "iconv" are what glibc's iconv writes for the
// text beside them (iconv -f UTF-8 -t EUC-TW / UTF-7), so that the decoders
// are checked against another implementation, not against their own table.

func TestEUCTW(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		want string
		bad  int
	}{
		// iconv: plane 1 (Han and punctuation), then plane 2 (8E A2).
		{"planes 1 and 2", []byte("\xea\xd7\xfd\xa4\xc7\xe2\xd9\xb4\xe5\xee\xf4\xa4\xe0\xf5\xd5\xad\xa1\xa2\x8e\xa2\xa1\xa1\x8e\xa2\xa1\xa2\xa1\xa4"), "臺灣地區經濟發展，乂乜。", -1},
		{"ASCII between", []byte("GDP \xc4\xc2 3%\n\x8e\xa2\xc1\xf6"), "GDP 兀 3%\n嗀", -1},
		{"plane 1 spelled out", []byte("\x8e\xa1\xc4\xc2"), "兀", -1},
		{"plane 3 beyond the BMP", []byte("\x8e\xa3\xa1\xc4"), "𠀋", -1}, // iconv
		{"plane 4", []byte("\x8e\xa4\xa1\xa3"), "乁", -1},                // iconv
		{"cut short", []byte("\xc4\xc2\xc4"), "", 2},
		{"unassigned code", []byte("ab\xa1\xa1\xfe\xfe"), "", 4},
		{"plane not encoded", []byte("\x8e\xa9\xa1\xa1"), "", 0},
		{"C1 byte", []byte("\xc4\xc2\x85"), "", 2},
		{"second byte below A1", []byte("\xc4\x41"), "", 0},
	} {
		got, bad := eucTW(c.b)
		if got != c.want || bad != c.bad {
			t.Errorf("%s: eucTW = %q, %d; want %q, %d", c.name, got, bad, c.want, c.bad)
		}
	}
}

// cnsEncoder writes text in EUC-TW (or, for ISO-2022-CN, gives each
// character's plane and code) from the table the decoder reads; the
// detection, not the table, is what the tests built on it check.
func cnsEncoder(t testing.TB) map[rune][3]byte {
	t.Helper()
	cnsOnce.Do(cnsInit)
	enc := map[rune][3]byte{}
	for p := len(cnsCodes) - 1; p >= 1; p-- { // plane 1 wins a character held twice
		for i, r := range cnsCodes[p] {
			if r != 0 {
				enc[r] = [3]byte{byte(p), byte(0x21 + i/94), byte(0x21 + i%94)}
			}
		}
	}
	return enc
}

func eucTWOf(enc map[rune][3]byte, s string) ([]byte, bool) {
	var b []byte
	for _, r := range s {
		c, ok := enc[r]
		switch {
		case r < 0x80:
			b = append(b, byte(r))
		case !ok:
			return nil, false
		case c[0] == 1:
			b = append(b, c[1]|0x80, c[2]|0x80)
		default:
			b = append(b, 0x8E, 0xA0+c[0], c[1]|0x80, c[2]|0x80)
		}
	}
	return b, true
}

// encodableRunes keeps the characters of s that ok accepts.
func encodableRunes(s string, ok func(string) bool) string {
	return strings.Map(func(r rune) rune {
		if ok(string(r)) {
			return r
		}
		return -1
	}, s)
}

func TestDecodeEUCTW(t *testing.T) {
	enc := cnsEncoder(t)
	n := 0
	for name, text := range seedTexts(t) {
		part := encodableRunes(text, func(l string) bool { _, ok := eucTWOf(enc, l); return ok })
		if share, count := commonShare(part); count < 200 || share < minCommonShare {
			continue // too little of this seed in CNS 11643 to read as Chinese
		}
		n++
		b, _ := eucTWOf(enc, part)
		got, err := Decode(b)
		if err != nil || got.Encoding != EUCTW || got.Text != NormalizeNewlines(part) {
			t.Errorf("%s in EUC-TW: %v, %v (%s); text same: %v", name, err, got.Encoding, got.Reason, got.Text == part)
		}
	}
	if n < 2 {
		t.Fatalf("only %d seeds have enough text in CNS 11643", n)
	}
	// The iconv sample, long enough to score.
	sample := bytes.Repeat([]byte("\xea\xd7\xfd\xa4\xc7\xe2\xd9\xb4\xe5\xee\xf4\xa4\xe0\xf5\xd5\xad\xa1\xa2\x8e\xa2\xa1\xa1\xa1\xa4\n"), 3)
	if got, err := Decode(sample); err != nil || got.Encoding != EUCTW || !strings.HasPrefix(got.Text, "臺灣地區經濟發展，乂。\n") {
		t.Errorf("iconv sample: %v, %v %q", err, got.Encoding, got.Text)
	}
	// GB2312 and Big5 files, whose bytes are mostly EUC-TW too, keep
	// their own readings.
	for name, text := range seedTexts(t) {
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(encodablePart(text, simplifiedchinese.HZGB2312))
		if err != nil || len(gb) < 100 {
			continue
		}
		if got, _ := Decode([]byte(gb)); got.Encoding != GB18030 {
			t.Errorf("%s in GB2312 read as %s (%s)", name, got.Encoding, got.Reason)
		}
		if b5 := big5Part(text); len(b5) > 300 {
			b, _ := encode(t, traditionalchinese.Big5, b5)
			if got, _ := Decode(b); got.Encoding != Big5 {
				t.Errorf("%s in Big5 read as %s (%s)", name, got.Encoding, got.Reason)
			}
		}
	}
}

// iso2022CNOf writes s in ISO-2022-CN-EXT as RFC 1922 asks: a line's
// characters in GB 2312 where it has them (simplified), else in CNS 11643
// (plane 1 by shift-out, 2 by SS2, 3 to 7 by SS3), each set designated
// again on every line that uses it.
func iso2022CNOf(t testing.TB, enc map[rune][3]byte, s string) ([]byte, bool) {
	t.Helper()
	gb := simplifiedchinese.HZGB2312.NewEncoder()
	var out []byte
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			out = append(out, '\n')
		}
		var g1 byte // 'A' or 'G' while designated on this line
		var g2, g3 byte
		shifted := false
		shift := func(on bool) {
			if on != shifted {
				out = append(out, map[bool]byte{true: 0x0E, false: 0x0F}[on])
				shifted = on
			}
		}
		for _, r := range line {
			if r < 0x80 {
				shift(false)
				out = append(out, byte(r))
				continue
			}
			if hz, err := gb.String(string(r)); err == nil && strings.HasPrefix(hz, "~{") && len(hz) == 6 {
				if g1 != 'A' {
					out, g1 = append(out, "\x1b$)A"...), 'A'
				}
				shift(true)
				out = append(out, hz[2], hz[3])
				continue
			}
			c, ok := enc[r]
			switch {
			case !ok:
				return nil, false
			case c[0] == 1:
				if g1 != 'G' {
					out, g1 = append(out, "\x1b$)G"...), 'G'
				}
				shift(true)
				out = append(out, c[1], c[2])
			case c[0] == 2:
				if g2 == 0 {
					out, g2 = append(out, "\x1b$*H"...), 'H'
				}
				out = append(out, 0x1b, 'N', c[1], c[2])
			case c[0] <= 7:
				if g3 != 'I'+c[0]-3 {
					g3 = 'I' + c[0] - 3
					out = append(out, 0x1b, '$', '+', g3)
				}
				out = append(out, 0x1b, 'O', c[1], c[2])
			default:
				return nil, false
			}
		}
		shift(false)
	}
	return out, true
}

func TestISO2022CN(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		bad            bool
	}{
		// GB 2312 by SO, then CNS plane 1 designated while shifted (the
		// designation takes effect at once), plane 2 by SS2 (one
		// character each), SI for ASCII; the pairs are EUC-CN's and
		// iconv's EUC-TW without their high bits.
		{"mixed", "\x1b$)A\x0eVP;*Cq9z5D\x1b$)Gent$!\"\x1b$*H\x1bN!!\x1bN!\"!$\x0f GDP\n", "中华民国的經濟，乂乜。 GDP\n", false},
		{"designations held across lines", "\x1b$)A\x0eVP\x0f\n\x0e9z\x0f\n", "中\n国\n", false},
		{"SO left at the line's end", "\x1b$)A\x0eVP\nab", "中\nab", false},
		{"plane 3 by SS3", "\x1b$+I\x1bO!D", "𠀋", false},
		{"ISO-IR-165 as GB 2312", "\x1b$)E\x0eVP\x0f", "中", false},
		{"SO with no set", "\x0eVP\x0f", "", true},
		{"SS2 with no set", "\x1bN!!", "", true},
		{"unknown escape", "\x1b$)A\x1b(B", "", true},
		{"cut short", "\x1b$)A\x0eV", "", true},
		{"unassigned", "\x1b$)A\x0e~~\x0f", "", true},
		{"8-bit", "\x1b$)A\xd6\xd0", "", true},
	} {
		got, err := decodeISO2022CN([]byte(c.in))
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("%s: %q, %v; want %q (error %v)", c.name, got, err, c.want, c.bad)
		}
	}
	enc := cnsEncoder(t)
	n := 0
	for name, text := range seedTexts(t) {
		part := encodableRunes(text, func(l string) bool { _, ok := iso2022CNOf(t, enc, l); return ok })
		if len(part) < 300 {
			continue
		}
		n++
		b, _ := iso2022CNOf(t, enc, part)
		got, err := Decode(b)
		if err != nil || got.Encoding != ISO2022CN || got.Text != NormalizeNewlines(part) {
			t.Errorf("%s in ISO-2022-CN: %v, %v (%s); text same: %v", name, err, got.Encoding, got.Reason, got.Text == NormalizeNewlines(part))
		}
	}
	if n < 4 {
		t.Fatalf("only %d seeds written in ISO-2022-CN", n)
	}
	// Text with a stray escape is not ISO-2022-CN.
	if got, err := Decode([]byte("按 \x1b$)A 设置\n")); err != nil || got.Encoding != UTF8 {
		t.Errorf("UTF-8 with an escape: %v, %v", got.Encoding, err)
	}
}

// utf7Of writes s in UTF-7 as RFC 2152 says, every non-ASCII run (and +)
// in modified base64.
func utf7Of(s string) []byte {
	var out []byte
	var run []rune
	flush := func() {
		if len(run) == 0 {
			return
		}
		var raw []byte
		for _, u := range utf16.Encode(run) {
			raw = append(raw, byte(u>>8), byte(u))
		}
		out = append(out, '+')
		out = append(out, strings.TrimRight(base64.StdEncoding.EncodeToString(raw), "=")...)
		out = append(out, '-')
		run = run[:0]
	}
	for _, r := range s {
		switch {
		case r == '+':
			flush()
			out = append(out, "+-"...)
		case r < 0x80:
			flush()
			out = append(out, byte(r))
		default:
			run = append(run, r)
		}
	}
	flush()
	return out
}

func TestDecodeUTF7(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"iconv", "+UxdOrE7KWSlmdP8MbBRuKU6MU0FepjACACs-C+-+-", "北京今天晴，气温二十度。+C++", true},
		{"run ended by a space", "+ThZ1TA- a +ThZ1TA b", "世界 a 世界 b", true},
		{"beyond the BMP", "+2ELftw-", "𠮷", true},
		{"leftover bits", "+ThZ1TB-", "", false},
		{"lone surrogate", "+2EA-", "", false},
		{"a + alone", "a + b", "", false},
	} {
		got, ok := utf7([]byte(c.in))
		if ok != c.ok || string(got) != c.want && ok {
			t.Errorf("%s: %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
	for name, text := range seedTexts(t) {
		got, err := Decode(utf7Of(text))
		if err != nil || got.Encoding != UTF7 || got.Text != NormalizeNewlines(text) {
			t.Errorf("%s in UTF-7: %v, %v (%s)", name, err, got.Encoding, got.Reason)
		}
	}
	// English with plus signs, and base64 that decodes to no Chinese,
	// stay UTF-8.
	for _, s := range []string{
		"Call +86 10 6512 3456 or write to C++ users.\n",
		"x = a+b; y = +1;\n",
		"token: +QUJDREVGR0hJSktMTU5PUA-\n",
	} {
		if got, err := Decode([]byte(s)); err != nil || got.Encoding != UTF8 {
			t.Errorf("%q: %v, %v", s, got.Encoding, err)
		}
	}
}

func FuzzCNS(f *testing.F) {
	for _, s := range []string{"\xea\xd7\xfd\xa4\x8e\xa2\xa1\xa1", "\x8e\xa3\xa1\xc4", "\x1b$)A\x0eVP\x1b$)Gen\x1b$*H\x1bN!!\x0f", "\x1b$+I\x1bO!D", "\x1bN", "\n\x8e\xb000"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, bad := eucTW(b)
		if bad >= len(b) || bad >= 0 && s != "" || !utf8.ValidString(s) {
			t.Fatalf("eucTW(%q) = %q, %d", b, s, bad)
		}
		if s, err := decodeISO2022CN(b); err == nil && !utf8.ValidString(s) || err != nil && s != "" {
			t.Fatalf("decodeISO2022CN(%q) = %q, %v", b, s, err)
		}
	})
}
