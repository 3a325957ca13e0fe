package corpus

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// cfbOf builds an OLE2 compound file (512-byte sectors) holding the
// streams given, in order; streams under 4096 bytes go in the mini stream,
// as Word puts them.
func cfbOf(names []string, streams [][]byte) []byte {
	const ss = 512
	sectorsOf := func(n int) int { return (n + ss - 1) / ss }
	var mini []byte
	miniStart := make([]int, len(streams))
	for i, s := range streams {
		if len(s) < 4096 {
			miniStart[i] = len(mini) / 64
			mini = append(mini, s...)
			for len(mini)%64 != 0 {
				mini = append(mini, 0)
			}
		}
	}
	miniFATn := (len(mini)/64*4 + ss - 1) / ss
	dirN := sectorsOf(128 * (len(streams) + 1))
	regular := 0
	for _, s := range streams {
		if len(s) >= 4096 {
			regular += sectorsOf(len(s))
		}
	}
	total := dirN + miniFATn + sectorsOf(len(mini)) + regular
	fatN := 1
	for (total+fatN)*4 > fatN*ss {
		fatN++
	}
	fat := make([]uint32, fatN*ss/4)
	for i := range fat {
		fat[i] = cfbFree
	}
	next := 0
	alloc := func(n int) int { // a chain of n sectors
		if n == 0 {
			return cfbEndOfChain
		}
		start := next
		for k := 0; k < n; k++ {
			fat[next] = uint32(next + 1)
			next++
		}
		fat[next-1] = cfbEndOfChain
		return start
	}
	for k := 0; k < fatN; k++ {
		fat[next] = 0xFFFFFFFD
		next++
	}
	dirStart := alloc(dirN)
	miniFATStart := alloc(miniFATn)
	miniStreamStart := alloc(sectorsOf(len(mini)))
	starts := make([]int, len(streams))
	for i, s := range streams {
		if len(s) >= 4096 {
			starts[i] = alloc(sectorsOf(len(s)))
		} else {
			starts[i] = miniStart[i]
		}
	}
	file := make([]byte, ss*(1+next))
	copy(file, cfbMagic)
	binary.LittleEndian.PutUint16(file[0x18:], 0x3E)
	binary.LittleEndian.PutUint16(file[0x1A:], 3)
	binary.LittleEndian.PutUint16(file[0x1C:], 0xFFFE)
	binary.LittleEndian.PutUint16(file[0x1E:], 9)
	binary.LittleEndian.PutUint16(file[0x20:], 6)
	binary.LittleEndian.PutUint32(file[0x2C:], uint32(fatN))
	binary.LittleEndian.PutUint32(file[0x30:], uint32(dirStart))
	binary.LittleEndian.PutUint32(file[0x38:], 4096)
	binary.LittleEndian.PutUint32(file[0x3C:], uint32(miniFATStart))
	binary.LittleEndian.PutUint32(file[0x40:], uint32(miniFATn))
	binary.LittleEndian.PutUint32(file[0x44:], cfbEndOfChain)
	for k := 0; k < 109; k++ {
		v := uint32(cfbFree)
		if k < fatN {
			v = uint32(k)
		}
		binary.LittleEndian.PutUint32(file[0x4C+4*k:], v)
	}
	at := func(sector int) []byte { return file[ss*(sector+1):] }
	for i, v := range fat {
		binary.LittleEndian.PutUint32(file[ss+4*i:], v)
	}
	entry := func(i int, name string, typ byte, start int, size int) {
		e := at(dirStart)[128*i:]
		units := utf16.Encode([]rune(name))
		for k, u := range units {
			binary.LittleEndian.PutUint16(e[2*k:], u)
		}
		binary.LittleEndian.PutUint16(e[0x40:], uint16(2*len(units)+2))
		e[0x42] = typ
		binary.LittleEndian.PutUint32(e[0x44:], cfbFree)
		binary.LittleEndian.PutUint32(e[0x48:], cfbFree)
		binary.LittleEndian.PutUint32(e[0x4C:], cfbFree)
		binary.LittleEndian.PutUint32(e[0x74:], uint32(start))
		binary.LittleEndian.PutUint32(e[0x78:], uint32(size))
	}
	entry(0, "Root Entry", 5, miniStreamStart, len(mini))
	for i, name := range names {
		entry(i+1, name, 2, starts[i], len(streams[i]))
	}
	for i := 0; i < len(mini)/64; i++ {
		binary.LittleEndian.PutUint32(at(miniFATStart)[4*i:], uint32(i+1))
	}
	for i, s := range streams {
		if len(s) < 4096 {
			n := (len(s) + 63) / 64
			binary.LittleEndian.PutUint32(at(miniFATStart)[4*(miniStart[i]+n-1):], cfbEndOfChain)
		}
	}
	if len(mini) > 0 {
		copy(at(miniStreamStart), mini)
	}
	for i, s := range streams {
		if len(s) >= 4096 {
			copy(at(starts[i]), s)
		}
	}
	return file
}

// wordPiece is a piece of a Word document's text: UTF-16, or one byte a
// character (compressed, Latin text only).
type wordPiece struct {
	text       string
	compressed bool
}

// wordDocOf builds a Word 97 document whose main text is the pieces, and
// more text after it (headers and notes live there).
func wordDocOf(pieces []wordPiece, after string, pad int) []byte {
	wd, table := wordStreams(pieces, after, pad)
	return cfbOf([]string{"WordDocument", "1Table", "\x05SummaryInformation"}, [][]byte{wd, table, make([]byte, 200)})
}

// wordStreams are the WordDocument and table streams of wordDocOf.
func wordStreams(pieces []wordPiece, after string, pad int) (wd, table []byte) {
	wd = make([]byte, 0x800)
	binary.LittleEndian.PutUint16(wd[0:], 0xA5EC)
	binary.LittleEndian.PutUint16(wd[2:], 0x00C1)
	binary.LittleEndian.PutUint16(wd[0x0A:], 0x0200) // 1Table
	var cps []uint32
	var fcs []uint32
	cp := uint32(0)
	pieces = append(pieces, wordPiece{text: after})
	for _, p := range pieces {
		cps = append(cps, cp)
		if p.compressed {
			fcs = append(fcs, uint32(len(wd))*2|0x40000000)
			wd = append(wd, p.text...)
			cp += uint32(len(p.text))
		} else {
			fcs = append(fcs, uint32(len(wd)))
			for _, u := range utf16.Encode([]rune(p.text)) {
				wd = binary.LittleEndian.AppendUint16(wd, u)
			}
			cp += uint32(len(utf16.Encode([]rune(p.text))))
		}
	}
	cps = append(cps, cp)
	binary.LittleEndian.PutUint32(wd[0x4C:], cps[len(cps)-2]) // ccpText: all but after
	for len(wd) < pad {
		wd = append(wd, 0)
	}
	table = []byte{1, 2, 0, 0xAA, 0xBB, 2} // a Prc, then the Pcdt
	table = binary.LittleEndian.AppendUint32(table, uint32(4*len(cps)+8*len(fcs)))
	for _, c := range cps {
		table = binary.LittleEndian.AppendUint32(table, c)
	}
	for _, fc := range fcs {
		table = append(table, 0, 0)
		table = binary.LittleEndian.AppendUint32(table, fc)
		table = append(table, 0, 0)
	}
	binary.LittleEndian.PutUint32(wd[0x1A2:], 0)
	binary.LittleEndian.PutUint32(wd[0x1A6:], uint32(len(table)))
	return wd, table
}

// wordDocWithNotes builds a Word 97 document whose main text refers to
// notes with the character 2, kinds saying of each reference in turn
// whether it is a footnote (f) or an endnote (e), and whose footnote and
// endnote documents hold the texts given, as Word writes them.
func wordDocWithNotes(main, kinds string, foot, end []string) []byte {
	var refs [2][]uint32
	at, k := uint32(0), 0
	for _, r := range main {
		if r == 2 {
			refs[strings.IndexByte("fe", kinds[k])] = append(refs[strings.IndexByte("fe", kinds[k])], at)
			k++
		}
		at += uint32(len(utf16.Encode([]rune{r})))
	}
	sub := func(notes []string) (string, []uint32) {
		var b strings.Builder
		var cps []uint32
		n := uint32(0)
		for _, t := range notes {
			cps = append(cps, n)
			b.WriteString("\x02 " + t + "\r")
			n += uint32(len(utf16.Encode([]rune("\x02 " + t + "\r"))))
		}
		cps = append(cps, n)
		b.WriteString("\r")
		return b.String(), append(cps, n+1)
	}
	footDoc, footCPs := sub(foot)
	endDoc, endCPs := sub(end)
	wd, table := wordStreams([]wordPiece{{text: main}}, footDoc+endDoc, 0)
	plc := func(off int, cps []uint32, data int) {
		binary.LittleEndian.PutUint32(wd[off:], uint32(len(table)))
		start := len(table)
		for _, c := range cps {
			table = binary.LittleEndian.AppendUint32(table, c)
		}
		for range len(cps) - 1 {
			table = append(table, make([]byte, data)...)
		}
		binary.LittleEndian.PutUint32(wd[off+4:], uint32(len(table)-start))
	}
	for i, notes := range []struct {
		refs, txt []uint32
		size      int
	}{{append(refs[0], at), footCPs, len(utf16.Encode([]rune(footDoc)))}, {append(refs[1], at), endCPs, len(utf16.Encode([]rune(endDoc)))}} {
		if notes.size <= 1 {
			continue
		}
		ref, txt, ccp := []int{0xAA, 0x20A}[i], []int{0xB2, 0x212}[i], []int{0x50, 0x60}[i]
		binary.LittleEndian.PutUint32(wd[ccp:], uint32(notes.size))
		plc(ref, notes.refs, 2)
		plc(txt, notes.txt, 0)
	}
	return cfbOf([]string{"WordDocument", "1Table"}, [][]byte{wd, table})
}

// Footnotes and endnotes are read from their documents and placed as in
// a .docx: a mark where each is referred to, in that order, and the notes
// after the text.
func TestWordDocNotes(t *testing.T) {
	for _, tt := range []struct {
		name, main, kinds string
		foot, end         []string
		want              string
	}{
		{"footnotes", "第一句\x02。第二句\x02。\r", "ff", []string{"脚注一。", "脚注二\r第二段。"}, nil,
			"第一句[1]。第二句[2]。//[1] 脚注一。//[2] 脚注二//第二段。"},
		{"footnotes and endnotes, interleaved", "甲\x02乙\x02丙\x02。\r", "efe", []string{"脚注。"}, []string{"尾注一。", "尾注二。"},
			"甲[1]乙[2]丙[3]。//[1] 尾注一。//[2] 脚注。//[3] 尾注二。"},
		{"a note in a table", "任务\x02\x07单位\x07\x07\r", "f", []string{"注。"}, nil,
			"任务[1] | 单位//[1] 注。"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text, err := wordDocText(wordDocWithNotes(tt.main, tt.kinds, tt.foot, tt.end))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWordDocText(t *testing.T) {
	for _, tt := range []struct {
		name   string
		pieces []wordPiece
		pad    int
		want   string
	}{
		{"paragraphs in pieces, in the mini stream", []wordPiece{{text: "国务院关于印发方案的通知\r国发〔2024〕7号\r"}, {text: "Plain Latin text. ", compressed: true}, {text: "各省：\v现将方案印发。\f第二页。\r"}}, 0,
			"国务院关于印发方案的通知//国发〔2024〕7号//Plain Latin text. 各省：/现将方案印发。//第二页。"},
		{"a table; fields; pictures", []wordPiece{{text: "任务\x07牵头单位\x07\x07设备更新\x07国家发展改革委\x07\x07表后\x13 PAGE \x143\x15页\x01。\r\x13 HYPERLINK \"x\" \x14链接\x13 REF \x14嵌套\x15\x15文字\r"}}, 5000,
			"任务 | 牵头单位//设备更新 | 国家发展改革委//表后3页。//链接嵌套文字"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text, err := wordDocText(wordDocOf(tt.pieces, "页眉和脚注不在正文里\r", tt.pad))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Damaged, foreign and crafted files are refused with the reason.
func TestWordDocRefuses(t *testing.T) {
	good := wordDocOf([]wordPiece{{text: "正文。\r"}}, "", 5000)
	loop := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(loop[512+4*1:], 1) // the directory's sector points at itself
	old := wordDocOf([]wordPiece{{text: "正文。\r"}}, "", 5000)
	// Character positions that go back (0, 1000, 0): pieces allowed to
	// start over could make a small file's text quadratic in its size.
	repeated := wordDocOf([]wordPiece{{text: strings.Repeat("字", 1000)}, {text: strings.Repeat("字", 1000)}}, "", 5000)
	if i := bytes.Index(repeated, []byte{0, 0, 0, 0, 0xE8, 0x03, 0, 0, 0xD0, 0x07, 0, 0}); i >= 0 { // CPs 0, 1000, 2000
		copy(repeated[i+8:], []byte{0, 0, 0, 0}) // the second piece starts over at 0
	}
	for _, tt := range []struct {
		name string
		b    []byte
		says string
	}{
		{"pieces out of order", repeated, "out of order"},
		{"RTF", []byte(`{\rtf1\ansi 正文}` + strings.Repeat(" ", 600)), "not an OLE2 compound file"},
		{"encrypted", cfbOf([]string{"EncryptionInfo", "EncryptedPackage"}, [][]byte{make([]byte, 100), make([]byte, 5000)}), "encrypted"},
		{"cut short", good[:len(good)/2], "more than the file"},
		{"cut in its tables", good[:len(good)-600], "past the end"},
		{"a chain that loops", loop, "loops"},
		{"no Word stream", cfbOf([]string{"Workbook"}, [][]byte{make([]byte, 5000)}), "no WordDocument stream"},
		{"Word 95", func() []byte {
			b := append([]byte(nil), old...)
			for i := 0; i+4 < len(b); i++ {
				if b[i] == 0xEC && b[i+1] == 0xA5 && b[i+2] == 0xC1 {
					b[i+2] = 0x65
					break
				}
			}
			return b
		}(), "Word 6 or 95"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := wordDocText(tt.b)
			if !errors.Is(err, ErrNotWordDoc) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("%v, want one saying %q", err, tt.says)
			}
		})
	}
}

// wordListPara is a paragraph of wordDocWithLists: its text, its style
// and its own place in a list (ilfo 0: none said).
type wordListPara struct {
	text       string
	istd       uint16
	ilfo, ilvl int
}

// wordListLevel is a level of a list of wordDocWithLists: its start, its
// number format (MSONFC) and its number text, in which a character below
// 9 stands for that level's number.
type wordListLevel struct {
	start int32
	nfc   byte
	text  string
}

// wordDocWithLists builds a Word 97 document of paragraphs whose list
// properties are in a formatted disk page; a style sheet whose style 1
// is in list override 1 at level 0 and style 2 is based on it; lists of
// the levels given (a list of one level is a simple list); and list
// overrides each naming a list by its index and the levels whose start
// it overrides.
func wordDocWithLists(paras []wordListPara, lists [][]wordListLevel, lfos []struct {
	list   int
	starts map[int]int32
}) []byte {
	var main strings.Builder
	for _, p := range paras {
		main.WriteString(p.text + "\r")
	}
	wd, table := wordStreams([]wordPiece{{text: main.String()}}, "", 0)
	le := binary.LittleEndian
	// The paragraphs' properties: one page, the properties at its end.
	for len(wd)%512 != 0 {
		wd = append(wd, 0)
	}
	pn := len(wd) / 512
	page := make([]byte, 512)
	fc := uint32(0x800)
	top := 511
	for j, p := range paras {
		le.PutUint32(page[4*j:], fc)
		fc += uint32(2 * len(utf16.Encode([]rune(p.text+"\r"))))
		grp := le.AppendUint16(nil, p.istd)
		if p.ilfo != 0 {
			grp = le.AppendUint16(grp, sprmPIlfo)
			grp = le.AppendUint16(grp, uint16(p.ilfo))
			grp = le.AppendUint16(grp, sprmPIlvl)
			grp = append(grp, byte(p.ilvl))
		}
		grp = le.AppendUint16(grp, 0x2403) // sprmPJc, centred: a property of no interest
		grp = append(grp, 1)
		if len(grp)%2 == 1 {
			grp = append(grp, 0)
		}
		papx := append([]byte{0, byte(len(grp) / 2)}, grp...)
		top -= len(papx)
		top &^= 1
		copy(page[top:], papx)
		page[4*(len(paras)+1)+13*j] = byte(top / 2)
	}
	le.PutUint32(page[4*len(paras):], fc)
	page[511] = byte(len(paras))
	wd = append(wd, page...)
	put := func(off int, b []byte) {
		le.PutUint32(wd[off:], uint32(len(table)))
		le.PutUint32(wd[off+4:], uint32(len(b)))
		table = append(table, b...)
	}
	plc := le.AppendUint32(nil, 0x800)
	plc = le.AppendUint32(plc, fc)
	put(fibPlcfBtePapx, le.AppendUint32(plc, uint32(pn)))
	// The style sheet: Normal; Heading 1 in list 1; a style based on it.
	stsh := le.AppendUint16(nil, 4)
	stsh = le.AppendUint16(stsh, 3)  // cstd
	stsh = le.AppendUint16(stsh, 10) // cbSTDBaseInFile
	for istd, s := range []struct {
		base uint16
		name string
		upx  []byte
	}{{0xFFF, "Normal", nil}, {0, "heading 1", []byte{0x0B, 0x46, 1, 0, 0x0A, 0x26, 0}}, {1, "标题甲", nil}} {
		std := make([]byte, 10)
		le.PutUint16(std[2:], 1|s.base<<4) // stk 1: a paragraph style
		name := utf16.Encode([]rune(s.name))
		std = le.AppendUint16(std, uint16(len(name)))
		for _, u := range name {
			std = le.AppendUint16(std, u)
		}
		std = append(std, 0, 0)
		upx := append(le.AppendUint16(nil, uint16(istd)), s.upx...)
		std = le.AppendUint16(std, uint16(len(upx)))
		std = append(std, upx...)
		if len(std)%2 == 1 {
			std = append(std, 0)
		}
		std = append(std, 0, 0) // the character UPX, empty
		stsh = le.AppendUint16(stsh, uint16(len(std)))
		stsh = append(stsh, std...)
	}
	put(fibStshf, stsh)
	// The lists, then their levels.
	lst := le.AppendUint16(nil, uint16(len(lists)))
	var levels []byte
	for i, l := range lists {
		lstf := make([]byte, 28)
		le.PutUint32(lstf, uint32(100+i)) // lsid
		if len(l) == 1 {
			lstf[26] = 1
		}
		lst = append(lst, lstf...)
		for _, lv := range l {
			lvlf := make([]byte, 28)
			le.PutUint32(lvlf, uint32(lv.start))
			lvlf[4] = lv.nfc
			lvlf[24], lvlf[25] = 3, 4 // grpprlChpx, grpprlPapx: skipped
			levels = append(levels, lvlf...)
			levels = append(levels, 0xAA, 0xAA, 0xAA, 0xAA, 0xBB, 0xBB, 0xBB)
			units := utf16.Encode([]rune(lv.text))
			levels = le.AppendUint16(levels, uint16(len(units)))
			for _, u := range units {
				levels = le.AppendUint16(levels, u)
			}
		}
	}
	put(fibPlfLst, lst)
	table = append(table, levels...)
	lfo := le.AppendUint32(nil, uint32(len(lfos)))
	var data []byte
	for _, o := range lfos {
		rec := make([]byte, 16)
		le.PutUint32(rec, uint32(100+o.list))
		rec[12] = byte(len(o.starts))
		lfo = append(lfo, rec...)
		data = append(data, 0xFF, 0xFF, 0xFF, 0xFF) // cp
		for l, s := range o.starts {
			data = le.AppendUint32(data, uint32(s))
			data = le.AppendUint32(data, uint32(l)|0x10)
		}
	}
	put(fibPlfLfo, append(lfo, data...))
	return cfbOf([]string{"WordDocument", "1Table"}, [][]byte{wd, table})
}

// TestWordDocNumbering: a Word 97–2003 document's lists and numbered
// headings keep their numbers, as its .docx would.
func TestWordDocNumbering(t *testing.T) {
	lists := [][]wordListLevel{
		{{1, 0x25, "\x00、"}, {1, 0x25, "（\x01）"}, {1, 0, "\x02."}, {1, 0, "\x02.\x03"}, {1, 0, "\x04"}, {1, 0, "\x05"}, {1, 0, "\x06"}, {1, 0, "\x07"}, {1, 0, "\x08"}},
		{{1, 0x17, "\uF0B7"}}, // a simple list of bullets
		{{1, 0x1E, "\x00．"}, {1, 0xFF, ""}, {3, 0x12, "\x02"}, {1, 0, "\x03%"}, {1, 0, "\x04"}, {1, 0, "\x05"}, {1, 0, "\x06"}, {1, 0, "\x07"}, {1, 0, "\x08"}},
	}
	lfos := []struct {
		list   int
		starts map[int]int32
	}{{0, nil}, {1, nil}, {0, map[int]int32{2: 5}}, {2, nil}}
	paras := []wordListPara{
		{text: "总体要求", istd: 1}, // the heading style's list
		{text: "指导思想", ilfo: 1, ilvl: 1},
		{text: "第一点", ilfo: 1, ilvl: 2},
		{text: "", ilfo: 1, ilvl: 2}, // counts, shows nothing
		{text: "第三点", ilfo: 1, ilvl: 2},
		{text: "细目", ilfo: 1, ilvl: 3},
		{text: "重点任务", istd: 2}, // a style based on the heading's
		{text: "正文𠮷没有编号"},       // two characters of UTF-16 in one
		{text: "要点", ilfo: 2},
		{text: "从五开始", ilfo: 3, ilvl: 2},
		{text: "接着六", ilfo: 3, ilvl: 2},
		{text: "甲项", ilfo: 4},
		{text: "不写号", ilfo: 4, ilvl: 1},
		{text: "圈号", ilfo: 4, ilvl: 2},
		{text: "百分号", ilfo: 4, ilvl: 3},
		{text: "没有这个列表", ilfo: 9},
		{text: "标题样式不编号", istd: 1, ilfo: -1},
	}
	text, err := wordDocText(wordDocWithLists(paras, lists, lfos))
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体要求/（一）指导思想/1. 第一点/3. 第三点/3.1 细目/二、重点任务/正文𠮷没有编号/• 要点/5. 从五开始/6. 接着六/" +
		"甲．甲项/不写号/③圈号/1％百分号/没有这个列表/标题样式不编号"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func FuzzWordDocText(f *testing.F) {
	f.Add(wordDocOf([]wordPiece{{text: "正文\r表\x07格\x07\x07"}}, "后", 0))
	f.Add(wordDocOf([]wordPiece{{text: "Latin", compressed: true}, {text: "\x13域\x14果\x15"}}, "", 5000))
	f.Add(wordDocWithNotes("甲\x02乙\x02。\r", "fe", []string{"脚注"}, []string{"尾注\r二段"}))
	f.Add(wordDocWithLists([]wordListPara{{text: "甲", istd: 1}, {text: "乙", ilfo: 1, ilvl: 1}, {text: "丙", ilfo: 2, ilvl: 0}},
		[][]wordListLevel{{{1, 0x25, "\x00、"}, {2, 0, "\x00.\x01"}}, {{1, 0x17, "\uF0B7"}}}, []struct {
			list   int
			starts map[int]int32
		}{{0, map[int]int32{1: 4}}, {1, nil}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, err := wordDocText(b)
		if err == nil && strings.ContainsRune(text, 0) {
			t.Fatalf("NUL in %q", text)
		}
	})
}

// BenchmarkWordDocText reads the seeds as a Word 97 document.
func BenchmarkWordDocText(b *testing.B) {
	doc := wordDocOf([]wordPiece{{text: strings.ReplaceAll(seedBlob(b), "\n", "\r")}}, "", 0)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := wordDocText(doc); err != nil {
			b.Fatal(err)
		}
	}
}
