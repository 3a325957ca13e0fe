package layout

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"jianbao/seeds"
)

var (
	narrowP = NewPolicy(Narrow)
	wideP   = NewPolicy(Wide)
)

// forbiddenStart are the characters clreq keeps from starting a line, as the
// issue lists them with the ASCII forms the corpus uses.
const forbiddenStart = "，。、；：？！」』）》〉】〕”’·／—…,.;:?!)"

// forbiddenEnd are the characters that must not end a line.
const forbiddenEnd = "「『（《〈【〔“‘("

// checkLines verifies the invariants every layout keeps and returns the
// number of clreq violations it saw (which callers judge).
func checkLines(t testing.TB, p *Policy, text string, width int, lines []Line) (violations int) {
	t.Helper()
	src := []rune(text)
	var joined strings.Builder
	prevEnd := 0
	for i, l := range lines {
		if l.Start != prevEnd || l.End < l.Start || l.End > len(src) {
			t.Fatalf("width %d line %d: span [%d,%d) after %d (len %d)", width, i, l.Start, l.End, prevEnd, len(src))
		}
		prevEnd = l.End
		joined.WriteString(string(src[l.Start:l.End]))
		if got := p.StringWidth(l.Text); got != l.Width {
			t.Fatalf("width %d line %d: Width %d but Text %q measures %d", width, i, l.Width, l.Text, got)
		}
		if l.Width > width && uniseg.GraphemeClusterCount(strings.TrimRight(string(src[l.Start:l.End]), " \t\n")) > 1 {
			t.Fatalf("width %d line %d: %q is %d cells", width, i, l.Text, l.Width)
		}
		if !utf8.ValidString(l.Text) {
			t.Fatalf("line %d: invalid UTF-8 %q", i, l.Text)
		}
		if s, changed := ShownCluster(l.Text); changed {
			t.Fatalf("line %d: %q is drawn, not its shown form %q", i, l.Text, s)
		}
		for _, r := range l.Text {
			if r < 0x20 || r == 0x7F || r >= 0x80 && r <= 0x9F || isBidiControl(r) {
				t.Fatalf("line %d: control %U reaches the terminal: %q", i, r, l.Text)
			}
		}
		if i > 0 && l.Text != "" && lines[i-1].Text != "" && lines[i-1].End == l.Start && src[l.Start-1] != '\n' {
			// A continuation line (not the first line of a paragraph).
			if first, _ := utf8.DecodeRuneInString(l.Text); strings.ContainsRune(forbiddenStart, first) {
				violations++
			}
			if last, _ := utf8.DecodeLastRuneInString(lines[i-1].Text); strings.ContainsRune(forbiddenEnd, last) {
				violations++
			}
		}
	}
	if prevEnd != len(src) || joined.String() != string(src) {
		t.Fatalf("width %d: spans do not reproduce the input", width)
	}
	return violations
}

func seedText(t testing.TB) map[string]string {
	out := map[string]string{}
	entries, _ := fs.ReadDir(seeds.FS(), ".")
	for _, e := range entries {
		b, _ := fs.ReadFile(seeds.FS(), e.Name())
		out[e.Name()] = string(b)
	}
	return out
}

// isContinuation reports whether line i continues the paragraph of i-1.
func isContinuation(lines []Line, i int) bool {
	return i > 0 && lines[i].Text != "" && lines[i-1].Text != "" && lines[i-1].End == lines[i].Start
}

func TestWrapSeedsKeepInvariants(t *testing.T) {
	for name, text := range seedText(t) {
		for _, p := range []*Policy{narrowP, wideP} {
			for _, w := range []int{2, 3, 5, 8, 13, 20, 40, 61, 80, 100, 120} {
				lines := p.Wrap(text, w)
				v := checkLines(t, p, text, w, lines)
				if w >= 8 && v > 0 {
					t.Errorf("%s %v width %d: %d clreq violations", name, p.Ambiguity(), w, v)
				}
			}
		}
	}
}

func TestWrapParagraphs(t *testing.T) {
	lines := narrowP.Wrap("\n第一段。\n\n\n第二段。\n  \n第三段。\n", 80)
	var got []string
	for _, l := range lines {
		got = append(got, l.Text)
	}
	want := []string{"", "第一段。", "", "第二段。", "", "第三段。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if lines[len(lines)-1].End != 21 {
		t.Errorf("the trailing line feed is not covered: %+v", lines[len(lines)-1])
	}
	if l := narrowP.Wrap("", 10); len(l) != 1 || l[0] != (Line{}) {
		t.Errorf("empty text: %+v", l)
	}
}

// texts returns the lines of a layout.
func texts(ls []Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Text
	}
	return out
}

func TestWrapBreaks(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width int
		amb   Ambiguity
		want  []string
	}{
		{"han breaks anywhere", "中美两国经贸合作", 6, Narrow, []string{"中美两", "国经贸", "合作"}},
		{"no comma at line start: carry one down", "中美两国经，贸合作", 10, Narrow, []string{"中美两国", "经，贸合作"}},
		{"no full stop at line start", "一二三四五。六七", 10, Narrow, []string{"一二三四", "五。六七"}},
		{"ascii comma of the corpus", "一二三四五,六七", 10, Narrow, []string{"一二三四", "五,六七"}},
		{"doubled ascii comma", "一二三四五,,六七", 10, Narrow, []string{"一二三四", "五,,六七"}},
		{"no closing quote at line start", "一二三四五”六", 10, Narrow, []string{"一二三四", "五”六"}},
		{"break after closing quote before han (LB19a)", "一二三”四五六", 8, Narrow, []string{"一二三”", "四五六"}},
		{"break before opening quote after han (LB19a)", "一二三四“五六”", 9, Narrow, []string{"一二三四", "“五六”"}},
		{"opening quote does not end a line", "一二三“四五六", 8, Narrow, []string{"一二三", "“四五六"}},
		{"wide quotes count two", "一二三“四五六", 8, Wide, []string{"一二三", "“四五六"}},
		{"no opening bracket at line end", "一二三（四）", 8, Narrow, []string{"一二三", "（四）"}},
		{"no ascii open paren at line end", "一二三四(5)", 9, Narrow, []string{"一二三四", "(5)"}},
		{"closing book title mark carries a character down", "一二三《四五》六", 12, Narrow, []string{"一二三《四", "五》六"}},
		{"ellipsis pair is not at line start", "一二三四……五", 9, Narrow, []string{"一二三", "四……五"}},
		{"break after an ellipsis", "一二三四……五", 10, Narrow, []string{"一二三四……", "五"}},
		{"dash pair is not at line start", "一二三四——五", 9, Narrow, []string{"一二三", "四——五"}},
		{"dash pair is not split", "一二三四——五", 11, Wide, []string{"一二三", "四——五"}},
		{"middle dot", "唐纳德·特朗普", 6, Narrow, []string{"唐纳", "德·特", "朗普"}},
		{"number stays whole", "投资额达1.24亿美元", 10, Narrow, []string{"投资额达", "1.24亿美元"}},
		{"time stays whole", "日期2018年12月06日21:42来源", 21, Narrow, []string{"日期2018年12月06日", "21:42来源"}},
		{"year stays whole", "二〇二〇年2018年12月", 12, Narrow, []string{"二〇二〇年", "2018年12月"}},
		{"latin word stays whole", "平台Electronic World Trade", 13, Narrow, []string{"平台", "Electronic", "World Trade"}},
		{"spaces wrap like fmt", "We also support policies that encourage firms", 20, Narrow, []string{"We also support", "policies that", "encourage firms"}},
		{"url stays whole", "见https://example.com/a/b?c=1,谢谢", 29, Narrow, []string{"见", "https://example.com/a/b?c=1,", "谢谢"}},
		{"email stays whole", "联系editor.desk@people.com.cn即可", 26, Narrow, []string{"联系", "editor.desk@people.com.cn", "即可"}},
		{"address longer than the line breaks at clusters", "联系editor.desk@people.com.cn即可", 22, Narrow, []string{"联系", "editor.desk@people.co", "m.cn即可"}},
		{"word longer than line breaks at clusters", "abcdefghij", 4, Narrow, []string{"abcd", "efgh", "ij"}},
		{"emoji cluster never split, drawn as its members", "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 14, Narrow, []string{"👨👩👧👨👩👧", "👨👩👧"}},
		{"emoji cluster wider than the line stays whole", "一👨‍👩‍👧二", 4, Narrow, []string{"一", "👨👩👧", "二"}},
		{"emoji in forms every terminal measures alike", "赞👍🏽❤️1️⃣🏴󠁧󠁢󠁳󠁣󠁴󠁿", 30, Narrow, []string{"赞👍❤1🏴"}},
		{"a modifier after a space is not drawn", "a 🏽b", 30, Narrow, []string{"a b"}},
		{"nor one standing alone", "🏽b", 30, Narrow, []string{"b"}},
		{"NEL breaks", "一二", 20, Narrow, []string{"一", "二"}},
		{"flags", "🇨🇳🇺🇸🇧🇪", 4, Narrow, []string{"🇨🇳🇺🇸", "🇧🇪"}},
		{"combining marks stay", "e\u0301e\u0301e\u0301", 2, Narrow, []string{"e\u0301e\u0301", "e\u0301"}},
		{"wide cluster alone when too wide", "中文", 1, Narrow, []string{"中", "文"}},
		{"pinyin vowels are wide in wide mode", "huì huì", 4, Wide, []string{"huì", "huì"}},
		{"indent stays with text", "　　第一段落的正文", 8, Narrow, []string{"　　第一", "段落的正", "文"}},
		{"tab expands", "a\tb", 20, Narrow, []string{"a       b"}},
		{"escape is inert", "a\x1b[2Jb", 20, Narrow, []string{"a␛[2Jb"}},
		{"osc 52 is inert", "x\x1b]52;c;aGk=\x07y", 30, Narrow, []string{"x␛]52;c;aGk=␇y"}},
		{"c1 csi is inert", "x\u009b31my", 20, Narrow, []string{"x�31my"}},
		{"bidi override dropped", "abc\u202edef\u202c", 20, Narrow, []string{"abcdef"}},
		{"zero width takes no cell", "一\u200b二\u00ad三\ufeff四", 4, Narrow, []string{"一二", "三四"}},
		{"line separator breaks", "一\u2028二", 20, Narrow, []string{"一", "二"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPolicy(tt.amb)
			lines := p.Wrap(tt.text, tt.width)
			checkLines(t, p, tt.text, tt.width, lines)
			if got := texts(lines); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestWrapIsDeterministic(t *testing.T) {
	text := seedText(t)["000_40aff71749982f5e.txt"]
	a := wideP.Wrap(text, 37)
	for i := 0; i < 3; i++ {
		b := wideP.Wrap(text, 37)
		if len(a) != len(b) {
			t.Fatal("line counts differ")
		}
		for k := range a {
			if a[k] != b[k] {
				t.Fatalf("line %d differs", k)
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	for _, text := range seedText(f) {
		f.Add(text[:min(len(text), 400)], 13, true)
	}
	f.Add("a\x1b[31m\u009b\u202e\t\tb\r\n\u2028“中”", 5, false)
	f.Add("https://x.y/z 中文 a@b.c", 3, true)
	f.Add("\t\t\t(\tx", 4, false)
	f.Add("指标\t2023年\t2024年目标\nGDP增速\t5.2%\n\t\t丙\n\n甲\t乙", 12, true)            // a table aligned on its tabs
	f.Add("指标 | 2023年 | 增长\n地区生产总值 | 126058 |  | 5.2%\n甲 | \t乙\n | 丙", 9, false) // and on its bars
	f.Fuzz(func(t *testing.T, text string, width int, wide bool) {
		if width < 2 || width > 300 {
			return
		}
		p := narrowP
		if wide {
			p = wideP
		}
		lines := p.Wrap(text, width)
		if !utf8.ValidString(text) {
			for _, l := range lines {
				if !utf8.ValidString(l.Text) || strings.ContainsAny(l.Text, "\x1b\u009b") {
					t.Fatalf("unsafe line %q", l.Text)
				}
			}
			return
		}
		checkLines(t, p, text, width, lines)
	})
}

func TestTableRows(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // the lines at width 40, trailing spaces dropped
	}{
		// Rows parted by tabs line up as columns, two cells past the widest
		// cell (tab stops every eight cells put 数值 and 1260582 apart).
		{"tabs", "表1  主要指标\n指标\t数值\n生产总值\t1260582\n\n注：按现价计算。",
			[]string{"表1  主要指标", "指标      数值", "生产总值  1260582", "", "注：按现价计算。"}},
		{"three columns, a short row", "指标\t2023年\t2024年目标\nGDP增速\t5.2%\t5%左右\n城镇新增就业\t1244万人\n合计",
			[]string{"指标          2023年  2024年目标", "GDP增速       5.2%    5%左右", "城镇新增就业  1244万人", "", "合计"}}, // a row's last cell is as wide as it likes
		{"an empty cell", "甲\t\t丙\n甲甲甲\t乙\t丙",
			[]string{"甲          丙", "甲甲甲  乙  丙"}},
		{"a row without a tab parts two tables", "甲\t乙\n甲甲甲甲甲\t乙\n小计  三\n丙\t丁\n丙丙\t丁",
			[]string{"甲          乙", "甲甲甲甲甲  乙", "小计  三", "丙    丁", "丙丙  丁"}},
		{"bars, as a converter writes a row", "前言。\n地区 | 增长\n华东 | 5.2%\n后记。",
			[]string{"前言。", "", "地区 | 增长", "华东 | 5.2%", "", "后记。"}},
		{"bars line up", "指标 | 2023年 | 增长\n地区生产总值（亿元） | 126058 | 5.2%\n就业 | 1244万人 | —",
			[]string{"指标                 | 2023年   | 增长", "地区生产总值（亿元） | 126058   | 5.2%", "就业                 | 1244万人 | —"}},
		{"a bar alone in prose is left as it is", "首页 | 政策 | 新闻", []string{"首页 | 政策 | 新闻"}},
		{"an empty first cell", "名称 | 数值\n | 空\n很长的名称 | 三", []string{"名称       | 数值", "           | 空", "很长的名称 | 三"}},
		{"an empty last cell", "名称 | 数值\n很长的名称 |\n空 | 三", []string{"名称       | 数值", "很长的名称 |", "空         | 三"}},
		{"bars without spaces are no separators", "a|b | c\naaaa|b | c", []string{"a|b    | c", "aaaa|b | c"}},
		{"spaces", "指标名称   绝对数\n国内生产总值   1260582\n", []string{"指标名称   绝对数", "国内生产总值   1260582"}},
		{"ideographic spaces", "甲　乙\n丙　丁", []string{"甲　乙", "丙　丁"}},
		// Indented paragraphs are no rows; a blank line still parts rows.
		{"indents", "　　第一段。\n　　第二段。", []string{"第一段。", "", "第二段。"}},
		{"sentences with two spaces", "他说  好。\n她说  不。", []string{"他说  好。", "", "她说  不。"}},
		{"a blank line between", "甲\t乙\n\n丙\t丁", []string{"甲      乙", "", "丙      丁"}},
		{"one row alone", "段落。\n甲\t乙\n段落。", []string{"段落。", "", "甲      乙", "", "段落。"}},
	} {
		lines := narrowP.Wrap(c.text, 40)
		checkLines(t, narrowP, c.text, 40, lines)
		var got []string
		for _, l := range lines {
			got = append(got, strings.TrimLeft(l.Text, "　"))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	// Columns are measured under the policy: ambiguous quotes take two
	// cells each in wide mode.
	for _, c := range []struct {
		p    *Policy
		want []string
	}{
		{narrowP, []string{"“甲”  乙", "丙    丁"}},
		{wideP, []string{"“甲”  乙", "丙      丁"}},
	} {
		var got []string
		for _, l := range c.p.Wrap("“甲”\t乙\n丙\t丁", 40) {
			got = append(got, l.Text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%v: %q, want %q", c.p.Ambiguity(), got, c.want)
		}
	}
	// Past the end of a row, a cell maps to the row's end, not the next's.
	text := "甲\t乙\n丙\t丁"
	l := narrowP.Prepare(text)
	lines := l.Wrap(40)
	if got := l.OffsetAt(lines[0], 30); got != 3 {
		t.Errorf("past the first row: offset %d, want 3", got)
	}
}

func TestOffsetsAndCells(t *testing.T) {
	text := "中美“会”聚,eWTP(全球)\tx\u200b一\x1b[2J\n\n第二段👨‍👩‍👧é"
	for _, p := range []*Policy{narrowP, wideP} {
		l := p.Prepare(text)
		for _, w := range []int{3, 7, 80} {
			lines := l.Wrap(w)
			for _, ln := range lines {
				// Every character starts at a cell that maps back to it.
				prevCell := -1
				for off := ln.Start; off < ln.End; off++ {
					cell := l.CellAt(ln, off)
					if cell < prevCell || cell > ln.Width {
						t.Fatalf("%v w%d: offset %d at cell %d after %d", p.Ambiguity(), w, off, cell, prevCell)
					}
					prevCell = cell
					if u := l.units[l.unitAt(off)]; cell < ln.Width && (u.w > 0 || u.kind == kTab) {
						back := l.OffsetAt(ln, cell)
						if back > off || l.CellAt(ln, back) != cell {
							t.Fatalf("%v w%d: offset %d -> cell %d -> offset %d", p.Ambiguity(), w, off, cell, back)
						}
					}
				}
				if got := l.OffsetAt(ln, ln.Width+5); got != ln.End {
					t.Errorf("past the end maps to %d, want %d", got, ln.End)
				}
			}
			for i, ln := range lines {
				if ln.End > ln.Start && LineAt(lines, ln.Start) != i {
					t.Errorf("LineAt(%d) = %d, want %d", ln.Start, LineAt(lines, ln.Start), i)
				}
			}
		}
	}
	// The second cell of a wide character maps to that character.
	l := narrowP.Prepare("中文")
	ln := l.Wrap(10)[0]
	if l.OffsetAt(ln, 1) != 0 || l.OffsetAt(ln, 2) != 1 || l.CellAt(ln, 1) != 2 {
		t.Errorf("wide cells map wrongly")
	}
}

// TestKeepClusters: a layout that keeps clusters writes every character of
// the source, and breaks its lines where the drawn layout does.
func TestKeepClusters(t *testing.T) {
	text := "hello 👍🏽 世界，这是一\u00ad个很长的句子需要折行处理以便测试表情符号👨\u200d👩\u200d👧在折行中的宽度❤\ufe0f计算是否正确。"
	p := NewPolicy(Narrow)
	drawn := p.Wrap(text, 20)
	kept := p.Prepare(text).KeepClusters().Wrap(20)
	if len(drawn) != len(kept) {
		t.Fatalf("%d lines kept, %d drawn", len(kept), len(drawn))
	}
	var sb strings.Builder
	for i := range kept {
		if kept[i].Start != drawn[i].Start || kept[i].End != drawn[i].End || kept[i].Width != drawn[i].Width {
			t.Errorf("line %d: kept %+v, drawn %+v", i, kept[i], drawn[i])
		}
		sb.WriteString(kept[i].Text)
	}
	if strings.ReplaceAll(sb.String(), " ", "") != strings.ReplaceAll(text, " ", "") {
		t.Errorf("kept lines %q lose text of %q", sb.String(), text)
	}
}
