package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"貿易", "贸易"},
		{"经贸", "经贸"},
		{"中小企業", "中小企业"},
		{"馬雲", "马云"},
		{"會(huì)晤後", "会(hui)晤后"},
		{"ＡＢＣ１２３", "abc123"},
		{"eWTP", "ewtp"},
		{"裡", "里"},
		{"　", " "},
		{"完成。", "完成."},
		// Hong Kong and other glyph variants fold with the character they vary.
		{"這裏", "这里"},
		{"爲人民", "为人民"},
		{"綫路", "线路"},
		{"説明", "说明"},
		{"戸口", "户口"},
		{"衞生署", "卫生署"},
		{"啓德", "启德"},
		{"峯會", "峰会"},
		{"眞理", "真理"},
		{"擡頭", "抬头"},
		{"羣衆", "群众"},
		// Where Unihan has no pair, or a rare form, OpenCC's answer.
		{"乾淨", "干净"},
		{"諮詢", "咨询"},
		{"谘询", "咨询"},
		{"稱讚", "称赞"},
		{"委託", "委托"},
		{"借鑑", "借鉴"},
		{"佈局", "布局"},
		{"週年", "周年"},
		{"生産", "生产"},
		{"抬头", "抬头"}, // not 擡, which tw2s gives
	}
	for _, tt := range tests {
		if got := FoldString(tt.in); got != tt.want {
			t.Errorf("FoldString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldIsOneToOneAndIdempotent(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f := Fold(r)
		if Fold(f) != f {
			t.Fatalf("Fold(Fold(%U)) = %U, Fold = %U", r, Fold(f), f)
		}
		if utf8.RuneLen(f) < 0 {
			t.Fatalf("Fold(%U) is not a rune", r)
		}
	}
}

func TestDisplayConversion(t *testing.T) {
	if got := ToSimplified("中美首腦會晤後，兩國經貿合作ABC"); got != "中美首脑会晤后，两国经贸合作ABC" {
		t.Errorf("ToSimplified = %q", got)
	}
	if got := ToTraditional("中美首脑会晤后，两国经贸合作abc"); got != "中美首腦會晤後，兩國經貿合作abc" {
		t.Errorf("ToTraditional = %q", got)
	}
	for _, s := range []string{"中美首腦會晤後", "经贸合作"} {
		if utf8.RuneCountInString(ToSimplified(s)) != utf8.RuneCountInString(s) || utf8.RuneCountInString(ToTraditional(s)) != utf8.RuneCountInString(s) {
			t.Errorf("%q: conversion changes the length", s)
		}
	}
}

// TestGlyphVariantScript: a variant of a Traditional-only character is
// Traditional too (爲 as 為); one of a character both scripts write is
// neither (裏 as 裡).
func TestGlyphVariantScript(t *testing.T) {
	if got := DetectScript("爲人民"); got != ScriptTraditional {
		t.Errorf("爲…: %v, want Traditional", got)
	}
	if got := DetectScript("经济发展在这裏那裏"); got != ScriptSimplified {
		t.Errorf("这裏: %v, want Simplified", got)
	}
}

func TestComposeMarks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nu\u0308\u030c", "nǚ"},
		{"И\u0306ошкар", "Йошкар"},
		{"zho\u0304ng", "zhōng"},
		{"中\u0301文", "中\u0301文"}, // nothing to compose with: kept
		{"\u0301a", "\u0301a"},   // a mark with no letter before it
		{"ü", "ü"},
		{"Αθήνα ͵α", "Αθήνα ͵α"}, // Greek signs that start with 0xCD are no marks
		{"", ""},
		{"经贸", "经贸"},
	} {
		if got := ComposeMarks(tc.in); got != tc.want {
			t.Errorf("ComposeMarks(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// In a document and in a query: a decomposed ü is ü, not u; й is not и.
	docs := []*Document{
		NewDocument("zu", "a", "瑞士Zu\u0308rich与И\u0306ошкар-Ола。"),
		NewDocument("plain", "b", "另一个Zurich与Иван。"),
	}
	checkSearches(t, docs, false, []searchCase{
		{"zürich", "zu", "Zürich"},
		{"zu\u0308rich", "zu", "Zürich"},
		{"zurich", "plain", "Zurich"},
		{"йошкар", "zu", "Йошкар"},
		{"и\u0306ошкар", "zu", "Йошкар"},
		{"иошкар", "", ""},
	})
}

func FuzzComposeMarks(f *testing.F) {
	for _, s := range []string{"nu\u0308\u030c", "И\u0306", "中\u0301", "\u0301", "a\u0301\u0301\u0308b\u0323\u0307"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := ComposeMarks(s)
		if norm.NFC.String(got) != norm.NFC.String(s) {
			t.Fatalf("ComposeMarks(%q) = %q: not canonically the same", s, got)
		}
		if again := ComposeMarks(got); again != got {
			t.Fatalf("ComposeMarks(%q) = %q, then %q", s, got, again)
		}
	})
}

// BenchmarkComposeMarks measures what every loaded document pays (the
// seeds hold no mark: two byte scans), and a text of decomposed pinyin.
func BenchmarkComposeMarks(b *testing.B) {
	seeds := strings.Repeat(seedTexts(b)["000_40aff71749982f5e.txt"], 20)
	decomposed := strings.Repeat("女子(nu\u0308\u030c zi\u030c)与中华(zho\u0304ng hua\u0301)。", 2000)
	for _, bc := range []struct{ name, text string }{{"seeds", seeds}, {"decomposed", decomposed}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				ComposeMarks(bc.text)
			}
		})
	}
}
