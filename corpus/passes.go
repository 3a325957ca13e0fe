package corpus

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// lines calls fn for every line of s with its byte range [start, end),
// without the line feed; next is where the following line starts.
func lines(s string, fn func(start, end, next int)) {
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			fn(start, len(s), len(s)+1)
			return
		}
		fn(start, start+end, start+end+1)
		start += end + 1
	}
}

// lineDropper removes whole lines. A line dropped from between two blank
// lines takes one of them along, so that removing furniture leaves no pile
// of blank lines behind.
type lineDropper struct {
	s         string
	prevBlank bool
	out       []edit
}

func newLineDropper(s string) *lineDropper { return &lineDropper{s: s, prevBlank: true} }

// blank notes a blank line.
func (d *lineDropper) blank() { d.prevBlank = true }

// kept notes a line that stays.
func (d *lineDropper) kept() { d.prevBlank = false }

// drop removes line [start, end) whose next line starts at next: with its
// line feed, or with the line feed before it when it is the last line.
func (d *lineDropper) drop(start, end, next int, rule string) {
	e := edit{start: start, end: next, rule: rule}
	switch {
	case next > len(d.s) && start > 0:
		e = edit{start: start - 1, end: end, rule: rule}
	case next > len(d.s):
		e.end = end
	case d.prevBlank && next < len(d.s) && d.s[next] == '\n':
		e.end = next + 1 // the blank line after it goes too
	}
	d.out = append(d.out, e)
}

// finder finds the next ASCII byte a or full-width character wide in s,
// caching both searches: strings.IndexAny with a non-ASCII character would
// decode every rune, and searching again for the rarer of the two after
// each hit would scan the text over and over.
type finder struct {
	s            string
	a            byte
	wide         string
	nextA, nextW int // -1: not searched yet; len(s): none left
}

func newFinder(s string, a byte, wide string) *finder {
	return &finder{s: s, a: a, wide: wide, nextA: -1, nextW: -1}
}

// next returns the first match at or after i and its length, or -1.
func (f *finder) next(i int) (int, int) {
	if f.nextA < i {
		f.nextA = len(f.s)
		if j := strings.IndexByte(f.s[i:], f.a); j >= 0 {
			f.nextA = i + j
		}
	}
	if f.nextW < i {
		f.nextW = len(f.s)
		if j := strings.Index(f.s[i:], f.wide); j >= 0 {
			f.nextW = i + j
		}
	}
	switch {
	case f.nextA == len(f.s) && f.nextW == len(f.s):
		return -1, 0
	case f.nextA < f.nextW:
		return f.nextA, 1
	}
	return f.nextW, len(f.wide)
}

// spacesAt is how many ASCII spaces s holds from i on.
func spacesAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == ' ' {
		n++
	}
	return n
}

// hanLatinGap reports whether s[i:j], a space, stands between a Han
// character and a Latin letter or digit, either way round.
func hanLatinGap(s string, i, j int) bool {
	a, _ := utf8.DecodeLastRuneInString(s[:i])
	b, _ := utf8.DecodeRuneInString(s[j:])
	latin := func(r rune) bool { return r < utf8.RuneSelf && isASCIIAlnum(byte(r)) }
	return isHan(a) && latin(b) || latin(a) && isHan(b)
}

func isSpaceLike(r rune) bool { return r == ' ' || r == '\t' || r == 0xA0 || r == 0x3000 || r == '\f' }

// whitespaceEdits trims white space (spaces, tabs, NBSP, ideographic
// spaces) from both ends of every line (but the space before the bar that
// starts a table's row whose first cell is empty, " | 空"), turns each run of NBSP inside a
// line into one space, and drops a single space between a Han character
// and a Latin letter or digit (2017 年 1 月, 使用 Python: a PDF's text, or
// spacing a site's script added), which Chinese text does not have and a
// search for 2017年1月 would not find. Paragraphs stay as the source's lines.
func whitespaceEdits(s string) []edit {
	var out []edit
	lines(s, func(start, end, _ int) {
		line := s[start:end]
		trimmedL := strings.TrimLeftFunc(line, isSpaceLike)
		if lead := len(line) - len(trimmedL); lead > 0 {
			if strings.HasPrefix(trimmedL, "| ") && line[lead-1] == ' ' {
				lead-- // a table's row whose first cell is empty keeps " | "
			}
			if lead > 0 {
				out = append(out, edit{start: start, end: start + lead})
			}
			if trimmedL == "" {
				return
			}
		}
		body := strings.TrimRightFunc(trimmedL, isSpaceLike)
		bodyStart := end - len(trimmedL)
		inner := len(out)
		for i := 0; i < len(body); {
			j := strings.Index(body[i:], "\u00a0")
			if j < 0 {
				break
			}
			k := i + j
			n := k
			for strings.HasPrefix(body[n:], "\u00a0") {
				n += len("\u00a0")
			}
			repl := " "
			if hanLatinGap(body, k, n) {
				repl = ""
			}
			out = append(out, edit{start: bodyStart + k, end: bodyStart + n, repl: repl})
			i = n
		}
		for i := 1; i+1 < len(body); i++ {
			if body[i] == ' ' && body[i-1] != ' ' && body[i+1] != ' ' && hanLatinGap(body, i, i+1) {
				out = append(out, edit{start: bodyStart + i, end: bodyStart + i + 1})
			}
		}
		// The two loops' edits, in order (edits apply in order).
		slices.SortFunc(out[inner:], func(a, b edit) int { return a.start - b.start })
		if trail := len(trimmedL) - len(body); trail > 0 {
			out = append(out, edit{start: end - trail, end: end})
		}
	})
	return out
}

// maxDebrisLine is the longest line (in runes) that can be page furniture;
// a copyright footer can be maxFooterLine.
const (
	maxDebrisLine = 40
	maxFooterLine = 120
)

// Page furniture. A short line is matched with brackets, punctuation and
// spaces removed (so 【打印】, [打印] and 打印 are one case) and Latin
// letters lower-cased. The rule's name is recorded with the change.
//
//   - share:          分享, 分享让更多人看到, 分享到…, 扫一扫…, 转发, 点赞, 在看
//   - print:          打印, 打印本页, 关闭窗口
//   - back to top:    返回顶部, 回到顶部, top
//   - font size:      小字号, 字号：大 中 小, 字級：小 中 大
//   - read more:      请继续往下阅读…, 阅读全文, 展开全文, 更多
//   - view count:     浏览次数：1234, 瀏覽人次：1,234, 阅读量 10万+
//   - captcha:        请输入验证码, 看不清换一张
//   - end mark:       -END-, 全文完, （完）
//   - separator:      a line drawn with one symbol: *****, =====, ———
//   - editor credit:  (责编：…), 责任编辑：…, 编辑：…, 审核：…
//   - promotion:      经授权转自…, 若有疑问…, 阅读原文, 欢迎关注…
//   - page number:    — 3 —, 第3页 共12页, 3/12, Page 3 of 12 (a PDF's text)
//   - navigation:     breadcrumbs such as 人民网>>国际; 上一篇：…, 下一篇：…;
//     回上頁, 返回首页, 返回列表
//   - related:        相关阅读, 延伸阅读, 相关链接, 往期推荐 standing alone, and
//     the links' titles under them, up to a blank line or a sentence
//   - wechat:         a WeChat article's furniture: 预览时标签不可点, 写留言, 赞,
//     收录于合集 and its tags (#政策解读 12个)
//   - copyright:      版权所有…, Copyright…, a line with ©, an ICP or 公网安备
//     licence number or a 网站标识码
//   - repeated caption: a line identical to the line kept before it
//
// A line made of several pieces of furniture in brackets or set apart by
// wide spaces (【字体：大 中 小】　【打印】　【关闭】) is furniture too.
var (
	debrisExact = map[string]string{}
	// debrisPrefix: a line starting with one of these, plus up to 20
	// characters, is furniture.
	debrisPrefix = []struct{ rule, prefix string }{
		{"share", "分享到"}, {"share", "分享至"}, {"share", "扫一扫"}, {"share", "掃一掃"},
		{"share", "微信扫一扫"}, {"share", "微信掃一掃"},
		{"font size", "字号"}, {"font size", "字號"}, {"font size", "字体"}, {"font size", "字體"},
		{"font size", "字級"}, {"font size", "字级"}, {"font size", "字型"},
	}
	// debrisCount: a line starting with one of these and then only a
	// number (瀏覽人次：1,234, 阅读量 10万+).
	debrisCount = []string{"浏览人次", "瀏覽人次", "浏览次数", "瀏覽次數", "浏览量", "瀏覽量", "阅读量", "閱讀量",
		"阅读数", "閱讀數", "阅读", "閱讀", "点击数", "點擊數", "点击量", "點擊量", "点击", "點擊", "点阅数", "點閱數",
		"访问量", "訪問量", "人气", "人氣", "浏览", "瀏覽"}
	// debrisCredit: a line starting with one of these and then a name.
	debrisCredit = []string{"责编", "責編", "责任编辑", "責任編輯", "编辑", "編輯", "审核", "審核",
		"校对", "校對", "监制", "監製", "主编", "主編", "实习生", "實習生"}
	// debrisPromotion: a short line containing one of these.
	debrisPromotion = []string{"经授权转自", "經授權轉自", "若有疑问", "若有疑問", "请尽快联系", "請儘快聯繫",
		"点击阅读原文", "點擊閱讀原文", "阅读原文", "閱讀原文", "长按识别", "長按識別", "扫码关注", "掃碼關注",
		"欢迎关注", "歡迎關注", "关注我们", "關注我們"}
)

func init() {
	for rule, keys := range map[string][]string{
		"share": {"分享", "分享让更多人看到", "分享讓更多人看到", "一键分享", "一鍵分享", "转发", "轉發", "扫一扫", "掃一掃", "点赞", "點讚", "在看"},
		"print": {"打印", "列印", "打印本页", "打印本頁", "打印文章", "打印此文", "关闭窗口", "關閉窗口", "关闭本页", "關閉本頁", "关闭", "關閉"},
		"related": {"相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "相关链接", "相關鏈接", "相关新闻", "相關新聞", "相关文章", "相關文章", "推荐阅读", "推薦閱讀",
			"往期推荐", "往期推薦", "往期回顾", "往期回顧", "往期精选", "往期精選", "猜你喜欢", "猜你喜歡", "喜欢此内容的人还喜欢", "喜歡此內容的人還喜歡", "热门推荐", "熱門推薦", "热门新闻", "熱門新聞",
			"相关话题", "相關話題", "相关主题", "相關主題", "相关标签", "相關標籤", "热门话题", "熱門話題"},
		"back to top": {"返回顶部", "返回頂部", "回到顶部", "回到頂部", "返回页首", "返回頁首", "top", "backtotop"},
		"font size":   {"小字号", "中字号", "大字号", "小字號", "中字號", "大字號"},
		"captcha":     {"请输入验证码", "請輸入驗證碼", "输入验证码", "輸入驗證碼", "验证码", "驗證碼", "看不清换一张", "看不清換一張"},
		"end mark":    {"end", "theend", "全文完", "完"},
		"wechat":      {"预览时标签不可点", "預覽時標籤不可點", "关注该公众号", "關注該公眾號", "写留言", "寫留言", "留言", "精选留言", "精選留言", "赞", "讚", "收录于合集", "收錄於合集", "轻点两下取消赞", "輕點兩下取消讚", "轻点两下取消在看", "輕點兩下取消在看"},
		"navigation":  {"回上页", "回上頁", "回上一页", "回上一頁", "返回上页", "返回上頁", "返回上一页", "返回上一頁", "回首页", "回首頁", "返回首页", "返回首頁", "返回列表", "返回"},
		"feedback":    {"纠错", "糾錯", "我要纠错", "我要糾錯", "意见反馈", "意見反饋", "我要反馈", "我要反饋", "举报", "舉報"},
		"read more":   {"请继续往下阅读", "請繼續往下閱讀", "继续阅读", "繼續閱讀", "阅读全文", "閱讀全文", "展开全文", "展開全文", "查看全文", "点击查看全文", "點擊查看全文", "阅读更多", "閱讀更多", "看更多", "更多"},
	} {
		for _, k := range keys {
			debrisExact[k] = rule
		}
	}
}

// debrisRule returns the furniture rule a short line's key matches, or "".
func debrisRule(key string) string {
	if rule, ok := debrisExact[key]; ok {
		return rule
	}
	first, _ := utf8.DecodeRuneInString(key)
	if !debrisFirsts()[first] {
		// No prefix of a rule starts so: only a promotion, anywhere in
		// the line, is left to look for.
		for _, k := range debrisPromotion {
			if strings.Contains(key, k) {
				return "promotion"
			}
		}
		return ""
	}
	for _, p := range debrisPrefix {
		if strings.HasPrefix(key, p.prefix) && utf8.RuneCountInString(key)-utf8.RuneCountInString(p.prefix) <= 20 {
			if p.rule == "font size" && strings.Trim(key[len(p.prefix):], "大中小") != "" {
				continue // 字体设计… is prose
			}
			return p.rule
		}
	}
	for _, c := range debrisCredit {
		if rest, ok := strings.CutPrefix(key, c); ok {
			if r, _ := utf8.DecodeRuneInString(rest); isHan(r) && utf8.RuneCountInString(rest) <= 20 {
				return "editor credit"
			}
		}
	}
	for _, k := range debrisPromotion {
		if strings.Contains(key, k) {
			return "promotion"
		}
	}
	for _, k := range debrisCount {
		if rest, ok := strings.CutPrefix(key, k); ok && isCount(rest) {
			return "view count"
		}
	}
	if isActionBar(key) {
		return "share"
	}
	return ""
}

// debrisFirsts are the characters the prefixes debrisRule looks for start
// with.
var debrisFirsts = sync.OnceValue(func() map[rune]bool {
	m := map[rune]bool{}
	add := func(s string) { r, _ := utf8.DecodeRuneInString(s); m[r] = true }
	for _, p := range debrisPrefix {
		add(p.prefix)
	}
	for _, list := range [][]string{debrisCredit, debrisCount, actionWords} {
		for _, k := range list {
			add(k)
		}
	}
	return m
})

// actionWords are the buttons of a post's action bar, each with its count:
// 转发 1234 评论 567 赞 8901, 阅读 10万+ 在看 200.
var actionWords = []string{"转发", "轉發", "评论", "評論", "点赞", "點讚", "點贊", "赞", "讚", "贊", "收藏", "分享",
	"阅读", "閱讀", "在看", "喜欢", "喜歡", "留言", "浏览", "瀏覽", "推荐", "推薦"}

// isActionBar reports a key (see debrisKey) that is only action words, at
// least two, each followed by a count or none.
func isActionBar(key string) bool {
	words := 0
	for key != "" {
		i := slices.IndexFunc(actionWords, func(w string) bool { return strings.HasPrefix(key, w) })
		if i < 0 {
			return false
		}
		key = key[len(actionWords[i]):]
		words++
		n := 0
		for n < len(key) && isDigitByte(key[n]) {
			n++
		}
		key = key[n:]
		if n > 0 {
			for _, unit := range []string{"万", "萬", "w", "k"} {
				key = strings.TrimPrefix(key, unit)
			}
		}
	}
	return words >= 2
}

// isCount matches what follows a view count's label once punctuation is
// gone: 1234, 10万, 10万, 1234次.
func isCount(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "次"), "人")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "万"), "萬")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// lineRule matches furniture known by the line as written: links to the
// previous and next article, copyright and licence footers. (They are
// looked for on every line: a rule for the page's foot only would clean
// differently once other passes had shortened the text.)
func lineRule(line string) string {
	for _, p := range []string{"上一篇", "下一篇", "上一條", "下一條", "上一条", "下一条"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			if r, _ := utf8.DecodeRuneInString(rest); r == ':' || r == '：' || r == ' ' || r == '　' || rest == "" {
				return "navigation"
			}
		}
	}
	if isCopyright(line) {
		return "copyright"
	}
	if len(line) <= 40 && pageNumberRE.MatchString(line) {
		return "page number"
	}
	if strings.HasPrefix(line, "#") && collectionRE.MatchString(line) {
		return "wechat"
	}
	if isSeparator(line) {
		return "separator"
	}
	return ""
}

// isSeparator matches a line drawn with one symbol: *****, =====, ——————,
// ～～～ (three at least; a lone — or * may mean something).
func isSeparator(line string) bool {
	first, _ := utf8.DecodeRuneInString(line)
	if !strings.ContainsRune("*=-_~#+·.—－＊＝～＿•", first) || utf8.RuneCountInString(line) < 3 {
		return false
	}
	for _, r := range line {
		if r != first && r != ' ' {
			return false
		}
	}
	return true
}

// collectionRE matches a WeChat article's collection tags: #政策解读 12个.
var collectionRE = regexp.MustCompile(`^(?:#[^\s#]{1,20}\s*)+\d+\s*[个個]$`)

// pageNumberRE matches a page number standing alone, as a PDF's text keeps
// it: — 3 —, - 3 -, 第3页, 第 3 頁 共 12 頁, 3/12, Page 3 of 12. A bare number
// is not one: it may be a list's or a table's.
var pageNumberRE = regexp.MustCompile(`(?i)^(?:[-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+|第\s*\d{1,4}\s*[页頁](?:\s*[，,/／]?\s*共\s*\d{1,4}\s*[页頁])?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$`)

// licenceRE finds the licence numbers of Chinese sites' footers:
// 京ICP备05052393号, 京公网安备 11010202000001号, 网站标识码bm04000007.
var licenceRE = regexp.MustCompile(`(?i)icp[备備证證]\s*\d|公[网網]安[备備]\s*\d|[网網]站[标標][识識][码碼]`)

// isCopyright matches a copyright or licence footer line (trimmed).
func isCopyright(line string) bool {
	if strings.HasPrefix(line, "版权所有") || strings.HasPrefix(line, "版權所有") || strings.Contains(line, "©") ||
		len(line) >= 9 && strings.EqualFold(line[:9], "copyright") {
		return true
	}
	for _, k := range []string{"ICP", "icp", "安备", "安備", "标识", "標識"} {
		if strings.Contains(line, k) {
			return licenceRE.MatchString(line)
		}
	}
	return strings.Contains(line, "ights") && strings.Contains(strings.ToLower(line), "all rights reserved")
}

// pieces splits a line at brackets, bars and wide spaces (two spaces, an
// ideographic space) into its non-empty pieces.
func pieces(line string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ReplaceAll(line, "  ", "　"), func(r rune) bool {
		return strings.ContainsRune("【】[]〔〕|｜　", r)
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// furnitureRule returns the rule a short line (trimmed) matches, or "".
func furnitureRule(line string) string {
	if isBreadcrumb(line) {
		return "navigation"
	}
	if rule := lineRule(line); rule != "" {
		return rule
	}
	if rule := debrisRule(debrisKey(line)); rule != "" {
		return rule
	}
	if !strings.ContainsAny(line, "【[|｜　") && !strings.Contains(line, "  ") {
		return ""
	}
	ps := pieces(line)
	if len(ps) < 2 {
		return ""
	}
	first := ""
	for _, p := range ps {
		rule := lineRule(p)
		if rule == "" {
			rule = debrisRule(debrisKey(p))
		}
		if rule == "" {
			return ""
		}
		if first == "" {
			first = rule
		}
	}
	return first
}

// debrisKey strips what varies between renderings of the same furniture:
// white space, punctuation and symbols go, letters are made lower case.
func debrisKey(line string) string {
	keyOnce.Do(func() {
		// From Unicode's tables, not by asking of every rune: that took
		// 4 ms, paid by every command that cleans a text.
		for _, t := range []*unicode.RangeTable{unicode.White_Space, unicode.Punct, unicode.Symbol} {
			for _, rg := range t.R16 {
				for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
					keyDrop[r/64] |= 1 << (r % 64)
				}
			}
		}
		for _, c := range unicode.CaseRanges {
			for r := rune(c.Lo); r <= rune(c.Hi) && r < 0x10000; r++ {
				if keyDrop[r/64]&(1<<(r%64)) == 0 && unicode.ToLower(r) != r {
					keyUpper[r/64] |= 1 << (r % 64)
				}
			}
		}
	})
	var sb strings.Builder
	sb.Grow(len(line))
	for _, r := range line {
		switch {
		case r < 0x10000 && keyDrop[r/64]&(1<<(r%64)) != 0:
			continue
		case r < 0x10000 && keyUpper[r/64]&(1<<(r%64)) == 0:
		case r >= 0x10000 && (unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)):
			continue
		default:
			r = unicode.ToLower(r)
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// keyDrop marks the BMP runes debrisKey drops; keyUpper those it makes
// lower case: one bit each instead of Unicode's tables for each rune.
var (
	keyOnce  sync.Once
	keyDrop  [0x10000 / 64]uint64
	keyUpper [0x10000 / 64]uint64
)

// isBreadcrumb matches short navigation lines such as 人民网>>国际.
func isBreadcrumb(line string) bool {
	return strings.Contains(line, ">>") || strings.Contains(line, "»") || strings.Contains(line, " > ") || strings.Contains(line, "＞＞")
}

// debrisEdits drops short lines that match a page-furniture pattern, and a
// short line identical to the last line kept (a repeated photo caption).
func debrisEdits(s string) []edit {
	d := newLineDropper(s)
	lastKept := ""
	related := false // in the links under a related-reading heading
	lines(s, func(start, end, next int) {
		line := strings.TrimSpace(s[start:end])
		if line == "" {
			d.blank()
			related = false
			return
		}
		runes := maxFooterLine + 1
		if len(line) <= maxFooterLine*utf8.UTFMax {
			runes = utf8.RuneCountInString(line)
		}
		if runes <= maxDebrisLine {
			rule := "repeated caption"
			if line != lastKept {
				rule = furnitureRule(line)
			}
			if rule == "" && related && !endsSentence(line) {
				rule = "related" // a link's title: up to a blank line or a sentence
			}
			related = rule == "related"
			if rule != "" {
				d.drop(start, end, next, rule)
				return
			}
		} else if runes <= maxFooterLine && isCopyright(line) {
			d.drop(start, end, next, "copyright") // footers run longer: address, licence numbers
			return
		} else if isSeparator(line) {
			d.drop(start, end, next, "separator")
			return
		}
		related = false
		lastKept = line
		d.kept()
	})
	return d.out
}

// isHan reports Han ideographs (including 〇).
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // the unified ideographs: most of any Chinese text
		return true
	case r < 0x2E80: // none before the radicals
		return false
	}
	return unicode.Is(unicode.Han, r)
}

// isCJKPunct reports CJK and full-width punctuation, the context in which
// ASCII brackets belong in full width too.
func isCJKPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF0F || r >= 0xFF1A && r <= 0xFF20 ||
		r >= 0xFF3B && r <= 0xFF40 || r >= 0xFF5B && r <= 0xFF65
}

const (
	pinyinVowels = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
	toneMarks    = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
)

// pinyinLetters classes the letters below U+01E0, where every pinyin vowel
// and tone mark lies: pinyinVowel, pinyinTone.
var pinyinLetters = func() (t [0x1E0]uint8) {
	for _, r := range pinyinVowels {
		t[r] |= pinyinVowel
	}
	for _, r := range toneMarks {
		t[r] |= pinyinTone
	}
	return t
}()

const (
	pinyinVowel = 1 << iota
	pinyinTone
)

func isPinyinLetter(r rune, class uint8) bool {
	return r >= 0 && r < rune(len(pinyinLetters)) && pinyinLetters[r]&class != 0
}

// hasToneMark reports whether s holds one of toneMarks: all of them are
// two-byte characters (lead byte C3 to C7), found without decoding the
// ASCII around them.
func hasToneMark(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i]; c >= 0xC3 && c <= 0xC7 && s[i+1]&0xC0 == 0x80 {
			if isPinyinLetter(rune(c&0x1F)<<6|rune(s[i+1]&0x3F), pinyinTone) {
				return true
			}
		}
	}
	return false
}

// isPinyinSyllable reports one lower-case pinyin syllable written with a
// tone mark: an optional initial (zh, ch, sh or one consonant), one to four
// vowels, an optional final n, ng or r.
func isPinyinSyllable(s string) bool {
	if len(s) < 2 || len(s) > 8 || !hasToneMark(s) {
		return false // the longest, zhuàng, is 7 bytes
	}
	return syllableShape(s)
}

// isNumberedSyllable reports one lower-case pinyin syllable of at least two
// letters with its tone as a digit: hui4, zhuang4, lv4, er2 (not a1, whose
// brackets could be a list's).
func isNumberedSyllable(s string) bool {
	if len(s) < 3 || len(s) > 9 || s[len(s)-1] < '1' || s[len(s)-1] > '5' || hasToneMark(s) {
		return false
	}
	return syllableShape(s[:len(s)-1])
}

// syllableShape reports an optional initial (zh, ch, sh or one consonant),
// one to four vowels and an optional final n, ng or r.
func syllableShape(s string) bool {
	switch {
	case strings.HasPrefix(s, "zh"), strings.HasPrefix(s, "ch"), strings.HasPrefix(s, "sh"):
		s = s[2:]
	case s != "" && strings.IndexByte("bpmfdtnlgkhjqxrzcsyw", s[0]) >= 0:
		s = s[1:]
	}
	vowels := 0
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !isPinyinLetter(r, pinyinVowel) {
			break
		}
		vowels++
		s = s[n:]
	}
	return vowels >= 1 && vowels <= 4 && (s == "" || s == "n" || s == "ng" || s == "r")
}

// pinyinEdits removes a toned pinyin syllable in brackets right after a Han
// character: 會(huì) → 會, 綜（zōng） → 綜, 会(hui4) → 会. Brackets holding anything else,
// or not touching a Han character, stay: (eWTP), (Gateway 17), (暫行).
func pinyinEdits(s string) []edit {
	var out []edit
	pinyinSpans(s, func(start, end int) { out = append(out, edit{start: start, end: end}) })
	return out
}

// pinyinSpans calls fn with the start and end of each annotation
// pinyinEdits removes, in order.
func pinyinSpans(s string, fn func(start, end int)) {
	find := newFinder(s, '(', "（")
	removedTo := -1 // end of the last annotation removed
	for i := 0; i < len(s); {
		open, openLen := find.next(i)
		if open < 0 {
			break
		}
		i = open + openLen
		// An annotation right after a removed one follows the same Han
		// character (會(huì)(huì)).
		prev, _ := utf8.DecodeLastRuneInString(s[:open])
		if !isHan(prev) && open != removedTo {
			continue
		}
		end, ok := pinyinAnnotation(s, open)
		if !ok {
			continue
		}
		fn(open, end)
		i, removedTo = end, end
	}
}

// withoutReadings is s with the annotations pinyinEdits removes removed,
// without making the edits: what reading metadata and queries need.
func withoutReadings(s string) string {
	var sb strings.Builder
	at := 0
	pinyinSpans(s, func(start, end int) {
		if sb.Len() == 0 {
			sb.Grow(len(s))
		}
		sb.WriteString(s[at:start])
		at = end
	})
	if at == 0 {
		return s
	}
	sb.WriteString(s[at:])
	return sb.String()
}

// pinyinAnnotation reports whether s holds, at open, a toned pinyin
// syllable in ASCII or full-width brackets, (huì), （zōng） or (hui4), and
// where it ends.
func pinyinAnnotation(s string, open int) (int, bool) {
	i := open + 1
	if s[open] != '(' {
		if !strings.HasPrefix(s[open:], "（") {
			return 0, false
		}
		i = open + len("（")
	}
	rest := s[i:min(len(s), i+24)]
	for k := 0; k < len(rest); k++ {
		switch {
		case rest[k] == ')':
			return i + k + 1, k > 0 && (isPinyinSyllable(rest[:k]) || isNumberedSyllable(rest[:k]))
		case strings.HasPrefix(rest[k:], "）"):
			return i + k + len("）"), k > 0 && (isPinyinSyllable(rest[:k]) || isNumberedSyllable(rest[:k]))
		case rest[k] == '(' || rest[k] == '\n':
			return 0, false
		}
	}
	return 0, false
}

// commasBeforeMark reports whether s holds, at i, a run of commas (ASCII or
// full width) followed by a sentence mark, which doubledEdits removes
// (貿易,。 → 貿易。), and where the run ends.
func commasBeforeMark(s string, i int) (int, bool) {
	end, _ := commaRun(s, i)
	next, _ := utf8.DecodeRuneInString(s[end:])
	return end, end > i && end < len(s) && strings.ContainsRune(sentenceMarks, next)
}

// commaRun returns the end of the run of commas (ASCII or full width) at
// s[i:], and how many there are.
func commaRun(s string, i int) (end, commas int) {
	for end = i; end < len(s); commas++ {
		if s[end] == ',' {
			end++
		} else if strings.HasPrefix(s[end:], "，") {
			end += len("，")
		} else {
			break
		}
	}
	return end, commas
}

// sentenceMarks end a sentence or clause; a comma before one is an artifact.
const sentenceMarks = "。；？！;?!"

// doubledEdits repairs doubled punctuation next to Chinese text: a run of
// commas becomes one full-width comma (兩國,, → 兩國，), commas before a
// sentence mark disappear (貿易,。 → 貿易。), and a doubled full stop or
// run of enumeration commas becomes one (政策。。 → 政策。, 甲、、乙 →
// 甲、乙). Three full stops or more are left: they stand for an ellipsis.
func doubledEdits(s string) []edit {
	var out []edit
	find := newFinder(s, ',', "，")
	for i := 0; i < len(s); {
		start, _ := find.next(i)
		if start < 0 {
			break
		}
		end, commas := commaRun(s, start)
		i = end
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		next, n := utf8.DecodeRuneInString(s[end:])
		chinese := isHan(prev) || isCJKPunct(prev) || isHan(next)
		switch {
		case !chinese:
		case end < len(s) && strings.ContainsRune(sentenceMarks, next):
			if next == '。' && markRun(s, end, "。") == 2 {
				n *= 2 // 貿易,。。 → 貿易。
			}
			out = append(out, edit{start: start, end: end + n, repl: string(next)})
			i = end + n
		case commas > 1:
			out = append(out, edit{start: start, end: end, repl: "，"})
		}
	}
	// 。 is E3 80 82 and 、 E3 80 81; Han characters never start with E3.
	var marks []edit
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0xE3)
		if j < 0 {
			break
		}
		start := i + j
		i = start + 1
		if start+6 > len(s) || s[start+1] != 0x80 || (s[start+2] != 0x81 && s[start+2] != 0x82) || s[start+3:start+6] != s[start:start+3] {
			continue
		}
		m := s[start : start+3]
		run := markRun(s, start, m)
		i = start + run*len(m)
		if prev, _ := utf8.DecodeLastRuneInString(s[:start]); prev == ',' || prev == '，' {
			continue // after commas: handled above
		}
		if m == "。" && run > 2 {
			continue
		}
		marks = append(marks, edit{start: start, end: i, repl: m})
	}
	if len(marks) == 0 {
		return out
	}
	out = append(out, marks...)
	slices.SortFunc(out, func(a, b edit) int { return a.start - b.start })
	return out
}

// markRun counts the marks m in a row at s[i:].
func markRun(s string, i int, m string) int {
	n := 0
	for strings.HasPrefix(s[i:], m) {
		n++
		i += len(m)
	}
	return n
}

// fullWidth maps the ASCII marks that take full width in Chinese text.
var fullWidth = [128]string{',': "，", ';': "；", ':': "：", '?': "？", '!': "！", '(': "（", ')': "）", '.': "。"}

// fullwidthEdits turns ASCII , ; : ? ! that touch a Han character into
// ，；：？！, and a pair of ASCII brackets into （）when it opens or closes
// next to Chinese text or holds Chinese at either end. A full stop becomes
// 。 only after Chinese (a Han character, or a quote or bracket closing
// after one) and before a Han character or the line's end: 通办".各地区,
// 完成. Digits on both sides (21:42, 1,000, 3.5), URLs and e-mail
// addresses, Latin text (U.S.中国) and ASCII ellipses are left alone.
//
// A bracket next to a mark this pass converts counts as next to Chinese
// (中:(a) → 中：（a）): the decisions are iterated to a fixpoint here, so
// that running the pass again changes nothing.
func fullwidthEdits(s string) []edit {
	if strings.IndexAny(s, ",;:?!().") < 0 {
		return nil
	}
	var out []edit
	lines(s, func(start, end, _ int) {
		line := s[start:end]
		if strings.IndexAny(line, ",;:?!().") < 0 {
			return
		}
		var urls [][2]int
		found := false
		inURL := func(i int) bool {
			if !found {
				urls, found = FindURLs(line), true
			}
			for _, u := range urls {
				if i >= u[0] && i < u[1] {
					return true
				}
			}
			return false
		}
		before := func(i int) rune { r, _ := utf8.DecodeLastRuneInString(line[:i]); return r }
		after := func(i int) rune { r, _ := utf8.DecodeRuneInString(line[i+1:]); return r }
		// The marks first: they depend on their neighbours only, and are
		// found in order.
		var marks, brackets []int
		var spaces map[int]int // spaces that go with a mark, made when there are any
		goWith := func(i, gap int) {
			if gap > 0 {
				if spaces == nil {
					spaces = map[int]int{}
				}
				spaces[i] = gap
			}
		}
		for i := 0; i < len(line); i++ {
			j := strings.IndexAny(line[i:], ",;:?!().")
			if j < 0 {
				break
			}
			i += j
			c := line[i]
			if c == '.' {
				gap := spacesAt(line, i+1)
				next, _ := utf8.DecodeRuneInString(line[i+1+gap:])
				if closesChinese(line[:i]) && (i+1+gap == len(line) || isHan(next)) && !inURL(i) {
					marks = append(marks, i)
					goWith(i, gap)
				}
				continue
			}
			if inURL(i) {
				continue
			}
			if c == '(' || c == ')' {
				brackets = append(brackets, i)
				continue
			}
			p, n := before(i), after(i)
			// Spaces after the mark (a PDF's text, or pangu spacing:
			// 凌晨, 马云) are looked past, and go with it.
			gap := spacesAt(line, i+1)
			if gap > 0 {
				n, _ = utf8.DecodeRuneInString(line[i+1+gap:])
			}
			if (isHan(p) || isHan(n) || closesChinese(line[:i])) && !(isDigit(p) && isDigit(n)) {
				marks = append(marks, i)
				if gap > 0 && (isHan(n) || strings.ContainsRune("“‘「『（《【〔", n)) {
					goWith(i, gap)
				}
			}
		}
		if len(brackets) > 0 {
			for i := range convertBrackets(line, brackets, marks, before, after) {
				marks = append(marks, i)
			}
			slices.Sort(marks)
		}
		for _, i := range marks {
			out = append(out, edit{start: start + i, end: start + i + 1 + spaces[i], repl: fullWidth[line[i]]})
		}
	})
	return out
}

// convertBrackets decides which brackets of line (at the offsets in
// brackets) become full width, given the marks (sorted offsets) that do.
func convertBrackets(line string, brackets, marks []int, before, after func(int) rune) map[int]bool {
	conv := map[int]bool{}
	type pair struct{ open, close int }
	var pairs []pair
	var stack, lone []int
	for _, i := range brackets {
		if line[i] == '(' {
			stack = append(stack, i)
		} else if len(stack) > 0 {
			pairs = append(pairs, pair{stack[len(stack)-1], i})
			stack = stack[:len(stack)-1]
		} else {
			lone = append(lone, i)
		}
	}
	lone = append(lone, stack...)
	// An unpaired bracket only when it touches Han; decided first, as the
	// pairs beside it take their context from it.
	for _, i := range lone {
		if line[i] == '(' && isHan(after(i)) || line[i] == ')' && isHan(before(i)) {
			conv[i] = true
		}
	}
	converted := func(at int) bool {
		if conv[at] {
			return true
		}
		_, found := slices.BinarySearch(marks, at)
		return found
	}
	// chinese: Han or CJK punctuation, or an ASCII mark being converted.
	chinese := func(r rune, at int) bool { return isHan(r) || isCJKPunct(r) || r < utf8.RuneSelf && converted(at) }
	for changed := true; changed; {
		changed = false
		for _, p := range pairs {
			if conv[p.open] {
				continue
			}
			if chinese(before(p.open), p.open-1) || chinese(after(p.close), p.close+1) || isHan(after(p.open)) || isHan(before(p.close)) {
				conv[p.open], conv[p.close] = true, true
				changed = true
			}
		}
	}
	return conv
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// closesChinese reports whether s ends in Chinese text: a Han character, or
// a quote or bracket closing right after one ("…办". or 办”.).
func closesChinese(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if isHan(r) {
		return true
	}
	if strings.ContainsRune("\"')”’」』）》】", r) {
		r, _ = utf8.DecodeLastRuneInString(s[:len(s)-n])
		return isHan(r)
	}
	return false
}

// duplicateEdits drops a paragraph identical to an earlier one, and with it
// a blank line when it stood between two. A short line that recurs is
// text, not a page's repeat: a signature that also heads the document
// (国务院办公厅), a date, a table's cell on a line of its own (0, —).
func duplicateEdits(s string) []edit {
	d := newLineDropper(s)
	seen := map[string]bool{}
	lines(s, func(start, end, next int) {
		// Compared as debris compares them: "\v乙" repeats 乙.
		line := strings.TrimSpace(s[start:end])
		switch {
		case s[start:end] == "":
			d.blank()
		case seen[line] && utf8.RuneCountInString(line) >= minDuplicate:
			d.drop(start, end, next, "")
		default:
			seen[line] = true
			d.kept()
		}
	})
	return d.out
}

// minDuplicate is the fewest characters a paragraph repeated is dropped
// with (see duplicateEdits).
const minDuplicate = 10

// blankLineEdits removes blank lines at the start and end of the text and
// keeps at most one blank line between paragraphs.
func blankLineEdits(s string) []edit {
	var out []edit
	lead := len(s) - len(strings.TrimLeft(s, "\n"))
	if lead == len(s) {
		if lead > 0 {
			return []edit{{start: 0, end: lead}}
		}
		return nil
	}
	if lead > 0 {
		out = append(out, edit{start: 0, end: lead})
	}
	body := strings.TrimRight(s, "\n")
	for i := lead; i < len(body); {
		j := strings.Index(body[i:], "\n\n\n")
		if j < 0 {
			break
		}
		a := i + j + 2 // keep "\n\n"
		b := a
		for b < len(body) && body[b] == '\n' {
			b++
		}
		out = append(out, edit{start: a, end: b})
		i = b
	}
	if trail := len(s) - len(body); trail > 1 {
		out = append(out, edit{start: len(body) + 1, end: len(s)}) // keep one final line feed
	}
	return out
}
