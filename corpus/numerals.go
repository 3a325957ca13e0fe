package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Numbers written two ways. A briefing writes a number in Arabic digits
// (2024年3月5日, 10条, 3000名) or in Chinese numerals (二〇二四年三月五日,
// 十条, 三千名): a government notice dates its inscription in Chinese and
// its text in digits, and a report quotes 十条措施 that another calls 10条.
// A query word holding a number one way is also searched for with it
// written the other way (numeralForms), when the number is plainly a count,
// an ordinal or a date: right before a Han character (a measure word, a
// date's unit) or after 第. A numeral inside a word (一带一路, 统一, 十分,
// 十四五) is not a number and is left alone.
//
// Only the query is rewritten: the text and the index keep what the
// document wrote, so a quote is still the document's own.

// cnDigits holds the value of each Chinese digit, as folded (貳 is 贰,
// 兩 两), the financial forms (壹贰叁) included, and ○, the circle many
// documents type for 〇 (二○二四年).
var cnDigits = map[rune]int{
	'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
}

// cnUnits holds the positions within a group of four digits.
var cnUnits = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// bigUnit reports whether r is 万, 亿 or Taiwan's 兆, which a number in
// digits keeps as words (12万, 3000亿, 1.5兆).
func bigUnit(r rune) bool { return r == '万' || r == '亿' || r == '兆' }

func isNumeral(r rune) bool {
	_, d := cnDigits[r]
	_, u := cnUnits[r]
	return d || u || bigUnit(r)
}

// countWords are the characters after which a lone Chinese digit is a
// number (三月, 十条, 两项, 第一), where two or more (二十多, 一百零五) need
// only be followed by a Han character. A lone digit elsewhere is most often
// part of a word (一些, 三中全会, 十分).
const countWords = "年月日号时秒条项个次名场轮家位届期批件款章节部篇类种岁天周倍元户台辆座所省市县吨亩份页处支架艘本张层级代多余"

// dateUnits take 二, never 两 (二月, 第二; but 两项).
const dateUnits = "年月日号时届期"

// numeralRun is a run of a query's characters that is a number.
type numeralRun struct {
	at, end int
	// as holds the run written the other way: one form, or more (a year
	// with 〇, 零 or ○; a number led by 2 with 二 or 两).
	as [][]rune
}

// numeralForms returns q (folded) with its numbers written the other way:
// first every number in digits (2024年三月 gives 2024年3月), then every
// number in Chinese numerals, once with each choice of 〇/零/○ and 二/两
// (二〇二四年三月, 二零二四年三月, 二○二四年三月); then the same with its
// years in the other calendar (113年3月, 一百一十三年三月: otherEra),
// without the name of the Republic's era (withoutEraName), and with
// Taiwan's 兆 for 万亿 or the other way (otherTrillion); then a whole
// date in the notations of digits (dateNotations); q itself left out.
// The Chinese forms are written from the digits, so
// 二〇二四年 finds 二○二四年 too. It returns nil when q holds no number it
// can rewrite.
func numeralForms(q []rune) [][]rune {
	inDigits, _ := numeralRuns(q)
	a := rewriteRuns(q, inDigits, 0)
	var forms [][]rune
	add := func(f []rune) {
		if !slices.Equal(f, q) && !slices.ContainsFunc(forms, func(g []rune) bool { return slices.Equal(f, g) }) {
			forms = append(forms, f)
		}
	}
	others := [][]rune{a, otherEra(a), withoutEraName(a), otherTrillion(a)}
	for _, b := range others {
		if b == nil {
			continue
		}
		add(b)
		if _, inChinese := numeralRuns(b); len(inChinese) > 0 {
			for choice := range yearZeros {
				add(rewriteRuns(b, inChinese, choice))
			}
		}
	}
	for _, b := range others { // last: AlsoSearched leaves them unsaid
		for _, n := range dateNotations(b) {
			add(n)
		}
	}
	return forms
}

// dateNotations returns q (its numbers in digits) with its first whole
// date, 2024年3月5日 (or 5号), written in each notation of digits a web
// page or a table may hold it in: 20240305 (which finds 2024-03-05 too: a
// hyphen between digits is looked through), 2024-3-5, 2024/3/5,
// 2024/03/05, 2024.3.5 and 2024.03.05; nil when q holds none.
func dateNotations(q []rune) [][]rune {
	for i := 0; i+4 < len(q); i++ {
		if q[i+4] != '年' || i > 0 && isDigitRune(q[i-1]) || !allDigits(q[i:i+4]) {
			continue
		}
		var parts [2]int
		j := i + 5
		for k, unit := range []rune{'月', '日'} {
			from := j
			for j < len(q) && j-from < 2 && isDigitRune(q[j]) {
				j++
			}
			if j == from || j >= len(q) || q[j] != unit && !(unit == '日' && q[j] == '号') {
				return nil
			}
			parts[k], _ = strconv.Atoi(string(q[from:j]))
			j++
		}
		y, _ := strconv.Atoi(string(q[i : i+4]))
		if dateInDigits(y, parts[0], parts[1]) == nil {
			return nil
		}
		m, d := parts[0], parts[1]
		var out [][]rune
		for _, f := range []string{"%04d%02d%02d", "%d-%d-%d", "%d/%d/%d", "%d/%02d/%02d", "%d.%d.%d", "%d.%02d.%02d"} {
			n := []rune(fmt.Sprintf(f, y, m, d))
			if !slices.ContainsFunc(out, func(o []rune) bool { return slices.Equal(o, n) }) && !(f == "%d-%d-%d" && m >= 10 && d >= 10) {
				out = append(out, slices.Concat(q[:i], n, q[j:]))
			}
		}
		return out
	}
	return nil
}

// padHyphenDates writes a date typed with hyphens and a one-digit month or
// day (2024-3-5) with two digits each (2024-03-05), which the query's
// hyphens then drop to the date of eight digits the numbers' forms read
// (compactDate): 2024-3-5 finds 2024年3月5日 and every notation, as
// 2024-03-05 does (2024-3-5 among them; see wordText).
func padHyphenDates(q []rune) []rune {
	if !slices.Contains(q, '-') {
		return q
	}
	for i := range q {
		if y, m, d, end, ok := readSeparatedDate(q, i, "-"); ok && end-i != len("2024-03-05") {
			return slices.Concat(q[:i], []rune(fmt.Sprintf("%04d-%02d-%02d", y, m, d)), padHyphenDates(q[end:]))
		}
	}
	return q
}

// isDateNotation reports whether q is a date in digits parted by -, / or .
// (or none), as dateNotations writes one: a form that says nothing a
// reader needs told (see AlsoSearched).
func isDateNotation(q []rune) bool {
	digits := 0
	for _, r := range q {
		switch {
		case isDigitRune(r):
			digits++
		case r != '-' && r != '/' && r != '.':
			return false
		}
	}
	return digits >= 6
}

func allDigits(q []rune) bool {
	for _, r := range q {
		if !isDigitRune(r) {
			return false
		}
	}
	return len(q) > 0
}

// Taiwan dates years from the Republic's founding: 民國113年 (or 113年
// alone) is 2024. A query's year in either calendar is searched for in
// the other too, the Republic's written as Taiwan writes it, in digits or
// as 一百一十三年.

// withoutEraName returns q without the 民国 before a year (民国113年 is
// also written 113年), or nil when it has none.
func withoutEraName(q []rune) []rune {
	for i := 0; i+3 < len(q); i++ {
		if q[i] == '民' && q[i+1] == '国' && isDigitRune(q[i+2]) {
			end := i + 2
			for end < len(q) && isDigitRune(q[end]) {
				end++
			}
			if end < len(q) && q[end] == '年' {
				return slices.Concat(q[:i], q[i+2:])
			}
		}
	}
	return nil
}

// otherEra returns q (its numbers in digits) with its years in the other
// calendar, or nil when it holds none: a year of the common era from 1912
// (2024年 gives 113年), or one of the Republic's, after 民国 (民国113年
// gives 2024年) or before a month (113年3月).
func otherEra(q []rune) []rune {
	var out []rune
	changed := false
	for i := 0; i < len(q); {
		if !isDigitRune(q[i]) || i > 0 && (isDigitRune(q[i-1]) || isASCIILetterRune(q[i-1]) || q[i-1] == '.') {
			out = append(out, q[i])
			i++
			continue
		}
		end := i
		for end < len(q) && isDigitRune(q[end]) {
			end++
		}
		run := q[i:end]
		y, _ := strconv.Atoi(string(run))
		year := end < len(q) && q[end] == '年' && run[0] != '0'
		republic := len(out) >= 2 && out[len(out)-2] == '民' && out[len(out)-1] == '国'
		monthAfter := end+1 < len(q) && isDigitRune(q[end+1])
		switch {
		case year && len(run) == 4 && y >= 1912 && y <= 2111:
			out = append(out, []rune(strconv.Itoa(y-1911))...)
			changed = true
		case year && len(run) <= 3 && y <= 200 && (republic || len(run) == 3 && monthAfter):
			if republic {
				out = out[:len(out)-2]
			}
			out = append(out, []rune(strconv.Itoa(y+1911))...)
			changed = true
		default:
			out = append(out, run...)
		}
		i = end
	}
	if !changed {
		return nil
	}
	return out
}

// Taiwan writes a million millions 兆 where the mainland writes 万亿
// (新臺幣1.5兆元, 1.5万亿元). After a number 兆 is that, unless a unit of
// measure follows: 兆瓦, 兆赫, 兆字节 are mega-.

// megaUnits are what 兆 is mega- before.
const megaUnits = "瓦赫字位帕焦欧伏安吨"

// otherTrillion returns q (its numbers in digits) with 万亿 after a
// number written 兆 and the other way, or nil when it has neither.
func otherTrillion(q []rune) []rune {
	var out []rune
	changed := false
	for i := 0; i < len(q); i++ {
		number := i > 0 && isDigitRune(q[i-1])
		switch {
		case number && q[i] == '万' && i+1 < len(q) && q[i+1] == '亿':
			out, changed = append(out, '兆'), true
			i++
		case number && q[i] == '兆' && (i+1 == len(q) || !strings.ContainsRune(megaUnits, q[i+1])):
			out, changed = append(out, '万', '亿'), true
		default:
			out = append(out, q[i])
		}
	}
	if !changed {
		return nil
	}
	return out
}

// numeralRuns finds q's numbers: those in Chinese numerals, each with its
// digits, and those in digits, each with its Chinese forms.
func numeralRuns(q []rune) (inDigits, inChinese []numeralRun) {
	for i := 0; i < len(q); {
		end := i + 1
		switch {
		case isDigitRune(q[i]):
			for end < len(q) && isDigitRune(q[end]) {
				end++
			}
			if as := compactDate(q, i, end); as != nil {
				inDigits = append(inDigits, numeralRun{i, end, [][]rune{as}})
			} else if as, to := separatedDate(q, i, end); as != nil {
				inDigits, end = append(inDigits, numeralRun{i, to, [][]rune{as}}), to
			} else if run, ok := decimalAsChinese(q, i, end); ok {
				inChinese, end = append(inChinese, run), run.end
			} else if as := digitsAsChinese(q, i, end); as != nil {
				inChinese = append(inChinese, numeralRun{i, end, as})
			}
		case isNumeral(q[i]):
			if run, ok := chineseDecimalAsDigits(q, i); ok {
				inDigits, end = append(inDigits, run), run.end
				break
			}
			for end < len(q) && isNumeral(q[end]) {
				end++
			}
			if as := chineseAsDigits(q, i, end); as != nil {
				inDigits = append(inDigits, numeralRun{i, end, [][]rune{as}})
			}
		}
		i = end
	}
	return inDigits, inChinese
}

// rewriteRuns returns q with each of runs written its other way, the
// choice'th where it has that many (else its last).
func rewriteRuns(q []rune, runs []numeralRun, choice int) []rune {
	if len(runs) == 0 {
		return q
	}
	var f []rune
	from := 0
	for _, r := range runs {
		f = append(f, q[from:r.at]...)
		f = append(f, r.as[min(choice, len(r.as)-1)]...)
		from = r.end
	}
	return append(f, q[from:]...)
}

// digitsAsChinese returns q[at:end], a run of digits, written in Chinese
// numerals, or nil when it is not plainly a number (G20, covid19, 1.5,
// a bare 2024) or too long to be one.
func digitsAsChinese(q []rune, at, end int) [][]rune {
	var before, after rune
	if at > 0 {
		before = q[at-1]
	}
	if end < len(q) {
		after = q[end]
	}
	ordinal := before == '第'
	run := q[at:end]
	if isASCIILetterRune(before) || isASCIILetterRune(after) || before == '.' || after == '.' ||
		!(ordinal || isHan(after) || bareYear(q, at, end)) {
		return nil
	}
	if (after == '年' || end == len(q)) && len(run) == 4 && !ordinal { // a year, read digit by digit
		years := make([][]rune, len(yearZeros))
		for i, zero := range yearZeros {
			for _, r := range run {
				d := cnDigitRunes[r-'0']
				if d == '〇' {
					d = zero
				}
				years[i] = append(years[i], d)
			}
		}
		return years
	}
	if len(run) > 8 || len(run) > 2 && run[0] == '0' {
		return nil // beyond 亿, or a code (007)
	}
	n := 0
	for _, r := range run {
		n = n*10 + int(r-'0')
	}
	as := numberInChinese(n)
	forms := [][]rune{as}
	if as[0] == '二' && (n == 2 && !ordinal && !strings.ContainsRune(dateUnits, after) || n >= 100) {
		forms = append(forms, append([]rune{'两'}, as[1:]...))
	}
	return forms
}

// bareYear reports whether q[at:end], a run of digits that ends the query
// word, is a year of the last two centuries (2024, 截至2024): what an
// analyst types alone for a year. Its digit by digit forms (二〇二四) can
// be nothing but that year, so searching them too finds no other number;
// its other forms (二千零二十四, 113) could be, and are not searched.
func bareYear(q []rune, at, end int) bool {
	if end != len(q) || end-at != 4 || at > 0 && (q[at-1] == '第' || isDigitRune(q[at-1])) {
		return false
	}
	century := string(q[at : at+2])
	return century == "19" || century == "20"
}

// chineseAsDigits returns q[at:end], a run of Chinese numerals, written in
// digits (a trailing 万 or 亿 kept: 三千亿 is 3000亿), or nil when it is
// not plainly a number or not one written the usual way (十四五, 一一,
// 千万).
func chineseAsDigits(q []rune, at, end int) []rune {
	var before, after rune
	if at > 0 {
		before = q[at-1]
	}
	if end < len(q) {
		after = q[end]
	}
	run := q[at:end]
	ordinal := before == '第'
	// A year read digit by digit: 二〇二四年, any run with 〇 or ○ in it,
	// or one of the last two centuries' ending the word (二零二四, 一九九八):
	// four digits with no unit are nothing else.
	if len(run) >= 2 && (after == '年' || slices.ContainsFunc(run, func(r rune) bool { return r == '〇' || r == '○' }) ||
		end == len(q) && len(run) == 4 && (cnDigits[run[0]] == 1 && cnDigits[run[1]] == 9 || cnDigits[run[0]] == 2 && cnDigits[run[1]] == 0)) &&
		!slices.ContainsFunc(run, func(r rune) bool { _, ok := cnDigits[r]; return !ok || r == '两' }) {
		out := make([]rune, len(run))
		for i, r := range run {
			out[i] = rune('0' + cnDigits[r])
		}
		return out
	}
	units := len(run)
	for units > 0 && bigUnit(run[units-1]) {
		units--
	}
	num, suffix := run[:units], run[units:]
	if len(num) == 0 || !(ordinal || isHan(after) || len(suffix) > 0) ||
		len(run) == 1 && !ordinal && !strings.ContainsRune(countWords, after) ||
		len(run) == 1 && cnDigits[run[0]] == 1 && !ordinal && !strings.ContainsRune(dateUnits, after) {
		return nil // 一 alone is most often "a" (一个, 一项), not a count
	}
	n, ok := readChinese(num)
	if !ok || n == 0 {
		return nil
	}
	return append([]rune(strconv.Itoa(n)), suffix...)
}

// readChinese reads num, a number below 10⁸ in Chinese numerals, and
// reports whether that is how the number is written (十六 and 一百零五 are,
// 十十 and 一百五 are not).
func readChinese(num []rune) (int, bool) {
	if len(num) == 0 {
		return 0, false
	}
	plain := make([]rune, len(num))
	n, section, digit := 0, 0, 0
	for i, r := range num {
		if d, ok := cnDigits[r]; ok {
			digit = d
			plain[i] = cnDigitRunes[d]
			if d == 0 {
				plain[i] = '零'
			}
			continue
		}
		u, ok := cnUnits[r]
		switch {
		case ok:
			if digit == 0 && u == 10 && i == 0 {
				digit = 1 // 十六
			}
			section += digit * u
			plain[i] = cnUnitRunes[u]
		case r == '万':
			n += (section + digit) * 10000
			section, plain[i] = 0, r
		default: // 亿 inside a number: beyond what digits here are written for
			return 0, false
		}
		digit = 0
	}
	n += section + digit
	return n, slices.Equal(numberInChinese(n), plain)
}

// compactDate returns the run of digits at q[at:end], when it is a date
// of eight digits (20240305: what a query 2024-03-05 becomes, its hyphens
// dropped), as a Chinese date in digits (2024年3月5日), or nil.
func compactDate(q []rune, at, end int) []rune {
	if end-at != 8 || at > 0 && isASCIILetterRune(q[at-1]) || end < len(q) && (isASCIILetterRune(q[end]) || isHan(q[end])) {
		return nil
	}
	n, _ := strconv.Atoi(string(q[at:end]))
	return dateInDigits(n/10000, n/100%100, n%100)
}

// dateInDigits writes a date the Chinese way in digits (2024年3月5日), or
// returns nil when it is none (a year outside 1900–2099, month 13, day 32).
func dateInDigits(y, m, d int) []rune {
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31 {
		return nil
	}
	return []rune(strconv.Itoa(y) + "年" + strconv.Itoa(m) + "月" + strconv.Itoa(d) + "日")
}

// separatedDate returns the date that starts with the run of four digits
// at q[at:end] and goes on with a month and day after slashes or dots
// (2024/3/5, 2024.03.05: a query's hyphens are dropped before, see
// compactDate and padHyphenDates) as a Chinese date in digits, and where
// it ends; nil when there is none.
func separatedDate(q []rune, at, end int) ([]rune, int) {
	if end-at != 4 {
		return nil, 0
	}
	y, m, d, to, ok := readSeparatedDate(q, at, "/.")
	if !ok {
		return nil, 0
	}
	return dateInDigits(y, m, d), to
}

// readSeparatedDate reads the date at q[at:] written as four digits, then
// a month and a day of one or two digits, each after the same one of seps
// (2024/3/5, 2024-03-05), and returns it and where it ends. Nothing that
// goes on with a letter or a digit on either side, or with the separator
// after it, is a date (v2024/3/5, 2024/3/5/6), nor is a month 13.
func readSeparatedDate(q []rune, at int, seps string) (y, m, d, end int, ok bool) {
	if at+len("2024/3/5") > len(q) || at > 0 && (isDigitRune(q[at-1]) || isASCIILetterRune(q[at-1])) ||
		!allDigits(q[at:at+4]) || !strings.ContainsRune(seps, q[at+4]) {
		return 0, 0, 0, 0, false
	}
	sep := q[at+4]
	var parts [2]int
	i := at + 4
	for k := range parts {
		if i >= len(q) || q[i] != sep {
			return 0, 0, 0, 0, false
		}
		j := i + 1
		for j < len(q) && j-i <= 2 && isDigitRune(q[j]) {
			j++
		}
		if j == i+1 || j < len(q) && isDigitRune(q[j]) {
			return 0, 0, 0, 0, false // no digits, or more than two
		}
		parts[k], _ = strconv.Atoi(string(q[i+1 : j]))
		i = j
	}
	if i < len(q) && (q[i] == sep || isASCIILetterRune(q[i])) {
		return 0, 0, 0, 0, false
	}
	y, _ = strconv.Atoi(string(q[at : at+4]))
	if dateInDigits(y, parts[0], parts[1]) == nil {
		return 0, 0, 0, 0, false
	}
	return y, parts[0], parts[1], i, true
}

// The share and the decimal: 5.2% is 百分之五点二, 1.5万 一点五万. A decimal
// is rewritten only before % or 万/亿 (三点五 may be half past three).

// decimalAsChinese returns the run of digits at q[at:end] with the
// fraction and % after it (5.2%, 30%, 1.5万) written in Chinese numerals,
// or false when none follows.
func decimalAsChinese(q []rune, at, end int) (numeralRun, bool) {
	whole := q[at:end]
	var frac []rune
	if end+1 < len(q) && q[end] == '.' && isDigitRune(q[end+1]) {
		f := end + 1
		for f < len(q) && isDigitRune(q[f]) {
			f++
		}
		frac, end = q[end+1:f], f
	}
	percent := end < len(q) && q[end] == '%'
	if !percent && (frac == nil || end == len(q) || !bigUnit(q[end])) ||
		at > 0 && (isASCIILetterRune(q[at-1]) || q[at-1] == '.') ||
		len(whole) > 8 || len(whole) > 1 && whole[0] == '0' {
		return numeralRun{}, false
	}
	n, _ := strconv.Atoi(string(whole))
	zh := numberInChinese(n)
	if frac != nil {
		zh = append(zh, '点')
		for _, r := range frac {
			zh = append(zh, decimalDigit(int(r-'0')))
		}
	}
	if percent {
		zh, end = append([]rune("百分之"), zh...), end+1
	}
	return numeralRun{at, end, [][]rune{zh}}, true
}

// chineseDecimalAsDigits returns the share or decimal at q[at:] in
// digits (百分之五点二 is 5.2%, 一点五万 1.5万; at is where 百分之 or
// the number starts), or false when there is none.
func chineseDecimalAsDigits(q []rune, at int) (numeralRun, bool) {
	percent := hasRunes(q[at:], "百分之")
	s := at
	if percent {
		s += 3 // 百分之
	}
	e := s
	for e < len(q) && isNumeral(q[e]) && !bigUnit(q[e]) {
		e++
	}
	n, ok := readChinese(q[s:e])
	if !ok {
		return numeralRun{}, false
	}
	digits := []rune(strconv.Itoa(n))
	if e+1 < len(q) && q[e] == '点' && isDecimalDigit(q[e+1]) {
		digits = append(digits, '.')
		for e++; e < len(q) && isDecimalDigit(q[e]); e++ {
			digits = append(digits, rune('0'+cnDigits[q[e]]))
		}
		if !percent {
			if e == len(q) || !bigUnit(q[e]) {
				return numeralRun{}, false
			}
		}
	} else if !percent {
		return numeralRun{}, false
	}
	if percent {
		digits = append(digits, '%')
	}
	return numeralRun{at, e, [][]rune{digits}}, true
}

// isDecimalDigit reports a digit after 点 (零 to 九, not 两).
func isDecimalDigit(r rune) bool {
	_, ok := cnDigits[r]
	return ok && r != '两'
}

// decimalDigit is d after 点: 零 for 0.
func decimalDigit(d int) rune {
	if d == 0 {
		return '零'
	}
	return cnDigitRunes[d]
}

func hasRunes(q []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i == len(q) || q[i] != r {
			return false
		}
		i++
	}
	return true
}

var (
	// yearZeros are the ways a year read digit by digit writes 0: 〇, 零,
	// and ○, which looks the same and is what many keyboards give.
	yearZeros    = []rune("〇零○")
	cnDigitRunes = []rune("〇一二三四五六七八九")
	cnUnitRunes  = map[int]rune{10: '十', 100: '百', 1000: '千'}
)

// numberInChinese writes n (0 ≤ n < 10⁸) in Chinese numerals, the usual way:
// 十六, 一百零五, 一百一十, 三千, 一万二千, 一万零一十.
func numberInChinese(n int) []rune {
	if n == 0 {
		return []rune{'零'}
	}
	high, low := n/10000, n%10000
	if high == 0 {
		return numberGroup(low, true)
	}
	out := append(numberGroup(high, true), '万')
	if low > 0 {
		if low < 1000 {
			out = append(out, '零')
		}
		out = append(out, numberGroup(low, false)...)
	}
	return out
}

// numberGroup writes g (1 ≤ g ≤ 9999); lead drops the 一 of a leading 十.
func numberGroup(g int, lead bool) []rune {
	var out []rune
	digits := [4]int{g / 1000, g / 100 % 10, g / 10 % 10, g % 10}
	units := [4]rune{'千', '百', '十', 0}
	started, zero := false, false
	for i, d := range digits {
		if d == 0 {
			zero = zero || started
			continue
		}
		if zero {
			out, zero = append(out, '零'), false
		}
		if !(lead && !started && i == 2 && d == 1) {
			out = append(out, cnDigitRunes[d])
		}
		if units[i] != 0 {
			out = append(out, units[i])
		}
		started = true
	}
	return out
}
