package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Metadata is what jianbao reads off a document's text.
type Metadata struct {
	Title, Date, Source, Author string
	Script                      Script
}

// maxTitle caps a title, in runes.
const maxTitle = 100

var (
	// pageMark is a trailing page number in a headline: 标题【2】, 标题(2).
	pageMark = regexp.MustCompile(`\s*([【\[(（]\d{1,3}[】\])）])$`)
	// dateRE finds full dates: 2018年12月06日, 2018-12-06, 2018/12/6, 2018.12.06.
	dateRE = regexp.MustCompile(`^((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))`)
	// monthRE finds a year and month: 2024年6月, 2024-06.
	monthRE = regexp.MustCompile(`^((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月|-(\d{1,2})(?:[^\d-]|$))`)
	// yearRE finds a year on its own: 2024年, or 2021 not part of a longer
	// number (the character before is checked by the caller).
	yearRE = regexp.MustCompile(`^((?:19[5-9]|20[0-4])\d)(?:年|[^\d.%％万亿]|$)`)
	// sourceRE reads 来源：人民网-国际频道 up to a separator.
	// Ideographic and no-break spaces separate it from the next field:
	// 来源：国家发展改革委　　作者：王明.
	sourceRE = regexp.MustCompile(`^(?:来源|來源|出处|出處|发布单位|發布單位|發佈單位|发布机构|發布機構|發佈機構)[\s\x{3000}]*[:：][\s\x{3000}\x{A0}]*([^\s\x{3000}\x{A0}|｜,，;；)）]+)`)
	// contributorRE reads 本文由北京大學國際關系學院供稿.
	contributorRE = regexp.MustCompile(`^本文由\s*([^\s,，。]{2,30}?)\s*(?:供稿|提供|撰稿)`)
	// authorRE reads bylines: 记者 任彦, 記者：竇衍鳳, 作者：某某, 文/某某.
	// A space or colon must follow the word, or 記者采訪 (a reporter
	// interviewed) would read as a name.
	// Taiwan's papers put the name against a slash and the place:
	// 〔記者王小明／台北報導〕, 聯合報／記者陳美華／台北即時報導.
	// The name must end there (or go on with 报道, 摄): 法新社记者：中方如何看待…
	// is a question at a press conference.
	authorRE = regexp.MustCompile(`^(?:(?:记者|記者|作者|撰稿)(?:\s*[:：|｜]\s*|\s+)|文\s*/\s*)(\p{Han}{2,4}(?:[·、]\p{Han}{2,4})*)(?:$|\P{Han}|报道|報導|報道|摄|攝)|^(?:记者|記者)(\p{Han}{2,4}(?:、\p{Han}{2,4})*)\s*[／/]`)
	// outletRE is a site or outlet name standing alone on a header line.
	// (简报, a briefing, is not an outlet: papers are 日报, 时报, 晚报.)
	outletRE = regexp.MustCompile(`^\p{Han}{0,8}(网|網|日报|日報|早报|早報|晨报|晨報|晚报|晚報|时报|時報|商报|商報|周报|週報|报社|報社|新闻社|新聞社|通讯社|通訊社|新华社|新華社|电视台|電視台|电台|電台|频道|頻道|之音|周刊|週刊|杂志|雜誌)$`)
)

// Metadata sits at the top of a briefing (headline, dateline, source,
// byline) or at its foot (contributor, reporter). Only these windows are
// read, cleaned lightly on the way (see metaLines), which keeps reading
// the metadata of a document to microseconds whatever its size: a loader
// does it for every file before the document is cleaned in full.
const (
	headLines  = 8        // non-blank lines of the head
	footLines  = 3        // and of the foot
	headBytes  = 2 << 10  // at most this much of each
	footBytes  = 1 << 10  //
	dateWindow = 16 << 10 // a date is looked for this far into the text
)

// ExtractMetadata reads title, date, source, author and script from a
// document's text, raw or clean.
func ExtractMetadata(text string) Metadata {
	md := extractFields(text)
	md.Script = DetectScript(text)
	return md
}

// extractFields reads everything but the script.
func extractFields(text string) Metadata {
	w := readWindows(text)
	date := findDate(w.head, true)
	if len(date) == 4 && w.footDate >= 0 {
		// Only a year at the head (国办发〔2024〕7号), and a whole date of
		// that year under the signature: the date it was issued.
		if foot := findDate(w.footLines[w.footDate], true); strings.HasPrefix(foot, date+"-") {
			date = foot
		}
	}
	if date == "" && w.footDate >= 0 {
		// The date under the signature of a notice or a bulletin
		// (国家统计局 / 2024年2月29日) dates it better than a year the text
		// mentions; a sentence at the foot (本规定自2024年3月1日起施行。)
		// does not.
		date = findDate(w.footLines[w.footDate], true)
	}
	if date == "" {
		win := text[:min(len(text), dateWindow)]
		for win != "" && !utf8.ValidString(win[len(win)-min(len(win), 3):]) {
			win = win[:len(win)-1] // not inside a character
		}
		date = findDate(win, false)
	}
	title := extractTitle(w.head)
	source := extractSource(w)
	if source == "" {
		source = leadingBody(w.head, title)
	}
	author := extractAuthor(w)
	if author == "" {
		author = speaker(w.head, title)
	}
	return Metadata{
		Title:  cleanField(title),
		Date:   date,
		Source: cleanField(source),
		Author: cleanField(author),
	}
}

// speechWords are what a speech's or an address's title holds.
var speechWords = []string{"讲话", "講話", "致辞", "致詞", "演讲", "演講", "发言", "發言", "报告", "報告", "贺词", "賀詞", "献词", "獻詞", "署名文章"}

// speakerRE is a line that names a speaker, after an office or not:
// 习近平, 国务院总理 李强.
var speakerRE = regexp.MustCompile(`^(?:\p{Han}{2,16}[ \x{3000}]+)?(\p{Han}{2,4})$`)

// notSpeakers are lines of two to four characters under a title that name
// no one; neither does a name that ends as a body's or a group's does
// (课题组, 研究室).
var notSpeakers = []string{"前言", "引言", "摘要", "目录", "目錄", "正文", "全文", "附件", "说明", "說明", "各位代表", "同志们", "同志們", "朋友们", "朋友們", "女士们", "女士們", "先生们", "先生們", "内容提要", "內容提要", "编者按", "編者按"}

// speaker reads who gave a speech from the lines under its title, as
// speeches and reports are printed: 在全国科技大会上的讲话 / （2024年6月24日）
// / 习近平, or 政府工作报告 / ——2024年3月5日在…上 / 国务院总理 李强.
func speaker(head, title string) string {
	if title == "" || !slices.ContainsFunc(speechWords, func(w string) bool { return strings.Contains(title, w) }) {
		return ""
	}
	lines := strings.Split(head, "\n")
	at := -1
	for i, l := range lines {
		if l = strings.TrimSpace(l); l != "" && strings.HasPrefix(title, l) {
			at = i
			break
		}
	}
	if at < 0 {
		return ""
	}
	seen := 0
	for _, l := range lines[at+1:] {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(title, l) || strings.HasSuffix(title, l) {
			continue // blank, or the title's next line
		}
		if seen++; seen > 3 {
			break
		}
		if strings.HasPrefix(l, "——") || strings.HasPrefix(l, "--") || isDateline(l) || strings.HasPrefix(l, "（") && strings.HasSuffix(l, "）") || strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") {
			continue // a subtitle, a date
		}
		if len(l) > 21*utf8.UTFMax {
			return "" // longer than an office and a name: the text
		}
		m := speakerRE.FindStringSubmatch(l)
		if m == nil || slices.Contains(notSpeakers, m[1]) || isHeadingLabel(m[1]) || strings.ContainsAny(m[1][len(m[1])-3:], "组組会會部院局所社室处處委办辦") {
			return ""
		}
		return m[1]
	}
	return ""
}

// leadingBody reads the body named over a page that says nothing else of
// its source: 大陸委員會 over 新聞稿 and the headline, 立法會 over a
// committee's paper. The document's title is not one (中央经济工作会议在
// 北京举行 ends as a bank's name does).
func leadingBody(head, title string) string {
	line, _, _ := strings.Cut(head, "\n")
	if line = strings.TrimSpace(line); line == title || len(line) > 20*utf8.UTFMax || utf8.RuneCountInString(line) > 20 || !issuerRE.MatchString(line) {
		return ""
	}
	return line
}

// windows is what reading a document's head and foot finds, each piece
// once, for the fields that use it.
type windows struct {
	head, foot string
	hs, fs     []keySite // where the metaKeys are in each
	// A news agency's dispatch among the head's first lines.
	agency, reporters string
	dispatch          bool
	// A WeChat article's byline.
	wxAuthor, wxAccount string
	wechat              bool
	// The foot's lines and the last dateline among them (-1: none).
	footLines []string
	footDate  int
}

func readWindows(text string) windows {
	w := windows{head: metaLines(text, false), foot: metaLines(text, true), footDate: -1}
	w.hs, w.fs = findKeys(w.head), findKeys(w.foot)
	w.agency, w.reporters, _, w.dispatch = dispatch(w.head)
	w.wxAuthor, w.wxAccount, w.wechat = wechatByline(w.head)
	w.footLines = strings.Split(w.foot, "\n")
	for i := len(w.footLines) - 1; i >= 0; i-- {
		if isDateline(w.footLines[i]) {
			w.footDate = i
			break
		}
	}
	return w
}

// cleanField runs the cleaner over a value read off lightly cleaned text,
// so that it reads as it would in the clean text (ASCII punctuation next to
// Chinese made full width, doubled commas repaired).
func cleanField(s string) string {
	if s == "" || !strings.ContainsAny(s, ",;:?!()") {
		return s
	}
	c, _ := Clean(s)
	return c
}

// metaLines returns the head of text (or its foot) as the cleaner would
// leave it, for the lines the metadata is read from: the first headLines
// (last footLines) non-blank lines that are not page furniture or repeats,
// trimmed, with markup read (markupEdits), pinyin annotations removed and
// NBSP made a space, at most headBytes (footBytes) of them.
func metaLines(text string, foot bool) string {
	limit, budget := headLines, headBytes
	if foot {
		limit, budget = footLines, footBytes
	}
	var kept []string
	lastKept := ""
	var takeLine func(line string) bool
	take := func(line string) bool {
		if strings.ContainsAny(line, "&<") {
			// A page's markup, read first, as the cleaner (&nbsp;新华社
			//北京电, 来源：新华网</p>); a tag mid-line ends a line.
			parts := strings.Split(applyEdits(line, markupEdits(line)), "\n")
			if foot {
				slices.Reverse(parts)
			}
			for _, p := range parts {
				if !takeLine(p) {
					return false
				}
			}
			return true
		}
		return takeLine(line)
	}
	takeLine = func(line string) bool {
		line = strings.TrimFunc(line, func(r rune) bool { return isSpaceLike(r) || unicode.IsSpace(r) })
		if line == "" {
			return true
		}
		if len(line) > budget {
			line = truncateBytes(line, budget, foot)
		}
		if strings.Contains(line, "(") || strings.Contains(line, "（") {
			line = withoutReadings(line) // first, as the cleaner: 请(qǐng)输入验(yàn)证码 is a captcha
		}
		if len(line) <= maxDebrisLine*utf8.UTFMax && utf8.RuneCountInString(line) <= maxDebrisLine &&
			(line == lastKept || isBreadcrumb(line) || debrisRule(debrisKey(line)) != "") {
			return true
		}
		if slices.Contains(kept, line) {
			return true // a repeated paragraph
		}
		lastKept = line
		line = strings.ReplaceAll(line, "\u00a0", " ")
		kept = append(kept, line)
		budget -= len(line)
		return len(kept) < limit && budget > 0
	}
	if foot {
		for end := len(text); end > 0; {
			start := strings.LastIndexByte(text[:end], '\n') + 1
			if !take(text[start:end]) {
				break
			}
			end = start - 1
		}
		slices.Reverse(kept)
	} else {
		for start := 0; start < len(text); {
			end := strings.IndexByte(text[start:], '\n')
			if end < 0 {
				end = len(text) - start
			}
			if !take(text[start : start+end]) {
				break
			}
			start += end + 1
		}
	}
	return strings.Join(kept, "\n")
}

// truncateBytes cuts s to at most n bytes at a character boundary, keeping
// its start (or its end when fromEnd).
func truncateBytes(s string, n int, fromEnd bool) string {
	if fromEnd {
		i := len(s) - n
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		return s[i:]
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// applyEdits performs sorted, non-overlapping edits on s.
func applyEdits(s string, edits []edit) string {
	if len(edits) == 0 {
		return s
	}
	n := len(s) // the result's size, so that the builder never grows
	for _, e := range edits {
		n += len(e.repl) - (e.end - e.start)
	}
	var sb strings.Builder
	sb.Grow(max(n, 0)) // a hint: overlapping edits would count too much away
	at := 0
	for _, e := range edits {
		sb.WriteString(s[at:e.start])
		sb.WriteString(e.repl)
		at = e.end
	}
	sb.WriteString(s[at:])
	return sb.String()
}

// maxOutlet is the longest line outletRE can match, in bytes: eight Han
// characters and a three-character ending, four bytes each at most.
const maxOutlet = 11 * utf8.UTFMax

// isOutlet reports a line that is an outlet's name. The length is checked
// first: the regexp's backtracker costs in proportion to its input, and
// header lines can be long paragraphs.
func isOutlet(line string) bool { return len(line) <= maxOutlet && outletRE.MatchString(line) }

// headerLines are how many non-blank lines at the top can hold a dispatch
// or an outlet's name; titleLines, a headline.
const (
	headerLines = 6
	titleLines  = 8
)

// isFurniture reports header lines that are not the headline: an outlet
// name, a navigation trail, a date or source line, or a line too short to
// be a title.
func isFurniture(line string) bool {
	if isOutlet(line) || isBreadcrumb(line) || utf8.RuneCountInString(line) < 4 || isDocHeader(line) || isFieldRow(line) {
		return true
	}
	sites := findKeys(line)
	return isBylineLine(line, sites) || findNear(sourceRE, line, sites, sourceKeys) != nil || isDateline(line) || isDispatchLine(line) ||
		strings.HasPrefix(line, "原") && wechatBylineRE.MatchString(line)
}

// isBylineLine reports a line that is a byline and little more: 记者 窦衍凤,
// 作者：王明, 界面新闻记者 | 王五, 记者 任彦 摄 (a photograph's),
// 〔記者王小明／台北報導〕.
func isBylineLine(line string, sites []keySite) bool {
	for _, s := range sites {
		if s.at > 12*utf8.UTFMax || !slices.Contains(authorKeys, metaKeys[s.key]) {
			continue
		}
		m := bylineAt(line[s.at:])
		if m == nil {
			continue
		}
		nameEnd := m[3]
		if nameEnd < 0 {
			nameEnd = m[5]
		}
		rest := strings.TrimFunc(line[s.at+nameEnd:], func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '|' || r == '｜'
		})
		if utf8.RuneCountInString(rest) <= 6 {
			return true // what may follow a name: 摄, 报道, 台北報導
		}
	}
	return false
}

// fieldRowRE matches a row of the table of fields a government site sets
// over a document (索引号：…　主题分类：…, 发文机关：国务院办公厅, 发文字号：…):
// a label it uses and a colon.
var fieldRowRE = regexp.MustCompile(`^(?:索引号|索引號|主题分类|主題分類|主题词|主題詞|发文机关|發文機關|发布机构|發布機構|發佈機構|成文日期|发文日期|發文日期|发文字号|發文字號|文号|文號|公文种类|公文種類|体裁分类|體裁分類|组配分类|組配分類|有效性|发布单位|發布單位|發佈單位|發布日期|發佈日期|发布日期|发布时间|發布時間|时效性|時效性|效力状态|效力狀態|生效日期|施行日期|实施日期|實施日期|失效日期|资料来源|資料來源|关键词|關鍵詞|关键字|關鍵字|所属机构|所屬機構|所属类别|所屬類別)\s*[:：]`)

// isFieldRow reports such a row.
func isFieldRow(line string) bool {
	head := line[:min(len(line), 20)] // the longest label and its colon
	return (strings.Contains(head, "：") || strings.IndexByte(head, ':') >= 0) && fieldRowRE.MatchString(line)
}

// docHeaderRE matches the lines above an official document's title: its
// masthead (国务院办公厅文件, the red header), its number (国办发〔2024〕7号,
// 京政发[2023]12号; a paper's, 立法會CB(1)123/2024(01)號文件), its urgency
// and secrecy (特急, 机密★1年), its signer (签发人：张三).
var docHeaderRE = regexp.MustCompile(`^(?:[\p{Han}（）() \x{3000}]{2,20}文件|\P{Han}{0,12}\p{Han}{0,6}[A-Za-z0-9()（）/\-]{3,}\s*[号號]文件|[\p{Han}]{1,12}\s*[〔［\[(（]\s*(?:19|20)\d\d\s*[〕］\])）]\s*\d{1,4}\s*号|(?:特急|加急|急件|平急|特提|绝密|机密|秘密)(?:\s*[★☆]\s*\S{0,6})?(?:\s+(?:特急|加急|急件|平急|特提))?|签发人\s*[:：]\s*\S.{0,20})$`)

// isDocHeader reports a line of an official document's header.
func isDocHeader(line string) bool {
	if len(line) > 40*utf8.UTFMax || !docHeaderRE.MatchString(line) {
		return false
	}
	// A masthead names an issuer, not a subject: 关于废止部分规范性文件 is
	// a title.
	return !strings.HasSuffix(line, "文件") || !strings.Contains(line, "关于") && !strings.Contains(line, "的") && !strings.Contains(line, "關於")
}

// isDispatchLine reports a line that is only a dispatch: 新华社北京3月5日电（记者 张三）.
func isDispatchLine(line string) bool {
	_, _, rest, ok := dispatch(line)
	return ok && strings.TrimSpace(rest) == ""
}

// dateWordsRE matches what a dateline holds besides an outlet or a place:
// the date and time, the weekday and the label before them.
var dateWordsRE = regexp.MustCompile(`(?:19|20)\d\d\s*(?:年|[-/.])|\d+\s*(?:月|日|号|號|时|時|点|點|分|秒)?|(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|(?:发布|發佈|發布|更新|修改|编辑|編輯|录入|錄入)?(?:时间|時間|日期)|(?:发表|發表|发布|發佈|發布)(?:于|於)|上午|下午|凌晨|晚上`)

// isDateline reports a header line that dates the document rather than
// naming it: 2024年2月29日, 发布时间：2024-02-29 10:00, 2024年03月05日 星期二,
// or an outlet or place with a full date (国家统计局 2024年2月29日). A
// headline that mentions a year or a month is not one: 2024年政府工作报告,
// 国务院关于2024年深化经济体制改革重点工作的意见.
func isDateline(line string) bool {
	if len(line) >= 40*utf8.UTFMax {
		return false // 40 characters at least: a paragraph, not counted through
	}
	n := utf8.RuneCountInString(line)
	if last, _ := utf8.DecodeLastRuneInString(line); n >= 40 || strings.ContainsRune("。！？；.!?;", last) {
		return false // a sentence: 本规定自2024年3月1日起施行。
	}
	date := findDate(line, true)
	if date == "" {
		return false
	}
	han, latin := 0, 0
	for _, r := range dateWordsRE.ReplaceAllString(line, "") {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			latin++
		}
	}
	if han == 0 && latin <= 12 {
		return true // nothing but the date, its time and label
	}
	return len(date) == len("2006-01-02") && han <= 12
}

// extractTitle takes an explicit title line (a short line near the top that
// does not end a sentence), skipping site furniture, or failing that the
// first sentence.
func extractTitle(text string) string {
	n := 0
	first, heading := "", ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first == "" {
			first = line
		}
		if n++; n > titleLines {
			break
		}
		if label, value, ok := titleLabel(line); ok {
			if label && value != "" {
				return clip(value) // Subject: …, 标题：…
			}
			n--
			continue // another mail or news header: From:, Date:, Newsgroups:
		}
		if isFurniture(line) {
			if heading == "" && isDocNumber(line) {
				// 国发〔2024〕5号 over an addressee (各省人民政府：) and
				// the text: the title, failing a headline.
				heading = line
			}
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(line)
		if utf8.RuneCountInString(line) <= 60 && !strings.ContainsRune("。！？!?；;，,：:", last) && strings.Count(line, "，")+strings.Count(line, ",") < 2 &&
			!strings.Contains(line, "。") { // a sentence, and then a photograph's credit
			han := strings.IndexFunc(line, isHan) >= 0
			if !han || isHeadingLabel(line) {
				// A section's or a body's name over the page (中国新闻,
				// 澳門特別行政區政府新聞局), or a line with no Chinese in
				// it (China Daily): the headline, when one follows
				// before the text, is below it. Failing one, the first
				// such name in Chinese is the title (on a page in
				// English, its first line).
				if heading == "" || han && strings.IndexFunc(heading, isHan) < 0 {
					heading = line
				}
				continue
			}
			return clip(pageMark.ReplaceAllString(titleGoesOn(line, text), ""))
		}
		if heading == "" {
			first = line // the first paragraph that is not furniture
		}
		break
	}
	if heading != "" {
		return clip(heading) // 政策動態 over the text: the title it has
	}
	if first == "" {
		return ""
	}
	if _, _, rest, ok := dispatch(first); ok && rest != "" {
		first = rest // 新华社北京3月5日电 十四届全国人大二次会议开幕。
	}
	if headline, ok := bracketHeadline(first); ok {
		return clip(headline) // 【国务院：…】今天上午…, as a post opens
	}
	if i := sentenceEnd(first); i >= 0 {
		r, size := utf8.DecodeRuneInString(first[i:])
		if r == '。' {
			size = 0 // the full stop is dropped; ！ and ？ carry meaning
		}
		first = first[:i+size]
	}
	return clip(first)
}

// headingLabelRE is a name that heads a page above its headline: a section
// (中国新闻, 要闻, 政策动态, 财经频道) or a body (澳門特別行政區政府新聞局,
// 国家发展改革委): Han characters alone, ending as such names do.
//
// A body's name ends as few headlines do: not 行 or 会 alone, which end
// 会议在北京举行 and 召开常务会, but 银行, 委员会. And a line that holds a
// headline's verb is a headline (习近平考察中国科学院).
var headingLabelRE = regexp.MustCompile(`^\p{Han}{0,14}(?:新闻|新聞|要闻|要聞|快讯|快訊|资讯|資訊|动态|動態|专题|專題|专栏|專欄|栏目|欄目|新闻稿|新聞稿|新闻公报|新聞公報|财经|財經|评论|評論|观察|觀察|滚动|滾動|头条|頭條|` +
	`院|部|委|局|厅|廳|署|办|辦|办公室|辦公室|银行|銀行|委员会|委員會|协会|協會|学会|學會|商会|商會|联合会|聯合會|政府|处|處|司|中心|集团|集團|公司|大学|大學|研究所)$`)

// headlineVerbs are what a headline does and a name does not.
var headlineVerbs = regexp.MustCompile(`考察|视察|視察|会见|會見|会晤|會晤|召开|召開|举行|舉行|出席|访问|訪問|发布|發布|發佈|成立|主持|表示|强调|強調|指出|宣布|签署|簽署|通过|通過|印发|印發|批准|任命|走访|走訪|调研|調研|慰问|慰問|致电|致電|致信|回应|回應|答记者问|答記者問`)

// isHeadingLabel reports a line that may be such a name, a series' name
// with its issue (CSIS中国研究简报 | 第12期, 经济参考 2024年第5期), or an
// announcement's or an order's number (商务部公告2023年第45号, 财政部
// 税务总局公告2023年第1号, 国家发展和改革委员会令第1号).
func isHeadingLabel(line string) bool {
	return len(line) <= 16*utf8.UTFMax && headingLabelRE.MatchString(line) && !headlineVerbs.MatchString(line) ||
		strings.Contains(line, "期") && issueRE.MatchString(line) ||
		len(line) <= 30*utf8.UTFMax && endsNumbered(line) && numberedRE.MatchString(line)
}

// issueRE is an issue's number: 第12期, 总第123期, 第十二期.
var issueRE = regexp.MustCompile(`第\s*[\d一二三四五六七八九十百〇零]{1,5}\s*期`)

// numberedRE is a line that ends with a number of a series of notices:
// 公告2023年第45号, 令第1号, 通告〔2024〕第3号.
var numberedRE = regexp.MustCompile(`^[^，。；：,;:]*?(?:公告|通告|令|公報|公报)\s*(?:[〔［\[(（]?\s*(?:19|20)\d\d\s*[〕］\])）年]?\s*)?第\s*[\d一二三四五六七八九十百〇零]{1,5}\s*[号號]$`)

// isDocNumber reports a document's number line among its header's
// (isDocHeader): 国发〔2024〕5号, 立法會CB(1)123/2024(01)號文件.
func isDocNumber(line string) bool {
	return isDocHeader(line) && (endsNumbered(line) || endsNumbered(strings.TrimSuffix(line, "文件")))
}

// endsNumbered reports a line that ends with a number's 号.
func endsNumbered(line string) bool {
	return strings.HasSuffix(line, "号") || strings.HasSuffix(line, "號")
}

// sentenceEnd is strings.IndexAny(s, "。！？!?") written for Chinese text:
// a byte loop, where IndexAny looks each character up among the marks.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '!' || c == '?':
			return i
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82: // 。
			return i
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x81 || s[i+2] == 0x9F): // ！？
			return i
		}
	}
	return -1
}

// bracketHeadline reads the headline a post or a short report opens with in
// black brackets: 【#政府工作报告全文#】今天上午…. Topic marks (#…#) are
// dropped; a bracket of under four Han characters (【纠错】) is none.
func bracketHeadline(para string) (string, bool) {
	rest, ok := strings.CutPrefix(para, "【")
	if !ok {
		return "", false
	}
	inner, _, ok := strings.Cut(rest, "】")
	if !ok {
		return "", false
	}
	inner = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(inner, "#", " "), "＃", " "))
	if bracketByline.MatchString(inner) {
		return "", false // 【环球时报记者 张三】, 【环球网报道】: who wrote it
	}
	han := 0
	for _, r := range inner {
		if isHan(r) {
			han++
		}
	}
	return inner, han >= 4 && utf8.RuneCountInString(inner) <= maxTitle
}

// bracketByline is a byline or a dispatch in black brackets.
var bracketByline = regexp.MustCompile(`记者|記者|特约|特約|通讯员|通訊員|文\s*[/／]|(?:报道|報導|報道|讯|訊|电|電|编译|編譯)$`)

// titleGoesOn returns title with the line after it in text when the title
// leaves a 《 open that that line closes: a long title set on two lines
// (国务院办公厅关于印发《推动大规模设备更新 / 行动方案》的通知).
func titleGoesOn(title, text string) string {
	if strings.Count(title, "《") <= strings.Count(title, "》") {
		return title
	}
	_, after, ok := strings.Cut(text, title)
	if !ok {
		return title
	}
	for _, next := range strings.Split(after, "\n") {
		next = strings.TrimSpace(next)
		if next == "" {
			continue
		}
		if strings.Contains(next, "》") && utf8.RuneCountInString(title+next) <= 80 {
			return title + next
		}
		break
	}
	return title
}

// headerRE matches a mail or news header line, and a line that labels the
// title: Subject: …, 标题：….
//
// One ^ before the alternatives, not one in each: Go's regexp treats only
// the former as anchored, and tried the latter at every byte of the line.
var headerRE = regexp.MustCompile(`^(?:(?i:(subject|title)|(from|to|cc|date|newsgroups|message-id|path|organization|lines|sender|reply-to|references|xref|x-[a-z-]+|mime-version|content-type|content-transfer-encoding)):\s*|(标题|標題|主题|主題|题目|題目)\s*[:：]\s*)`)

// titleLabel reports whether line is such a header; label is set when it
// names the title, which is value.
func titleLabel(line string) (label bool, value string, ok bool) {
	m := headerRE.FindStringSubmatchIndex(line)
	if m == nil {
		return false, "", false
	}
	return m[2] >= 0 || m[6] >= 0, strings.TrimSpace(line[m[1]:]), true
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxTitle {
		return truncateRunes(s, maxTitle) + "…"
	}
	return s
}

// extractDate returns the first full date as YYYY-MM-DD, else the first
// year and month as YYYY-MM, else the first year, else "".
func extractDate(text string) string {
	// Every pattern starts with a year: find those places once and try the
	// patterns only there.
	at := yearStarts(text)
	near := func(i int) string { return text[i:min(len(text), i+40)] }
	for _, i := range at {
		if m := dateRE.FindStringSubmatch(near(i)); m != nil {
			mo, d := m[2], m[3]
			if mo == "" {
				mo, d = m[4], m[5]
			}
			if valid(mo, 12) && valid(d, 31) && inMonth(m[1], mo, d) {
				return fmt.Sprintf("%s-%s-%s", m[1], pad(mo), pad(d))
			}
		}
	}
	for _, i := range at {
		if m := monthRE.FindStringSubmatch(near(i)); m != nil && valid(m[2]+m[3], 12) && !isTarget(text, i, len(m[0])) && !isColumnHead(text, i, len(m[0])) {
			return fmt.Sprintf("%s-%s", m[1], pad(m[2]+m[3]))
		}
	}
	for _, i := range at {
		if m := yearRE.FindStringSubmatch(near(i)); m != nil && !isTarget(text, i, len(m[1])) && !isColumnHead(text, i, len(m[1])) {
			return m[1]
		}
	}
	return ""
}

// isColumnHead reports whether the year or month at text[i:i+n] is a
// table's column heading: the cell it starts (cells parted by tabs or
// " | ", as the readers write a table's rows) holds it and no more than
// columnHeadRE allows (2023年, 2024年1月, 2023年度, 2022年末, 2023年（亿元）). Such a year heads
// a column of figures (指标 | 2023年 | 2024年) and says nothing of when the
// document was written. A cell with more (2018年12月06日 08:42 | 来源, a
// byline) is read as before.
func isColumnHead(text string, i, n int) bool {
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += i
	}
	line := text[start:end]
	if strings.IndexByte(line, '\t') < 0 && !strings.Contains(line, " | ") {
		return false
	}
	before := strings.TrimRight(text[start:i], " \u3000")
	if before != "" && !strings.HasSuffix(before, "\t") && !strings.HasSuffix(before, " |") {
		return false
	}
	rest := text[i+n : end]
	if k := strings.IndexByte(rest, '\t'); k >= 0 {
		rest = rest[:k]
	}
	if k := strings.Index(rest, " | "); k >= 0 {
		rest = rest[:k]
	}
	return columnHeadRE.MatchString(strings.TrimSpace(rest))
}

// columnHeadRE is what may follow a year or month that heads a column: its
// 年 and month, a part of the year, a kind of figure, a unit.
var columnHeadRE = regexp.MustCompile(`^(?:年(?:\s*\d{1,2}(?:\s*[-—~至]\s*\d{1,2})?\s*月)?)?(?:份|度|末|底|初|中|上半年|下半年|全年|前三季度|[一二三四1-4]季度|计划|目标|实际|预计|同期|累计)?(?:\s*[（(][^（()）]{1,12}[）)])?$`)

// inMonth reports whether day d (1–31) is in month mo (1–12) of year y: a
// 29 February only in a leap year, no 31 April.
func inMonth(y, mo, d string) bool {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(mo)
	dd, _ := strconv.Atoi(d)
	return time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC).Day() == dd
}

// isTarget reports whether the year or month at text[i:i+n] is a plan's
// horizon rather than when something happened: 到2025年, 至2035年 (but not
// 截至2023年, a reporting date), 2030年前 (but not 2024年前三季度). Policy texts are full of these,
// and a briefing dated by the end of its plan would sort years ahead.
func isTarget(text string, i, n int) bool {
	before := text[:i]
	switch {
	case strings.HasSuffix(before, "到"):
		return true
	case strings.HasSuffix(before, "至"):
		return !strings.HasSuffix(before, "截至") && !strings.HasSuffix(before, "截止至")
	}
	after := strings.TrimPrefix(text[i+n:], "年")
	after = strings.TrimPrefix(after, "以")
	rest, ok := strings.CutPrefix(after, "前")
	if !ok {
		return false
	}
	// 2024年前三季度 is the first three quarters of 2024.
	r, _ := utf8.DecodeRuneInString(rest)
	return !strings.ContainsRune("一二两兩三四五六七八九十几幾半0123456789", r)
}

// yearStarts lists, in order, where a year may start: 19xx or 20xx not
// preceded by a digit or a point. The second digit is searched for with
// IndexByte, which runs at memory speed over the Chinese text between.
func yearStarts(text string) []int {
	if len(text) < 4 {
		return nil
	}
	var at []int
	for _, y := range [2]string{"19", "20"} {
		for k := 1; k < len(text)-2; {
			j := strings.IndexByte(text[k:len(text)-2], y[1])
			if j < 0 {
				break
			}
			i := k + j - 1 // where the year would start
			k += j + 1
			if text[i] == y[0] && isDigitByte(text[i+2]) && isDigitByte(text[i+3]) &&
				(i == 0 || !isDigitByte(text[i-1]) && text[i-1] != '.') {
				at = append(at, i)
			}
		}
	}
	slices.Sort(at)
	return at
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// metaKeys are the words that metadata starts with; findKeys finds all of
// them in one pass, and findNear tries a pattern only where one occurs.
var metaKeys = []string{"来源", "來源", "出处", "出處", "发布单位", "發布單位", "發佈單位", "发布机构", "發布機構", "發佈機構", "本文由", "记者", "記者", "作者", "撰稿", "文/", "文 /"}

var (
	sourceKeys      = metaKeys[0:4]
	publisherKeys   = metaKeys[4:10] // 发布单位：行政院新聞傳播處, when no 来源 says more
	contributorKeys = metaKeys[10:11]
	authorKeys      = metaKeys[11:]
)

// keySite is where metaKeys[key] occurs.
type keySite struct{ at, key int }

// keyTails marks the last two bytes of the first character of every
// metaKey (all are three-byte characters), as a bitmap over byte pairs.
var keyTails = func() (m [1 << 16 / 64]uint64) {
	for _, key := range metaKeys {
		p := uint16(key[1])<<8 | uint16(key[2])
		m[p/64] |= 1 << (p % 64)
	}
	return m
}()

// findKeys lists, in order, where the metaKeys occur in text, in one pass:
// a three-byte character is looked up by its last two bytes in keyTails,
// and only the few that may start a key are compared with the keys.
func findKeys(text string) []keySite {
	var out []keySite
	for i := 0; i+2 < len(text); {
		if text[i]&0xF0 != 0xE0 {
			i++
			continue
		}
		p := uint16(text[i+1])<<8 | uint16(text[i+2])
		if keyTails[p/64]&(1<<(p%64)) != 0 {
			for k, key := range metaKeys {
				if strings.HasPrefix(text[i:], key) {
					out = append(out, keySite{i, k})
				}
			}
		}
		i += 3 // the character's bytes: none starts a key
	}
	return out
}

// bylineAt reads a byline (authorRE) at the start of text, a metaKey of
// authorKeys, returning the submatches' indexes or nil. Most 记者 in a
// text are no byline (接受记者采访): the character after the key tells,
// before the pattern is tried.
func bylineAt(text string) []int {
	if k := text[:min(len(text), len("记者"))]; k == "记者" || k == "記者" || k == "作者" || k == "撰稿" {
		rest := text[len(k):]
		r, _ := utf8.DecodeRuneInString(rest)
		if !isSpaceLike(r) && !unicode.IsSpace(r) && !strings.ContainsRune(":：|｜", r) &&
			!strings.ContainsAny(rest[:min(len(rest), 200)], "/／") {
			return nil // 记者采访; 記者王小明／台北報導 has its slash
		}
	}
	return authorRE.FindStringSubmatchIndex(text[:min(len(text), 200)])
}

// findByline is findNear for authorRE, through bylineAt.
func findByline(text string, sites []keySite) []string {
	return findAt(text, sites, authorKeys, bylineAt)
}

// findNear tries re at each site (of findKeys on text) holding one of keys,
// in order, and returns the first match.
func findNear(re *regexp.Regexp, text string, sites []keySite, keys []string) []string {
	return findAt(text, sites, keys, func(s string) []int { return re.FindStringSubmatchIndex(s[:min(len(s), 200)]) })
}

// findAt tries match (giving submatch indexes, or nil) at each site holding
// one of keys, in order, and returns the first match's submatches.
func findAt(text string, sites []keySite, keys []string, match func(string) []int) []string {
	for _, s := range sites {
		if !slices.Contains(keys, metaKeys[s.key]) {
			continue
		}
		if m := match(text[s.at:]); m != nil {
			out := make([]string, len(m)/2)
			for i := range out {
				if m[2*i] >= 0 {
					out[i] = text[s.at+m[2*i] : s.at+m[2*i+1]]
				}
			}
			return out
		}
	}
	return nil
}

// dispatchRE reads a news agency's dateline opening a report (电头):
// 新华社北京3月5日电（记者 张三、李四）, 人民网华盛顿12月1日电, 本报北京3月5日讯,
// a digest's, 参考消息网3月6日报道, and a relayed one, 据新华社3月5日报道. The
// agency is a short name ending as outlets' names do; 本报 (this paper)
// names none.
var dispatchRE = regexp.MustCompile(`^(?:据|據)?(?:(\p{Han}{1,6}?(?:社|网|網|报|報|台|臺))|本报|本報|本台|本臺|本刊)(?:\p{Han}{1,8}?)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|電|讯|訊|报道|報道|報導)\s*(?:[（(]([^）)]{1,60})[）)])?\s*(?:[，,：:]\s*)?`)

// Taiwan's and Hong Kong's papers set the dispatch in brackets: CNA's
// （中央社記者王小明台北5日電） and （中央社記者王小明華盛頓4日專電）,
// 【大紀元2024年03月05日訊】 followed by （大紀元記者李四香港報導）. The
// reporter's name runs into the place there: it is read when the place is
// one datelines name (datelinePlaces).
var (
	parenDispatchRE   = regexp.MustCompile(`^[（(](\p{Han}{1,6}?社)([^）)]{0,24}?)(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专|專)?(?:电|電)[）)]\s*`)
	bracketDispatchRE = regexp.MustCompile(`^[【\[](\p{Han}{2,6}?)(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:讯|訊|电|電)[】\]]\s*(?:[（(]([^）)]{1,60})[）)])?\s*`)
	// Reuters writes its dispatch with a dash: 路透北京2月5日 - 中国人民银行….
	dashDispatchRE = regexp.MustCompile(`^(路透社?)\p{Han}{0,8}?\d{1,2}月\d{1,2}日\s*[-－—–]+\s*`)
	dispatchREs    = []*regexp.Regexp{dispatchRE, parenDispatchRE, bracketDispatchRE, dashDispatchRE}
)

// reportedByRE reads the reporters after a dispatch without brackets:
// 本报北京3月5日讯 记者赵六报道：.
var reportedByRE = regexp.MustCompile(`^(?:记者|記者)\s*(\p{Han}{2,4}?(?:[、\s]\p{Han}{2,4}?)*)\s*(?:报道|報導|報道)\s*[:：]?\s*`)

// dispatch finds a dispatch line among the head's first lines and returns
// the agency, the reporters it names (张三、李四) and the line with the
// dispatch cut off.
func dispatch(head string) (agency, reporters, rest string, ok bool) {
	for i, line := range strings.SplitN(head, "\n", headerLines+1) {
		if i == headerLines {
			break
		}
		if !strings.Contains(line[:min(len(line), 120)], "日") {
			continue
		}
		var m []int
		var re *regexp.Regexp
		for _, re = range dispatchREs {
			if m = re.FindStringSubmatchIndex(line[:min(len(line), 200)]); m != nil {
				break
			}
		}
		if m == nil {
			continue
		}
		if m[2] >= 0 && !strings.HasPrefix(line, "本") {
			agency = outletName(line[m[2]:m[3]])
		}
		if len(m) > 5 && m[4] >= 0 {
			if re == dispatchRE {
				reporters = reporterNames(line[m[4]:m[5]]) // （记者 张三、李四）: names alone
			} else {
				reporters = bylineNames(line[m[4]:m[5]])
			}
		}
		rest = line[m[1]:]
		if r := reportedByRE.FindStringSubmatchIndex(rest); r != nil {
			reporters = reporterNames(rest[r[2]:r[3]]) // 记者赵六报道：
			rest = rest[r[1]:]
		}
		return agency, reporters, rest, true
	}
	return "", "", "", false
}

// outletName cuts a place off an agency's name: the bracketed dispatch
// 【新华社北京3月5日电】 gives 新华社北京, and the name ends at its first
// outlet ending after its first character (台湾日报 keeps its 台).
func outletName(s string) string {
	for i, r := range s {
		if i > 0 && strings.ContainsRune("社网網报報台臺", r) {
			return s[:i+utf8.RuneLen(r)]
		}
	}
	return s
}

// datelinePlaces are the places Taiwan's and Hong Kong's datelines name
// after the reporter (中央社記者王小明台北5日電): Taiwan's cities and
// counties, and the cities correspondents file from.
var datelinePlaces = []string{
	"台北", "臺北", "新北", "桃園", "台中", "臺中", "台南", "臺南", "高雄", "基隆", "新竹", "苗栗", "彰化",
	"南投", "雲林", "嘉義", "屏東", "宜蘭", "花蓮", "台東", "臺東", "澎湖", "金門", "馬祖", "連江",
	"香港", "澳門", "北京", "上海", "廣州", "深圳", "廈門", "華盛頓", "紐約", "洛杉磯", "舊金山", "芝加哥",
	"休士頓", "西雅圖", "波士頓", "檀香山", "多倫多", "溫哥華", "渥太華", "東京", "大阪", "首爾", "新加坡",
	"曼谷", "河內", "胡志明市", "雅加達", "馬尼拉", "吉隆坡", "新德里", "雪梨", "墨爾本", "倫敦", "巴黎",
	"柏林", "布魯塞爾", "日內瓦", "維也納", "羅馬", "馬德里", "海牙", "華沙", "布拉格", "基輔", "莫斯科",
	"斯德哥爾摩", "耶路撒冷", "杜拜", "開羅", "約翰尼斯堡", "聖保羅", "墨西哥城", "法蘭克福", "慕尼黑",
}

// bylineNames reads the reporters in a Taiwan or Hong Kong dispatch,
// where the place follows the names: 記者王小明台北 (CNA, after the
// agency), 大紀元記者李四香港報導. Without 記者 there are none. A last name
// that runs into a place datelines do not name is left out: where it ends
// cannot be told.
func bylineNames(s string) string {
	_, s, ok := strings.Cut(s, "記者")
	if !ok {
		return ""
	}
	for _, end := range []string{"綜合報導", "報導", "報道", "專電"} {
		s = strings.TrimSuffix(s, end)
	}
	last := s[strings.LastIndex(s, "、")+1:]
	for _, p := range datelinePlaces {
		for _, place := range []string{p, p + "縣", p + "市"} {
			if name, ok := strings.CutSuffix(last, place); ok && utf8.RuneCountInString(name) >= 2 {
				return reporterNames(s[:len(s)-len(place)])
			}
		}
	}
	if k := strings.LastIndex(s, "、"); k >= 0 {
		return reporterNames(s[:k]) // the last runs into a place not known
	}
	return ""
}

// reporterNames reads the names in a dispatch's brackets: 记者 张三、李四,
// 记者张三 李四, 記者竇衍鳳 (after a dispatch, 记者 needs no space: what
// follows is names).
func reporterNames(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range []string{"记者", "記者", "通讯员", "通訊員", "实习生", "實習生"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, w))
	}
	var names []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == '，' || r == ',' || r == '　' || unicode.IsSpace(r) }) {
		if n := utf8.RuneCountInString(f); n < 2 || n > 4 || strings.ContainsFunc(f, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
			return strings.Join(names, "、")
		}
		names = append(names, f)
	}
	return strings.Join(names, "、")
}

// wechatBylineRE reads a WeChat article's byline: 原创 张三 中国经济观察
// 2024-03-05 08:00 发表于北京, or with the date 2024年03月05日: the authors
// (none, one, several, a desk's name: 政策研究室) and the account, the last
// word before the date.
var wechatBylineRE = regexp.MustCompile(`^(?:原创|原創)\s+((?:\S{1,12}\s+){0,4}?)(\S{2,24}?)\s+(?:19|20)\d\d(?:-\d\d-\d\d|年\d{1,2}月\d{1,2}日)`)

// wechatByline finds that byline among the head's first lines.
func wechatByline(head string) (author, account string, ok bool) {
	for i, line := range strings.SplitN(head, "\n", headerLines+1) {
		if i == headerLines {
			break
		}
		if !strings.HasPrefix(line, "原") {
			continue
		}
		if m := wechatBylineRE.FindStringSubmatch(line); m != nil {
			return strings.Join(strings.Fields(m[1]), "、"), m[2], true
		}
	}
	return "", "", false
}

// extractSource reads 来源：… near the top, else a WeChat byline's
// account, else a news agency's dispatch line, else 发布单位：… (or
// 发布机构) near the top, else a contributor line
// (本文由…供稿) at the foot or the top, else an outlet name heading the
// document.
func extractSource(w windows) string {
	if m := findNear(sourceRE, w.head, w.hs, sourceKeys); m != nil {
		return m[1]
	}
	if w.wechat {
		return w.wxAccount
	}
	if w.dispatch && w.agency != "" {
		return w.agency
	}
	if m := findNear(sourceRE, w.head, w.hs, publisherKeys); m != nil {
		return m[1]
	}
	if m := findNear(contributorRE, w.foot, w.fs, contributorKeys); m != nil {
		return m[1]
	}
	if m := findNear(contributorRE, w.head, w.hs, contributorKeys); m != nil {
		return m[1]
	}
	for _, line := range strings.SplitN(w.head, "\n", headerLines+1) {
		if line = strings.TrimSpace(line); isOutlet(line) {
			return line
		}
	}
	if outlet := bylineOutlet(w.head, w.hs); outlet != "" {
		return outlet
	}
	return issuer(w)
}

// bylineOutlet reads the outlet a byline opens with: 界面新闻记者 | 王五,
// 澎湃新闻记者 张三, 新华社驻华盛顿记者 李四 (a byline: authorRE reads a
// name after it). 本报记者 (this paper's) and 首席记者 (a rank) name none.
func bylineOutlet(head string, sites []keySite) string {
	for _, s := range sites {
		if k := metaKeys[s.key]; k != "记者" && k != "記者" {
			continue
		}
		start := strings.LastIndexByte(head[:s.at], '\n') + 1
		if s.at-start > 12*utf8.UTFMax {
			continue // more than a name before it
		}
		outlet := strings.TrimSpace(head[start:s.at])
		if i := strings.IndexAny(outlet, "驻駐"); i > 0 {
			outlet = outlet[:i] // 新华社驻华盛顿: the agency
		}
		n := utf8.RuneCountInString(outlet)
		if n < 2 || n > 8 || strings.IndexFunc(outlet, func(r rune) bool { return !isHan(r) }) >= 0 ||
			strings.HasPrefix(outlet, "本") || slices.Contains(notOutlets, outlet) ||
			bylineAt(head[s.at:]) == nil {
			continue
		}
		return outlet
	}
	return ""
}

// notOutlets are the words before 记者 that give a rank or a kind.
var notOutlets = []string{"首席", "特约", "特約", "实习", "實習", "见习", "見習", "摄影", "攝影", "文字", "视频", "視頻",
	"全媒体", "全媒體", "融媒体", "融媒體", "驻外", "駐外", "前方", "随团", "隨團", "资深", "資深", "财经", "財經", "体育", "體育"}

// issuerRE is an official body's name as it signs a notice: 国务院,
// 国家发展改革委　商务部 (joint issuers), 农业农村部办公厅.
var issuerRE = regexp.MustCompile(`^` + issuerName + `(?:[\s\x{3000}、]+` + issuerName + `)*$`)

// issuerName is one body's name: Han characters ending as bodies' names do.
const issuerName = `\p{Han}{1,20}(?:` + issuerSuffix + `)`

// issuerSuffix is how bodies' names end.
const issuerSuffix = `院|部|委|局|厅|廳|署|办|辦|室|行|会|會|府|处|處|司|所|中心|集团|集團|公司|大学|大學`

// issuer reads the body signing a notice at its foot: the line just above
// the date under the text (国务院 / 2024年3月5日).
func issuer(w windows) string {
	if w.footDate <= 0 {
		return ""
	}
	if name := strings.TrimSpace(w.footLines[w.footDate-1]); utf8.RuneCountInString(name) <= 40 && issuerRE.MatchString(name) {
		return strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '、' || isSpaceLike(r) || unicode.IsSpace(r) }), "、")
	}
	return ""
}

func extractAuthor(w windows) string {
	if m := findByline(w.head, w.hs); m != nil {
		return m[1] + m[2]
	}
	if m := findByline(w.foot, w.fs); m != nil {
		return m[1] + m[2]
	}
	if w.wechat && w.wxAuthor != "" {
		return w.wxAuthor
	}
	if w.dispatch {
		return w.reporters
	}
	return ""
}

var (
	scriptOnce   sync.Once
	scriptTable  []uint8 // scriptTrad or scriptSimp for every BMP rune
	scriptAstral map[rune]uint8
)

const (
	scriptTrad = 1
	scriptSimp = 2
	scriptKana = 3 // hiragana and katakana: Japanese text
)

// minKanaShare is the share of kana among the characters counted from
// which a text is Japanese, of neither Chinese script: Japanese prose is a
// third or more kana, and its kanji fall on both sides (会 and 議).
const minKanaShare = 0.2

// dominantScriptShare is the share of one-script characters that makes a
// document Traditional or Simplified rather than mixed: a few characters of
// the other script are usual (a quoted name, a conversion slip).
const dominantScriptShare = 0.9

func scriptOf(r rune) uint8 {
	scriptOnce.Do(func() {
		scriptTable = make([]uint8, 0x10000)
		scriptAstral = map[rune]uint8{}
		for _, set := range []struct {
			runes string
			v     uint8
		}{{traditionalOnly, scriptTrad}, {simplifiedOnly, scriptSimp}} {
			for _, r := range set.runes {
				if r < 0x10000 {
					scriptTable[r] = set.v
				} else {
					scriptAstral[r] = set.v
				}
			}
		}
	})
	if r < 0x10000 {
		return scriptTable[r]
	}
	return scriptAstral[r]
}

// DetectScript says which script text is written in, from the characters
// that exist in only one of them (會 only in Traditional, 经 only in
// Simplified; see variants_gen.go): Traditional or Simplified when at least
// 90% of those characters are of that script, Mixed otherwise, None when
// the text has no such character.
func DetectScript(text string) Script { return countText(text).Script() }

// scriptOfCounts decides the script from the counts of characters found
// only in Traditional (t) and only in Simplified (s) text, and of kana (k):
// Japanese is neither.
func scriptOfCounts(t, s, k int) Script {
	switch {
	case t+s == 0 || float64(k) >= minKanaShare*float64(t+s+k):
		return ScriptNone
	case float64(t) >= dominantScriptShare*float64(t+s):
		return ScriptTraditional
	case float64(s) >= dominantScriptShare*float64(t+s):
		return ScriptSimplified
	}
	return ScriptMixed
}

func valid(s string, hi int) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= hi
}

func pad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
