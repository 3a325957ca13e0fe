package layout

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestResolveAmbiguity(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Ambiguity
	}{
		{nil, Narrow},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Wide},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, Narrow},
		{map[string]string{"LC_CTYPE": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, Wide},
		{map[string]string{"LANG": "ko_KR.UTF-8"}, Wide},
		{map[string]string{"LANG": "en_US.UTF-8"}, Narrow},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "1", "LANG": "C"}, Wide},
		{map[string]string{"RUNEWIDTH_EASTASIAN": "0", "LANG": "zh_TW.UTF-8"}, Narrow},
	}
	for _, tt := range tests {
		got := ResolveAmbiguity(Auto, func(k string) string { return tt.env[k] })
		if got != tt.want {
			t.Errorf("%v: got %v, want %v", tt.env, got, tt.want)
		}
	}
	if ResolveAmbiguity(Wide, func(string) string { return "" }) != Wide {
		t.Error("an explicit setting must win")
	}
}

func TestWidths(t *testing.T) {
	narrow, wide := NewPolicy(Narrow), NewPolicy(Wide)
	tests := []struct {
		s            string
		narrow, wide int
	}{
		{"abc", 3, 3},
		{"中文", 4, 4},
		{"“会”", 4, 6},
		{"……", 2, 4},
		{"huì", 3, 4},
		{"👨‍👩‍👧", 6, 6}, // drawn as its members (see ShownCluster)
		{"👍🏽", 2, 2},
		{"a 🏽", 2, 2},
		{"🏽", 0, 0},
		{"❤️", 1, 1},
		{"▶️", 1, 2},
		{"1️⃣", 1, 1},
		{"\u00ad\u2060\ufeff\u180e", 0, 0},
		{"🇨🇳", 2, 2},
		{"e\u0301", 1, 1}, // e + combining acute: e is not ambiguous
		{"\u00e9", 1, 2},  // precomposed é is
		{"１２", 4, 4},
		{"\u200b", 0, 0},
	}
	for _, tt := range tests {
		if got := narrow.StringWidth(tt.s); got != tt.narrow {
			t.Errorf("narrow %q = %d, want %d", tt.s, got, tt.narrow)
		}
		if got := wide.StringWidth(tt.s); got != tt.wide {
			t.Errorf("wide %q = %d, want %d", tt.s, got, tt.wide)
		}
	}
}

func TestFitIsExact(t *testing.T) {
	inputs := []string{"", "abc", "中美首腦會晤后兩國經貿合作正在加速進行", "“中小企業論壇”……", "a中b文c", "👨‍👩‍👧👨‍👩‍👧", "é́é́é́"}
	for _, p := range []*Policy{NewPolicy(Narrow), NewPolicy(Wide)} {
		for _, s := range inputs {
			for w := 0; w < 30; w++ {
				got := p.Fit(s, w)
				if n := p.StringWidth(got); n != w {
					t.Fatalf("%v Fit(%q, %d) = %q, %d cells", p.Ambiguity(), s, w, got, n)
				}
			}
		}
	}
}

func TestTruncateKeepsClusters(t *testing.T) {
	p := NewPolicy(Narrow)
	got := p.Truncate("👨‍👩‍👧x", 6, "")
	if got != "👨‍👩‍👧" {
		t.Errorf("got %q", got)
	}
	if got := p.Truncate("中文字", 5, "…"); got != "中文…" {
		t.Errorf("got %q", got)
	}
}

func TestTruncateLeft(t *testing.T) {
	n, w := NewPolicy(Narrow), NewPolicy(Wide)
	for _, tt := range []struct {
		p     *Policy
		s     string
		w     int
		want  string
		cells int
	}{
		{n, "中文字", 6, "中文字", 6},
		{n, "中文字", 5, "…文字", 5},
		{n, "中文字", 4, "…字", 3},
		{n, "ab中文字", 7, "…中文字", 7},
		{w, "ab中文字", 8, "ab中文字", 8},
		{w, "ab中文字", 7, "…文字", 6}, // … is two cells here
		{n, "x👨‍👩‍👧", 7, "x👨‍👩‍👧", 7},
		{n, "xy👨‍👩‍👧", 7, "…👨‍👩‍👧", 7},
		{n, "x👨‍👩‍👧", 5, "…", 1}, // the family is never split
		{n, "abc", 0, "", 0},
		{n, "", 3, "", 0},
	} {
		got := tt.p.TruncateLeft(tt.s, tt.w, "…")
		if got != tt.want || tt.p.StringWidth(got) != tt.cells || tt.p.StringWidth(got) > tt.w {
			t.Errorf("TruncateLeft(%q, %d) = %q (%d cells), want %q (%d)", tt.s, tt.w, got, tt.p.StringWidth(got), tt.want, tt.cells)
		}
	}
}

func TestFitAround(t *testing.T) {
	n := NewPolicy(Narrow)
	for _, tt := range []struct {
		before, match, after string
		w                    int
		want                 string // before|match|after
	}{
		{"前文", "贸易", "后文", 12, "前文|贸易|后文"},
		{"很长的前文", "贸易", "很长的后文", 12, "…文|贸易|很长…"}, // after takes the cell before left
		{"很长的前文", "贸易", "", 12, "…的前文|贸易|"},       // no after: before takes the room
		{"", "贸易", "很长的后文", 12, "|贸易|很长的…"},       // and the other way
		{"前", "贸易", "很长的后文很长的后文", 12, "前|贸易|很长…"}, // before needs little
		{"前文", "很长很长的匹配", "后文", 10, "|很长很长…|"},
		{"前文", "贸易", "后文", 4, "|贸易|"},
		{"前文", "贸易", "后文", 0, "||"},
	} {
		b, m, a := n.FitAround(tt.before, tt.match, tt.after, tt.w)
		if got := b + "|" + m + "|" + a; got != tt.want || n.StringWidth(b+m+a) > tt.w {
			t.Errorf("FitAround(%q, %q, %q, %d) = %q (%d cells), want %q", tt.before, tt.match, tt.after, tt.w, got, n.StringWidth(b+m+a), tt.want)
		}
	}
}

func TestInert(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 中文", "plain 中文"},
		{"a\x1b[2Jb", "a␛[2Jb"},
		{"\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"},
		{"x\u009b31my", "x�31my"},
		{"tab\there\nnl", "tab here nl"},
		{"del\x7f", "del␡"},
		{"abc\u202Efed", "abc⟪U+202E⟫fed"},
		{"bad\xffutf8", "bad�utf8"},
		{"一\u2028二\u0085三\u2029", "一 二 三 "},
		{"赞👍🏽❤️家👨‍👩‍👧软\u00ad连", "赞👍❤家👨👩👧软连"},
		{"a 🏽 🏽", "a  "},
		{"🏽中", "中"},
	}
	for _, tt := range tests {
		if got := Inert(tt.in); got != tt.want {
			t.Errorf("Inert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShownFormsAgree checks that what Inert leaves of emoji sequences is
// as wide measured rune by rune (as wcwidth terminals do) as measured by
// grapheme clusters (as kitty or WezTerm do), and that nothing it drops
// took a cell.
func TestShownFormsAgree(t *testing.T) {
	samples := []string{
		"👨‍👩‍👧‍👦", "👩🏽‍💻", "👍🏽👍🏿", "❤️☺️⚠️▶️✔️", "1️⃣#️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
		"🇨🇳🇺🇸", "中​文­字⁠\ufeff", "\ufe0e☺︎", "a 🏽", "🏽",
	}
	for _, p := range []*Policy{NewPolicy(Narrow), NewPolicy(Wide)} {
		for _, s := range samples {
			in := Inert(s)
			sum := 0
			for _, r := range in {
				sum += p.RuneWidth(r)
			}
			if got := p.StringWidth(in); got != sum {
				t.Errorf("%v %q → %q: %d cells by clusters, %d rune by rune", p.Ambiguity(), s, in, got, sum)
			}
			if got := p.StringWidth(s); got != p.StringWidth(in) {
				t.Errorf("%v %q measures %d, its shown form %q %d", p.Ambiguity(), s, got, in, p.StringWidth(in))
			}
		}
	}
	for r := rune(0); r <= 0xE01EF; r++ {
		if shownDropped(r) && (NewPolicy(Narrow).RuneWidth(r) != 0 || NewPolicy(Wide).RuneWidth(r) != 0) {
			t.Errorf("%U is not drawn but takes a cell", r)
		}
	}
}

func FuzzInert(f *testing.F) {
	f.Add("a\x1b[31mb\u009b\u202e")
	f.Add("👨‍👩‍👧👍🏽❤️\u00ad\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		got := Inert(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) || shownDropped(r) || r == 0x2028 || r == 0x2029 {
				t.Fatalf("control %U left in %q", r, got)
			}
		}
	})
}

func TestTable(t *testing.T) {
	p := NewPolicy(Narrow)
	cols := []Column{{Header: "ID"}, {Header: "CHARS", Right: true}, {Header: "TITLE"}}
	rows := [][]string{{"000", "12", "中美首腦會晤后兩國經貿合作正在加速進行"}, {"0001", "3456", "short"}}
	got := p.Table(cols, rows, 30)
	want := []string{
		"ID    CHARS  TITLE",
		"000      12  中美首腦會晤后兩…",
		"0001   3456  short",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []int{1, 5, 13, 14, 40} {
		for _, line := range p.Table(cols, rows, w) {
			if p.StringWidth(line) > w {
				t.Errorf("width %d: %q is %d cells", w, line, p.StringWidth(line))
			}
		}
	}
}

// TestTableDropsColumns: on a narrow screen droppable columns go, highest
// Drop first, until the last column has minLast cells; the rest stay put.
func TestTableDropsColumns(t *testing.T) {
	p := NewPolicy(Narrow)
	cols := []Column{{Header: "ID"}, {Header: "DATE", Drop: 1}, {Header: "N", Right: true, Drop: 2}, {Header: "TITLE"}}
	rows := [][]string{{"a1", "2024-01-02", "7", "中美首腦會晤后兩國經貿合作正在加速進行"}}
	for _, tt := range []struct {
		width int
		want  string
	}{
		{60, "a1  2024-01-02  7  中美首腦會晤后兩國經貿合作正在加速進行"},
		{35, "a1  2024-01-02  7  中美首腦會晤后…"}, // 16 cells left: nothing goes
		{34, "a1  2024-01-02  中美首腦會晤后兩…"},
		{32, "a1  2024-01-02  中美首腦會晤后…"},
		{31, "a1  中美首腦會晤后兩國經貿合作…"}, // DATE would leave 15
		{20, "a1  中美首腦會晤后…"},
		{8, "a1  中…"}, // nothing left to drop
	} {
		got := p.Table(cols, rows, tt.width)
		if len(got) != 2 || got[1] != tt.want {
			t.Errorf("width %d: %q, want %q", tt.width, got, tt.want)
		}
	}
	if rows[0][1] != "2024-01-02" || len(cols) != 4 {
		t.Error("Table changed its arguments")
	}
}

// TestFastPathAgreesWithClusters checks StringWidth's per-rune fast path
// against measuring cluster by cluster, on text that mixes everything.
func TestFastPathAgreesWithClusters(t *testing.T) {
	inputs := []string{
		"中美首腦會(huì)晤后,,兩國經(jīng)貿(mào)合作",
		"e\u0301 a\u0308 ā\u0301 한국어 \u1100\u1161\u11a8",
		"👍🏽 ☺\ufe0f 1\ufe0f\u20e3 🇨🇳🇺🇸 👨\u200d👩\u200d👧",
		"a\r\nb \u0600\u0661 ก\u0e33",
	}
	for _, p := range []*Policy{NewPolicy(Narrow), NewPolicy(Wide)} {
		for _, s := range inputs {
			if got, want := p.StringWidth(s), p.clusterWidths(s); got != want {
				t.Errorf("%v %q: fast %d, clusters %d", p.Ambiguity(), s, got, want)
			}
		}
	}
}

func TestWideCountsEveryAmbiguousRune(t *testing.T) {
	p := NewPolicy(Wide)
	for _, r := range "àáèéìíòóùúüāēěīōūǎǐǒǔǖǘǚǜ·“”‘’—…" {
		if p.RuneWidth(r) != 2 {
			t.Errorf("%c (%U) is %d cells wide in wide mode", r, r, p.RuneWidth(r))
		}
	}
}

func TestInertText(t *testing.T) {
	if got := InertText("一\n\t二\x1b[H\r"); got != "一\n\t二␛[H " {
		t.Errorf("got %q", got)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 documents", 1: "1 document", 2: "2 documents", 100000: "100000 documents"} {
		if got := Count(n, "document", "documents"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
