package corpus

//go:generate go run ./internal/gencommon -o common_gen.go
//go:generate go run ./internal/genvariants -o variants_gen.go
//go:generate go run ./internal/gencid -o cid_gen.go
//go:generate go run ./internal/gencns -o cns_gen.go

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// Encoding names a character encoding jianbao can read.
type Encoding string

// The encodings the loader recognises. GB18030 is a superset of GBK and
// GB2312, so files in either load as GB18030.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 (BOM)"
	UTF16LE Encoding = "UTF-16LE"
	UTF16BE Encoding = "UTF-16BE"
	UTF32LE Encoding = "UTF-32LE"
	UTF32BE Encoding = "UTF-32BE"
	GB18030 Encoding = "GB18030"
	Big5    Encoding = "Big5"
	HZ      Encoding = "HZ-GB-2312"
	CESU8   Encoding = "CESU-8"
)

// Reasons a file cannot be decoded. They are wrapped with detail, so test
// them with errors.Is.
var (
	ErrEmpty   = errors.New("empty file")
	ErrNUL     = errors.New("file contains NUL bytes")
	ErrInvalid = errors.New("file is not valid text in any supported encoding")
)

// Decoded is the outcome of Decode: the text, the encoding it was read
// from and, where a choice had to be made, why that encoding won.
type Decoded struct {
	Text     string
	Encoding Encoding
	// Reason explains the choice in one clause, e.g. "valid UTF-8".
	Reason string
	// Damage, when not empty, says that the file was not valid in its
	// encoding and how it was read anyway (rule 7 of Decode): its Bad
	// invalid byte sequences are U+FFFD in Text.
	Damage string
	Bad    int
	// Repair, when not empty, says the file was read in more than one
	// way: mixed encodings line by line (rule 7), or mojibake (rule 4) and how
	// it was read back.
	Repair string
}

// minCommonShare is the score (see commonShare) a legacy GB18030 or Big5
// reading needs to be believed. Measured on every clause of the seeds
// (TestDecodeAmbiguousClauses): right readings score 0.81 at the 10th
// percentile and 0.92 at the median; wrong ones 0.23 at the median and 0.33
// at the 90th percentile. Latin-1 or Shift-JIS read as GB18030 score lower.
const minCommonShare = 0.4

// minScored is the number of non-ASCII characters below which the score is
// too noisy to reject a reading on.
const minScored = 16

// Decode turns the bytes of a file into text. The rules, in order, are the
// whole of the detection, so that every outcome can be explained:
//
//  1. An empty file is rejected.
//  2. A byte-order mark decides: EF BB BF is UTF-8, FF FE 00 00 is
//     UTF-32LE, 00 00 FE FF UTF-32BE, FF FE UTF-16LE, FE FF UTF-16BE,
//     84 31 95 33 GB18030. The rest must then be valid in that encoding.
//  3. Without a BOM, a file holding NUL bytes is UTF-16 if most of them
//     sit at odd offsets (UTF-16LE: the high byte of an ASCII character;
//     CJK characters such as U+4E00 put some at even ones) or most at even
//     ones (UTF-16BE), the file decodes losslessly that way to text without
//     NUL or other controls but tab, LF, FF and CR, and the text is all
//     ASCII or has enough non-ASCII characters to score and reads as
//     Chinese (see step 5). Any other file with a NUL is rejected (binary
//     data, or UTF-32 without a BOM).
//  4. Valid UTF-8 is UTF-8 (and UTF-8 whose only invalid sequences are
//     surrogate pairs, each half encoded as three bytes, is CESU-8: what
//     Java's and Oracle's "UTF8" write for a character beyond the BMP,
//     such as 𠮷; it is read as the characters the pairs make), unless it is all ASCII and holds "~{": then it
//     is HZ-GB-2312 (the 7-bit GB2312 of old mail and Usenet archives) if
//     it decodes as HZ with no invalid sequence and reads as Chinese; or
//     ISO-2022-CN (ESC $ ) A, G or E, ESC $ * H, ESC $ + I–M designate
//     GB 2312 or a plane of CNS 11643: old mail) or UTF-7 (+…- base64
//     runs of UTF-16) when it decodes so and reads as Chinese (see cns.go);
//     or unless it is mojibake: every non-ASCII character is a Windows-1252
//     or Latin-1 reading of a byte (ä¸­å›½), enough to score, and those
//     bytes decode by these rules to text that reads as Chinese (see
//     mojibake.go); then it is read as those bytes.
//  5. Otherwise the file must decode losslessly as GB18030 (which covers GBK
//     and GB2312) or Big5: decoding and re-encoding gives back the same
//     bytes. When both succeed, the reading in which more of the non-ASCII
//     characters are common Chinese characters wins (see commonShare); a
//     tie goes to GB18030. A reading that scores too low to be Chinese is
//     not believed. Before that, when neither reading is convincing
//     (chineseSure), a file that is valid EUC-TW (CNS 11643, Taiwan's Unix
//     encoding, whose plane 1 codes are valid GB18030 and Big5 too) is
//     read so when that reading is convincing and scores higher; then a
//     file that decodes losslessly as EUC-KR, EUC-JP or
//     Shift_JIS to text that reads as Korean or Japanese (most letters
//     hangul, or many hiragana, and those the language's commonest) is
//     read so (see neighbours.go); an all-ASCII file with ISO-2022-JP
//     escapes is read as ISO-2022-JP at rule 4 when it reads as Japanese.
//  6. Before 5 decides, a file of whole UTF-16 code units is read as UTF-16
//     without a byte-order mark when that reads as Chinese, with enough
//     characters to score, and better than both legacy readings (each
//     invalid, or scored and scoring lower): UTF-16 text with no ASCII at
//     all has no NUL for rule 3 to see.
//  7. A file of whole lines in two encodings (files concatenated, a GBK
//     line pasted into UTF-8) is read line by line: lines valid in UTF-8
//     as UTF-8, the others as GB18030 or Big5 when they read as Chinese
//     (see mixed.go). Failing that, a file that no rule above accepts, or that has a UTF-8 byte-order
//     mark and is not valid UTF-8, is read with damage when nearly all of
//     it is valid in UTF-8, GB18030 or Big5: at most one invalid byte
//     sequence per 500 bytes (one in a smaller file), and the reading
//     has enough non-ASCII characters to score and reads as Chinese (rule
//     5's score).
//     Of those, the reading with the fewest invalid sequences wins, then
//     the higher score. Each invalid sequence becomes U+FFFD and Damage
//     says how many and where the first is: a truncated download, a
//     stray Latin-1 byte or a line pasted in another encoding loses a
//     character, not the briefing.
//  8. Failing all those, a file that is mostly ASCII (at most one byte
//     in five above 0x7F: Chinese, Korean, Japanese or Cyrillic text has
//     far more) whose other bytes are all Windows-1252 characters is
//     Windows-1252: Western text from Windows (’ “ ” – é), an English
//     translation or a foreign ministry's release. Such a file is read so
//     before rule 5 too when its Chinese readings score below
//     maxWesternShare (China\x92s is 抯 in GB18030).
//
// CRLF and lone CR line ends become LF. The decoded text never contains
// NUL and is always valid UTF-8.
func Decode(b []byte) (Decoded, error) { return decode(b, false) }

// decode is Decode; when own is set, b is the caller's to give away and
// valid UTF-8 is returned without a copy (b must not change afterwards).
func decode(b []byte, own bool) (Decoded, error) { return decodeDepth(b, own, 0) }

// decodeDepth is decode for bytes that depth mojibake repairs gave.
func decodeDepth(b []byte, own bool, depth int) (Decoded, error) {
	str := func(b []byte) string {
		if own && len(b) > 0 {
			return unsafe.String(&b[0], len(b))
		}
		return string(b)
	}
	if len(b) == 0 {
		return Decoded{}, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		body := b[3:]
		if i := invalidUTF8At(body); i >= 0 {
			if body[i] == 0xED {
				if fixed, ok := cesu8(body, i); ok {
					return finish(string(fixed), CESU8, "UTF-8 byte-order mark; characters beyond the BMP as surrogate pairs (CESU-8, as Java and Oracle write them)")
				}
			}
			if d, ok := damaged(b, 3); ok {
				return d, nil
			}
			return Decoded{}, fmt.Errorf("%w: starts with a UTF-8 byte-order mark but byte %d (0x%02X) is not valid UTF-8", ErrInvalid, i+3, body[i])
		}
		if d, ok := mojibake(str(body), depth); ok {
			return d, nil
		}
		return finish(str(body), UTF8BOM, "UTF-8 byte-order mark")
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return decodeBOM(b, UTF32LE, 4, utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM))
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return decodeBOM(b, UTF32BE, 4, utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM))
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeBOM(b, UTF16LE, 2, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM))
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeBOM(b, UTF16BE, 2, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM))
	case bytes.HasPrefix(b, gb18030BOM):
		if s, err := roundTrip(b[len(gb18030BOM):], simplifiedchinese.GB18030); err == nil {
			return finish(s, GB18030, "GB18030 byte-order mark")
		}
		if d, ok := damaged(b, len(gb18030BOM)); ok {
			return d, nil
		}
		return Decoded{}, fmt.Errorf("%w: starts with a GB18030 byte-order mark but is not valid GB18030", ErrInvalid)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		if d, ok := unmarkedUTF16(b); ok {
			return d, nil
		}
		return Decoded{}, fmt.Errorf("%w at byte %d: binary data, or UTF-32 (or UTF-16 that does not read as text) saved without a byte-order mark", ErrNUL, i)
	}
	utf8Bad := invalidUTF8At(b)
	if utf8Bad >= 0 && b[utf8Bad] == 0xED {
		if fixed, ok := cesu8(b, utf8Bad); ok {
			return finish(string(fixed), CESU8, "UTF-8 with characters beyond the BMP as surrogate pairs (CESU-8, as Java and Oracle write them)")
		}
	}
	if utf8Bad < 0 {
		if d, ok := hzText(b); ok {
			return d, nil
		}
		if d, ok := iso2022JP(b); ok {
			return d, nil
		}
		if d, ok := iso2022CN(b); ok {
			return d, nil
		}
		if d, ok := utf7Text(b); ok {
			return d, nil
		}
		if d, ok := mojibake(str(b), depth); ok {
			return d, nil
		}
		return finish(str(b), UTF8, "valid UTF-8")
	}

	gb, gbErr := roundTrip(b, simplifiedchinese.GB18030)
	b5, b5Err := roundTrip(b, traditionalchinese.Big5)
	var gbShare, b5Share float64
	var gbN, b5N int
	if gbErr == nil {
		gbShare, gbN = commonShare(gb)
	}
	if b5Err == nil {
		b5Share, b5N = commonShare(b5)
	}
	believable := func(share float64, n int) bool { return n < minScored || share >= minCommonShare }
	if d, ok := nulFreeUTF16(b, gbErr, gbShare, gbN, b5Err, b5Share, b5N); ok {
		return d, nil
	}
	if best := bestChinese(gbErr, gbShare, b5Err, b5Share); best < chineseSure {
		said := chineseReadings(gbErr, gbShare, b5Err, b5Share, "not valid %s (%v)", "%s scores %s as Chinese")
		if d, ok := eucTWReading(b, best, strings.Join(said, ", ")); ok {
			return d, nil
		}
		if d, ok := neighbourReading(b, strings.Join(said, ", ")); ok {
			return d, nil
		}
		// A few rare characters are no Chinese: China\x92s is 抯 in
		// GB18030, the mojibake of English from Windows.
		if best < maxWesternShare {
			if d, ok := western(b); ok {
				return d, nil
			}
		}
	}
	switch {
	case gbErr == nil && b5Err == nil:
		if b5Share > gbShare && believable(b5Share, b5N) {
			return finish(b5, Big5, fmt.Sprintf("valid as GB18030 and Big5; reads as commoner Chinese in Big5 (score %s against %s for GB18030)", pct(b5Share), pct(gbShare)))
		}
		if believable(gbShare, gbN) {
			return finish(gb, GB18030, fmt.Sprintf("valid as GB18030 and Big5; reads as commoner Chinese in GB18030 (score %s against %s for Big5)", pct(gbShare), pct(b5Share)))
		}
	case gbErr == nil:
		if believable(gbShare, gbN) {
			return finish(gb, GB18030, "not UTF-8; valid GB18030")
		}
	case b5Err == nil:
		if believable(b5Share, b5N) {
			return finish(b5, Big5, "not UTF-8 or GB18030; valid Big5")
		}
	}
	if d, ok := mixedLines(b); ok {
		return d, nil
	}
	if d, ok := damaged(b, 0); ok {
		return d, nil
	}
	if d, ok := western(b); ok {
		return d, nil
	}
	why := append([]string{fmt.Sprintf("not UTF-8 (byte %d is 0x%02X)", utf8Bad, b[utf8Bad])},
		chineseReadings(gbErr, gbShare, b5Err, b5Share, "not %s (%v)", "read as %s it scores %s as Chinese text")...)
	return Decoded{}, fmt.Errorf("%w: %s; convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8)", ErrInvalid, strings.Join(why, "; "))
}

// cesu8 returns b with every surrogate pair encoded as two three-byte
// sequences (ED A0–AF xx, then ED B0–BF xx) made the four-byte UTF-8 of the
// character it stands for, when those pairs are b's only invalid UTF-8
// (the first invalid byte at bad). A lone surrogate is damage, not CESU-8.
func cesu8(b []byte, bad int) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	out = append(out, b[:bad]...)
	for i := bad; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			out = append(out, b[i:i+n]...)
			i += n
			continue
		}
		if i+6 > len(b) || b[i] != 0xED || b[i+3] != 0xED {
			return nil, false
		}
		hi, lo := surrogate(b[i:i+3]), surrogate(b[i+3:i+6])
		if hi < 0xD800 || hi > 0xDBFF || lo < 0xDC00 || lo > 0xDFFF {
			return nil, false
		}
		out = utf8.AppendRune(out, utf16.DecodeRune(hi, lo))
		i += 6
	}
	return out, true
}

// surrogate reads a three-byte encoding of a UTF-16 surrogate (ED A0–BF
// xx), or gives -1.
func surrogate(b []byte) rune {
	if b[0] != 0xED || b[1] < 0xA0 || b[1] > 0xBF || b[2]&0xC0 != 0x80 {
		return -1
	}
	return 0xD000 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F)
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// bestChinese is the better score of the GB18030 and Big5 readings that
// are valid; 0 when neither is.
func bestChinese(gbErr error, gbShare float64, b5Err error, b5Share float64) float64 {
	best := 0.0
	if gbErr == nil {
		best = gbShare
	}
	if b5Err == nil {
		best = max(best, b5Share)
	}
	return best
}

// chineseReadings says how the GB18030 and Big5 readings fared: invalid
// formats a reading's name and error, valid its name and score.
func chineseReadings(gbErr error, gbShare float64, b5Err error, b5Share float64, invalid, valid string) []string {
	var out []string
	for _, c := range []struct {
		name  string
		err   error
		share float64
	}{{"GB18030", gbErr, gbShare}, {"Big5", b5Err, b5Share}} {
		if c.err != nil {
			out = append(out, fmt.Sprintf(invalid, c.name, c.err))
		} else {
			out = append(out, fmt.Sprintf(valid, c.name, pct(c.share)))
		}
	}
	return out
}

// damaged reads b (its first skip bytes a byte-order mark) with its invalid
// byte sequences replaced, by rule 7 of Decode.
func damaged(b []byte, skip int) (Decoded, bool) {
	limit := max(1, len(b)/500)
	type reading struct {
		enc        Encoding
		text       string
		bad, first int
		share      float64
	}
	var best *reading
	consider := func(r reading) {
		if r.bad == 0 || r.bad > limit {
			return
		}
		share, n := commonShare(r.text)
		if n < minScored || share < minCommonShare {
			return // not Chinese enough to say it is damaged rather than something else
		}
		r.share = share
		if best == nil || r.bad < best.bad || r.bad == best.bad && r.share > best.share {
			best = &r
		}
	}
	text, bad, first := replaceInvalidUTF8(b[skip:])
	enc := UTF8
	if skip > 0 {
		enc = UTF8BOM
	}
	consider(reading{enc, text, bad, first + skip, 0})
	if skip == 0 {
		for _, c := range []struct {
			enc Encoding
			e   encoding.Encoding
		}{{GB18030, simplifiedchinese.GB18030}, {Big5, traditionalchinese.Big5}} {
			dec, err := c.e.NewDecoder().Bytes(b)
			if err != nil {
				continue
			}
			bad := bytes.Count(dec, []byte("\uFFFD"))
			consider(reading{c.enc, string(dec), bad, max(invalidAt(b, dec, c.e), 0), 0})
		}
	}
	if best == nil {
		return Decoded{}, false
	}
	seq := "sequences"
	if best.bad == 1 {
		seq = "sequence"
	}
	d, err := finish(best.text, best.enc, fmt.Sprintf("not valid in any encoding as a whole; %s but for %d invalid byte %s", best.enc, best.bad, seq))
	if err != nil {
		return Decoded{}, false
	}
	d.Bad = best.bad
	d.Damage = fmt.Sprintf("damaged: read as %s with %d invalid byte %s shown as � (the first at byte %d); the file was cut short, or mixes encodings", best.enc, best.bad, seq, best.first)
	return d, true
}

// replaceInvalidUTF8 is b as text with every maximal run of bytes that are
// not UTF-8 replaced by U+FFFD; it says how many runs there were and where
// the first starts.
func replaceInvalidUTF8(b []byte) (string, int, int) {
	text := strings.ToValidUTF8(string(b), "\uFFFD")
	runs := strings.Count(text, "\uFFFD") - bytes.Count(b, []byte("\uFFFD"))
	return text, runs, max(invalidUTF8At(b), 0)
}

// finish normalises line ends and guards the invariants every decoded text
// keeps: valid UTF-8 and no NUL.
// maxWesternShare is the score below which a Chinese reading gives way to
// a Windows-1252 one (rule 8) even when it has too few characters to be
// refused (minScored): on average none of its characters among the
// commonest 5,000.
const maxWesternShare = 1.0 / 3

// Windows1252 is Western European text from Windows (rule 8 of Decode).
const Windows1252 Encoding = "Windows-1252"

// western reads b as Windows-1252 when at most one byte in five is above
// 0x7F and each of those is a character there (0x81, 0x8D, 0x8F, 0x90 and
// 0x9D are none).
func western(b []byte) (Decoded, bool) {
	high := 0
	for _, c := range b {
		if c < 0x80 {
			continue
		}
		if c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D {
			return Decoded{}, false
		}
		high++
	}
	if high == 0 || high*5 > len(b) {
		return Decoded{}, false
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return Decoded{}, false
	}
	d, err := finish(string(s), Windows1252, fmt.Sprintf("not UTF-8 or Chinese; mostly ASCII, its %d other bytes Windows-1252 characters (’ “ ” – é)", high))
	return d, err == nil
}

// gb18030BOM is U+FEFF in GB18030, which some Chinese editors write first.
var gb18030BOM = []byte{0x84, 0x31, 0x95, 0x33}

// finish makes the text of a reading: line ends normalised, a byte-order
// mark the encoding's own did not take (a second one, or one written in
// GB18030) dropped, and so are Ctrl-Z end-of-file marks at the end.
func finish(s string, enc Encoding, reason string) (Decoded, error) {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.HasSuffix(s, "\x1a") {
		// DOS's end-of-file mark, which old editors (and copy /a) put
		// after a text file's last line: not the briefing's.
		if s = strings.TrimRight(s, "\x1a"); s == "" {
			return Decoded{}, fmt.Errorf("%w: nothing before the end-of-file mark (Ctrl-Z)", ErrEmpty)
		}
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return Decoded{}, fmt.Errorf("%w: character %d decodes to NUL (read as %s)", ErrNUL, utf8.RuneCountInString(s[:i]), enc)
	}
	return Decoded{Text: NormalizeNewlines(s), Encoding: enc, Reason: reason}, nil
}

// NormalizeNewlines turns CRLF and lone CR into LF.
func NormalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\r' {
			sb.WriteByte(c)
			continue
		}
		sb.WriteByte('\n')
		if i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
	}
	return sb.String()
}

// invalidUTF8At returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8At(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// decodeBOM decodes a file that starts with the byte-order mark of enc,
// whose code units are unit bytes long.
func decodeBOM(b []byte, enc Encoding, unit int, e encoding.Encoding) (Decoded, error) {
	if len(b)%unit != 0 {
		return Decoded{}, fmt.Errorf("%w: starts with a %s byte-order mark but its length (%d bytes) is not a multiple of %d", ErrInvalid, enc, len(b), unit)
	}
	s, err := roundTrip(b, e)
	if err != nil {
		return Decoded{}, fmt.Errorf("%w: starts with a %s byte-order mark but %v", ErrInvalid, enc, err)
	}
	return finish(s, enc, string(enc)+" byte-order mark")
}

// unmarkedUTF16 reads b, which holds a NUL, as UTF-16 without a byte-order
// mark (rule 3 of Decode). The order where most NULs sit is tried first;
// text with no ASCII at all has NULs only in characters such as 一
// (U+4E00), which put them at the other offsets, so the other order is
// tried too.
func unmarkedUTF16(b []byte) (Decoded, bool) {
	if len(b)%2 != 0 {
		return Decoded{}, false
	}
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	first, second := UTF16LE, UTF16BE
	where := "odd"
	if even > odd {
		first, second, where = UTF16BE, UTF16LE, "even"
	}
	// Unlike a legacy reading, this one needs enough characters to score
	// (or none at all): a few bytes of binary data can read as common
	// characters by chance.
	scores := func(share float64, n int) bool { return n >= minScored && share >= minCommonShare }
	asText := func(share float64, n int) bool { return n == 0 || scores(share, n) }
	if s, share, _, ok := utf16Reading(b, first, asText); ok && even != odd {
		d, err := finish(s, first, fmt.Sprintf("no byte-order mark; NUL bytes mostly at %s offsets, as %s writes ASCII, and the text reads as Chinese (score %s)", where, first, pct(share)))
		return d, err == nil
	}
	for _, enc := range []Encoding{first, second} {
		if s, share, _, ok := utf16Reading(b, enc, scores); ok {
			d, err := finish(s, enc, fmt.Sprintf("no byte-order mark; reads as Chinese as %s (score %s)", enc, pct(share)))
			return d, err == nil
		}
	}
	return Decoded{}, false
}

// nulFreeUTF16 reads b, which holds no NUL and is not UTF-8, as UTF-16
// without a byte-order mark (rule 6 of Decode) when that reads as Chinese
// and better than the GB18030 and Big5 readings (their errors, scores and
// character counts as given). A legacy reading with too few characters to
// score stands: short UTF-16 text is not told from GB18030 by chance.
func nulFreeUTF16(b []byte, gbErr error, gbShare float64, gbN int, b5Err error, b5Share float64, b5N int) (Decoded, bool) {
	if len(b)%2 != 0 {
		return Decoded{}, false
	}
	beats := func(share float64, err error, legacy float64, n int) bool {
		return err != nil || n >= minScored && share > legacy
	}
	wins := func(share float64, n int) bool {
		return n >= minScored && share >= minCommonShare &&
			beats(share, gbErr, gbShare, gbN) && beats(share, b5Err, b5Share, b5N)
	}
	for _, enc := range []Encoding{UTF16LE, UTF16BE} {
		s, share, _, ok := utf16Reading(b, enc, wins)
		if !ok {
			continue
		}
		d, err := finish(s, enc, fmt.Sprintf("no byte-order mark and no NUL (no ASCII); reads as Chinese as %s (score %s against %s for GB18030 and %s for Big5)",
			enc, pct(share), scoreOf(gbErr, gbShare), scoreOf(b5Err, b5Share)))
		return d, err == nil
	}
	return Decoded{}, false
}

func scoreOf(err error, share float64) string {
	if err != nil {
		return "invalid"
	}
	return pct(share)
}

// utf16Reading reads b as UTF-16 in enc's byte order, without a byte-order
// mark, and scores it (see commonShare). ok is false when b is not whole
// code units, holds an unpaired surrogate or decodes to a control that
// text does not hold. The score comes from the code units themselves, so a
// reading that is not wanted (want says) costs no decoding.
func utf16Reading(b []byte, enc Encoding, want func(share float64, n int) bool) (s string, share float64, n int, ok bool) {
	if len(b)%2 != 0 {
		return "", 0, 0, false
	}
	le := enc == UTF16LE
	unit := func(i int) rune {
		if le {
			return rune(b[i]) | rune(b[i+1])<<8
		}
		return rune(b[i])<<8 | rune(b[i+1])
	}
	sum := 0
	for i := 0; i < len(b); i += 2 {
		r := unit(i)
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+2 >= len(b) {
				return "", 0, 0, false
			}
			if lo := unit(i + 2); lo < 0xDC00 || lo >= 0xE000 {
				return "", 0, 0, false
			}
			i += 2
			n++ // beyond the BMP: tier 0
			continue
		case r >= 0xDC00 && r < 0xE000:
			return "", 0, 0, false
		case r < utf8.RuneSelf:
			if isBinaryControl(r) {
				return "", 0, 0, false
			}
			continue
		}
		n++
		sum += tier(r)
	}
	share = tierShare(sum, n)
	if !want(share, n) {
		return "", share, n, false
	}
	order := unicode.LittleEndian
	if !le {
		order = unicode.BigEndian
	}
	s, err := roundTrip(b, unicode.UTF16(order, unicode.IgnoreBOM))
	if err != nil {
		return "", 0, 0, false
	}
	return s, share, n, true
}

// hzText reads b, which is valid UTF-8, as HZ-GB-2312 when it is all ASCII
// and holds the HZ shift "~{" (rule 4 of Decode).
func hzText(b []byte) (Decoded, bool) {
	if bytes.IndexByte(b, '~') < 0 || !bytes.Contains(b, []byte("~{")) || !isASCII(b) {
		return Decoded{}, false
	}
	dec, err := simplifiedchinese.HZGB2312.NewDecoder().Bytes(b)
	if err != nil || bytes.Contains(dec, []byte("\uFFFD")) {
		return Decoded{}, false
	}
	return sevenBitReading(string(dec), HZ, "ASCII with HZ shifts (~{ … ~})")
}

// sevenBitReading takes s, a 7-bit file's reading in enc (HZ, ISO-2022-CN,
// UTF-7), when it reads as Chinese: such escapes in ASCII that is not
// Chinese are its text. how says what the file holds, for the reason.
func sevenBitReading(s string, enc Encoding, how string) (Decoded, bool) {
	share, n := commonShare(s)
	if n < 2 || share < minCommonShare {
		return Decoded{}, false
	}
	d, err := finish(s, enc, fmt.Sprintf("%s that decode to Chinese (score %s)", how, pct(share)))
	return d, err == nil
}

// isBinaryControl reports the C0 controls that text files do not hold
// (all but tab, line feed, form feed and carriage return).
func isBinaryControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\f' && r != '\r'
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// roundTrip decodes b and accepts the result only if encoding it again gives
// back b exactly: the decoders in x/text substitute U+FFFD for bytes they
// cannot map, and this is how such substitutions are caught.
//
// Encoding back is only the quick test: an encoding may give one character
// two byte sequences and write back the other. x/text's Big5 reads B4 E4
// as 港 and writes FD BB (100 Big5 pairs do not come back, 港 包 晴 煮 偽
// among them), so a Big5 file from any other encoder failed the test. Text
// that does not come back is valid when the decoder substituted nothing: it
// holds no more U+FFFD than b spells out in e. GB18030 keeps the strict
// test: every two-byte code but one comes back, and what x/text reads
// without substituting beyond that is not GB18030 (a lone 0x80 as €).
func roundTrip(b []byte, e encoding.Encoding) (string, error) {
	dec, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("invalid at the start: %w", err)
	}
	i := invalidAt(b, dec, e)
	if i < 0 || e != simplifiedchinese.GB18030 && !substituted(b, dec, e) {
		return string(dec), nil
	}
	return "", fmt.Errorf("invalid byte sequence at byte %d (0x%02X)", i, b[i])
}

// substituted reports whether decoding b with e gave dec a U+FFFD for bytes
// it could not read: more of them than b holds encoded.
func substituted(b, dec []byte, e encoding.Encoding) bool {
	n := bytes.Count(dec, []byte("\uFFFD"))
	if n == 0 {
		return false
	}
	if fffd, err := e.NewEncoder().Bytes([]byte("\uFFFD")); err == nil && len(fffd) > 0 {
		n -= bytes.Count(b, fffd)
	}
	return n > 0
}

// invalidAt is where the first byte of b that e cannot read is, given
// dec, b decoded by e; -1 when encoding dec gives back b.
func invalidAt(b, dec []byte, e encoding.Encoding) int {
	back, err := e.NewEncoder().Bytes(dec)
	if err == nil && bytes.Equal(back, b) {
		return -1
	}
	i := 0
	if err == nil {
		// Everything before the first difference decoded cleanly.
		for i < len(b) && i < len(back) && b[i] == back[i] {
			i++
		}
	} else if j := bytes.Index(dec, []byte("\uFFFD")); j >= 0 {
		// The encoder cannot write U+FFFD (Big5): the bad bytes start
		// where the text before the first substitution ends.
		if prefix, perr := e.NewEncoder().Bytes(dec[:j]); perr == nil {
			i = len(prefix)
		}
	}
	return min(i, len(b)-1)
}

var (
	tierOnce sync.Once
	tiers    []byte // commonness tier of every BMP rune, 0 to 3
)

// tier says how common r is in Chinese text, from 3 (the ~1,000 most used
// characters and Chinese punctuation) through 2 (the next ~1,500) and 1
// (the rest of GB2312's and Big5's level-1 hanzi) to 0 (anything else).
// Tiers 3 and 2 come from Unihan's kFrequency and kHanyuPinlu (see
// common_gen.go); tier 1 from the x/text tables themselves.
func tier(r rune) int {
	tierOnce.Do(buildTiers)
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return int(tiers[r])
}

func buildTiers() {
	tiers = make([]byte, 0x10000)
	set := func(r rune, t byte) {
		if r >= 0 && r < 0x10000 && r != utf8.RuneError && tiers[r] < t {
			tiers[r] = t
		}
	}
	add := func(e encoding.Encoding, lead0, lead1 byte, trails [][2]byte) {
		d := e.NewDecoder()
		for l := int(lead0); l <= int(lead1); l++ {
			for _, tr := range trails {
				for t := int(tr[0]); t <= int(tr[1]); t++ {
					out, err := d.Bytes([]byte{byte(l), byte(t)})
					if err != nil {
						continue
					}
					r, _ := utf8.DecodeRune(out)
					set(r, 1)
				}
			}
		}
	}
	add(simplifiedchinese.GB18030, 0xB0, 0xD7, [][2]byte{{0xA1, 0xFE}}) // GB2312 level 1
	add(traditionalchinese.Big5, 0xA4, 0xC6, [][2]byte{{0x40, 0x7E}, {0xA1, 0xFE}})
	for _, r := range usualHan {
		set(r, 2)
	}
	for _, r := range frequentHan {
		set(r, 3)
	}
	for _, r := range "，。、；：？！「」『』（）《》〈〉【】“”‘’…—·　" {
		set(r, 3)
	}
}

// commonShare scores a reading: the mean tier of its non-ASCII characters
// divided by the top tier, so 1 means every one is among the most frequent.
// It also returns how many non-ASCII characters there were.
func commonShare(s string) (float64, int) {
	var n, sum int
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		n++
		sum += tier(r)
	}
	return tierShare(sum, n), n
}

// tierShare is the score of n non-ASCII characters whose tiers add up to
// sum: 1 when there are none.
func tierShare(sum, n int) float64 {
	if n == 0 {
		return 1
	}
	return float64(sum) / float64(3*n)
}
