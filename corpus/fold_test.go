package corpus

import (
	"testing"
	"unicode/utf8"
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
