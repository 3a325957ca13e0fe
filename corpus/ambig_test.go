package corpus

import (
	"strings"
	"testing"
	"unicode"

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
