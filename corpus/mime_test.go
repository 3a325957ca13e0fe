package corpus

import (
	"encoding/base64"
	"errors"
	"mime"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gbk(t testing.TB, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wrap76 is base64 of s in lines of 76, as mailers write it.
func wrap76(s string) string {
	b := base64.StdEncoding.EncodeToString([]byte(s))
	var out strings.Builder
	for len(b) > 76 {
		out.WriteString(b[:76] + "\r\n")
		b = b[76:]
	}
	return out.String() + b + "\r\n"
}

func TestMIMEText(t *testing.T) {
	plain := "各位同事：\r\n\r\n　　商务部今天发布了最新的对外投资合作国别指南，涵盖一百七十多个国家和地区。\r\n\r\n国务院新闻办公室\r\n"
	eml := "From: " + mime.BEncoding.Encode("gb2312", gbk(t, "国务院新闻办公室")) + " <xwb@example.gov.cn>\r\n" +
		"Subject: =?gb2312?B?" + base64.StdEncoding.EncodeToString([]byte(gbk(t, "转发：商务部发布对外投资合作国别指南"))) + "?=\r\n" +
		"Date: Thu, 2 Nov 2023 09:30:00 +0800\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
		"--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" +
		"--alt\r\nContent-Type: text/plain; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + wrap76(gbk(t, plain)) +
		"--alt\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E5=90=84=E4=BD=8D</p>\r\n" +
		"--alt--\r\n" +
		"--outer\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n" +
		"--outer--\r\n"
	text, fm, dec, err := mimeText([]byte(eml), "eml")
	if err != nil {
		t.Fatal(err)
	}
	if text != NormalizeNewlines(plain) || dec.Encoding != GB18030 {
		t.Errorf("eml text %q (%s)", text, dec.Encoding)
	}
	if fm != (frontMatter{Title: "商务部发布对外投资合作国别指南", Date: "2023-11-02", Source: "国务院新闻办公室"}) {
		t.Errorf("eml front %+v", fm)
	}

	// A web archive: the HTML part, read as HTML; its images left.
	big5, _ := traditionalchinese.Big5.NewEncoder().String(`<html><head><title>經濟部公布對外投資統計</title></head><body><div class="nav">首頁</div><p>經濟部今天公布對外投資統計。</p></body></html>`)
	mht := "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.gov.tw/news/1\r\nSubject: =?utf-8?Q?=E7=B6=93=E6=BF=9F=E9=83=A8=E5=85=AC=E5=B8=83_-_=E7=B6=93=E6=BF=9F=E9=83=A8?=\r\n" +
		"Date: Fri, 3 Nov 2023 10:00:00 -0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary--x\"\r\n\r\n" +
		"------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.gov.tw/news/1\r\n\r\n" +
		qp(big5) + "\r\n------MultipartBoundary--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--x--\r\n"
	text, fm, dec, err = mimeText([]byte(mht), "mht")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(text) != "經濟部今天公布對外投資統計。" || dec.Encoding != Big5 || fm.Title != "經濟部公布對外投資統計" || fm.Date != "2023-11-03" || fm.Source != "" {
		t.Errorf("mht: %q %s %+v", text, dec.Encoding, fm)
	}

	// An old client's raw GBK subject; a message without a Content-Type
	// is plain text.
	raw := "Subject: " + gbk(t, "回复: 关于会议安排的通知") + "\r\n\r\n" + gbk(t, "会议改在周五下午三点举行。") + "\r\n"
	text, fm, _, err = mimeText([]byte(raw), "eml")
	if err != nil || fm.Title != "关于会议安排的通知" || strings.TrimSpace(text) != "会议改在周五下午三点举行。" {
		t.Errorf("raw subject: %q %+v %v", text, fm, err)
	}

	for name, bad := range map[string]string{
		"not a message":      "这不是邮件，只是一段文字。\n第二行。\n",
		"no text part":       "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n",
		"only an attachment": "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\n附件\r\n--b--\r\n",
	} {
		if _, _, _, err := mimeText([]byte(bad), "eml"); !errors.Is(err, ErrNotMIME) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// qp is s in quoted-printable, every non-ASCII byte and = escaped.
func qp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '=' {
			b.WriteString("=" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		} else {
			b.WriteByte(c)
		}
		if i%60 == 59 {
			b.WriteString("=\r\n")
		}
	}
	return b.String()
}

// A charset the WHATWG index does not name is still read: cp936 (Windows'
// name for GBK) and hz by the bytes' content, UTF-7 as UTF-7, in the
// Subject's encoded words and in the body.
func TestMIMECharsets(t *testing.T) {
	const subject, body = "商务部例行新闻发布会", "我国货物贸易进出口总值6.61万亿元，同比增长8.7%。"
	hz := func(s string) string { // HZ-GB-2312: GB2312's bytes, less 0x80, between ~{ and ~}
		g := []byte(gbk(t, s))
		var b strings.Builder
		in := false
		for i := 0; i < len(g); i++ {
			if g[i] < 0x80 {
				if in {
					b.WriteString("~}")
					in = false
				}
				b.WriteByte(g[i])
				continue
			}
			if !in {
				b.WriteString("~{")
				in = true
			}
			b.WriteByte(g[i] - 0x80)
			b.WriteByte(g[i+1] - 0x80)
			i++
		}
		if in {
			b.WriteString("~}")
		}
		return b.String()
	}
	for _, tc := range []struct{ charset, subject, body string }{
		{"cp936", gbk(t, subject), gbk(t, body)},
		{"CP936", gbk(t, subject), gbk(t, body)},
		{"hz", hz(subject), hz(body)},
		{"utf-7", "+VUZSoZDoT4uITGWwlftT0V4DTxo-", "+YhFW/Y0ncmmNOGYTj9tR+lPjYDtQPA-6.61+TgdOv1FD/wxUDGvUWJ6Vfw-8.7%+MAI-"}, // as Python writes it
	} {
		eml := "Subject: =?" + tc.charset + "?B?" + base64.StdEncoding.EncodeToString([]byte(tc.subject)) + "?=\r\n" +
			"Content-Type: text/plain; charset=\"" + tc.charset + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + wrap76(tc.body)
		text, fm, _, err := mimeText([]byte(eml), "eml")
		if err != nil || strings.TrimSpace(text) != body || fm.Title != subject {
			t.Errorf("%s: text %q, title %q, %v", tc.charset, text, fm.Title, err)
		}
	}
}

func TestUTF7(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Hi Mom -+Jjo--!", "Hi Mom -\u263a-!", true}, // RFC 2152's examples
		{"A+ImIDkQ.", "A\u2262\u0391.", true},
		{"+ZeVnLIqe-", "日本語", true},
		{"1 +- 1 = 2", "1 + 1 = 2", true},
		{"+2D3cAQ-", "\U0001F401", true}, // a surrogate pair
		{"plain text", "plain text", true},
		{"C+b", "", false}, // a run that ends inside a code unit
		{"+ZeVnLIqeA-", "", false},
		{"中文", "", false},
	} {
		got, ok := utf7([]byte(tc.in))
		if ok != tc.ok || ok && string(got) != tc.want {
			t.Errorf("utf7(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzUTF7(f *testing.F) {
	for _, s := range []string{"Hi Mom -+Jjo--!", "+ZeVnLIqe-", "+2D3cAQ-", "+-", "+"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, ok := utf7(b); ok && !utf8.Valid(got) {
			t.Fatalf("utf7(%q) = %q: not UTF-8", b, got)
		}
	})
}

// E-mails and web archives in a folder load as documents.
func TestLoadMIME(t *testing.T) {
	eml := "Subject: =?utf-8?B?" + base64.StdEncoding.EncodeToString([]byte("Fwd: 外交部发言人答记者问")) + "?=\r\nFrom: =?utf-8?B?" + base64.StdEncoding.EncodeToString([]byte("外交部")) + "?= <fmprc@example.cn>\r\nDate: Mon, 4 Mar 2024 16:00:00 +0800\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n问：请介绍一下中方对此次会议的期待。\n答：中方期待会议取得积极成果。\n"
	_, byID, _, warns := loadFolder(t, map[string][]byte{"fmprc.eml": []byte(eml), "page.MHTML": []byte("Subject: x\r\nContent-Type: text/html\r\n\r\n<p>网页存档的正文。</p>\r\n"), "junk.eml": []byte("no headers here\x00")})
	if d := byID["fmprc"]; d == nil || d.Title != "外交部发言人答记者问" || d.Date != "2024-03-04" || d.Source != "外交部" || d.Format() != "eml" || !strings.HasPrefix(d.Text(), "问：") {
		t.Errorf("fmprc.eml: %+v", d)
	}
	if d := byID["page"]; d == nil || d.Format() != "mht" || strings.TrimSpace(d.Text()) != "网页存档的正文。" {
		t.Errorf("page.MHTML: %+v", d)
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "junk.eml") {
		t.Errorf("warnings %v", warns)
	}
}

func FuzzMIMEText(f *testing.F) {
	f.Add([]byte("Subject: =?gb2312?B?1tC5+g==?=\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n5Lit5paH\r\n--a--\r\n"), false)
	f.Add([]byte("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=AD</p>"), true)
	f.Add([]byte("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b--"), false)
	f.Fuzz(func(t *testing.T, b []byte, mht bool) {
		markup := "eml"
		if mht {
			markup = "mht"
		}
		text, fm, _, err := mimeText(b, markup)
		if err != nil {
			return
		}
		for _, s := range []string{text, fm.Title, fm.Date, fm.Source} {
			if strings.ContainsRune(s, 0) {
				t.Fatalf("NUL in %q", s)
			}
		}
	})
}
