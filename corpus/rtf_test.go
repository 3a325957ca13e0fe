package corpus

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"
)

// hexBytes writes s in enc as \'hh escapes.
func hexBytes(t testing.TB, s string, big5 bool) string {
	t.Helper()
	b := gbk(t, s)
	if big5 {
		var err error
		if b, err = traditionalchinese.Big5.NewEncoder().String(s); err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		fmt.Fprintf(&out, `\'%02x`, b[i])
	}
	return out.String()
}

func TestRTFText(t *testing.T) {
	word := `{\rtf1\ansi\ansicpg936\deff0\uc1{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fnil\fcharset134 ` + hexBytes(t, "宋体", false) + `;}{\f2\fnil\fcharset136 PMingLiU;}}` +
		`{\colortbl;\red0\green0\blue0;}{\stylesheet{\s1 heading 1;}}{\*\generator Msftedit 5.41;}` +
		`{\info{\title ` + hexBytes(t, "关于印发方案的通知", false) + `}{\author \uc2\u24352\'d5\'c5\u19977\'c8\'fd}{\creatim\yr2024\mo3\dy5}}` +
		`{\header\pard ` + hexBytes(t, "页眉", false) + `\par}{\footer\pard Page {\field{\*\fldinst PAGE}{\fldrslt 1}}\par}` +
		`\pard\f1 ` + hexBytes(t, "国务院关于印发方案的通知", false) + `\par` + "\r\n" +
		`\pard\f0 Latin text, \'e9t\'e9\~and \{braces\}.\par` +
		`\pard\f1\uc2 \u21508\'b8\'f7\u30465\'ca\'a1\'a3\'ba\tab ` + hexBytes(t, "现将方案印发", false) + `\line ` + hexBytes(t, "请认真执行。", false) + `\par` +
		`\trowd\pard\intbl\f1 ` + hexBytes(t, "任务", false) + `\cell ` + hexBytes(t, "牵头单位", false) + `\cell\row` +
		`\trowd\pard\intbl ` + hexBytes(t, "设备更新", false) + `\par ` + hexBytes(t, "（续）", false) + `\cell ` + hexBytes(t, "发展改革委", false) + `\cell\row` +
		`\pard\f2 ` + hexBytes(t, "臺灣經濟", true) + `\par` +
		`\pard\f1 {\field{\*\fldinst HYPERLINK "x"}{\*\fldrslt ` + hexBytes(t, "链接", false) + `}}{\*\bkmkstart a}{\pict\wmetafile8 0102ab}{\footnote ` + hexBytes(t, "脚注", false) + `}\emdash\par` +
		`\pard {\*\unknowndest ` + hexBytes(t, "看不见", false) + `}\bin3 ab}x` + hexBytes(t, "结束", false) + `\par}`
	text, fm, err := rtfText([]byte(word))
	if err != nil {
		t.Fatal(err)
	}
	want := "国务院关于印发方案的通知//Latin text, été\u00a0and {braces}.//各省：\t现将方案印发/请认真执行。//任务 | 牵头单位//设备更新 （续） | 发展改革委//臺灣經濟//链接[1]—//x结束//[1] 脚注"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	if fm.Title != "关于印发方案的通知" || fm.Author != "张三" {
		t.Errorf("front %+v", fm)
	}

	// Raw 8-bit bytes, groups nested past the bound, and the document's
	// end before the bytes do.
	deep := `{\rtf1\ansicpg936 ` + gbk(t, "正文") + strings.Repeat("{", 1000) + "深处" + strings.Repeat("}", 1000) + `\par}` + "trailing"
	if text, _, err := rtfText([]byte(deep)); err != nil || !strings.HasPrefix(text, "正文") || strings.Contains(text, "trailing") {
		t.Errorf("deep: %q %v", text, err)
	}
	if _, _, err := rtfText([]byte("<html>not rtf</html>")); !errors.Is(err, ErrNotRTF) {
		t.Errorf("not RTF: %v", err)
	}
}

// Notes as Word and LibreOffice write them ({\*\footnote} after the
// \chftn mark, \ftnalt for an endnote) and as pandoc does, and a note
// with a mark of the author's own, read as a .docx's.
func TestRTFNotes(t *testing.T) {
	doc := `{\rtf1\ansi\uc1 \pard \u31532?\u19968?\u21477?{\super\chftn}{\*\footnote\chftn\pard\plain \u-32486?\u27880?\u30002?\par \u31532?\u20108?\u27573?}` +
		`\u31532?\u20108?\u21477?{{\super \dbch \chftn{\*\footnote\ftnalt \chftn\pard\plain \u23614?\u27880?\u20057?}}}` +
		`\u31532?\u19977?\u21477?*{\footnote \u-32278?\u23450?\u20041?\u26631?\u-29776?\u30340?\u27880?}\par` +
		`\trowd\pard\intbl \u-30616?\u20013?{\super\chftn}{\*\footnote\chftn \u-30616?\u27880?}\cell \u20057?\cell\row}`
	text, _, err := rtfText([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "第一句[1]第二句[2]第三句*[3]//表中[4] | 乙//[1] 脚注甲//第二段//[2] 尾注乙//[3] 自定义标记的注//[4] 表注"
	if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// .doc and .rtf files are read as what they hold: a Word binary, RTF (as
// WordPad and AbiWord save .doc), HTML or a web archive (as Word saves a
// "web page" .doc); anything else is refused saying what it is not.
func TestLoadDocByContent(t *testing.T) {
	_, byID, _, warns := loadFolder(t, map[string][]byte{
		"binary.doc":   wordDocOf([]wordPiece{{text: "国务院办公厅关于推动外贸稳规模优结构的意见\r国办发〔2023〕10号\r外贸是国民经济的重要组成部分。\r国务院办公厅\r2023年4月11日\r"}}, "", 5000),
		"wordpad.doc":  []byte(`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\f0 ` + hexBytes(t, "商务部新闻稿", false) + `\par ` + hexBytes(t, "商务部今天发布了指南。", false) + `\par}`),
		"web.doc":      []byte(`<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><title>外交部声明</title></head><body><p>外交部发表声明。</p></body></html>`),
		"notes.rtf":    []byte(`{\rtf1\ansi{\info{\title Memo}}\uc1\u20013?\u25991?\par}`),
		"fake.doc":     []byte("just some text, not a document"),
		"renamed.docx": wordDocOf([]wordPiece{{text: "改了扩展名的旧版文档\r正文。\r"}}, "", 0),
	})
	for id, want := range map[string]struct{ format, title string }{
		"binary": {"doc", "国务院办公厅关于推动外贸稳规模优结构的意见"}, "wordpad": {"rtf", "商务部新闻稿"},
		"web": {"html", "外交部声明"}, "notes": {"rtf", "Memo"}, "renamed": {"doc", "改了扩展名的旧版文档"},
	} {
		if d := byID[id]; d == nil || d.Format() != want.format || d.Title != want.title {
			t.Errorf("%s: %+v, want %v", id, d, want)
		}
	}
	if d := byID["binary"]; d == nil || d.Date != "2023-04-11" {
		t.Errorf("binary.doc: %+v", d)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "fake.doc") || !strings.Contains(warns[0].Error(), "not a Word 97–2003 binary") {
		t.Errorf("warnings %v", warns)
	}
}

func FuzzRTFText(f *testing.F) {
	f.Add([]byte(`{\rtf1\ansicpg936{\fonttbl{\f0\fcharset134 x;}}\f0\'d6\'d0\par\trowd\intbl a\cell b\cell\row{\*\x y}\u-3?\bin2 ab}`))
	f.Add([]byte(`{\rtf1{\info{\title t}{\author a}}\uc9\u20013\'aa\'bb\'cc{\field{\*\fldinst x}{\*\fldrslt y}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, fm, err := rtfText(b)
		if err != nil {
			return
		}
		for _, s := range []string{text, fm.Title, fm.Author} {
			if strings.ContainsRune(s, 0) {
				t.Fatalf("NUL in %q", s)
			}
		}
	})
}

// BenchmarkRTFText reads the seeds as Word writes RTF: each Chinese
// character as \uN with its GBK bytes as \'hh fallback.
func BenchmarkRTFText(b *testing.B) {
	var doc strings.Builder
	doc.WriteString(`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\uc2\f0 `)
	for _, r := range seedBlob(b) {
		switch {
		case r == '\n':
			doc.WriteString("\\par\n")
		case r < 0x80:
			doc.WriteRune(r)
		default:
			fmt.Fprintf(&doc, `\u%d\'3f\'3f`, r)
		}
	}
	doc.WriteString("}")
	s := []byte(doc.String())
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		rtfText(s)
	}
}
