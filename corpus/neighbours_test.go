package corpus

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Korean and Japanese samples of the kind a folder of briefings picks up:
// news and a ministry's release.
var (
	koreanSamples = []string{
		"한국 정부는 오늘 중국과의 경제 협력을 강화하기 위한 새로운 계획을 발표했다. 산업통상자원부는 양국 간 무역 규모가 지난해 크게 증가했다고 밝혔다.\n정부 관계자는 공급망 안정과 투자 확대를 위해 긴밀히 협의할 것이라고 말했다.\n",
		"외교부 대변인은 정례 브리핑에서 한중 외교장관 회담이 다음 주 서울에서 열린다고 밝혔다. 이번 회담에서는 북한 문제와 지역 정세에 대한 의견을 교환할 예정이다.\n",
	}
	japaneseSamples = []string{
		"日本政府は本日、中国との経済協力を強化するための新たな計画を発表した。経済産業省によると、両国間の貿易額は昨年大きく増加したという。\n政府関係者は、サプライチェーンの安定と投資の拡大に向けて緊密に協議すると述べた。\n",
		"外務省の報道官は定例記者会見で、日中外相会談が来週東京で開かれると明らかにした。会談では地域情勢について意見を交わす予定だ。\n",
	}
)

// Japanese and Korean files in their legacy encodings read as themselves,
// not as Chinese: EUC-KR was read as GB18030 (茄惫 沥何绰 for 한국 정부는),
// EUC-JP, Shift_JIS and ISO-2022-JP were refused or shown as escapes.
func TestDecodeNeighbours(t *testing.T) {
	for _, c := range []struct {
		enc     Encoding
		e       encoding.Encoding
		samples []string
	}{
		{EUCKR, korean.EUCKR, koreanSamples},
		{EUCJP, japanese.EUCJP, japaneseSamples},
		{ShiftJIS, japanese.ShiftJIS, japaneseSamples},
		{ISO2022JP, japanese.ISO2022JP, japaneseSamples},
	} {
		for _, s := range c.samples {
			b, err := c.e.NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			if err != nil || got.Encoding != c.enc || got.Text != s {
				t.Errorf("%s: read as %s (%v), %.60q", c.enc, got.Encoding, err, got.Text)
			}
			// How the Chinese readings score (the margin chineseSure keeps);
			// ISO-2022-JP is ASCII, told apart before any is tried.
			for _, ch := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
				if dec, err := roundTrip(b, ch); err == nil && c.enc != ISO2022JP {
					if share, _ := commonShare(dec); share >= chineseSure {
						t.Errorf("%s read as %v scores %.2f as Chinese", c.enc, ch, share)
					}
				}
			}
		}
	}
}

// No Chinese text reads as Korean or Japanese: every seed clause, and every
// seed whole, in GBK and Big5, scored as each neighbour would be; the
// largest shares are logged against the thresholds.
func TestChineseIsNotANeighbour(t *testing.T) {
	texts := clauses(t)
	for _, s := range seedTexts(t) {
		texts = append(texts, s)
	}
	for _, w := range []encoding.Encoding{simplifiedchinese.GBK, traditionalchinese.Big5} {
		worst := map[Encoding]float64{}
		for _, s := range texts {
			b, err := w.NewEncoder().Bytes([]byte(s))
			if err != nil {
				continue
			}
			for _, n := range neighbours {
				dec, err := roundTrip(b, n.e)
				if err != nil {
					continue
				}
				share, count := n.share(dec)
				if count >= minScored {
					worst[n.enc] = max(worst[n.enc], share)
				}
				if count >= minScored && share >= n.min {
					t.Errorf("%v text reads as %s (%.2f): %.40q", w, n.lang, share, s)
				}
			}
			if got, err := Decode(b); err == nil && strings.Contains("EUC-KR EUC-JP Shift_JIS", string(got.Encoding)) {
				t.Errorf("%v text decoded as %s: %.40q", w, got.Encoding, s)
			}
		}
		t.Logf("%v: largest shares %v (thresholds: hangul %.2f, hiragana %.2f)", w, worst, minHangul, minKana)
	}
}

// Japanese is of neither Chinese script (its kanji fall on both sides: 会
// and 議): it was labelled mixed. A Chinese text with a little kana (台灣の
// 味 in an ad) keeps its script; Korean has no Han to count.
func TestScriptOfJapanese(t *testing.T) {
	for text, want := range map[string]Script{
		japaneseSamples[0]: ScriptNone,
		japaneseSamples[1]: ScriptNone,
		koreanSamples[0]:   ScriptNone,
		"台灣の味，經濟部今日公布外銷訂單統計，較上年同期增加，顯示產業動能持續。": ScriptTraditional,
		"国务院关于印发方案的通知，各省、自治区、直辖市人民政府认真贯彻执行。":   ScriptSimplified,
	} {
		if got := DetectScript(text); got != want {
			t.Errorf("%.30q: %s, want %s", text, got, want)
		}
	}
}
