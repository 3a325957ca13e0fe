package corpus

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// misalignedEdits repairs text that was read from a GBK or Big5 file out of
// step. When such a file loses a byte (or gains one), every character after
// it is read from the second byte of one character and the first of the
// next, which gives rare characters and symbols: “中小企業 read as 爸行∑髽
// and an I, until a trail byte in the ASCII range (業 is 98 49, and 49 is I)
// puts the reading back in step. The repair writes the run back in that
// encoding, drops its first byte and reads it again.
//
// A run is repaired only when the evidence is strong: it holds a character
// outside the common tiers (see tier), its bytes read one byte later are
// valid, and every character they give is common Chinese or Chinese
// punctuation, at least two of them Han, more common than the run. The
// character whose first byte was lost (“ above) cannot come back. A run is
// read again from its start (up to maxMisaligned characters before the rare
// one), in GBK, then in Big5: starting inside it could turn correct text
// read one byte later into other common characters (行 into 校).
func misalignedEdits(s string) []edit {
	foldOnce.Do(foldInit) // charBMP flags the characters: charRare
	var out []edit
	for i := 0; i+2 < len(s); {
		// Every misalignable character is three bytes long in UTF-8;
		// other bytes, continuation bytes among them, are stepped over.
		if s[i]&0xF0 != 0xE0 {
			i++
			continue
		}
		r := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if charBMP[r]&charRare == 0 {
			i += 3
			continue
		}
		e, ok, end := repairAround(s, i, 3)
		if ok {
			out = append(out, e)
			i = e.end
			continue
		}
		i = end // the run around was tried: on a line of rare characters, try each run once
	}
	return out
}

// maxMisaligned bounds how far a repair reaches before and after the rare
// character that set it off, in characters.
const maxMisaligned = 256

// misalignable reports runes that a two-byte GBK or Big5 character can be
// read as and that no pass treats as white space: the BMP from U+2010
// (Latin letters, spaces and format characters end a run), but not the
// ideographic space, line separators, the BOM or U+FFFD.
func misalignable(r rune) bool {
	return r >= 0x2010 && r < 0x10000 && !(r >= 0xD800 && r < 0xE000) && r != 0x3000 && r != 0xFEFF && r != 0xFFFD && r != 0x2028 && r != 0x2029
}

// rareMisread reports the characters that set a repair off: misalignable
// and outside the common tiers.
func rareMisread(r rune) bool {
	return r < 0x10000 && misalignable(r) && tiers[r] == 0
}

// repairAround tries the run of misalignable characters that holds
// s[at:at+n]; end is where the run ends, before which no other rare
// character is tried when this one fails (misalignedEdits and the indexer
// skip alike).
func repairAround(s string, at, n int) (e edit, ok bool, end int) {
	// The run: back and forth from the rare character.
	start := at
	for k := 0; k < maxMisaligned && start > 0; k++ {
		r, m := utf8.DecodeLastRuneInString(s[:start])
		if !misalignable(r) {
			break
		}
		start -= m
	}
	end = at + n
	for k := 0; k < maxMisaligned && end < len(s); k++ {
		r, m := utf8.DecodeRuneInString(s[end:])
		if !misalignable(r) {
			break
		}
		end += m
	}
	// A trail byte in the ASCII range ends the run, read as that letter;
	// a lead byte before ASCII that cannot trail it was read as U+FFFD.
	var trail []byte
	extra := 0
	switch {
	case end < len(s) && s[end] >= 0x40 && s[end] <= 0x7E:
		trail, extra = []byte{s[end]}, 1
	case strings.HasPrefix(s[end:], "\uFFFD"):
		trail, extra = nil, len("\uFFFD")
	}
	// The run is read again from its start only: the byte may have been
	// lost further in, but correct characters read one byte later can look
	// right too (行 became 校 in a trial), and a repair that starts inside
	// correct text would damage it.
	for _, enc := range []encoding.Encoding{simplifiedchinese.GBK, traditionalchinese.Big5} {
		if fixed, ok := readOneByteLater(s[start:end], trail, enc); ok && hanTiers(fixed) > hanTiers(s[start:end]) {
			return edit{start: start, end: end + extra, repl: fixed}, true, end
		}
	}
	return edit{}, false, end
}

// hanTiers adds up the tiers of the Han characters of s.
func hanTiers(s string) int {
	sum := 0
	for _, r := range s {
		if r < 0x10000 && isHan(r) {
			sum += int(tiers[r])
		}
	}
	return sum
}

// readOneByteLater writes run in enc, adds trail, drops the first byte and
// reads the rest; ok when that is all common Chinese (see misalignedEdits).
func readOneByteLater(run string, trail []byte, enc encoding.Encoding) (string, bool) {
	b, err := enc.NewEncoder().Bytes([]byte(run))
	if err != nil || len(b) != 2*utf8.RuneCountInString(run) {
		return "", false // not all two-byte characters in enc
	}
	b = append(b[1:], trail...)
	if len(b)%2 != 0 {
		b = b[:len(b)-1] // a lead byte whose trail was lost: that character is gone
	}
	dec, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	fixed := string(dec)
	han, sum := 0, 0
	for _, r := range fixed {
		switch {
		case r == utf8.RuneError || r < utf8.RuneSelf:
			return "", false
		case isHan(r):
			if r >= 0x10000 || tiers[r] == 0 {
				return "", false
			}
			han++
			sum += int(tiers[r])
		case isCJKPunct(r) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·':
		default:
			return "", false
		}
	}
	// Real text has a few characters outside the commonest tiers (names,
	// places); misread text has many.
	return fixed, han >= 2 && tierShare(sum, han) >= minRepairedShare
}

// minRepairedShare is the score (see tierShare) the Han characters of a
// repair need. Right readings of the seeds' clauses score 0.81 at the 10th
// percentile (see minCommonShare).
const minRepairedShare = 0.8
