package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"

	"jianbao/seeds"
)

// seedTexts returns the seeds by name, as UTF-8 strings.
func seedTexts(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := fs.ReadDir(seeds.FS(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(seeds.FS(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func encode(t testing.TB, e encoding.Encoding, s string) ([]byte, error) {
	t.Helper()
	return e.NewEncoder().Bytes([]byte(s))
}

// big5Part returns the lines of s that Big5 can represent, joined. The
// Simplified seeds have few such lines; the Traditional ones most.
func big5Part(s string) string { return encodablePart(s, traditionalchinese.Big5) }

// encodablePart returns the lines of s that e can represent, joined.
func encodablePart(s string, e encoding.Encoding) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if _, err := e.NewEncoder().String(line); err == nil {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func TestDecodeSeedsInEveryEncoding(t *testing.T) {
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	for name, text := range seedTexts(t) {
		type tcase struct {
			enc  Encoding
			text string
			b    []byte
		}
		cases := []tcase{
			{UTF8, text, []byte(text)},
			{UTF8BOM, text, append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		}
		add := func(enc Encoding, e encoding.Encoding, text string) {
			b, err := encode(t, e, text)
			if err != nil {
				t.Fatalf("%s: encode %s: %v", name, enc, err)
			}
			cases = append(cases, tcase{enc, text, b})
		}
		for _, c := range []struct {
			enc Encoding
			e   encoding.Encoding
		}{
			{UTF16LE, utf16le}, {UTF16BE, utf16be}, {GB18030, simplifiedchinese.GB18030},
			{UTF32LE, utf32.UTF32(utf32.LittleEndian, utf32.UseBOM)}, {UTF32BE, utf32.UTF32(utf32.BigEndian, utf32.UseBOM)},
			{UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, {UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
		} {
			add(c.enc, c.e, text)
		}
		if part := encodablePart(text, simplifiedchinese.HZGB2312); utf8.RuneCountInString(part) >= 200 {
			add(HZ, simplifiedchinese.HZGB2312, part)
		}
		if _, err := encode(t, traditionalchinese.Big5, text); err == nil {
			add(Big5, traditionalchinese.Big5, text)
		} else if part := big5Part(text); utf8.RuneCountInString(part) >= 200 {
			add(Big5, traditionalchinese.Big5, part)
		} else {
			t.Logf("%s: too little of it is representable in Big5 (%d chars)", name, utf8.RuneCountInString(part))
		}
		for _, c := range cases {
			got, err := Decode(c.b)
			if err != nil {
				t.Errorf("%s as %s: %v", name, c.enc, err)
				continue
			}
			if got.Encoding != c.enc {
				t.Errorf("%s as %s: detected %s (%s)", name, c.enc, got.Encoding, got.Reason)
			}
			if got.Text != c.text {
				t.Errorf("%s as %s: text differs from the UTF-8 original", name, c.enc)
			}
		}
	}
}

func TestDecodeBig5SeedsAreTested(t *testing.T) {
	n := 0
	for _, text := range seedTexts(t) {
		if utf8.RuneCountInString(big5Part(text)) >= 200 {
			n++
		}
	}
	if n < 2 {
		t.Fatalf("only %d seeds give a Big5 sample; the Big5 detection is not exercised", n)
	}
}

func TestDecodeRejects(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	tests := []struct {
		name string
		in   []byte
		want error
		says string
	}{
		{"empty", nil, ErrEmpty, "empty file"},
		{"only ctrl-z", []byte("\x1a"), ErrEmpty, "end-of-file mark"},
		{"png", png, ErrNUL, "byte 8"},
		{"nul in text", []byte("中文\x00text"), ErrNUL, "byte 6"},
		{"utf32 without bom", utf32NoBOM("马云还表示:中国正在转向消费大国, ok"), ErrNUL, "UTF-32"},
		{"nul at both parities", []byte("ab\x00c\x00\x00d"), ErrNUL, "byte 2"},
		// Odd-offset NULs, but the other bytes pair into rare characters.
		{"utf16 shaped noise", utf16NoBOM(noise(64) + "a"), ErrNUL, "byte-order mark"},
		{"short binary", []byte("\x00\x01binary"), ErrNUL, "byte 0"},
		{"short binary, common characters", []byte("\x00!binary"), ErrNUL, "byte 0"},
		{"short utf16 chinese without bom", utf16NoBOM("一, 二"), ErrNUL, "byte-order mark"},
		{"bad utf8 after bom", []byte{0xEF, 0xBB, 0xBF, 'a', 0xFF}, ErrInvalid, "byte 4"},
		{"odd utf16", []byte{0xFF, 0xFE, 'a'}, ErrInvalid, "not a multiple of 2"},
		{"utf32 short", []byte{0xFF, 0xFE, 0, 0, 'a', 0}, ErrInvalid, "UTF-32LE byte-order mark"},
		{"utf32 beyond unicode", []byte{0, 0, 0xFE, 0xFF, 0, 0x11, 0, 0}, ErrInvalid, "UTF-32BE"},
		{"lone surrogate", []byte{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, ErrInvalid, "UTF-16LE"},
		{"utf16 nul", []byte{0xFF, 0xFE, 'a', 0, 0, 0}, ErrNUL, "NUL"},
		{"invalid everywhere", []byte("abc\xFF\xFFdef"), ErrInvalid, "not UTF-8 (byte 3 is 0xFF)"},
		{"lone 0x80", []byte("abc\x80\x81def"), ErrInvalid, "GB18030"}, // 0x81: not Windows-1252 either
		{"Cyrillic", []byte(strings.Repeat("\xcc\xe8\xed\xe8\xf1\xf2\xe5\xf0\xf1\xf2\xe2\xee \xf2\xee\xf0\xe3\xee\xe2\xeb\xe8. ", 20)), ErrInvalid, "iconv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode = %q, %v; want %v", got.Text, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
		})
	}
}

// noise returns n characters from the CJK Extension A block, which no
// briefing uses, chosen by a fixed rule.
func noise(n int) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteRune(rune(0x3400 + (i*7919)%6000))
	}
	return sb.String()
}

func utf32NoBOM(s string) []byte {
	b, err := utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16NoBOM(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestDecodeAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"ascii", []byte("hello"), "hello", UTF8},
		{"crlf", []byte("一\r\n二\r\n"), "一\n二\n", UTF8},
		{"lone cr", []byte("一\r二\r\r三"), "一\n二\n\n三", UTF8},
		{"mixed ends", []byte("a\r\n\rb\n"), "a\n\nb\n", UTF8},
		{"bom only", []byte{0xEF, 0xBB, 0xBF}, "", UTF8BOM},
		{"utf16le crlf", []byte{0xFF, 0xFE, 0x2D, 0x4E, '\r', 0, '\n', 0}, "中\n", UTF16LE},
		{"utf16be emoji", []byte{0xFE, 0xFF, 0xD8, 0x3D, 0xDE, 0x00}, "😀", UTF16BE},
		{"gbk short", []byte{0xD6, 0xD0, 0xCE, 0xC4}, "中文", GB18030},
		{"gb18030 four-byte", []byte{0x81, 0x30, 0x81, 0x30}, "\u0080", GB18030},
		{"gb18030 replacement char", []byte{'a', 0x84, 0x31, 0xA4, 0x37}, "a\uFFFD", GB18030},
		{"gb18030 supplementary", []byte{0x95, 0x32, 0x82, 0x36}, "\U00020000", GB18030},
		{"utf32le", []byte{0xFF, 0xFE, 0, 0, 0x2D, 0x4E, 0, 0, '\r', 0, 0, 0}, "中\n", UTF32LE},
		{"utf32be", []byte{0, 0, 0xFE, 0xFF, 0, 0x01, 0xF6, 0x00}, "😀", UTF32BE},
		{"utf16le prose without bom", utf16NoBOM("马云还表示:中国正在从制造大国转向消费大国,这对美国中小企业和消费者来说,也是巨大的机会。"), "马云还表示:中国正在从制造大国转向消费大国,这对美国中小企业和消费者来说,也是巨大的机会。", UTF16LE},
		{"ascii utf16le without bom", []byte{'a', 0, 'b', 0}, "ab", UTF16LE},
		{"ascii utf16be without bom", []byte{0, 'a', 0, 'b'}, "ab", UTF16BE},
		// 一 (U+4E00) puts a NUL at an even offset; most are still odd.
		{"utf16le with U+4E00", utf16NoBOM("一二三,一,一 ok 这对美国中小企业和消费者来说,也是巨大的机会。"), "一二三,一,一 ok 这对美国中小企业和消费者来说,也是巨大的机会。", UTF16LE},
		{"hz", []byte("~{VPND~} HZ ~{2bJT!#~}"), "中文 HZ 测试。", HZ},
		{"hz line continuation", []byte("~{VPND~}~\nok"), "中文ok", HZ},
		{"tilde in ascii", []byte("a ~{ b"), "a ~{ b", UTF8},
		// DOS's end-of-file mark after the last line is no text; one
		// within the text is left for the reader to show inert.
		{"ctrl-z at the end", []byte("中文\r\n\x1a"), "中文\n", UTF8},
		{"gbk ctrl-z", []byte{0xD6, 0xD0, 0xCE, 0xC4, 0x1A, 0x1A}, "中文", GB18030},
		{"utf16le ctrl-z", []byte{0xFF, 0xFE, 0x2D, 0x4E, 0x1A, 0}, "中", UTF16LE},
		{"ctrl-z within", []byte("a\x1ab"), "a\x1ab", UTF8},
		{"hz shifts around ascii", []byte("hello ~{ world ~} and more ~{ text ~}"), "hello ~{ world ~} and more ~{ text ~}", UTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.want || got.Encoding != tt.enc {
				t.Errorf("Decode = %q (%s); want %q (%s)", got.Text, got.Encoding, tt.want, tt.enc)
			}
		})
	}
}

func TestDecodeIsDeterministic(t *testing.T) {
	for name, text := range seedTexts(t) {
		b, _ := encode(t, simplifiedchinese.GB18030, text)
		first, _ := Decode(b)
		for i := 0; i < 3; i++ {
			again, _ := Decode(b)
			if again != first {
				t.Fatalf("%s: Decode differs between runs", name)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, text := range seedTexts(f) {
		f.Add([]byte(text[:min(len(text), 300)]))
		b, _ := encode(f, simplifiedchinese.GB18030, text[:min(len(text), 300)])
		f.Add(b)
	}
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8})
	f.Add([]byte{0xFE, 0xFF, 0x4E, 0x2D, 0x00, 0x0D})
	f.Add([]byte("a\r\nb\rc"))
	f.Add(cesu8Of("吉祥的𠮷字"))
	f.Add([]byte{0xA4, 0xA4, 0xA4, 0xE5})
	for _, e := range []encoding.Encoding{korean.EUCKR, japanese.EUCJP, japanese.ShiftJIS, japanese.ISO2022JP} {
		for _, s := range append(koreanSamples, japaneseSamples...) {
			if b, err := e.NewEncoder().Bytes([]byte(s)); err == nil {
				f.Add(b)
			}
		}
	}
	enc := cnsEncoder(f)
	for _, text := range seedTexts(f) {
		part := text[:min(len(text), 300)]
		f.Add([]byte(latin1Of([]byte(part)))) // mojibake
		f.Add(utf7Of(part))
		if b, ok := eucTWOf(enc, encodableRunes(part, func(s string) bool { _, ok := eucTWOf(enc, s); return ok })); ok {
			f.Add(b)
		}
		if b, ok := iso2022CNOf(f, enc, encodableRunes(part, func(s string) bool { _, ok := iso2022CNOf(f, enc, s); return ok })); ok {
			f.Add(b)
		}
		f.Add([]byte(cp1252Of([]byte(part), true)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := Decode(b)
		if err != nil {
			if got.Text != "" {
				t.Fatalf("text returned with error %v", err)
			}
			return
		}
		if !utf8.ValidString(got.Text) {
			t.Fatalf("invalid UTF-8 out of %q", b)
		}
		if strings.ContainsAny(got.Text, "\x00\r") {
			t.Fatalf("NUL or CR left in %q", got.Text)
		}
		if got.Encoding == "" || got.Reason == "" {
			t.Fatalf("no encoding or reason for %q", b)
		}
		if got.Encoding == UTF8 && got.Damage == "" && got.Repair == "" && got.Text != strings.TrimRight(NormalizeNewlines(string(b)), "\x1a") {
			t.Fatalf("UTF-8 text changed beyond line ends")
		}
		if got.Repair != "" && utf8.RuneCountInString(got.Text) >= utf8.RuneCountInString(string(b)) {
			t.Fatalf("mojibake repair did not shorten %q: %q", b, got.Text)
		}
		if (got.Damage != "") != (got.Bad > 0) || got.Repair == "" && got.Bad > max(1, len(b)/500) {
			t.Fatalf("damage %q with %d bad sequences in %d bytes", got.Damage, got.Bad, len(b))
		}
	})
}

func TestDecodeSaysWhere(t *testing.T) {
	_, err := Decode([]byte("Le caf\xe9 est tr\x81s bon")) // 0x81: not Windows-1252 either
	for _, want := range []string{"not UTF-8 (byte 6 is 0xE9)", "not GB18030 (invalid byte sequence at byte 6", "not Big5 (invalid byte sequence at byte 6"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not say %q", err, want)
		}
	}
}

// TestDecodeDamaged: a Chinese file with a few bytes that are invalid in its
// encoding is read with U+FFFD for them and says so (rule 7); one with many
// is still rejected.
func TestDecodeDamaged(t *testing.T) {
	texts := seedTexts(t)
	simp := texts["002_87c6b28f1f9cb63b.txt"]
	trad := texts["003_a20fc04bd14fd48f.txt"]
	gb, err := encode(t, simplifiedchinese.GB18030, simp)
	if err != nil {
		t.Fatal(err)
	}
	big5, err := encode(t, traditionalchinese.Big5, trad)
	if err != nil {
		t.Skip("seed 003 is not all Big5:", err)
	}
	splice := func(b []byte, at int, junk string) []byte {
		return append(append(append([]byte{}, b[:at]...), junk...), b[at:]...)
	}
	// at is a character boundary near the middle, in UTF-8.
	at := len(simp) / 2
	for !utf8.RuneStart(simp[at]) {
		at++
	}
	tests := []struct {
		name  string
		in    []byte
		enc   Encoding
		bad   int
		first int
	}{
		{"gb18030 cut in a character", gb[:len(gb)-1], GB18030, 1, len(gb) - 2},
		{"utf-8 cut in a character", []byte(simp[:len(simp)-2]), UTF8, 1, len(simp) - 3},
		{"a latin-1 byte in utf-8", splice([]byte(simp), at, "caf\xe9 "), UTF8, 1, at + 3},
		{"utf-8 with bom and a bad byte", splice([]byte("\uFEFF"+simp), 3+at, "\xff"), UTF8BOM, 1, 3 + at},
		{"big5 with a stray byte", splice(big5, 400-400%2, "\x80"), Big5, 1, 400 - 400%2},
	}
	if simp[len(simp)-1]&0xC0 != 0x80 && simp[len(simp)-2]&0xC0 != 0x80 {
		t.Fatal("seed 002 must end in a multi-byte character for the cut test")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.enc || d.Bad != tt.bad {
				t.Errorf("read as %s with %d bad, want %s with %d", d.Encoding, d.Bad, tt.enc, tt.bad)
			}
			if got := strings.Count(d.Text, "\uFFFD"); got < tt.bad {
				t.Errorf("%d U+FFFD in the text, want at least %d", got, tt.bad)
			}
			if want := fmt.Sprintf("the first at byte %d", tt.first); !strings.Contains(d.Damage, want) {
				t.Errorf("Damage %q does not say %q", d.Damage, want)
			}
			if !utf8.ValidString(d.Text) {
				t.Error("invalid UTF-8")
			}
		})
	}
	// Damage everywhere is not damage: one bad byte in every 100.
	var worn []byte
	for i := 0; i < len(gb); i += 100 {
		worn = append(append(worn, gb[i:min(i+100, len(gb))]...), 0xFF)
	}
	if d, err := Decode(worn); !errors.Is(err, ErrInvalid) {
		t.Errorf("a file with a bad byte every 100 read as %s (%s)", d.Encoding, d.Damage)
	}
	// A whole valid file is not damaged.
	if d, err := Decode(gb); err != nil || d.Damage != "" || d.Bad != 0 {
		t.Errorf("valid GB18030: %v, %q", err, d.Damage)
	}
}

// latin1Of is b read as Latin-1, in UTF-8: mojibake as a tool that took
// every byte for a character made it.
func latin1Of(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// cp1252Of is b read as Windows-1252 by x/text's charmap, in UTF-8; with
// lossy set, the five bytes Windows-1252 leaves undefined become U+FFFD (as
// Python's cp1252 with errors="replace" makes them), else the C1 controls
// (as browsers do).
func cp1252Of(b []byte, lossy bool) string {
	var sb strings.Builder
	for _, c := range b {
		r := charmap.Windows1252.DecodeByte(c)
		if c >= 0x80 && c < 0xA0 && strings.ContainsRune("\u0081\u008d\u008f\u0090\u009d", rune(c)) {
			r = rune(c)
			if lossy {
				r = utf8.RuneError
			}
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// bigFiveAsOthersWriteIt encodes s in Big5 as iconv, Windows (CP950) and
// Python write it: each character as its first two-byte code in the
// standard lead range A1–F9 (HKSCS's for the rest). x/text's encoder writes some characters with
// their HKSCS duplicates instead (港 as FD BB, not B4 E4).
func bigFiveAsOthersWriteIt(t testing.TB, s string) []byte {
	t.Helper()
	codes := map[rune][2]byte{}
	dec := traditionalchinese.Big5.NewDecoder()
	var leads []int // the standard range first, then HKSCS's
	for l := 0xA1; l <= 0xF9; l++ {
		leads = append(leads, l)
	}
	for l := 0x81; l <= 0xFE; l++ {
		if l < 0xA1 || l > 0xF9 {
			leads = append(leads, l)
		}
	}
	for _, l := range leads {
		for _, tr := range [][2]int{{0x40, 0x7E}, {0xA1, 0xFE}} {
			for c := tr[0]; c <= tr[1]; c++ {
				out, err := dec.Bytes([]byte{byte(l), byte(c)})
				r, _ := utf8.DecodeRune(out)
				if err != nil || r == utf8.RuneError || utf8.RuneCount(out) != 1 {
					continue
				}
				if _, ok := codes[r]; !ok {
					codes[r] = [2]byte{byte(l), byte(c)}
				}
			}
		}
	}
	var b []byte
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		code, ok := codes[r]
		if !ok {
			t.Fatalf("%q has no Big5 code", r)
		}
		b = append(b, code[0], code[1])
	}
	return b
}

// TestDecodeBig5AsOthersWriteIt: Big5 written by other encoders than
// x/text's reads back exactly. Before, 港 包 晴 煮 偽 and 95 others (which
// x/text writes back with another code) made such a file invalid.
// cesu8Of writes s as CESU-8: each character beyond the BMP as the two
// three-byte sequences of its UTF-16 surrogates.
func cesu8Of(s string) []byte {
	var out []byte
	for _, r := range s {
		if r < 0x10000 {
			out = utf8.AppendRune(out, r)
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		for _, u := range []rune{hi, lo} {
			out = append(out, 0xE0|byte(u>>12), 0x80|byte(u>>6&0x3F), 0x80|byte(u&0x3F))
		}
	}
	return out
}

func TestDecodeCESU8(t *testing.T) {
	text := "关于经贸合作的报告\n\n吉祥的𠮷字与𩸽鱼，以及😀。双方同意继续推进合作。"
	for _, tt := range []struct {
		name string
		b    []byte
		enc  Encoding
		text string
	}{
		{"pairs", cesu8Of(text), CESU8, text},
		{"pairs after a BOM", append([]byte{0xEF, 0xBB, 0xBF}, cesu8Of(text)...), CESU8, text},
		{"plain UTF-8", []byte(text), UTF8, text},
	} {
		d, err := Decode(tt.b)
		if err != nil || d.Encoding != tt.enc || d.Text != tt.text || d.Damage != "" {
			t.Errorf("%s: %v %q %q damage %q", tt.name, err, d.Encoding, d.Text, d.Damage)
		}
	}
	// A lone surrogate, or a pair in the wrong order, is no CESU-8: the
	// file is read as damaged UTF-8, a character lost.
	b := cesu8Of(text)
	i := bytes.Index(b, []byte{0xED})
	for name, bad := range map[string][]byte{
		"lone high": append(append(append([]byte{}, b[:i+3]...), "字"...), b[i+6:]...),
		"swapped":   append(append(append(append([]byte{}, b[:i]...), b[i+3:i+6]...), b[i:i+3]...), b[i+6:]...),
	} {
		d, err := Decode(bad)
		if err == nil && d.Encoding == CESU8 {
			t.Errorf("%s: read as CESU-8: %q", name, d.Text)
		}
	}
}

func TestDecodeBig5AsOthersWriteIt(t *testing.T) {
	for name, text := range seedTexts(t) {
		part := big5Part(text)
		if utf8.RuneCountInString(part) < 200 {
			continue
		}
		b := bigFiveAsOthersWriteIt(t, part)
		got, err := Decode(b)
		if err != nil || got.Encoding != Big5 || got.Text != NormalizeNewlines(part) || got.Damage != "" {
			t.Errorf("%s: %v, %s, %q; text equal: %v", name, err, got.Encoding, got.Damage, got.Text == NormalizeNewlines(part))
		}
	}
	const hk = "香港特別行政區政府今日公佈，包括晴天時煮食的偽造標籤在內，共有十項新規定。"
	got, err := Decode(bigFiveAsOthersWriteIt(t, hk))
	if err != nil || got.Text != hk {
		t.Errorf("%q: %v, %q", hk, err, got.Text)
	}
}

// TestDecodeMojibake: text in UTF-8, GB18030 or Big5 that was read as
// Windows-1252 or Latin-1 and saved as UTF-8 reads back as it was, once or
// twice mangled, with or without a byte-order mark; bytes lost in the
// reading are restored only where one reading is Chinese, else shown as
// U+FFFD and counted. European text and Chinese text are left alone.
func TestDecodeMojibake(t *testing.T) {
	texts := seedTexts(t)
	simp := texts["002_87c6b28f1f9cb63b.txt"]
	trad := big5Part(texts["004_d659e5899b51d012.txt"])
	gbBytes, err := encode(t, simplifiedchinese.GB18030, simp)
	if err != nil {
		t.Fatal(err)
	}
	want := NormalizeNewlines(simp)
	for _, tt := range []struct {
		name string
		in   string
		enc  Encoding
		want string
	}{
		{"UTF-8 as Latin-1", latin1Of([]byte(simp)), UTF8, want},
		{"UTF-8 as Windows-1252", cp1252Of([]byte(simp), false), UTF8, want},
		{"UTF-8 as Windows-1252, twice", cp1252Of([]byte(cp1252Of([]byte(simp), false)), false), UTF8, want},
		{"UTF-8 as Windows-1252, with a BOM", "\uFEFF" + cp1252Of([]byte(simp), false), UTF8, want},
		{"GB18030 as Latin-1", latin1Of(gbBytes), GB18030, want},
		{"Big5 as Windows-1252", cp1252Of(bigFiveAsOthersWriteIt(t, trad), false), Big5, NormalizeNewlines(trad)},
	} {
		got, err := Decode([]byte(tt.in))
		if err != nil || got.Encoding != tt.enc || got.Text != tt.want || got.Repair == "" || got.Damage != "" {
			t.Errorf("%s: %v, %s, repair %q, damage %q; text right: %v", tt.name, err, got.Encoding, got.Repair, got.Damage, got.Text == tt.want)
		}
	}

	// Lossy: the undefined bytes became U+FFFD.
	got, err := Decode([]byte(cp1252Of([]byte(simp), true)))
	if err != nil || got.Encoding != UTF8 || got.Bad == 0 || got.Damage == "" {
		t.Fatalf("lossy: %v, %s, bad %d, damage %q", err, got.Encoding, got.Bad, got.Damage)
	}
	gr, wr := []rune(got.Text), []rune(want)
	if len(gr) != len(wr) {
		t.Fatalf("lossy: %d characters, want %d", len(gr), len(wr))
	}
	unknown := 0
	for i := range gr {
		switch {
		case gr[i] == utf8.RuneError:
			unknown++
		case gr[i] != wr[i]:
			t.Errorf("lossy: character %d is %q, want %q (a wrong guess)", i, gr[i], wr[i])
		}
	}
	if unknown != got.Bad {
		t.Errorf("lossy: %d shown as U+FFFD, %d counted", unknown, got.Bad)
	}

	// Left alone.
	for _, s := range []string{
		strings.Repeat("Le ministère a annoncé une hausse des échanges, été très réussi à côté du marché. ", 4),
		strings.Repeat("Größere Märkte für Übersee: Ökonomen äußern sich. ", 4),
		"“Quotes” — and dashes… ™ € " + strings.Repeat("é", 20),
		simp,
	} {
		got, err := Decode([]byte(s))
		if err != nil || got.Encoding != UTF8 || got.Text != NormalizeNewlines(s) || got.Repair != "" {
			t.Errorf("%.30q: %v, %s, repair %q", s, err, got.Encoding, got.Repair)
		}
	}
}

// GB18030's own byte-order mark (84 31 95 33, which some Chinese editors
// write) decides like the others, and no reading keeps a U+FEFF at the
// start: it ended up in titles (a doubled UTF-8 mark too).
func TestDecodeGB18030BOM(t *testing.T) {
	body, _ := encode(t, simplifiedchinese.GB18030, "中美经贸合作简报\n第二行。\n")
	for _, tt := range []struct {
		name string
		b    []byte
		enc  Encoding
	}{
		{"GB18030 mark", append([]byte{0x84, 0x31, 0x95, 0x33}, body...), GB18030},
		{"two UTF-8 marks", []byte("\xef\xbb\xbf\xef\xbb\xbf中美经贸合作简报\n第二行。\n"), UTF8BOM},
		{"a mark in UTF-16", append([]byte{0xFF, 0xFE, 0xFF, 0xFE}, utf16le("中美经贸合作简报\n第二行。\n")...), UTF16LE},
	} {
		d, err := Decode(tt.b)
		if err != nil || d.Encoding != tt.enc || d.Text != "中美经贸合作简报\n第二行。\n" {
			t.Errorf("%s: %s %q %v", tt.name, d.Encoding, d.Text, err)
		}
	}
	if _, err := Decode([]byte{0x84, 0x31, 0x95, 0x33, 0xFF, 0xFF, 0xFF}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a GB18030 mark before bytes that are not GB18030: %v", err)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// Western text from Windows (rule 8) is read, not refused: an English
// release with curly quotes, a French one in Latin-1. Text with many high
// bytes, or one Windows-1252 lacks, is not.
func TestDecodeWestern(t *testing.T) {
	for in, want := range map[string]string{
		"China\x92s Ministry said the \x93new measures\x94 would help \x96 a lot.\n": "China’s Ministry said the “new measures” would help – a lot.\n",
		"Le caf\xe9 est tr\xe8s bon, na\xefve r\xe9sum\xe9 \x80 5.\r\n":              "Le café est très bon, naïve résumé € 5.\n",
		strings.Repeat("Le caf\xe9 \xe0 l'h\xf4tel, na\xefve r\xe9sum\xe9. ", 20):    strings.Repeat("Le café à l'hôtel, naïve résumé. ", 20),
		"abc\x80def": "abc€def",
		// Valid GB18030, too few characters to refuse, all rare: 抯.
		"China\x92s Ministry said it\x92s ready. The ministry\x92s spokesman spoke.\n": "China’s Ministry said it’s ready. The ministry’s spokesman spoke.\n",
	} {
		d, err := Decode([]byte(in))
		if err != nil || d.Encoding != Windows1252 || d.Text != want {
			t.Errorf("%q: %s %q %v", in, d.Encoding, d.Text, err)
		}
	}
	for _, in := range []string{"caf\xe9\xe9\xe9\xe9 ok", "Le caf\xe9 est tr\x81s bon"} {
		if d, err := Decode([]byte(in)); err == nil && d.Encoding == Windows1252 {
			t.Errorf("%q read as Windows-1252: %q", in, d.Text)
		}
	}
	// English with a Chinese name in GBK stays GB18030.
	gb, _ := encode(t, simplifiedchinese.GBK, "President Xi Jinping (习近平) met the delegation in Beijing (北京) on Tuesday, and said trade would grow.\n")
	if d, err := Decode(gb); err != nil || d.Encoding != GB18030 {
		t.Errorf("English with GBK names: %s %q %v", d.Encoding, d.Text, err)
	}
}

// Files of whole lines in two encodings are read line by line (rule 7):
// concatenated UTF-8 and GBK or Big5 files, a GBK signature pasted into a
// UTF-8 page. Before, the first was refused and the second lost the line
// as �.
func TestDecodeMixed(t *testing.T) {
	seeds := seedTexts(t)
	utf := strings.Join(strings.Split(seeds["001_3f2865b649e49912.txt"], "\n")[:6], "\n") + "\n"
	simp := encodablePart(strings.Join(strings.Split(seeds["002_87c6b28f1f9cb63b.txt"], "\n")[:12], "\n"), simplifiedchinese.GBK) + "\n"
	trad := big5Part(strings.Join(strings.Split(seeds["003_a20fc04bd14fd48f.txt"], "\n")[:6], "\n")) + "\n"
	gbk, err1 := encode(t, simplifiedchinese.GBK, simp)
	big5, err2 := encode(t, traditionalchinese.Big5, trad)
	signature, err3 := encode(t, simplifiedchinese.GBK, "国务院办公厅 2024年3月5日\n")
	if err := errors.Join(err1, err2, err3); err != nil || len(simp) < 200 || len(trad) < 100 {
		t.Fatalf("%v; %d, %d bytes", err, len(simp), len(trad))
	}
	for _, tt := range []struct {
		name string
		b    []byte
		want string
		enc  Encoding
	}{
		{"UTF-8 then GBK", append([]byte(utf), gbk...), utf + simp, "UTF-8 + GB18030"},
		{"GBK then UTF-8", append(append([]byte(nil), gbk...), utf...), simp + utf, "UTF-8 + GB18030"},
		{"UTF-8 then Big5", append([]byte(utf), big5...), utf + trad, "UTF-8 + Big5"},
		{"a GBK signature in UTF-8", append([]byte(utf), signature...), utf + "国务院办公厅 2024年3月5日\n", "UTF-8 + GB18030"},
	} {
		d, err := Decode(tt.b)
		if err != nil || d.Encoding != tt.enc || d.Text != NormalizeNewlines(tt.want) || !strings.Contains(d.Repair, "mixed encodings") {
			t.Errorf("%s: %s %v %q", tt.name, d.Encoding, err, d.Repair)
		}
	}
	// A UTF-8 file cut inside its last character is damaged, not mixed.
	cut := []byte(utf + "最后一句话没有写")
	cut = cut[:len(cut)-1]
	if d, err := Decode(cut); err != nil || d.Encoding != UTF8 || d.Bad != 1 {
		t.Errorf("cut UTF-8: %s %d %v", d.Encoding, d.Bad, err)
	}
}
