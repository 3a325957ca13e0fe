package corpus

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Mojibake: a page in UTF-8 (or GBK, or Big5) read by a tool that took it
// for Windows-1252 or Latin-1, and saved again as UTF-8. Every byte of the
// original became a character of its own: 中国 (E4 B8 AD E5 9B BD) turns into
// ä¸­å›½, and a GBK 中国 (D6 D0 B9 FA) into ÖÐ¹ú. Scraped corpora are full of
// such files; they are valid UTF-8, so nothing else in Decode would notice.

// cp1252High is Windows-1252 for bytes 0x80–0x9F. The five bytes it leaves
// undefined are the C1 controls, as browsers' windows-1252 reads them.
var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// cp1252Undefined are the bytes a tool that has no character for them
// (Python's cp1252 with errors="replace") turned into U+FFFD.
var cp1252Undefined = [5]byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}

// byteOf is the byte that Windows-1252 or Latin-1 reads as r, if any.
func byteOf(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true // ASCII, Latin-1, and the C1 controls
	}
	for i, c := range cp1252High {
		if c == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// maxMojibakeDepth bounds how many times a text may have been through a
// Windows-1252 reading (pages are sometimes mangled twice).
const maxMojibakeDepth = 3

// mojibake reads s back when it is such a text: every non-ASCII character
// is one Windows-1252 (or Latin-1) gives a byte for, or U+FFFD for a byte
// it had none for; there are enough of them to score; and the bytes they
// stand for decode, by Decode's own rules, to text that reads as Chinese.
// A lost byte (U+FFFD) inside a UTF-8 character is restored when only one
// of the five it can have been gives Chinese (see guessLost); elsewhere it
// stays lost, as U+FFFD. Text with any other character, Chinese
// included, is left alone after a scan up to that character.
func mojibake(s string, depth int) (Decoded, bool) {
	if depth >= maxMojibakeDepth {
		return Decoded{}, false
	}
	n := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := byteOf(r); !ok && r != utf8.RuneError {
			return Decoded{}, false
		}
		n++
	}
	if n < minScored {
		return Decoded{}, false
	}
	b := make([]byte, 0, len(s))
	var lost []int
	for _, r := range s {
		if r == utf8.RuneError {
			lost = append(lost, len(b))
			b = append(b, cp1252Undefined[0])
			continue
		}
		c, _ := byteOf(r)
		b = append(b, c)
	}
	guessed, unknown := guessLost(b, lost)
	d, err := decodeDepth(b, true, depth+1)
	if err != nil || d.Encoding == UTF16LE || d.Encoding == UTF16BE || d.Encoding == HZ {
		return Decoded{}, false
	}
	if share, m := commonShare(d.Text); m < minScored || share < minCommonShare {
		return Decoded{}, false
	}
	d.Reason = fmt.Sprintf("valid UTF-8 whose characters are Windows-1252 readings of bytes (mojibake); those bytes: %s", d.Reason)
	d.Repair = fmt.Sprintf("mojibake repaired: this UTF-8 file holds %s text that was once read as Windows-1252 (å›½ for 国); read back as %s", d.Encoding, d.Encoding)
	if len(lost) > 0 {
		d.Repair += fmt.Sprintf("; it had lost %d bytes Windows-1252 has no character for: %d characters restored where only one reading was Chinese", len(lost), guessed)
		if unknown > 0 {
			lostMsg := fmt.Sprintf("damaged: %d characters whose bytes Windows-1252 lost could be several; shown as �", unknown)
			if d.Damage != "" {
				lostMsg = d.Damage + "; " + lostMsg
			}
			d.Damage, d.Bad = lostMsg, d.Bad+unknown
		}
	}
	return d, true
}

// guessLost fills each lost byte (at the offsets given, holding a
// placeholder) that falls inside a UTF-8 character, where the evidence is
// decisive: of the characters the five candidate bytes can make, only one
// is a Chinese character or mark (tier above 0), or one is a bracket whose
// partner stands near (【2】). The document itself cannot tell the others
// apart: each candidate holds an undefined byte, so it is lost wherever it
// occurs; and a common character rather than a rarer one would be wrong one
// time in ten (双方 read as 同方). A wrong character in a quote is worse than
// a visible �, so a three-byte character left undecided becomes U+FFFD.
func guessLost(b []byte, lost []int) (guessed, unknown int) {
	isLost := map[int]bool{}
	for _, at := range lost {
		isLost[at] = true
	}
	done := map[int]bool{}
	text := string(b) // for the brackets' partners: the lost bytes do not matter there
	for _, at0 := range lost {
		start := at0
		for start > 0 && at0-start < 3 && b[start]&0xC0 == 0x80 {
			start--
		}
		n := utf8Len(b[start])
		end := start + n
		if n == 1 || end <= at0 || end > len(b) || done[start] {
			continue
		}
		done[start] = true
		var at []int
		for i := start + 1; i < end; i++ {
			if isLost[i] {
				at = append(at, i)
			}
		}
		// Every way of filling the character's lost bytes (at most 5³).
		var chinese, partnered [][]byte
		var try func(k int)
		try = func(k int) {
			if k == len(at) {
				r, size := utf8.DecodeRune(b[start:end])
				if r == utf8.RuneError || size != n {
					return
				}
				if tier(r) > 0 {
					chinese = append(chinese, slices.Clone(b[start:end]))
				}
				if hasPartner(text, r, start, end) {
					partnered = append(partnered, slices.Clone(b[start:end]))
				}
				return
			}
			for _, c := range cp1252Undefined {
				b[at[k]] = c
				try(k + 1)
			}
		}
		try(0)
		switch {
		case len(partnered) == 1:
			copy(b[start:end], partnered[0])
			guessed++
		case len(chinese) == 1:
			copy(b[start:end], chinese[0])
			guessed++
		case n == len("\uFFFD"):
			copy(b[start:end], "\uFFFD")
			unknown++
		default:
			unknown++ // left invalid: the decoder shows it as �
		}
	}
	return guessed, unknown
}

// hasPartner reports whether r, at text[start:end], is a bracket whose
// partner stands within bracketReach bytes on the side it should.
func hasPartner(text string, r rune, start, end int) bool {
	if i := strings.IndexRune(bracketsOpen, r); i >= 0 {
		closer, _ := utf8.DecodeRuneInString(bracketsClose[i:])
		return strings.ContainsRune(text[end:min(len(text), end+bracketReach)], closer)
	}
	if i := strings.IndexRune(bracketsClose, r); i >= 0 {
		opener, _ := utf8.DecodeRuneInString(bracketsOpen[i:])
		return strings.ContainsRune(text[max(0, start-bracketReach):start], opener)
	}
	return false
}

// Brackets, each opener at the same byte offset as its closer.
const (
	bracketsOpen  = "【「『（《〈〔"
	bracketsClose = "】」』）》〉〕"
	bracketReach  = 90 // bytes: thirty characters
)

// utf8Len is the length of the UTF-8 sequence lead byte c starts (1 for
// anything that is not a lead byte).
func utf8Len(c byte) int {
	switch {
	case c >= 0xF0 && c < 0xF8:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}
