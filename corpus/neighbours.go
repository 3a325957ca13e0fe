package corpus

import (
	"bytes"
	"fmt"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
)

// Japanese and Korean files in their legacy encodings turn up in a folder
// of briefings (a Japanese ministry's release, a Korean news page), and
// their bytes are mostly valid GB18030 too: EUC-KR's hangul sits on
// GB2312's commonest hanzi, so a Korean page read as Chinese is a page of
// plausible characters (茄惫 沥何绰 for 한국 정부는). They are read in their
// own encoding when the Chinese readings are not convincing and the
// language's own letters show (see Decode, rule 5).

// The encodings of Chinese's neighbours that the loader recognises.
const (
	EUCKR     Encoding = "EUC-KR"
	EUCJP     Encoding = "EUC-JP"
	ShiftJIS  Encoding = "Shift_JIS"
	ISO2022JP Encoding = "ISO-2022-JP"
)

// chineseSure is the score (see commonShare) from which a GB18030 or Big5
// reading is taken without asking whether the file is Japanese or Korean.
// Chinese text scores 0.81 at the 10th percentile of the seeds' clauses;
// a Korean page in EUC-KR read as GB18030 scores 0.50, a Japanese one in
// EUC-JP 0.36 (as Big5 0.46), in Shift_JIS 0.07 (TestDecodeNeighbours).
const chineseSure = 0.75

// minHangul and minKana are the shares of a reading's letters that must
// be hangul, or hiragana, for it to read as Korean or Japanese; minCommon
// the share of those that must be among the language's commonest
// (commonHangul, commonKana). Korean text is nearly all hangul; Japanese
// prose is a third or more hiragana, half of it particles and endings.
// Chinese read in those encodings gives hangul and hiragana too (GB2312's
// commonest hanzi sit on EUC-KR's hangul, Big5's on EUC-JP's hiragana),
// but spread over them all, not on the commonest.
const (
	minHangul = 0.8
	minKana   = 0.15
	minCommon = 0.3
)

// commonHangul are syllables frequent in any Korean text: particles,
// endings and the commonest Sino-Korean morphemes.
var commonHangul = setOf("이다의는에을를하고가지한로기서리사도나어자대인아시정수일적니들으제게장해부있주상국전동보비면여오우문구소라경성만원신연계요방발생내위치과관공마조실미학개화선무없중것말거행식모세결물용현통했되분법야회본양외영입음간안업진합금또당단년월데점처명운호차산심날유강히며러교된할함께었였와등및약증규때은와서며던")

// commonKana are the commonest hiragana of Japanese: particles and the
// kana of verb and adjective endings.
var commonKana = setOf("のにはをたがてでとしいるかなもれすうっらりこくだ")

func setOf(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// neighbour is a Japanese or Korean encoding and how to tell that a
// reading in it is the language.
type neighbour struct {
	enc   Encoding
	e     encoding.Encoding
	lang  string
	share func(string) (float64, int)
	min   float64
	what  string
}

var neighbours = []neighbour{
	{EUCKR, korean.EUCKR, "Korean", hangulShare, minHangul, "hangul"},
	{EUCJP, japanese.EUCJP, "Japanese", kanaShare, minKana, "hiragana"},
	{ShiftJIS, japanese.ShiftJIS, "Japanese", kanaShare, minKana, "hiragana"},
}

// neighbourReading reads b, which is not UTF-8, as Korean or Japanese when
// it decodes without loss in one of their encodings and reads as the
// language; chinese says how the best Chinese reading scored, for the
// reason.
func neighbourReading(b []byte, chinese string) (Decoded, bool) {
	for _, n := range neighbours {
		s, err := roundTrip(b, n.e)
		if err != nil {
			continue
		}
		if share, count := n.share(s); count >= minScored && share >= n.min {
			d, err := finish(s, n.enc, fmt.Sprintf("not UTF-8; valid %s and reads as %s (%s of the letters %s; %s)", n.enc, n.lang, pct(share), n.what, chinese))
			return d, err == nil
		}
	}
	return Decoded{}, false
}

// iso2022JP reads b, all ASCII, as ISO-2022-JP (7-bit Japanese of old mail
// and news, escaping to JIS X 0208 with ESC $ B or ESC $ @) when it holds
// such an escape and decodes to text that reads as Japanese.
func iso2022JP(b []byte) (Decoded, bool) {
	if !bytes.Contains(b, []byte("\x1b$B")) && !bytes.Contains(b, []byte("\x1b$@")) {
		return Decoded{}, false
	}
	dec, err := japanese.ISO2022JP.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(dec, 0x1b) || bytes.ContainsRune(dec, '\uFFFD') {
		return Decoded{}, false
	}
	if share, n := kanaShare(string(dec)); n >= minScored && share >= minKana {
		d, err := finish(string(dec), ISO2022JP, fmt.Sprintf("7-bit with ISO-2022-JP escapes; reads as Japanese (%s of the letters hiragana)", pct(share)))
		return d, err == nil
	}
	return Decoded{}, false
}

// hangulShare is the share of s's non-ASCII letters that are hangul, and
// how many non-ASCII letters there are; 0 when too few of the hangul are
// common ones.
func hangulShare(s string) (float64, int) {
	return letterShare(s, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }, commonHangul)
}

// kanaShare is the share of s's non-ASCII letters that are hiragana, and
// how many there are; 0 when too few of the hiragana are common ones.
func kanaShare(s string) (float64, int) {
	return letterShare(s, func(r rune) bool { return unicode.Is(unicode.Hiragana, r) }, commonKana)
}

func letterShare(s string, is func(rune) bool, common map[rune]bool) (float64, int) {
	var n, k, c int
	for _, r := range s {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		n++
		if is(r) {
			k++
			if common[r] {
				c++
			}
		}
	}
	if n == 0 || float64(c) < minCommon*float64(k) {
		return 0, n
	}
	return float64(k) / float64(n), n
}
