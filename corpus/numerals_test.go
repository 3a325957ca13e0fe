package corpus

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNumeralForms(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want string // the forms, space-separated; "" for none
	}{
		// Counts, both ways.
		{"10条", "十条"},
		{"十条", "10条"},
		{"16场", "十六场"},
		{"十六场", "16场"},
		{"3000名", "三千名"},
		{"三千名", "3000名"},
		{"105项", "一百零五项"},
		{"一百零五项", "105项"},
		{"110人", "一百一十人"},
		{"12000家", "一万二千家"},
		{"一万二千家", "12000家"},
		{"10010元", "一万零一十元"},
		{"二十多", "20多"},
		{"30轮", "三十轮"},
		{"壹佰元", "100元 一百元"}, // the financial forms
		{"拾条", "10条 十条"},
		// 万 and 亿 stay words, as numbers in digits keep them.
		{"3000亿", "三千亿"},
		{"2000亿", "二千亿 两千亿"},
		{"三千亿", "3000亿"},
		{"十二万", "12万"},
		{"12万", "十二万"},
		{"一千万", "1000万"},
		{"1万", "一万"},
		// 2 is 两 before a measure word, 二 in a date and after 第.
		{"2项", "二项 两项"},
		{"两项", "2项 二项"},
		{"2月", "二月"},
		{"第2届", "第二届"},
		{"第二届", "第2届"},
		{"第2", "第二"},
		{"200人", "二百人 两百人"},
		{"22人", "二十二人"},
		// Dates: a year digit by digit, with 〇, 零 or ○.
		{"2024年", "二〇二四年 二零二四年 二○二四年 113年 一百一十三年"},
		{"二〇二四年", "2024年 二零二四年 二○二四年 113年 一百一十三年"},
		{"二零二四年", "2024年 二〇二四年 二○二四年 113年 一百一十三年"},
		{"二○二四年", "2024年 二〇二四年 二零二四年 113年 一百一十三年"},
		{"2024年3月5日", "二〇二四年三月五日 二零二四年三月五日 二○二四年三月五日 113年3月5日 一百一十三年三月五日 20240305 2024-3-5 2024/3/5 2024/03/05 2024.3.5 2024.03.05"},
		{"二〇二四年三月五日", "2024年3月5日 二零二四年三月五日 二○二四年三月五日 113年3月5日 一百一十三年三月五日 20240305 2024-3-5 2024/3/5 2024/03/05 2024.3.5 2024.03.05"},
		{"2024年三月", "2024年3月 二〇二四年三月 二零二四年三月 二○二四年三月 113年3月 一百一十三年三月"},
		// Taiwan's years, from the Republic's founding (1912 is 民国1年).
		{"民国113年", "民国一百一十三年 2024年 二〇二四年 二零二四年 二○二四年 113年 一百一十三年"},
		{"民国一百一十三年三月五日", "民国113年3月5日 2024年3月5日 二〇二四年三月五日 二零二四年三月五日 二○二四年三月五日 113年3月5日 一百一十三年三月五日 20240305 2024-3-5 2024/3/5 2024/03/05 2024.3.5 2024.03.05"},
		{"113年3月", "一百一十三年三月 2024年3月 二〇二四年三月 二零二四年三月 二○二四年三月"},
		{"113年", "一百一十三年"}, // a duration as often as a year
		{"1911年", "一九一一年"},
		{"1912年", "一九一二年 1年 一年"},
		// Taiwan's 兆 is the mainland's 万亿, but mega- before a unit.
		{"1.5万亿元", "一点五万亿元 1.5兆元 一点五兆元"},
		{"1.5兆元", "一点五兆元 1.5万亿元 一点五万亿元"},
		{"3兆", "三兆 3万亿 三万亿"},
		{"三兆元", "3兆元 3万亿元 三万亿元"},
		{"100兆瓦", "一百兆瓦"},
		{"预兆", ""},
		{"12月25日", "十二月二十五日"},
		{"十二月二十五日", "12月25日"},
		{"03月05日", "三月五日"},
		{"一月", "1月"},
		{"一日", "1日"},
		{"1个", "一个"},
		{"一个", ""}, // "a", far more often than a count
		{"一项改革", ""},
		{"第一", "第1"},
		{"三年", "3年"},
		{"十时三十分", "10时30分"},
		{"10时30分", "十时三十分"},
		{"十分", ""},
		// A date typed 2024-03-05 (the query drops the hyphens).
		{"20240305", "2024年3月5日 二〇二四年三月五日 二零二四年三月五日 二○二四年三月五日 113年3月5日 一百一十三年三月五日 2024-3-5 2024/3/5 2024/03/05 2024.3.5 2024.03.05"},
		{"20241332", ""},
		{"2024/3/5", "2024年3月5日 二〇二四年三月五日 二零二四年三月五日 二○二四年三月五日 113年3月5日 一百一十三年三月五日 20240305 2024-3-5 2024/03/05 2024.3.5 2024.03.05"},
		{"2024.03.05发布", "2024年3月5日发布 二〇二四年三月五日发布 二零二四年三月五日发布 二○二四年三月五日发布 113年3月5日发布 一百一十三年三月五日发布 20240305发布 2024-3-5发布 2024/3/5发布 2024/03/05发布 2024.3.5发布"},
		{"2024年12月25日", "二〇二四年十二月二十五日 二零二四年十二月二十五日 二○二四年十二月二十五日 113年12月25日 一百一十三年十二月二十五日 20241225 2024/12/25 2024.12.25"},                     // 2024-12-25 is 20241225, hyphens looked through
		{"2024年2月30日", "二〇二四年二月三十日 二零二四年二月三十日 二○二四年二月三十日 113年2月30日 一百一十三年二月三十日 20240230 2024-2-30 2024/2/30 2024/02/30 2024.2.30 2024.02.30"}, // no calendar check: what is typed is searched
		{"2024/13/5", ""},
		{"2024/3/5/6", ""},
		{"2024/3.5", ""},
		{"2024/3/123", ""},
		{"v2024.3.5", ""},
		{"12345678", ""},
		{"no20240305", ""},
		// Shares and decimals.
		{"5%", "百分之五"},
		{"增长5.2%", "增长百分之五点二"},
		{"30%", "百分之三十"},
		{"0.5%", "百分之零点五"},
		{"5.05%", "百分之五点零五"},
		{"百分之五", "5%"},
		{"增长百分之五点二", "增长5.2%"},
		{"百分之三十", "30%"},
		{"百分之零点五", "0.5%"},
		{"1.5万", "一点五万"},
		{"一点五万", "1.5万"},
		{"3.2亿元", "三点二亿元"},
		{"百分之百", ""},
		{"三点五", ""}, // half past three, or 3.5: left alone
		{"1.5", ""},
		{"v1.5%", ""},
		{"2024年增长5%", "二〇二四年增长百分之五 二零二四年增长百分之五 二○二四年增长百分之五 113年增长5% 一百一十三年增长百分之五"},
		// Not numbers: inside words, codes, versions.
		{"一带一路", ""},
		{"统一", ""},
		{"十分重要", ""},
		{"十四五规划", ""},
		{"一一对应", ""},
		{"千万不要", ""},
		{"万一", ""},
		{"百万", ""},
		{"三中全会", ""},
		{"两会", ""},
		{"g20峰会", ""},
		{"ma3yun2", ""}, // tone numbers
		{"covid19疫苗", ""},
		{"007号", ""},
		// A year alone: only its digit by digit forms, which are nothing else.
		{"2024", "二〇二四 二零二四 二○二四"},
		{"二零二四", "2024 二〇二四 二○二四"},
		{"二〇二四", "2024 二零二四 二○二四"},
		{"1998", "一九九八"},
		{"一九九八", "1998"},
		{"截至2024", "截至二〇二四 截至二零二四 截至二○二四"},
		{"1234", ""},
		{"2024a", ""},
		{"v2024", ""},
		{"12024", ""},
		{"2024.5", ""},
		{"九八七六", ""},
		{"二十", ""},
		{"123456789元", ""},
		{"一千万亿", "1000万亿 1000兆 一千兆"},
		{"一亿二千万", ""},
		{"贸易", ""},
		{"", ""},
	} {
		var got []string
		for _, f := range numeralForms([]rune(tt.q)) {
			got = append(got, string(f))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("numeralForms(%q) = %q, want %q", tt.q, strings.Join(got, " "), tt.want)
		}
	}
}

// Every number up to 10⁸ written in Chinese numerals reads back as itself,
// and the two ways are each other's form.
func TestNumberInChinese(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "零"}, {1, "一"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {101, "一百零一"},
		{110, "一百一十"}, {1001, "一千零一"}, {1010, "一千零一十"}, {10000, "一万"},
		{10001, "一万零一"}, {100000, "十万"}, {110000, "十一万"}, {1000100, "一百万零一百"},
		{20240305, "二千零二十四万零三百零五"}, {99999999, "九千九百九十九万九千九百九十九"},
	} {
		if got := string(numberInChinese(tt.n)); got != tt.want {
			t.Errorf("numberInChinese(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for n := 1; n < 100_000_000; n += 1 + n/997 {
		zh := numberInChinese(n)
		q := append(slices.Clone(zh), '日')
		if got := string(chineseAsDigits(q, 0, len(zh))); got != strconv.Itoa(n) {
			t.Fatalf("%s日 read as %q, want %d", string(zh), got, n)
		}
		d := []rune(strconv.Itoa(n) + "日")
		as := digitsAsChinese(d, 0, len(d)-1)
		if len(as) == 0 || string(as[0]) != string(zh) {
			t.Fatalf("%d日 written as %q, want %s", n, as, string(zh))
		}
	}
}

// Search finds a number written the other way; the quoted word only as
// written.
func TestNumeralSearch(t *testing.T) {
	docs := []*Document{
		NewDocument("notice", "a", "关于优化营商环境的通知\n\n为贯彻落实十条措施，共有十六场活动，三千名代表参加，涉及两项改革。\n\n某某市人民政府办公厅\n二〇二四年三月五日"),
		NewDocument("report", "b", "第二份通知\n\n2024年3月5日，市政府发布10条措施，共16场活动，3,000名代表，2项改革。"),
		NewDocument("hk", "c", "二○二四年三月五日，政府公佈十條措施。"),
		NewDocument("words", "d", "一带一路倡议十分重要，统一部署。"),
		NewDocument("gdp", "e", "国内生产总值增长百分之五点二，投资一点五万亿元。"),
		NewDocument("press", "f", "GDP增长5.2％，投资1.5万亿元，三点五十分开会。"),
		NewDocument("tw", "g", "中華民國一百一十三年三月五日，行政院公布十項措施。"),
		NewDocument("tw2", "h", "113年3月5日，行政院會議通過。"),
		NewDocument("twbudget", "i", "行政院編列新臺幣1.5兆元特別預算，裝置容量100兆瓦。"),
		NewDocument("cnbudget", "j", "中央财政安排一点五万亿元，新增装机100万千瓦。"),
		NewDocument("web", "k", "发布时间：2024-03-05 10:00\n\n市政府召开常务会议。"),
		NewDocument("slash", "l", "日期：2024/3/5\n\n会议纪要。"),
		NewDocument("dot", "m", "2024.03.05 情况通报。"),
	}
	ix := NewIndex()
	ix.Add(docs)
	for _, tt := range []struct{ query, ids string }{
		{"10条", "hk notice report"},
		{"十条", "hk notice report"},
		{"十條", "hk notice report"},
		{"2024年3月", "hk notice report tw tw2"},
		{"二〇二四年三月五日", "dot hk notice report slash tw tw2 web"},
		{"3月5日", "hk notice report tw tw2"},
		{"民國113年", "hk notice report tw tw2"},
		{"113年3月5日", "dot hk notice report slash tw tw2 web"},
		{"16场", "notice report"},
		{"3000名代表", "notice report"},
		{"三千名", "notice report"},
		{"2项改革", "notice report"},
		{"两项", "notice report"},
		{"10条 措施", "hk notice report"},
		{"十条 OR 一带一路", "hk notice report words"},
		{"措施 -10条", "tw"}, // 十項, not 十条
		{`"十条"`, "hk notice"},
		{"一带一路", "words"},
		{"增长5.2%", "gdp press"},
		{"百分之五点二", "gdp press"},
		{"1.5万亿", "cnbudget gdp press twbudget"},
		{"一点五万亿元", "cnbudget gdp press twbudget"},
		{"3.5", ""},
		{"2024-03-05", "dot hk notice report slash tw tw2 web"},
		{"2024/3/5", "dot hk notice report slash tw tw2 web"},
		{"1.5万亿元", "cnbudget gdp press twbudget"},
		{"1.5兆元", "cnbudget gdp press twbudget"},
		{"100兆瓦", "twbudget"}, // mega-
		{"2024年3月5日", "dot hk notice report slash tw tw2 web"},
		{"2024.3.5", "dot hk notice report slash tw tw2 web"},
		{"2024-3-5", "dot hk notice report slash tw tw2 web"},
		{`"2024-3-5"`, ""}, // as written: no document writes it so
		{`"2024.03.05"`, "dot"},
		{"2024", "dot hk notice report slash web"},
		{"二零二四", "dot hk notice report slash web"},
		{"2024 措施", "hk notice report"},
	} {
		want := strings.Fields(tt.ids)
		if got, _ := searchIDs(ix, tt.query); !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, want)
		}
		if got := filterIDs(ix, docs, tt.query, len(docs)); !slices.Equal(got, want) {
			t.Errorf("Filter(%q) = %v, want %v", tt.query, got, want)
		}
	}
	// A year's other zeros go unsaid.
	if got := AlsoSearched("10条 2024年"); !slices.Equal(got, []string{"十条", "二〇二四年", "113年", "一百一十三年"}) {
		t.Errorf("AlsoSearched = %q", got)
	}
	if got := AlsoSearched("二零二四年"); !slices.Equal(got, []string{"2024年", "113年", "一百一十三年"}) {
		t.Errorf("AlsoSearched = %q", got)
	}
	if got := AlsoSearched("2024"); !slices.Equal(got, []string{"二〇二四"}) {
		t.Errorf("AlsoSearched = %q", got)
	}
	// A date's notations in digits go unsaid too.
	if got := AlsoSearched("2024-03-05"); !slices.Equal(got, []string{"2024年3月5日", "二〇二四年三月五日", "113年3月5日", "一百一十三年三月五日"}) {
		t.Errorf("AlsoSearched = %q", got)
	}
}

func TestPadHyphenDates(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2024-3-5", "2024-03-05"},
		{"2024-03-5", "2024-03-05"},
		{"2024-12-25", "2024-12-25"},
		{"2024-3-5发布", "2024-03-05发布"},
		{"2024-3-5 2023-1-2", "2024-03-05 2023-01-02"},
		{"2024-13-5", "2024-13-5"}, // no month 13
		{"1800-3-5", "1800-3-5"},
		{"x2024-3-5", "x2024-3-5"},
		{"2024-3-5x", "2024-3-5x"},
		{"2024-3-5-6", "2024-3-5-6"},
		{"12024-3-5", "12024-3-5"},
		{"2024-3", "2024-3"},
		{"covid-19", "covid-19"},
		{"", ""},
	} {
		if got := string(padHyphenDates([]rune(tt.in))); got != tt.want {
			t.Errorf("padHyphenDates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A query's numbers may be anything typed; the forms change only its
// numbers (digits, numerals, a decimal point, a percent sign, a date's
// units and separators).
func FuzzNumeralForms(f *testing.F) {
	for _, s := range []string{"20240305", "2024/3/5", "10条", "二〇二四年三月五日", "第2届", "3000亿", "一万零一十元", "壹佰元", "十四五", "g20峰会", "2024年三月", "增长5.2%", "百分之零点五", "一点五万"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		q := []rune(s)
		forms := numeralForms(q)
		if len(forms) > 4*(1+len(yearZeros)+6) { // each rewriting, its zeros and a date's six notations
			t.Fatalf("%q: %d forms", s, len(forms))
		}
		notNumber := func(r rune) bool {
			return !isDigitRune(r) && !isNumeral(r) && !strings.ContainsRune(".%/-点分之年月日号民国兆", r)
		}
		keep := slices.DeleteFunc(slices.Clone(q), func(r rune) bool { return !notNumber(r) })
		for i, f := range forms {
			if slices.Equal(f, q) || slices.ContainsFunc(forms[:i], func(g []rune) bool { return slices.Equal(f, g) }) {
				t.Fatalf("%q: form %q repeats", s, string(f))
			}
			if got := slices.DeleteFunc(slices.Clone(f), func(r rune) bool { return !notNumber(r) }); !slices.Equal(got, keep) {
				t.Fatalf("%q: form %q changed more than its numbers", s, string(f))
			}
		}
	})
}
