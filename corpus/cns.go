package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Three encodings older Chinese files turn up in, which golang.org/x/text
// does not read: EUC-TW (Taiwan's Unix encoding of CNS 11643), ISO-2022-CN
// (7-bit Chinese of mail and news, RFC 1922: GB 2312 and CNS 11643 between
// escapes and shifts) and UTF-7 (7-bit Unicode of mail, RFC 2152). The two
// 7-bit ones are valid ASCII, so without them a file in either loaded as
// its escapes and base64 (␛$)A␎11>)J, +UxdOrGX2lfQ-).

// The encodings this file reads.
const (
	EUCTW     Encoding = "EUC-TW"
	ISO2022CN Encoding = "ISO-2022-CN"
	UTF7      Encoding = "UTF-7"
)

var (
	cnsOnce sync.Once
	// cnsCodes holds, for each plane of CNS 11643 (index 1 to 16), the
	// character of each code (row-0x21)*94 + cell-0x21; nil for a plane
	// EUC-TW does not encode.
	cnsCodes [17][]rune
	// gb2312Codes is the same for GB 2312, as GB18030 reads it.
	gb2312Codes []rune
)

func cnsInit() {
	for p, s := range cnsPlanes {
		rs := make([]rune, 0, 94*94)
		for _, r := range s {
			rs = append(rs, r)
		}
		cnsCodes[p] = rs
	}
	gb2312Codes = make([]rune, 94*94)
	d := simplifiedchinese.GB18030.NewDecoder()
	for i := range gb2312Codes {
		out, err := d.Bytes([]byte{byte(0xA1 + i/94), byte(0xA1 + i%94)})
		if r, n := utf8.DecodeRune(out); err == nil && n == len(out) && r != utf8.RuneError && !isGB18030PUA(r) {
			gb2312Codes[i] = r
		}
	}
}

// isGB18030PUA reports the private-use characters GB18030 maps GB 2312's
// unassigned codes to: no text holds them.
func isGB18030PUA(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

// set94 is the character of a 94×94 set's code (row and cell 0x21–0x7E, or
// with their high bits set), 0 when it has none.
func set94(codes []rune, row, cell byte) rune {
	row, cell = row&0x7F, cell&0x7F
	if codes == nil || row < 0x21 || row > 0x7E || cell < 0x21 || cell > 0x7E {
		return 0
	}
	return codes[int(row-0x21)*94+int(cell-0x21)]
}

// eucTW decodes b as EUC-TW: ASCII; A1–FE A1–FE for CNS 11643 plane 1; 8E,
// A1 + the plane's number, then two bytes A1–FE for planes 1 to 16. It
// returns the offset of the first byte that is not so (-1 when none).
func eucTW(b []byte) (string, int) {
	cnsOnce.Do(cnsInit)
	var sb strings.Builder
	sb.Grow(len(b) * 3 / 2)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			sb.WriteByte(c)
			i++
			continue
		case c >= 0xA1 && c <= 0xFE && i+1 < len(b):
			if r := set94(cnsCodes[1], c, b[i+1]); r != 0 && b[i+1] >= 0xA1 {
				sb.WriteRune(r)
				i += 2
				continue
			}
		case c == 0x8E && i+3 < len(b) && b[i+1] >= 0xA1 && b[i+1] <= 0xB0:
			if r := set94(cnsCodes[b[i+1]-0xA0], b[i+2], b[i+3]); r != 0 && b[i+2] >= 0xA1 && b[i+3] >= 0xA1 {
				sb.WriteRune(r)
				i += 4
				continue
			}
		}
		return "", i
	}
	return sb.String(), -1
}

// eucTWReading reads b, which is not UTF-8, as EUC-TW when it is valid so
// and reads as Chinese better than the GB18030 and Big5 readings (their
// best score best): EUC-TW's plane 1 codes are valid GB18030 and Big5
// too, where they read as a page of rare characters.
func eucTWReading(b []byte, best float64, chinese string) (Decoded, bool) {
	if bytes.IndexByte(b, 0x8E) < 0 && !hasPair(b, 0xA1) {
		return Decoded{}, false
	}
	s, bad := eucTW(b)
	if bad >= 0 {
		return Decoded{}, false
	}
	// Sure, not just believable (minCommonShare): any text of bytes from
	// A1 up, Cyrillic in Windows-1251 say, is valid EUC-TW, and reads
	// as Big5's level-1 characters (妹璃羲綑羲隆, 0.5).
	share, n := commonShare(s)
	if n < 2 || share < chineseSure || share <= best {
		return Decoded{}, false
	}
	d, err := finish(s, EUCTW, fmt.Sprintf("not UTF-8; valid EUC-TW (CNS 11643) and reads as Chinese (score %s; %s)", pct(share), chinese))
	return d, err == nil
}

// hasPair reports whether b holds two bytes in a row from lo up.
func hasPair(b []byte, lo byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] >= lo && b[i+1] >= lo {
			return true
		}
	}
	return false
}

// iso2022CNDesignations are the escapes that give ISO-2022-CN and -CN-EXT
// their sets: GB 2312 (and ISO-IR-165, its superset, read as GB 2312) or
// CNS 11643 plane 1 for shift-out, plane 2 for single shift 2, planes 3
// to 7 for single shift 3.
var iso2022CNDesignations = [][]byte{[]byte("\x1b$)A"), []byte("\x1b$)G"), []byte("\x1b$)E"), []byte("\x1b$*H"), []byte("\x1b$+I")}

// iso2022CN reads b, all ASCII, as ISO-2022-CN (or ISO-2022-CN-EXT) when it
// holds one of its designations, decodes without a bad sequence and reads
// as Chinese (rule 4 of Decode).
func iso2022CN(b []byte) (Decoded, bool) {
	if bytes.IndexByte(b, 0x1b) < 0 || !isASCII(b) {
		return Decoded{}, false
	}
	found := false
	for _, d := range iso2022CNDesignations {
		if bytes.Contains(b, d[:3]) && bytes.Contains(b, d) {
			found = true
			break
		}
	}
	if !found {
		return Decoded{}, false
	}
	s, err := decodeISO2022CN(b)
	if err != nil {
		return Decoded{}, false
	}
	return sevenBitReading(s, ISO2022CN, "7-bit with ISO-2022-CN escapes (GB 2312, CNS 11643)")
}

// decodeISO2022CN decodes ISO-2022-CN and ISO-2022-CN-EXT (RFC 1922): ESC $
// ) A, G or E designates GB 2312, CNS 11643 plane 1 or ISO-IR-165 for SO
// (0x0E) to shift to, until SI (0x0F) or the line's end; ESC $ * H plane 2
// for ESC N (SS2) to take one character from; ESC $ + I to M planes 3 to 7
// for ESC O (SS3). Designations hold until changed (RFC 1922 repeats them
// on every line; a file that does not is read all the same).
func decodeISO2022CN(b []byte) (string, error) {
	cnsOnce.Do(cnsInit)
	var g1, g2, g3 []rune
	shifted := false
	var sb strings.Builder
	sb.Grow(len(b))
	char := func(set []rune, i int) (rune, error) {
		if set == nil {
			return 0, fmt.Errorf("byte %d: a character of a set not designated", i)
		}
		if i+1 >= len(b) {
			return 0, fmt.Errorf("byte %d: cut short", i)
		}
		r := set94(set, b[i], b[i+1])
		if r == 0 || b[i] >= 0x80 || b[i+1] >= 0x80 {
			return 0, fmt.Errorf("byte %d: no character at %02X %02X", i, b[i], b[i+1])
		}
		return r, nil
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == 0x1b:
			rest := b[i+1:]
			switch {
			case bytes.HasPrefix(rest, []byte("$)A")), bytes.HasPrefix(rest, []byte("$)E")):
				g1 = gb2312Codes
				i += 4
			case bytes.HasPrefix(rest, []byte("$)G")):
				g1 = cnsCodes[1]
				i += 4
			case bytes.HasPrefix(rest, []byte("$*H")):
				g2 = cnsCodes[2]
				i += 4
			case len(rest) >= 3 && rest[0] == '$' && rest[1] == '+' && rest[2] >= 'I' && rest[2] <= 'M':
				g3 = cnsCodes[3+rest[2]-'I']
				i += 4
			case len(rest) >= 1 && (rest[0] == 'N' || rest[0] == 'O'):
				set := g2
				if rest[0] == 'O' {
					set = g3
				}
				r, err := char(set, i+2)
				if err != nil {
					return "", err
				}
				sb.WriteRune(r)
				i += 4
			default:
				return "", fmt.Errorf("byte %d: an escape ISO-2022-CN does not use", i)
			}
		case c == 0x0E:
			if g1 == nil {
				return "", fmt.Errorf("byte %d: shift out with no set designated", i)
			}
			shifted = true
			i++
		case c == 0x0F:
			shifted = false
			i++
		case c == '\n' || c == '\r':
			shifted = false
			sb.WriteByte(c)
			i++
		case shifted && c > 0x20 && c < 0x7F:
			r, err := char(g1, i)
			if err != nil {
				return "", err
			}
			sb.WriteRune(r)
			i += 2
		case c >= 0x80:
			return "", fmt.Errorf("byte %d (0x%02X) is not 7-bit", i, c)
		default:
			sb.WriteByte(c)
			i++
		}
	}
	return sb.String(), nil
}

// utf7Text reads b, all ASCII, as UTF-7 (see utf7) when it holds base64
// runs (+…-) that all decode to whole UTF-16 characters and the text reads
// as Chinese (rule 4 of Decode). English with a + in it (C++, +86 10) is
// not UTF-7: a run must spell whole characters, and the text be Chinese.
func utf7Text(b []byte) (Decoded, bool) {
	i := bytes.IndexByte(b, '+')
	if i < 0 || i+1 >= len(b) || b[i+1] == '-' && bytes.Count(b, []byte("+")) == bytes.Count(b, []byte("+-")) || !isASCII(b) {
		return Decoded{}, false // no run, or not 7-bit: Chinese in UTF-8 with a + in it
	}
	dec, ok := utf7(b)
	if !ok {
		return Decoded{}, false
	}
	return sevenBitReading(string(dec), UTF7, "7-bit with UTF-7 runs (+…-)")
}
