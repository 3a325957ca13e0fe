package corpus

import (
	"strings"
	"testing"
	"unicode"

	utf16 "golang.org/x/text/encoding/unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// clauses splits the seeds at punctuation: short samples are where GB18030
// and Big5 are most often both valid and the choice is made by scoring.
func clauses(t testing.TB) []string {
	var out []string
	for _, text := range seedTexts(t) {
		for _, s := range strings.FieldsFunc(text, func(r rune) bool {
			return strings.ContainsRune("，。、；：？！,.;:?!“”《》()（）\n", r)
		}) {
			if s = strings.TrimSpace(s); hanCount(s) >= 4 {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestDecodeAmbiguousClauses encodes every seed clause in GB18030 and in
// Big5 (where it can be) and checks that the loader reads each back in the
// encoding it was written in, counting how often both readings were valid.
func TestDecodeAmbiguousClauses(t *testing.T) {
	for _, c := range []struct {
		enc          Encoding
		write, rival encoding.Encoding
	}{
		{GB18030, simplifiedchinese.GB18030, traditionalchinese.Big5},
		{Big5, traditionalchinese.Big5, simplifiedchinese.GB18030},
	} {
		var total, both, wrong int
		for _, s := range clauses(t) {
			b, err := c.write.NewEncoder().Bytes([]byte(s))
			if err != nil {
				continue
			}
			total++
			if _, err := roundTrip(b, c.rival); err == nil {
				both++
			}
			got, err := Decode(b)
			if err != nil || got.Text != s {
				wrong++
				if wrong <= 5 {
					t.Errorf("%s clause read as %s (%v): %q", c.enc, got.Encoding, err, s)
				}
			}
		}
		t.Logf("%s: %d clauses, %d also valid in the other encoding, %d read wrongly", c.enc, total, both, wrong)
		if both == 0 {
			t.Errorf("%s: no ambiguous sample; the scoring is not exercised", c.enc)
		}
	}
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// TestDecodeUTF16WithoutASCII writes runs of the seeds with every ASCII
// character removed (so neither a NUL nor a line feed is left for rule 3)
// in UTF-16 without a byte-order mark, both orders, and checks that runs
// of 60 characters or more read back exactly; a shorter run may read as
// GB18030, but never wrongly as the other UTF-16 order.
func TestDecodeUTF16WithoutASCII(t *testing.T) {
	var runs [][]rune
	for _, text := range seedTexts(t) {
		var han []rune
		for _, r := range text {
			if r >= 0x80 {
				han = append(han, r)
			}
		}
		for _, size := range []int{8, 24, 60, 200} {
			for i := 0; i+size <= len(han); i += size * 3 {
				runs = append(runs, han[i:i+size])
			}
		}
	}
	orders := map[Encoding]utf16.Endianness{UTF16LE: utf16.LittleEndian, UTF16BE: utf16.BigEndian}
	misread := map[int]int{}
	for _, run := range runs {
		s := string(run)
		for enc, order := range orders {
			b, err := utf16.UTF16(order, utf16.IgnoreBOM).NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			switch {
			case err == nil && got.Text == s && got.Encoding == enc:
			case len(run) >= 60:
				t.Errorf("%d characters as %s: read as %s (%v): %q", len(run), enc, got.Encoding, err, s)
			case err == nil && (got.Encoding == UTF16LE || got.Encoding == UTF16BE):
				t.Errorf("%d characters as %s: read as %s", len(run), enc, got.Encoding)
			default:
				misread[len(run)]++
			}
		}
	}
	t.Logf("%d runs; short runs not read back, by length: %v", len(runs), misread)
}
