package corpus

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dates in other notations. extractDate reads Gregorian dates in ASCII
// digits; briefings also date themselves
//   - in full-width digits: ２０２４年６月１日 (web pages);
//   - in Chinese numerals: 二〇二三年三月五日, 二○二三年 (the date under an
//     official document's issuer);
//   - in the Republic of China calendar, year 1 = 1912: 中華民國113年8月22日,
//     民國一百一十三年, and on Taiwan's government sites without the era
//     name: 發布日期：113-08-22, 113年8月22日.
//
// findDate rewrites those to Gregorian ASCII and then reads the text as
// extractDate does. Only full-width digits are read everywhere; the other
// notations only in a header or at the signature (header): that is where
// documents put them, in running text 113年 is as likely to be a count of
// years, and looking for them all over the date window made reading a
// document's metadata a fifth slower.
func findDate(text string, header bool) string {
	return extractDate(gregorian(text, header))
}

const (
	cnDigit = `[〇○零一二三四五六七八九]`
	cnMonth = `(十[一二]?|[一二三四五六七八九])\s?月`
	cnDay   = `(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s?[日号號]`
)

// Each pattern is tried only where a cheap scan found its start (see
// gregorian), on a window of text: a regexp run over a whole document's
// head made reading metadata four times slower.
var (
	// cnDateRE is a year in Chinese numerals, digit by digit, with its
	// month and day if given: 二〇二三年三月五日.
	cnDateRE = regexp.MustCompile(`^(` + cnDigit + `{4})年(?:` + cnMonth + `(?:` + cnDay + `)?)?`)
	// rocRE is a year of the Republic of China's calendar named as one,
	// with a month and day in numerals if given: 民國113年, 民國一百一十三年十月十日.
	rocRE = regexp.MustCompile(`^(?:民國|民国)\s?(\d{1,3}|[〇○零一二三四五六七八九十百]{1,7})\s?年(?:` + cnMonth + `(?:` + cnDay + `)?)?`)
	// bareROCRE is a full ROC date without the era's name: 113年8月22日,
	// 113-08-22, 113/8/22, 113.08.22.
	bareROCRE = regexp.MustCompile(`^(1[0-4]\d)(?:\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号號]|[-/.](\d{1,2})[-/.](\d{1,2}))`)
)

// dateWindowBytes is as much text as any of the patterns above can match.
const dateWindowBytes = 64

// gregorian returns text with the dates findDate knows in other notations
// written as Gregorian dates in ASCII digits. Text holding none is returned
// as it is.
func gregorian(text string, header bool) string {
	if hasFullwidthDigit(text) {
		text = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, text)
	}
	if !header {
		return text
	}
	text = rewriteAt(text, rocStarts(text), rocRE, false, func(m []string) (string, bool) {
		n, ok := chineseNumber(m[1])
		if !ok || n < 1 || n > 200 {
			return "", false
		}
		return strconv.Itoa(n+1911) + "年" + monthDay(m[2], m[3]), true
	})
	text = rewriteAt(text, cnYearStarts(text), cnDateRE, false, func(m []string) (string, bool) {
		y := 0
		for _, r := range m[1] {
			y = y*10 + digitOf(r)
		}
		return strconv.Itoa(y) + "年" + monthDay(m[2], m[3]), y >= 1000
	})
	text = englishDates(text)
	return rewriteAt(text, bareROCStarts(text), bareROCRE, true, func(m []string) (string, bool) {
		mo, d := m[2]+m[4], m[3]+m[5]
		if !valid(mo, 12) || !valid(d, 31) {
			return "", false
		}
		y, _ := strconv.Atoi(m[1])
		return strconv.Itoa(y+1911) + m[0][len(m[1]):], true
	})
}

// englishBeforeRE is what comes before the year of a date written in
// English, at the end of a window: March 5, 2024; Mar. 5 2024; 5 March
// 2024; 5th Mar, 2024.
var englishBeforeRE = regexp.MustCompile(`(?i)(?:\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?|\b(\d{1,2})(?:st|nd|rd|th)?\s{1,3}((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6})\.?,?)\s{1,3}$`)

// englishDates writes dates in English (March 5, 2024; 5 March 2024) as
// 2024年3月5日. Only the years findDate would read are looked before.
func englishDates(text string) string {
	var sb strings.Builder
	last := 0
	for _, y := range yearStarts(text) {
		if y < last+3 || y+4 < len(text) && isDigitByte(text[y+4]) || !isSpaceByte(text[y-1]) {
			continue // (y > 0: a space stands before the year)
		}
		m := englishBeforeRE.FindStringSubmatchIndex(text[max(last, y-24):y])
		if m == nil {
			continue
		}
		w := text[max(last, y-24):y]
		mi, di := 2, 4 // March 5,
		if m[2] < 0 {
			mi, di = 8, 6 // 5 March
		}
		month, day := strings.ToLower(w[m[mi]:m[mi+1]]), w[m[di]:m[di+1]]
		mo := slices.IndexFunc(englishMonthNames, func(name string) bool { return strings.HasPrefix(name, month) }) + 1
		if mo == 0 || !valid(day, 31) {
			continue // Marathon 5, 2024 is no month
		}
		start := y - len(w) + m[0]
		sb.WriteString(text[last:start])
		sb.WriteString(text[y:y+4] + "年" + strconv.Itoa(mo) + "月" + strings.TrimLeft(day, "0") + "日")
		last = y + 4
	}
	if last == 0 {
		return text
	}
	sb.WriteString(text[last:])
	return sb.String()
}

// englishMonthNames are the months' whole names, which a name in a date
// must begin (Mar, Sept, March).
var englishMonthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// rewriteAt replaces the matches of the anchored re at each of starts
// (ascending) with what fn makes of the submatches, where fn agrees and,
// when whole is set, the match does not run into a following digit.
func rewriteAt(text string, starts []int, re *regexp.Regexp, whole bool, fn func(m []string) (string, bool)) string {
	var sb strings.Builder
	last := 0
	for _, s := range starts {
		if s < last {
			continue
		}
		m := re.FindStringSubmatch(text[s:min(len(text), s+dateWindowBytes)])
		if m == nil || whole && s+len(m[0]) < len(text) && isDigitByte(text[s+len(m[0])]) {
			continue
		}
		r, ok := fn(m)
		if !ok {
			continue
		}
		sb.WriteString(text[last:s])
		sb.WriteString(r)
		last = s + len(m[0])
	}
	if last == 0 {
		return text
	}
	sb.WriteString(text[last:])
	return sb.String()
}

// occurrences lists, in order, what keep makes of each offset where sub
// occurs in text (the start of a pattern to try there), where it agrees.
//
// The scan looks for sub's last byte: a Chinese character's first byte
// (E5 for 年, E6 for 民) starts a third of the characters of Chinese text,
// where its last byte is one of 64.
func occurrences(text, sub string, keep func(at int) (int, bool)) []int {
	var out []int
	last := sub[len(sub)-1]
	for i := len(sub) - 1; i < len(text); {
		j := strings.IndexByte(text[i:], last)
		if j < 0 {
			break
		}
		end := i + j + 1
		i = end
		at := end - len(sub)
		if text[at:end] != sub {
			continue
		}
		if s, ok := keep(at); ok {
			out = append(out, s)
		}
	}
	return out
}

// rocStarts lists where 民國 or 民国 occurs.
func rocStarts(text string) []int {
	return occurrences(text, "民", func(at int) (int, bool) {
		rest := text[at+len("民"):]
		return at, strings.HasPrefix(rest, "國") || strings.HasPrefix(rest, "国")
	})
}

// cnYearStarts lists where four Chinese digits stand before 年.
func cnYearStarts(text string) []int {
	return occurrences(text, "年", func(y int) (int, bool) {
		s := y
		for k := 0; k < 4 && s > 0; k++ {
			r, size := utf8.DecodeLastRuneInString(text[:s])
			if digitOf(r) < 0 {
				break
			}
			s -= size
		}
		return s, y-s == 4*len("〇")
	})
}

// bareROCStarts lists where three digits from 100 to 149 stand alone,
// followed by 年 or a date separator.
func bareROCStarts(text string) []int {
	return occurrences(text, "1", func(s int) (int, bool) {
		return s, s+3 < len(text) && text[s+1] >= '0' && text[s+1] <= '4' && isDigitByte(text[s+2]) && !isDigitByte(text[s+3]) &&
			(s == 0 || !isDigitByte(text[s-1]) && text[s-1] != '.')
	})
}

// monthDay writes a month and an optional day read in Chinese numerals
// (matched by the patterns above, so they read) as 3月5日.
func monthDay(month, day string) string {
	if month == "" {
		return ""
	}
	mo, _ := chineseNumber(month)
	out := strconv.Itoa(mo) + "月"
	if day != "" {
		d, _ := chineseNumber(day)
		out += strconv.Itoa(d) + "日"
	}
	return out
}

// hasFullwidthDigit reports a full-width digit (U+FF10–FF19: EF BC 90–99).
func hasFullwidthDigit(s string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], "\xef\xbc")
		if j < 0 || i+j+2 >= len(s) {
			return false
		}
		i += j + 2
		if c := s[i]; c >= 0x90 && c <= 0x99 {
			return true
		}
	}
}

// digitOf is the value of a Chinese digit (〇, ○ and 零 are 0), or -1.
func digitOf(r rune) int {
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return i / len("〇") // three bytes each
	}
	switch r {
	case '○', '零':
		return 0
	}
	return -1
}

// chineseNumber reads 0–999 written in ASCII digits or Chinese numerals,
// either digit by digit (一一三) or with units (一百一十三, 十二, 二十).
func chineseNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if !strings.ContainsAny(s, "十百") {
		n := 0
		for _, r := range s {
			d := digitOf(r)
			if d < 0 {
				return 0, false
			}
			n = n*10 + d
		}
		return n, s != ""
	}
	n, d := 0, -1 // d: the digit waiting for its unit
	for _, r := range s {
		switch r {
		case '百', '十':
			unit := 100
			if r == '十' {
				unit = 10
			}
			if d < 0 {
				d = 1 // 十二: one ten
			}
			n += d * unit
			d = -1
		default:
			v := digitOf(r)
			if v < 0 {
				return 0, false
			}
			if v > 0 {
				d = v
			}
		}
	}
	if d > 0 {
		n += d
	}
	return n, true
}
