package corpus

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// runPass applies one pass's edits to s.
func runPass(run func(string) []edit, s string) string {
	c := &Cleaning{}
	if edits := run(s); len(edits) > 0 {
		return c.apply("test", s, edits)
	}
	return s
}

func TestPasses(t *testing.T) {
	tests := []struct {
		pass     string
		run      func(string) []edit
		in, want string
	}{
		// pinyin: must change
		{"pinyin", pinyinEdits, "中美首腦會(huì)晤后", "中美首腦會晤后"},
		{"pinyin", pinyinEdits, "兩國經(jīng)貿(mào)合作", "兩國經貿合作"},
		{"pinyin", pinyinEdits, "綜(zōng)合", "綜合"},
		{"pinyin", pinyinEdits, "綜（zōng）合", "綜合"},
		{"pinyin", pinyinEdits, "中國(guó)", "中國"},
		{"pinyin", pinyinEdits, "場(chǎng)", "場"},
		{"pinyin", pinyinEdits, "將“會(huì)”聚", "將“會”聚"},
		{"pinyin", pinyinEdits, "三、会(hui4)同有关部门", "三、会同有关部门"},
		{"pinyin", pinyinEdits, "經(jing1)貿（mao4）", "經貿"},
		{"pinyin", pinyinEdits, "绿(lv4)色", "绿色"},
		// pinyin: must not change
		{"pinyin", pinyinEdits, "“連接世界”(Gateway 17)。", "“連接世界”(Gateway 17)。"},
		{"pinyin", pinyinEdits, "平台(eWTP)项目", "平台(eWTP)项目"},
		{"pinyin", pinyinEdits, "概念(Electronic World Trade Platform,世界电子贸易平台)", "概念(Electronic World Trade Platform,世界电子贸易平台)"},
		{"pinyin", pinyinEdits, "chains(GVCs),and (LICs).", "chains(GVCs),and (LICs)."},
		{"pinyin", pinyinEdits, "世界气象组织(WMO)等", "世界气象组织(WMO)等"},
		{"pinyin", pinyinEdits, "峒中口岸(含里火通道)駛向", "峒中口岸(含里火通道)駛向"},
		{"pinyin", pinyinEdits, "監管方案(暫行)發布", "監管方案(暫行)發布"},
		{"pinyin", pinyinEdits, "的(de)", "的(de)"},         // no tone mark: not sure enough
		{"pinyin", pinyinEdits, "abc(huì)", "abc(huì)"},   // not after Han
		{"pinyin", pinyinEdits, "中(hxì)", "中(hxì)"},       // not a syllable
		{"pinyin", pinyinEdits, "中(huì", "中(huì"},         // unclosed
		{"pinyin", pinyinEdits, "中 (huì)", "中 (huì)"},     // not touching
		{"pinyin", pinyinEdits, "中(Huì Xī)", "中(Huì Xī)"}, // capitals and two syllables: a name
		{"pinyin", pinyinEdits, "附件(a1)", "附件(a1)"},       // one letter: a list's item
		{"pinyin", pinyinEdits, "型号(x86)", "型号(x86)"},
		{"pinyin", pinyinEdits, "条款(ab12)", "条款(ab12)"},
		// doubled: must change
		{"doubled", doubledEdits, "會晤后,,兩國", "會晤后，兩國"},
		{"doubled", doubledEdits, "新貿易,。對外", "新貿易。對外"},
		{"doubled", doubledEdits, "的領域,;第三", "的領域;第三"},
		{"doubled", doubledEdits, "中,,,，文", "中，文"},
		{"doubled", doubledEdits, "中，，文", "中，文"},
		{"doubled", doubledEdits, "配套政策。。下一句", "配套政策。下一句"},
		{"doubled", doubledEdits, "配套政策,。。下一句", "配套政策。下一句"},
		{"doubled", doubledEdits, "甲、、乙、、、丙", "甲、乙、丙"},
		// doubled: must not change
		{"doubled", doubledEdits, "等等。。。", "等等。。。"},
		{"doubled", doubledEdits, "等等,。。。", "等等。。。"},
		{"doubled", doubledEdits, "a,,b", "a,,b"},
		{"doubled", doubledEdits, "中,文", "中,文"},
		{"doubled", doubledEdits, "1,,000", "1,,000"},
		// fullwidth: must change
		{"fullwidth", fullwidthEdits, "會晤后,兩國", "會晤后，兩國"},
		{"fullwidth", fullwidthEdits, "認為:在中美", "認為：在中美"},
		{"fullwidth", fullwidthEdits, "嗎?是!对;", "嗎？是！对；"},
		{"fullwidth", fullwidthEdits, "发展eWTP(全球电子商务平台),小企业", "发展eWTP（全球电子商务平台），小企业"},
		{"fullwidth", fullwidthEdits, "“連接世界”(Gateway 17)。", "“連接世界”（Gateway 17）。"},
		{"fullwidth", fullwidthEdits, "概念(Electronic World Trade Platform,世界电子贸易平台),希望", "概念（Electronic World Trade Platform，世界电子贸易平台），希望"},
		{"fullwidth", fullwidthEdits, "来源:人民网", "来源：人民网"},
		{"fullwidth", fullwidthEdits, "政务服务\"一网通办\".各地区", "政务服务\"一网通办\"。各地区"},
		{"fullwidth", fullwidthEdits, "工作已经完成.\n下一段", "工作已经完成。\n下一段"},
		{"fullwidth", fullwidthEdits, "完成.接着", "完成。接着"},
		// A PDF's text (pdftotext) or pangu spacing: the space after the
		// mark goes with it.
		{"fullwidth", fullwidthEdits, "10 日凌晨, 马云在纽约, “我访问", "10 日凌晨，马云在纽约，“我访问"},
		{"fullwidth", fullwidthEdits, "电子商务平台）, 小企业", "电子商务平台），小企业"},
		{"fullwidth", fullwidthEdits, "会面交流. 特朗普表示: 很好", "会面交流。特朗普表示：很好"},
		{"fullwidth", fullwidthEdits, "CNBC 称, 这份计划", "CNBC 称，这份计划"},
		{"fullwidth", fullwidthEdits, "中国, 1990年", "中国， 1990年"}, // the space before a digit stays
		// fullwidth: must not change
		{"fullwidth", fullwidthEdits, "增长3.5个百分点", "增长3.5个百分点"},
		{"fullwidth", fullwidthEdits, "访问www.gov.cn了解", "访问www.gov.cn了解"},
		{"fullwidth", fullwidthEdits, "U.S.中国", "U.S.中国"},
		{"fullwidth", fullwidthEdits, "等等...后来", "等等...后来"},
		{"fullwidth", fullwidthEdits, "中国.com", "中国.com"},
		{"fullwidth", fullwidthEdits, "2018年12月06日21:42 |", "2018年12月06日21:42 |"},
		{"fullwidth", fullwidthEdits, "达1.24亿美元,4.0戰略", "达1.24亿美元，4.0戰略"},
		{"fullwidth", fullwidthEdits, "firms of all sizes,in particular women,women-led firms and SMEs", "firms of all sizes,in particular women,women-led firms and SMEs"},
		{"fullwidth", fullwidthEdits, "value chains(GVCs),and that", "value chains(GVCs),and that"},
		{"fullwidth", fullwidthEdits, "见https://example.com/a?b=1,c:2中", "见https://example.com/a?b=1,c:2中"},
		{"fullwidth", fullwidthEdits, "邮箱:editor@people.cn,谢谢", "邮箱：editor@people.cn，谢谢"},
		{"fullwidth", fullwidthEdits, "共1,000人", "共1,000人"},
		{"fullwidth", fullwidthEdits, "第 1, 2 条", "第 1, 2 条"},
		{"fullwidth", fullwidthEdits, "Hello, world. 你好", "Hello, world. 你好"},
		// whitespace
		{"whitespace", whitespaceEdits, "正文。  \n\u3000\u3000第二段\u00a0\n", "正文。\n第二段\n"},
		{"whitespace", whitespaceEdits, "a\u00a0\u00a0b", "a b"},
		{"whitespace", whitespaceEdits, "  \n", "\n"},
		{"whitespace", whitespaceEdits, "名称 | 数值\n   | 空\n\t| 空", "名称 | 数值\n | 空\n| 空"}, // a row's empty first cell keeps " | "
		{"whitespace", whitespaceEdits, "北京时间 2017 年 1 月 10 日，使用 Python 开发 eWTP", "北京时间2017年1月10日，使用Python开发eWTP"},
		{"whitespace", whitespaceEdits, "中 2024年\u00a0\u00a0末", "中2024年 末"},                                                     // an NBSP run after the gap: edits in order
		{"whitespace", whitespaceEdits, "北京 上海，World Trade 1 2，中国  2024 “Great” 会", "北京 上海，World Trade 1 2，中国  2024 “Great” 会"}, // between two Han, two Latin, two spaces, a mark
		// debris: must change
		{"debris", debrisEdits, "正文\n小字号\n正文二", "正文\n正文二"},
		{"debris", debrisEdits, "正文\n\n分享让更多人看到\n\n返回顶部", "正文\n\n"},
		{"debris", debrisEdits, "正文\n請輸入驗證碼", "正文"},
		{"debris", debrisEdits, "正文\n-END-\n尾", "正文\n尾"},
		{"debris", debrisEdits, "正文\n(责编:燕勐、杨牧)\n", "正文\n"},
		{"debris", debrisEdits, "人民网\n人民网>>国际\n标题", "人民网\n标题"},
		{"debris", debrisEdits, "图说。记者 任彦 摄\n图说。记者 任彦 摄\n正文", "图说。记者 任彦 摄\n正文"},
		{"debris", debrisEdits, "【打印】\n【关闭窗口】\n正文", "正文"},
		{"debris", debrisEdits, "正文\n【字体：大 中 小】　【打印】　【关闭】\n正文二", "正文\n正文二"},
		{"debris", debrisEdits, "正文\n字級：小 中 大\n請繼續往下閱讀...\n正文二\n瀏覽人次：1,234\n阅读 10万+\n回上頁", "正文\n正文二\n"},
		{"debris", debrisEdits, "阅读 理解\n点击1234次\n浏览器", "阅读 理解\n浏览器"},
		{"debris", debrisEdits, "正文\n收录于合集\n#政策解读 12个\n\n往期推荐\n央行：保持流动性合理充裕\n财政部：继续实施减税降费政策\n\n预览时标签不可点\n写留言\n正文二", "正文\n\n正文二"},
		{"debris", debrisEdits, "标题\n*****************\n" + strings.Repeat("=", 80) + "\n正文\n（完）\n= = = =\n——\n**注意**", "标题\n正文\n——\n**注意**"},
		{"debris", debrisEdits, "相关阅读\n一条链接的标题\n这是正文的一句话。\n正文", "这是正文的一句话。\n正文"},
		{"debris", debrisEdits, "正文。\n\n相關話題\n日本\n經濟", "正文。\n\n"},
		{"debris", debrisEdits, "正文。\n转发 1234 评论 567 赞 8901\n阅读 10万+　在看 200\n【纠错】 【责任编辑:刘阳】\n点赞\n转发评论区精选。", "正文。\n转发评论区精选。"},
		{"debris", debrisEdits, "正文\n— 3 —\n- 4 -\n第5页 共12页\n3/12\nPage 7 of 12\n正文二\n2024\n1/2杯", "正文\n正文二\n2024\n1/2杯"},
		{"debris", debrisEdits, "正文\n[打印本页] [关闭窗口]\n", "正文\n"},
		{"debris", debrisEdits, "正文\n相关阅读：\n上一篇：关于做好2024年春耕生产工作的通知\n下一篇：国务院办公厅关于印发《促进消费若干措施》的通知", "正文\n"},
		{"debris", debrisEdits, "正文\n版权所有 © 2024 国家发展和改革委员会　京ICP备05052393号\n网站标识码：bm04000007", "正文\n"},
		{"debris", debrisEdits, "正文\nCopyright © 2024 Xinhua. All Rights Reserved.", "正文"},
		// debris: must not change
		{"debris", debrisEdits, "政策動態\n地方參與態勢", "政策動態\n地方參與態勢"},
		{"debris", debrisEdits, "分享经济正在深刻改变全球贸易格局，中小企业和年轻人正日益成为贸易和全球化的主力。", "分享经济正在深刻改变全球贸易格局，中小企业和年轻人正日益成为贸易和全球化的主力。"},
		{"debris", debrisEdits, "记者 竇衍鳳", "记者 竇衍鳳"},
		{"debris", debrisEdits, "上一篇文章中我们讨论了版权所有人的权利。", "上一篇文章中我们讨论了版权所有人的权利。"},
		{"debris", debrisEdits, "工信部发布网站ICP备案管理办法。", "工信部发布网站ICP备案管理办法。"},
		{"debris", debrisEdits, "版权所有：中华人民共和国国家发展和改革委员会　地址：北京市西城区月坛南街38号　邮编：100824　京ICP备05052393号", ""},
		{"debris", debrisEdits, "关闭　　落后产能", "关闭　　落后产能"},
		{"debris", debrisEdits, "【打印】　【会议纪要】", "【打印】　【会议纪要】"},
		// duplicates
		{"duplicate", duplicateEdits, "甲段说的是中美经贸合作。\n\n乙段\n\n甲段说的是中美经贸合作。\n\n丙段", "甲段说的是中美经贸合作。\n\n乙段\n\n丙段"},
		{"duplicate", duplicateEdits, "甲段说的是中美经贸合作。\n甲段说的是中美经贸合作。", "甲段说的是中美经贸合作。"},
		{"duplicate", duplicateEdits, "国务院办公厅\n\n正文。\n\n国务院办公厅\n2022年9月7日\n0\n0", "国务院办公厅\n\n正文。\n\n国务院办公厅\n2022年9月7日\n0\n0"}, // short lines recur as text
		{"duplicate", duplicateEdits, "甲\n\n\n乙", "甲\n\n\n乙"},
		// blank lines
		{"blank lines", blankLineEdits, "\n\n甲\n\n\n\n乙\n\n\n", "甲\n\n乙\n"},
		{"blank lines", blankLineEdits, "\n\n", ""},
	}
	for _, tt := range tests {
		if got := runPass(tt.run, tt.in); got != tt.want {
			t.Errorf("%s(%q) = %q, want %q", tt.pass, tt.in, got, tt.want)
		}
	}
}

// checkChanges verifies what Clean reports against what it did: each
// change's Before is the raw text at its raw range and its After the clean
// text at its clean range, the ranges do not overlap, and applying the
// changes to the raw text gives the clean text.
func checkChanges(t testing.TB, raw string) string {
	t.Helper()
	clean, c := Clean(raw)
	rawR, cleanR := []rune(raw), []rune(clean)
	var rebuilt strings.Builder
	at := 0
	for _, ch := range c.Changes() {
		if ch.RawStart < at || ch.RawEnd < ch.RawStart || ch.RawEnd > len(rawR) {
			t.Fatalf("change %+v overlaps the one before (ends at %d) or leaves the text", ch, at)
		}
		if got := string(rawR[ch.RawStart:ch.RawEnd]); got != ch.Before {
			t.Fatalf("change %+v: raw text there is %q", ch, got)
		}
		if ch.CleanEnd > len(cleanR) || string(cleanR[ch.CleanStart:ch.CleanEnd]) != ch.After {
			t.Fatalf("change %+v: clean text there differs", ch)
		}
		rebuilt.WriteString(string(rawR[at:ch.RawStart]))
		rebuilt.WriteString(ch.After)
		at = ch.RawEnd
	}
	rebuilt.WriteString(string(rawR[at:]))
	if rebuilt.String() != clean {
		t.Fatalf("applying the changes to the raw text does not give the clean text")
	}
	if again, _ := Clean(clean); again != clean {
		t.Fatalf("not idempotent:\n%q\n%q", clean, again)
	}
	return clean
}

var leftPinyin = regexp.MustCompile(`\p{Han}[(（](zh|ch|sh|[a-z])?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,5}[)）]`)

func TestCleanSeeds(t *testing.T) {
	texts := seedTexts(t)
	clean := map[string]string{}
	for name, raw := range texts {
		clean[name[:3]] = checkChanges(t, raw)
	}
	for _, id := range []string{"000", "003"} {
		if m := leftPinyin.FindAllString(clean[id], -1); m != nil {
			t.Errorf("%s: pinyin left: %q", id, m)
		}
	}
	for _, keep := range []string{"Gateway 17", "eWTP）", "Electronic World Trade Platform，世界电子贸易平台", "(GVCs)", "(LICs)", "WMO", "含里火通道", "暫行"} {
		found := false
		for _, c := range clean {
			found = found || strings.Contains(c, keep)
		}
		if !found {
			t.Errorf("legitimate bracket text %q was lost", keep)
		}
	}
	for id, c := range clean {
		if strings.Contains(c, ",,") || strings.Contains(c, ",。") {
			t.Errorf("%s: doubled punctuation left", id)
		}
	}
	if n := strings.Count(clean["001"], "我们可以开放地讨论中美之间的贸易关系"); n != 1 {
		t.Errorf("001: the repeated paragraph appears %d times", n)
	}
	for _, debris := range []string{"小字号", "分享让更多人看到", "返回顶部", "請輸入驗證碼", "-END-", "责编", "人民网>>国际"} {
		for id, c := range clean {
			if strings.Contains(c, debris) {
				t.Errorf("%s: debris %q left", id, debris)
			}
		}
	}
	if n := strings.Count(clean["002"], "比利时首相米歇尔在签字仪式上致辞。记者 任彦 摄"); n != 1 {
		t.Errorf("002: the caption appears %d times", n)
	}
	if strings.Contains(clean["002"], "\n\n\n") || strings.HasSuffix(clean["002"], "\n\n") {
		t.Error("002: blank lines pile up")
	}
}

func TestMetadataOfSeeds(t *testing.T) {
	want := map[string]Metadata{
		"000": {Title: "中美首腦會晤后，兩國經貿合作正在加速進行", Script: ScriptTraditional},
		"001": {Title: "北京时间2017年1月10日凌晨，马云在纽约特朗普大厦，与美国候任总统唐纳德·特朗普在他的会议室进行了会面交流", Date: "2017-01-10", Script: ScriptSimplified},
		"002": {Title: "阿里巴巴世界电子贸易平台首次落地欧洲", Date: "2018-12-06", Source: "人民网-国际频道", Author: "任彦", Script: ScriptSimplified},
		"003": {Title: "上合示范區與上合組織國家基于友城合作的新型地方合作機制正不斷釋放活力", Date: "2021", Author: "竇衍鳳", Script: ScriptTraditional},
		"004": {Title: "政策動態", Date: "2024", Source: "北京大學國際關系學院", Script: ScriptTraditional},
	}
	for name, raw := range seedTexts(t) {
		clean, _ := Clean(raw)
		got := ExtractMetadata(clean)
		if w := want[name[:3]]; got != w {
			t.Errorf("%s:\n got %+v\nwant %+v", name[:3], got, w)
		}
	}
}

func TestMetadata(t *testing.T) {
	articles := ""
	for i := range 10 {
		articles += fmt.Sprintf("第%d条 数据处理者应当按照规定履行义务。\n", i+2)
	}
	tests := []struct {
		text string
		want Metadata
	}{
		{"新华网\n首页 > 国际\n2019年3月5日 来源：新华社\n两会开幕\n正文在这里。", Metadata{Title: "两会开幕", Date: "2019-03-05", Source: "新华社", Script: ScriptSimplified}},
		{"关于优化营商环境的措施\n发布时间：2024-03-18 10:25　　来源：国家发展改革委　　作者：王明\n正文。", Metadata{Title: "关于优化营商环境的措施", Date: "2024-03-18", Source: "国家发展改革委", Author: "王明", Script: ScriptSimplified}},
		{"正文第一句！第二句。", Metadata{Title: "正文第一句！", Script: ScriptNone}},
		{"From: someone@example.com\nNewsgroups: alt.chinese.text\nSubject: 阿里巴巴首次落地欧洲\n\n正文。", Metadata{Title: "阿里巴巴首次落地欧洲", Script: ScriptSimplified}},
		{"標題：港口通告\n\n香港特別行政區政府今日公佈。", Metadata{Title: "港口通告", Script: ScriptTraditional}},
		{"标题栏设计规范\n正文。", Metadata{Title: "标题栏设计规范", Script: ScriptSimplified}},
		{"發佈於2020-7-1。臺灣經濟", Metadata{Title: "發佈於2020-7-1", Date: "2020-07-01", Script: ScriptTraditional}},
		{"2023年5月的報告。", Metadata{Title: "2023年5月的報告", Date: "2023-05", Script: ScriptTraditional}},
		{"共3000名代表参会，规模达2000亿。", Metadata{Title: "共3000名代表参会，规模达2000亿", Script: ScriptSimplified}},
		{"2018年13月40日无效，2018年12月1日有效。", Metadata{Title: "2018年13月40日无效，2018年12月1日有效", Date: "2018-12-01", Script: ScriptNone}},
		{"简体的国家和繁體的國家混在一起，还有经济與經濟。", Metadata{Title: "简体的国家和繁體的國家混在一起，还有经济與經濟", Script: ScriptMixed}},
		{"Only English here.", Metadata{Title: "Only English here.", Script: ScriptNone}},
		// A headline that names a year is the headline; a line that only
		// dates the document (or an outlet with its full date) is not.
		{"中华人民共和国2023年国民经济和社会发展统计公报\n\n国家统计局\n2024年2月29日\n\n2023年全年国内生产总值增长5.2%。", Metadata{Title: "中华人民共和国2023年国民经济和社会发展统计公报", Date: "2024-02-29", Source: "国家统计局", Script: ScriptSimplified}},
		{"国务院关于2024年深化经济体制改革重点工作的意见\n\n各省、自治区、直辖市人民政府：\n\n现将意见印发给你们。", Metadata{Title: "国务院关于2024年深化经济体制改革重点工作的意见", Date: "2024", Script: ScriptSimplified}},
		{"2024年3月5日 星期二\n2024年政府工作报告\n各位代表：", Metadata{Title: "2024年政府工作报告", Date: "2024-03-05", Script: ScriptNone}},
		{"发布时间：2024-06-01 09:30\n2024年1-5月全国规模以上工业企业利润\n正文。", Metadata{Title: "2024年1-5月全国规模以上工业企业利润", Date: "2024-06-01", Script: ScriptSimplified}},
		{"国家统计局 2024年2月29日\n全年粮食产量再创新高\n正文。", Metadata{Title: "全年粮食产量再创新高", Date: "2024-02-29", Script: ScriptSimplified}},
		// A regulation's last article gives when it takes effect, not when
		// it was issued; the signature's date does.
		{"关于数据出境的规定\n第一条 为了规范数据出境活动，制定本规定。\n" + articles + "本规定自2024年3月22日起施行。\n国家互联网信息办公室\n2024年3月15日", Metadata{Title: "关于数据出境的规定", Date: "2024-03-15", Source: "国家互联网信息办公室", Script: ScriptSimplified}},
		{"关于推进对外贸易的意见\n" + articles + "　　　　国家发展改革委　　商务部\n　　　　2024年3月15日\n（此件公开发布）", Metadata{Title: "关于推进对外贸易的意见", Date: "2024-03-15", Source: "国家发展改革委、商务部", Script: ScriptSimplified}},
		{"关于推进对外贸易的意见\n" + articles + "以上意见，请认真执行\n2024年3月15日", Metadata{Title: "关于推进对外贸易的意见", Date: "2024-03-15", Script: ScriptSimplified}},
		{"关于数据出境的规定\n第一条 为了规范数据出境活动，制定本规定。\n" + articles + "第二十条 本规定自2024年3月22日起施行。", Metadata{Title: "关于数据出境的规定", Date: "2024-03-22", Script: ScriptSimplified}}, // the only date there is
		// A news agency's dispatch names the source and the reporters, and
		// is not part of the title.
		{"新华社北京3月5日电（记者张三、李四）十四届全国人大二次会议5日上午在人民大会堂开幕。国务院总理作报告。", Metadata{Title: "十四届全国人大二次会议5日上午在人民大会堂开幕", Source: "新华社", Author: "张三、李四", Script: ScriptSimplified}},
		{"人民网华盛顿12月1日电 （记者 王五）美国商务部1日公布数据。", Metadata{Title: "美国商务部1日公布数据", Source: "人民网", Author: "王五", Script: ScriptSimplified}},
		{"本报北京3月5日讯 记者赵六报道：今年一季度，全国外贸进出口保持增长。", Metadata{Title: "今年一季度，全国外贸进出口保持增长", Author: "赵六", Script: ScriptSimplified}},
		{"（中央社記者王小明台北5日電）行政院會今天通過特別預算，總額2,000億元。", Metadata{Title: "行政院會今天通過特別預算，總額2,000億元", Source: "中央社", Author: "王小明", Script: ScriptTraditional}},
		{"【大紀元2024年03月05日訊】（大紀元記者李四香港報導）香港特區政府今日公佈財政預算案。", Metadata{Title: "香港特區政府今日公佈財政預算案", Date: "2024-03-05", Source: "大紀元", Author: "李四", Script: ScriptTraditional}},
		// The names end where a place datelines name begins; a name run
		// into a place not known is left out.
		{"（中央社記者王小明、陳美華華盛頓4日專電）美國國務院4日表示。", Metadata{Title: "美國國務院4日表示", Source: "中央社", Author: "王小明、陳美華", Script: ScriptTraditional}},
		{"（中央社記者張三、李四花蓮縣5日電）花蓮縣政府今天表示。", Metadata{Title: "花蓮縣政府今天表示", Source: "中央社", Author: "張三、李四", Script: ScriptTraditional}},
		{"（中央社記者張三、李四布宜諾斯艾利斯5日電）阿根廷政府今天表示。", Metadata{Title: "阿根廷政府今天表示", Source: "中央社", Author: "張三", Script: ScriptTraditional}},
		{"（中央社台北5日電）行政院今天表示。", Metadata{Title: "行政院今天表示", Source: "中央社", Script: ScriptTraditional}},
		{"原创 张三 中国经济观察 2024-03-05 08:00 发表于北京\n重磅！国务院发布促进民营经济发展壮大的意见\n正文。", Metadata{Title: "重磅！国务院发布促进民营经济发展壮大的意见", Date: "2024-03-05", Source: "中国经济观察", Author: "张三", Script: ScriptSimplified}},
		{"国务院发布意见\n原创 财经早餐 2024-03-05\n正文。", Metadata{Title: "国务院发布意见", Date: "2024-03-05", Source: "财经早餐", Script: ScriptSimplified}},
		// A page's markup left in scraped text is read as the page shows it.
		{"&nbsp;&nbsp;新华社北京3月5日电&nbsp;&nbsp;国务院总理在报告中提出&mdash;&mdash;要推进&ldquo;一带一路&rdquo;建设。<br/>\n<p>来源：新华网</p>", Metadata{Title: "国务院总理在报告中提出——要推进“一带一路”建设", Source: "新华网", Script: ScriptSimplified}},
		{"<p>政策解读</p><p>原创 张三 观察 2024-05-20</p>\n正文。", Metadata{Title: "政策解读", Date: "2024-05-20", Source: "观察", Author: "张三", Script: ScriptSimplified}},
		// A desk's name, two authors, the newer byline's date.
		{"重磅！政策解读\n原创 政策研究室 发改观察 2024-05-20 18:30 发表于北京\n正文。", Metadata{Title: "重磅！政策解读", Date: "2024-05-20", Source: "发改观察", Author: "政策研究室", Script: ScriptSimplified}},
		{"政策解读\n原创 张三 李四 中国经济观察 2024年05月20日 18:30 北京\n正文。", Metadata{Title: "政策解读", Date: "2024-05-20", Source: "中国经济观察", Author: "张三、李四", Script: ScriptSimplified}},
		// A Taiwan release's field rows: the publisher is the source
		// when no 来源 names one, and no row is the title.
		{"行政院會通過數位轉型方案\n發布日期：民國113年10月8日\n發布單位：行政院新聞傳播處\n正文。", Metadata{Title: "行政院會通過數位轉型方案", Date: "2024-10-08", Source: "行政院新聞傳播處", Script: ScriptTraditional}},
		{"發布日期：2024-10-08\n發布單位：行政院\n來源：中央社\n行政院會通過數位轉型方案。", Metadata{Title: "行政院會通過數位轉型方案", Date: "2024-10-08", Source: "中央社", Script: ScriptTraditional}},
		{"【新华社北京3月5日电】全国人大会议今天开幕。", Metadata{Title: "全国人大会议今天开幕", Source: "新华社", Script: ScriptSimplified}},
		{"新華社香港十月二日電（記者 陳七）\n香港特區政府今日公佈數據。", Metadata{Title: "香港特區政府今日公佈數據", Source: "新華社", Author: "陳七", Script: ScriptTraditional}},
		{"外交部3月5日电告各驻外使馆。", Metadata{Title: "外交部3月5日电告各驻外使馆", Script: ScriptSimplified}},
		{"Posted on 2024-03-05 08:00\n一季度外贸开局良好\n正文。", Metadata{Title: "一季度外贸开局良好", Date: "2024-03-05", Script: ScriptSimplified}},
		{"", Metadata{Script: ScriptNone}},
		// An official document: its masthead, number, urgency and signer are
		// not its title; a title set on two lines with 《 open is one; the year
		// in its number gives way to the date under the signature.
		{"国务院办公厅文件\n\n国办发〔2024〕7号\n\n国务院办公厅关于印发《推动大规模设备更新\n\n行动方案》的通知\n\n各省、自治区、直辖市人民政府：\n\n现将《行动方案》印发给你们，请认真贯彻执行。\n\n国务院办公厅\n\n2024年3月7日", Metadata{Title: "国务院办公厅关于印发《推动大规模设备更新行动方案》的通知", Date: "2024-03-07", Source: "国务院办公厅", Script: ScriptSimplified}},
		{"特急\n中共中央 国务院文件\n中发〔2023〕1号\n签发人：张三\n关于做好2023年全面推进乡村振兴重点工作的意见\n各省、自治区、直辖市党委和人民政府：\n现就做好工作提出如下意见。", Metadata{Title: "关于做好2023年全面推进乡村振兴重点工作的意见", Date: "2023", Script: ScriptSimplified}},
		{"关于废止部分规范性文件\n正文。", Metadata{Title: "关于废止部分规范性文件", Script: ScriptSimplified}},
		// An outlet, a section or a body named over the headline is not it;
		// a name over the text, with no headline, is the title it has.
		{"联合早报\n中国新闻\n中国两会：经济增长目标定在5%左右\n发布 / 2024年3月5日 11:20 AM\n文 / 于泽远\n\n国务院总理作政府工作报告。", Metadata{Title: "中国两会：经济增长目标定在5%左右", Date: "2024-03-05", Source: "联合早报", Author: "于泽远", Script: ScriptSimplified}},
		{"美國之音\n美中貿易談判重啟 雙方同意擴大農產品採購\n最後更新: 2024年3月5日 上午9:14\n美國之音記者 林楓\n\n華盛頓 — 美國和中國的貿易官員在華盛頓重啟談判。", Metadata{Title: "美中貿易談判重啟 雙方同意擴大農產品採購", Date: "2024-03-05", Source: "美國之音", Author: "林楓", Script: ScriptTraditional}},
		{"澳門特別行政區政府新聞局\n行政長官會見國家發改委代表團\n2025-01-15 18:30\n\n行政長官今日在政府總部會見代表團。", Metadata{Title: "行政長官會見國家發改委代表團", Date: "2025-01-15", Source: "澳門特別行政區政府新聞局", Script: ScriptTraditional}},
		// A government site's table of fields over the document; a post's
		// headline in black brackets, not a byline there.
		// A digest's dispatch: 参考消息网3月6日报道.
		{"外媒关注中国经济\n\n参考消息网3月6日报道\n\n据美联社报道，中国经济表现稳健。", Metadata{Title: "外媒关注中国经济", Source: "参考消息网", Script: ScriptSimplified}},
		{"据新华社3月5日报道，十四届全国人大二次会议开幕。", Metadata{Title: "十四届全国人大二次会议开幕", Source: "新华社", Script: ScriptSimplified}},
		// A speech's speaker, printed under its title and date.
		{"在全国科技大会上的讲话\n（2024年6月24日）\n\n习近平\n\n同志们，朋友们：\n\n今天，我们召开全国科技大会。", Metadata{Title: "在全国科技大会上的讲话", Date: "2024-06-24", Author: "习近平", Script: ScriptSimplified}},
		{"2024年政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作。", Metadata{Title: "2024年政府工作报告", Date: "2024-03-05", Author: "李强", Script: ScriptSimplified}},
		{"中国经济形势分析报告\n\n课题组\n\n摘要\n\n2023年经济恢复向好。", Metadata{Title: "中国经济形势分析报告", Date: "2023", Script: ScriptSimplified}},
		{"年度发展报告\n\n摘要\n\n张三\n\n本报告分析了数字经济。", Metadata{Title: "年度发展报告", Script: ScriptSimplified}},
		{"中美关系研讨会综述\n\n王五\n\n研讨会于北京举行。", Metadata{Title: "中美关系研讨会综述", Script: ScriptSimplified}}, // not a speech
		// An announcement's number over its headline gives way to it; a
		// document's number alone is the title rather than the addressee.
		{"商务部公告2023年第45号\n\n关于对原产于美国的进口产品反倾销调查的公告\n\n根据《反倾销条例》，现公告如下。\n\n商务部\n2023年11月2日", Metadata{Title: "关于对原产于美国的进口产品反倾销调查的公告", Date: "2023-11-02", Source: "商务部", Script: ScriptSimplified}},
		{"财政部 税务总局公告2023年第1号\n\n关于明确增值税小规模纳税人减免增值税等政策的公告\n\n现将有关政策公告如下。", Metadata{Title: "关于明确增值税小规模纳税人减免增值税等政策的公告", Date: "2023", Script: ScriptSimplified}},
		{"國家發展和改革委員會令第1號\n\n《產業結構調整指導目錄》已經審議通過，現予公布。", Metadata{Title: "國家發展和改革委員會令第1號", Script: ScriptTraditional}},
		{"国发〔2024〕5号\n\n各省、自治区、直辖市人民政府：\n\n现将意见印发给你们，请认真贯彻执行。\n\n国务院\n2024年2月1日", Metadata{Title: "国发〔2024〕5号", Date: "2024-02-01", Source: "国务院", Script: ScriptSimplified}},
		{"海关总署公告2024年第12号（关于发布进口商品检验目录的公告）\n\n为规范进口商品检验，现公告如下。", Metadata{Title: "海关总署公告2024年第12号（关于发布进口商品检验目录的公告）", Date: "2024", Script: ScriptSimplified}},
		{"首页 > 政策 > 国务院文件\n索引号：000014349/2024-00015\t主题分类：综合政务\n发文机关：国务院办公厅\t成文日期：2024年03月07日\n标题：国务院办公厅关于印发《行动方案》的通知\n发文字号：国办发〔2024〕7号\n\n各省、自治区、直辖市人民政府：", Metadata{Title: "国务院办公厅关于印发《行动方案》的通知", Date: "2024-03-07", Script: ScriptSimplified}},
		{"人民日报\n2024-3-5 09:12 来自 微博 weibo.com\n【#政府工作报告全文#】今天上午，全国人大会议开幕。报告提出目标。\n转发 1234 评论 567 赞 8901", Metadata{Title: "政府工作报告全文", Date: "2024-03-05", Source: "人民日报", Script: ScriptSimplified}},
		{"【环球时报记者 张三】美国商务部当地时间5日宣布新的出口管制措施。", Metadata{Title: "【环球时报记者 张三】美国商务部当地时间5日宣布新的出口管制措施", Author: "张三", Script: ScriptSimplified}},
		{"【导读】今年一季度外贸开局良好。", Metadata{Title: "【导读】今年一季度外贸开局良好", Script: ScriptSimplified}},
		{"自由時報\n賴清德出席國防大學畢業典禮 強調和平靠實力\n2024/06/16 10:30\n〔記者王小明／台北報導〕總統賴清德今天出席國防大學畢業典禮。", Metadata{Title: "賴清德出席國防大學畢業典禮 強調和平靠實力", Date: "2024-06-16", Source: "自由時報", Author: "王小明", Script: ScriptTraditional}},
		{"央行理監事會宣布升息半碼\n2024-03-21 15:10 聯合報／ 記者陳美華、林大同／台北即時報導\n\n中央銀行今天宣布升息半碼。", Metadata{Title: "央行理監事會宣布升息半碼", Date: "2024-03-21", Author: "陳美華、林大同", Script: ScriptTraditional}},
		{"路透北京2月5日 - 中国人民银行周一宣布下调存款准备金率。分析师认为此举旨在稳定市场。", Metadata{Title: "中国人民银行周一宣布下调存款准备金率", Source: "路透", Script: ScriptSimplified}},
		// A press conference's questions are not bylines.
		{"2024年3月5日外交部发言人毛宁主持例行记者会\n\n法新社记者：中方如何看待美方的措施？\n\n毛宁：中方坚决反对。", Metadata{Title: "2024年3月5日外交部发言人毛宁主持例行记者会", Date: "2024-03-05", Script: ScriptSimplified}},
		{"外交部新聞稿\n我國與友邦簽署經貿合作協定\n發布時間：113-03-05\n外交部今日與友邦簽署協定。", Metadata{Title: "我國與友邦簽署經貿合作協定", Date: "2024-03-05", Script: ScriptTraditional}},
		{"一季度外贸开局良好\n记者：王小明报道\n\n正文。", Metadata{Title: "一季度外贸开局良好", Author: "王小明", Script: ScriptSimplified}},
		{"China Daily\n中国日报网\nBy Zhang San | chinadaily.com.cn | Updated: 2024-03-05 10:00\n中美将举行新一轮经贸磋商\n中美双方将于下周举行新一轮经贸磋商。", Metadata{Title: "中美将举行新一轮经贸磋商", Date: "2024-03-05", Source: "中国日报网", Script: ScriptSimplified}},
		{"Trade Talks Resume\nBy Zhang San\nThe two sides met in Washington on Monday, officials said.", Metadata{Title: "Trade Talks Resume", Script: ScriptNone}},
		{"第一财经\n央行：保持流动性合理充裕\n第一财经 2024-03-05 10:00:00 作者：孙七 责编：周八\n中国人民银行表示，将保持流动性合理充裕。", Metadata{Title: "央行：保持流动性合理充裕", Date: "2024-03-05", Author: "孙七", Script: ScriptSimplified}},
		{"界面新闻\n证监会发布新规 加强上市公司监管\n界面新闻记者 | 王五\n2024/03/15 18:04\n证监会15日发布多项新规。", Metadata{Title: "证监会发布新规 加强上市公司监管", Date: "2024-03-15", Source: "界面新闻", Author: "王五", Script: ScriptSimplified}},
		{"一季度外贸开局良好\n新华社驻华盛顿记者 李四\n\n正文。", Metadata{Title: "一季度外贸开局良好", Source: "新华社", Author: "李四", Script: ScriptSimplified}},
		{"一季度外贸开局良好\n本报首席记者 李四\n首席记者 王五\n\n正文。", Metadata{Title: "一季度外贸开局良好", Author: "李四", Script: ScriptSimplified}},
		// A paper's number, its committee and the body over it; a series
		// with its issue; a body over a press release.
		{"立法會\nLegislative Council\n立法會CB(1)123/2024(01)號文件\n2024年3月5日會議\n參考文件\n\n財經事務委員會\n香港金融市場的最新發展\n\n目的\n本文件旨在向委員簡介香港金融市場的最新發展。", Metadata{Title: "香港金融市場的最新發展", Date: "2024-03-05", Source: "立法會", Script: ScriptTraditional}},
		{"CSIS中国研究简报 | 第12期\n2024年3月\n\n中美科技竞争的新阶段：出口管制与产业政策\n\n作者：张三（研究员）\n\n摘要：本文分析了中美科技竞争的最新发展。", Metadata{Title: "中美科技竞争的新阶段：出口管制与产业政策", Date: "2024-03", Author: "张三", Script: ScriptSimplified}},
		{"大陸委員會\n新聞稿\n發布日期：2024-03-05\n陸委會：中共對臺軍事施壓無助兩岸關係\n\n大陸委員會今（5）日表示，中共近期持續對臺軍事施壓。", Metadata{Title: "陸委會：中共對臺軍事施壓無助兩岸關係", Date: "2024-03-05", Source: "大陸委員會", Script: ScriptTraditional}},
		{"中央经济工作会议在北京举行\n\n会议12月11日至12日在北京举行。", Metadata{Title: "中央经济工作会议在北京举行", Script: ScriptSimplified}},
		// Under a section's name: a captcha with its readings, a byline and
		// a photograph's caption are not the headline.
		{"政策动态\n请(qǐng)输入验(yàn)证码\n经贸论坛及展会促进贸易畅通\n正文。", Metadata{Title: "经贸论坛及展会促进贸易畅通", Script: ScriptSimplified}},
		{"政策动态\n记者 窦衍凤\n上合示范区管委会主办对话会。", Metadata{Title: "政策动态", Author: "窦衍凤", Script: ScriptSimplified}},
		{"记者 窦衍凤\n上合示范区管委会主办对话会。", Metadata{Title: "上合示范区管委会主办对话会", Author: "窦衍凤", Script: ScriptSimplified}},
		{"比利时首相米歇尔在签字仪式上致辞。记者 任彦 摄\n此次对话会在青岛举行。", Metadata{Title: "比利时首相米歇尔在签字仪式上致辞", Author: "任彦", Script: ScriptSimplified}},
		// A headline ending as a body's name does, over its subtitle, is
		// the title.
		{"中央经济工作会议在北京举行\n习近平发表重要讲话\n新华社北京12月12日电 会议12日在北京举行。", Metadata{Title: "中央经济工作会议在北京举行", Source: "新华社", Script: ScriptSimplified}},
		{"习近平考察中国科学院\n强调加快实现高水平科技自立自强\n\n正文。", Metadata{Title: "习近平考察中国科学院", Script: ScriptSimplified}},
		{"李强主持召开国务院常务会\n部署推动大规模设备更新\n\n正文。", Metadata{Title: "李强主持召开国务院常务会", Script: ScriptSimplified}},
		{"中国人民银行\n中国人民银行关于下调存款准备金率的公告\n\n正文。", Metadata{Title: "中国人民银行关于下调存款准备金率的公告", Source: "中国人民银行", Script: ScriptSimplified}},
		{"新聞公報\n行政長官會見傳媒開場發言\n＊＊＊＊＊＊＊＊＊＊＊＊＊\n以下為行政長官今日的開場發言：\n\n2024年3月5日（星期二）\n香港時間10時30分", Metadata{Title: "行政長官會見傳媒開場發言", Date: "2024-03-05", Script: ScriptTraditional}},
		{"中美联合新闻公报\n\n中华人民共和国和美利坚合众国发表联合新闻公报如下。", Metadata{Title: "中美联合新闻公报", Script: ScriptSimplified}},
		{"国家统计局\n\n2023年全年国内生产总值增长5.2%。", Metadata{Title: "国家统计局", Date: "2023", Script: ScriptSimplified}},
		{"日本央行结束负利率政策\n2024年3月19日\n\n日本央行宣布结束负利率政策。\n\n相关话题\n日本\n经济", Metadata{Title: "日本央行结束负利率政策", Date: "2024-03-19", Script: ScriptSimplified}},
	}
	for _, tt := range tests {
		if got := ExtractMetadata(tt.text); got != tt.want {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, tt.want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, text := range seedTexts(f) {
		f.Add(text[:min(len(text), 600)])
	}
	f.Add("甲\n\n-END-\n\n乙\n\n乙\n\n分享\n\n  ")
	f.Add("中(huì),,(a,b)文:1:2,。\u00a0\u00a0\n\n\n")
	f.Add("&nbsp;&nbsp;新华社电&ldquo;一带&rdquo;<br/>路<p>甲</p>\n<span class=\"x\">乙</span>&#65292;&#27;&amp;amp;nbsp;&amp;lt;b&gt;&lt;br&gt;丁&ldquo；&n&#98;sp;&amp&#59;")
	for _, text := range seedTexts(f) { // pdftotext's output of a justified PDF of it
		f.Add(pdftotextPages(pdfWrap(text[:min(len(text), 3000)])))
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !utf8.ValidString(raw) {
			return // Clean takes decoded text
		}
		if got, want := withoutReadings(raw), applyEdits(raw, pinyinEdits(raw)); got != want {
			t.Fatalf("withoutReadings(%q) = %q, the pinyin pass's edits give %q", raw, got, want)
		}
		clean := checkChanges(t, raw)
		if !utf8.ValidString(clean) {
			t.Fatal("invalid UTF-8")
		}
		ExtractMetadata(clean)
		// A passage (a quote to tag) is cleaned to valid text, once for all.
		if p := CleanPassage(raw); !utf8.ValidString(p) || CleanPassage(p) != p {
			t.Fatalf("CleanPassage(%q) = %q, and again %q", raw, p, CleanPassage(p))
		}
	})
}

func BenchmarkClean(b *testing.B) {
	text := seedBlob(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}

func BenchmarkCleanUp(b *testing.B) {
	text := seedBlob(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d := &Document{raw: text}
		d.CleanUp()
	}
}

// BenchmarkCleanBigLine cleans a 2 MB paragraph with no line break.
func BenchmarkCleanBigLine(b *testing.B) {
	text := strings.Repeat("中美經貿合作正在加速進行,", 2<<20/36)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}

// BenchmarkCleanMarkup cleans a scraped page's text full of markup, and
// hostile lines: 1 MB of tags never closed, of ampersands, of &amp; chains.
func BenchmarkCleanMarkup(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"scraped", strings.Repeat("&nbsp;&nbsp;新华社北京电&nbsp;要推进&ldquo;一带一路&rdquo;建设<br/>\n<p>稳中求进&#65292;<span class=\"x\">总基调</span></p>\n", 1<<20/150)},
		{"unclosed", strings.Repeat("<b "+strings.Repeat("属", 100), 1<<20/303)},
		{"ampersands", strings.Repeat("&", 1<<20)},
		{"chain", "&" + strings.Repeat("amp;", 1<<18)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				Clean(c.text)
			}
		})
	}
}

// findKeys finds what a plain search for every key finds, in order.
func TestFindKeys(t *testing.T) {
	naive := func(text string) []keySite {
		var out []keySite
		for i := range text {
			for k, key := range metaKeys {
				if strings.HasPrefix(text[i:], key) {
					out = append(out, keySite{i, k})
				}
			}
		}
		return out
	}
	texts := []string{"", "来", "来源", "x来源：人民网 记者 任彦 文/某 文 /某 出處出处本文由作者撰稿記者來源", "來", "\xe6\x9d", "𠀀来源"}
	for _, s := range seedTexts(t) {
		texts = append(texts, s)
	}
	for _, text := range texts {
		if got, want := findKeys(text), naive(text); !slices.Equal(got, want) {
			t.Errorf("findKeys(%.40q) = %v, want %v", text, got, want)
		}
	}
}

// Dates are found wherever the year starts, whatever surrounds it.
func TestDateCandidates(t *testing.T) {
	for text, want := range map[string]string{
		"2019-03-05": "2019-03-05", "x1999年1月2日": "1999-01-02", "12019-03-05 2020-1-1": "2020-01-01",
		"3.2019年": "", "v2.2019-01-01": "", "报告2023年5月": "2023-05", "2020": "2020", "202": "", "1919": "",
		strings.Repeat("中", 5000) + "2021年": "2021",
		// A plan's horizon is not a date; the year around it may be.
		"到2025年，数字经济核心产业增加值": "", "到2025年，2023年起步": "2023", "力争2030年前实现碳达峰": "",
		"2021年至2035年": "2021", "至2035年基本实现": "", "截至2023年底": "2023", "截至2023年6月": "2023-06",
		"到2027年6月完成": "", "到2027年6月完成，2024年3月启动": "2024-03", "2024年前三季度": "2024", "2030年前": "", "2030年以前，": "", "2019年前10个月": "2019",
		"发布时间：2025年1月2日。到2030年": "2025-01-02",
		// A table's column heads are no date; a whole date in a row is.
		"指标 | 2023年 | 2024年 | 增长\n产值 | 1 | 2 | 3%": "", "项目\t2023年度\t2024年末": "", "月份 | 2024年1月 | 2024年2月": "",
		"2023年 | 1200\n2022年 | 1100": "", "指标 | 2023年 | 2024年\n今年以来，2024年3月": "2024-03",
		"发布日期 | 2024年3月5日": "2024-03-05", "2018年12月06日08:42 | 来源：人民网": "2018-12-06", "2018年 第3期 | 来源：人民网": "2018",
		"通知 | 2021年印发": "2021", "2021-02-29": "2021", "2024-02-29": "2024-02-29", "2023年4月31日": "2023-04", "2023-02-29": "2023", "单位 | 2023年（亿元） | 2024年（亿元）": "", "2024年1-3月\t12": "", "时间\t2024年3月份\t2024年上半年": "",
	} {
		if got := extractDate(text); got != want {
			t.Errorf("extractDate(%.30q) = %q, want %q", text, got, want)
		}
	}
}

// yearStarts agrees with a byte-by-byte scan on any text.
func FuzzYearStarts(f *testing.F) {
	for _, s := range []string{"2019-03-05", "3.2019年", "12019", "1999年x2000", "20", "２０１９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var want []int
		for i := 0; i+4 <= len(text); i++ {
			c := text[i]
			if (c == '1' && text[i+1] == '9' || c == '2' && text[i+1] == '0') && isDigitByte(text[i+2]) && isDigitByte(text[i+3]) &&
				(i == 0 || !isDigitByte(text[i-1]) && text[i-1] != '.') {
				want = append(want, i)
			}
		}
		if got := yearStarts(text); !slices.Equal(got, want) {
			t.Errorf("yearStarts(%q) = %v, want %v", text, got, want)
		}
	})
}

func TestOutletIsNotABriefing(t *testing.T) {
	for line, outlet := range map[string]bool{"人民网": true, "人民日报": true, "新华社": true, "中美经贸合作简报": false, "政策動態": false,
		"中國國際廣播電視新聞社": true, "联合早报": true, "美國之音": true, "中国新闻": false, "我们在这里讨论了很多关于中国和美国之间贸易的问题也访问了人民网": false} {
		if got := isOutlet(line); got != outlet {
			t.Errorf("%s: outlet %v, want %v", line, got, outlet)
		}
	}
}

// TestPinyinSyllable checks the table-driven syllable test against its
// definition written plainly, on real syllables and on random strings of
// pinyin letters, tone marks, look-alikes (é in French, ǹ, ü without a
// tone) and broken bytes.
func TestPinyinSyllable(t *testing.T) {
	plain := func(s string) bool {
		if len(s) < 2 || len(s) > 8 || !strings.ContainsAny(s, toneMarks) {
			return false
		}
		for _, p := range []string{"zh", "ch", "sh"} {
			if strings.HasPrefix(s, p) {
				s = s[2:]
				goto vowels
			}
		}
		if strings.IndexByte("bpmfdtnlgkhjqxrzcsyw", s[0]) >= 0 {
			s = s[1:]
		}
	vowels:
		v := 0
		for s != "" {
			r, n := utf8.DecodeRuneInString(s)
			if !strings.ContainsRune(pinyinVowels, r) {
				break
			}
			v++
			s = s[n:]
		}
		return v >= 1 && v <= 4 && (s == "" || s == "n" || s == "ng" || s == "r")
	}
	for s, want := range map[string]bool{"huì": true, "zhuàng": true, "lǜ": true, "nǚ": true, "ér": true, "ā": true,
		"hui": false, "café": false, "fé": true, "ǹg": false, "lü": false, "Huì": false, "h\xc3": false, "xiǎng": true, "ài": true} {
		if got := isPinyinSyllable(s); got != want || plain(s) != want {
			t.Errorf("isPinyinSyllable(%q) = %v, plain %v, want %v", s, got, plain(s), want)
		}
	}
	alphabet := []string{"a", "e", "i", "o", "u", "ü", "v", "n", "g", "r", "zh", "s", "h", "x", "à", "é", "ǐ", "ō", "ǚ", "ǹ", "ê", "\xc3", "\xc7", "\x80", "中", "Ā"}
	rng := rand.New(rand.NewPCG(7, 9))
	for range 200_000 {
		var sb strings.Builder
		for n := rng.IntN(6); n >= 0; n-- {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		if s := sb.String(); isPinyinSyllable(s) != plain(s) || hasToneMark(s) != strings.ContainsAny(s, toneMarks) {
			t.Fatalf("%q: isPinyinSyllable %v, plain %v; hasToneMark %v", s, isPinyinSyllable(s), plain(s), hasToneMark(s))
		}
	}
}

// misread returns text as a reader out of step with enc reads it: written
// in enc, its first byte lost, read again (any byte that reads as nothing
// valid becomes U+FFFD).
func misread(t *testing.T, enc encoding.Encoding, text string) string {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	dec, err := enc.NewDecoder().Bytes(b[1:])
	if err != nil {
		t.Fatal(err)
	}
	return string(dec)
}

func TestMisaligned(t *testing.T) {
	tests := []struct{ in, want string }{
		// The seed's own: “中小企業 in GBK, its first byte lost.
		{"的領域,?!爸行∑髽I(yè)論壇", "的領域,?!中小企業(yè)論壇"},
		// Rare characters in correct text stay.
		{"記者 竇衍鳳報道", "記者 竇衍鳳報道"},
		{"这是𠮷野家和𩸽的测试", "这是𠮷野家和𩸽的测试"},
		{"髽髻是一种发式。", "髽髻是一种发式。"},
	}
	for _, tt := range tests {
		if got := runPass(misalignedEdits, tt.in); got != tt.want {
			t.Errorf("misaligned(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A GBK reading out of step stays so until an ASCII byte: all of it
	// comes back but what the lost byte and the last character took.
	gbk := "A" + misread(t, simplifiedchinese.GBK, "“中小企业论坛”今日在北京开幕") + " OK"
	if got := runPass(misalignedEdits, gbk); !strings.Contains(got, "A中小企业论坛”今日在北京") || !strings.HasSuffix(got, " OK") {
		t.Errorf("misaligned(%q) = %q", gbk, got)
	}
	// Big5 falls back in step within a character or two (its trail bytes
	// reach into ASCII): too little to tell from a rare name; left alone.
	big5 := misread(t, traditionalchinese.Big5, "“中小企業論壇”")
	if got := runPass(misalignedEdits, big5); got != big5 {
		t.Errorf("misaligned(%q) = %q", big5, got)
	}
}

// TestCleanIdempotentAcrossPasses: a pass that runs after misaligned can
// make a run it would have read otherwise (an ASCII mark made full width,
// a reading annotation removed, lines joined); cleaning the clean text
// must still change nothing.
func TestCleanIdempotentAcrossPasses(t *testing.T) {
	for _, raw := range []string{
		"中羃!",               // ! becomes ！, which lengthens the run
		"中羃!\n\n乙羃?",        // and in more than one paragraph
		"中(zhōng)羃！",        // the reading between them goes
		"記者 竇衍鳳報道!",         // a rare name stays, mark or not
		"的領域,?!爸行∑髽I(yè)論壇", // the seed's own repair
	} {
		checkChanges(t, raw)
	}
}

// hardWrap breaks every line of text at width columns (wide characters
// two) as mail and Usenet software did: between any two Chinese
// characters, at a space between Latin words (the space goes). Each
// paragraph's first line is indented with indent.
func hardWrap(text string, width int, indent string) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, w := indent, columns(indent)
		for _, tok := range regexp.MustCompile(`[!-~]+| |.`).FindAllString(para, -1) {
			cw := columns(tok)
			if w+cw > width && w > 0 {
				out = append(out, line)
				line, w = "", 0
				if tok == " " {
					continue
				}
			}
			line += tok
			w += cw
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// pdfWrap wraps text as a PDF set in proportional type and justified
// reads back through pdftotext: line widths in columns vary (here from 63
// to 75, in turn) and paragraphs follow one another without blank lines or
// indents.
func pdfWrap(text string) string {
	widths := []int{74, 66, 71, 63, 75, 69, 72}
	var out []string
	k := 0
	for _, para := range strings.Split(text, "\n") {
		line, w := "", 0
		for _, tok := range regexp.MustCompile(`[!-~]+| |.`).FindAllString(para, -1) {
			if cw := columns(tok); w+cw > widths[k%len(widths)] && w > 0 {
				out = append(out, line)
				line, w = "", 0
				k++
				if tok == " " {
					continue
				}
			}
			line += tok
			w += columns(tok)
		}
		out = append(out, line)
		k++
	}
	return strings.Join(out, "\n")
}

// pdftotextPages cuts wrapped text into pages of 12 lines as pdftotext
// prints them: each page's number last, after a blank line, and a form
// feed before the next page's first line (a page may end inside a
// paragraph or between two).
func pdftotextPages(text string) string {
	lines := strings.Split(text, "\n")
	var sb strings.Builder
	for i, page := 0, 1; i < len(lines); i, page = i+12, page+1 {
		if i > 0 {
			fmt.Fprintf(&sb, "\n\n%d\n\n\f", page-1)
		}
		sb.WriteString(strings.Join(lines[i:min(i+12, len(lines))], "\n"))
	}
	return sb.String()
}

func TestUnwrap(t *testing.T) {
	seed := seedTexts(t)["002_87c6b28f1f9cb63b.txt"]
	clean, _ := Clean(seed)
	var paras []string
	for _, p := range strings.Split(clean, "\n") {
		if utf8.RuneCountInString(p) > 60 {
			paras = append(paras, p)
		}
	}
	body := strings.Join(paras, "\n")
	tests := []struct{ name, in, want string }{
		{"blank lines between paragraphs", hardWrap(strings.ReplaceAll(body, "\n", "\n\n"), 72, ""), strings.ReplaceAll(body, "\n", "\n\n")},
		{"indented paragraphs", hardWrap(body, 76, "\u3000\u3000"), body},
		{"latin words keep a space", hardWrap(strings.Repeat("alpha beta gamma delta ", 20), 40, ""), strings.TrimSpace(strings.Repeat("alpha beta gamma delta ", 20))},
		{"a PDF's text, widths from 63 to 75, blank lines between paragraphs", pdfWrap(strings.ReplaceAll(body, "\n", "\n\n")), strings.ReplaceAll(body, "\n", "\n\n")},
		{"a PDF's text, widths from 63 to 75, paragraphs one after another", pdfWrap(body), body},
		{"pdftotext's pages: form feeds and page numbers", pdftotextPages(pdfWrap(strings.ReplaceAll(body, "\n", "\n\n"))), strings.ReplaceAll(body, "\n", "\n\n")},
		{"pdftotext's pages: a page ends with a paragraph", pdfWrap(paras[0]) + "\n\n7\n\n\f" + pdfWrap(strings.Join(paras[1:], "\n\n")), strings.ReplaceAll(body, "\n", "\n\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := Clean(tt.in)
			if strings.TrimSpace(got) != strings.TrimSpace(tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	// Lines of wide characters at the width (70), more lines a column or
	// several short of it for the ASCII in them (69, 63): the width is 70.
	t.Run("width above the busiest window", func(t *testing.T) {
		han := []rune(strings.Repeat("鲜艳的五星红旗和比利时国旗一同迎风招展比利时列日机场洋溢着一派节日喜庆的气氛", 40))
		take := func(n int) string {
			s := string(han[:n])
			han = han[n:]
			return s
		}
		var in, want []string
		for p := 0; p < 4; p++ {
			para := ""
			for i, w := range []int{70, 63, 69, 63, 70, 69, 63, 69, 20} {
				var line string
				switch w {
				case 70:
					line = take(35)
				case 69:
					line = take(17) + fmt.Sprint(p) + take(17)
				case 63:
					line = take(14) + fmt.Sprintf("eWTP%03d", p*10+i) + take(14)
				default:
					line = take(10) + "。"
				}
				if i == 0 {
					line = "\u3000\u3000" + string([]rune(line)[1:])
				}
				in = append(in, line)
				para += strings.TrimLeft(line, "\u3000")
			}
			want = append(want, para)
		}
		got, _ := Clean(strings.Join(in, "\n"))
		if strings.TrimSpace(got) != strings.Join(want, "\n") {
			t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
		}
	})
	// A PDF's text: pages break paragraphs, with a page number and a
	// running header between; the paragraph goes on after them.
	t.Run("page breaks", func(t *testing.T) {
		wrapped := strings.Split(hardWrap(body, 70, "\u3000\u3000"), "\n")
		var in []string
		breaks := 0
		for i, line := range wrapped {
			if i > 0 && i%13 == 0 {
				in = append(in, fmt.Sprintf("— %d —", i/13), "", "国务院办公厅文件", "")
				if !endsSentence(wrapped[i-1]) {
					breaks++
				}
			}
			in = append(in, line)
		}
		if breaks < 2 {
			t.Fatalf("only %d page breaks inside a sentence: make the test break more", breaks)
		}
		got, _ := Clean(strings.Join(in, "\n"))
		lines := map[string]bool{}
		for _, l := range strings.Split(got, "\n") {
			lines[l] = true
			if pageNumberRE.MatchString(l) {
				t.Errorf("page number %q left", l)
			}
		}
		for _, p := range paras {
			if !lines[p] {
				t.Errorf("paragraph not whole: %.40s…", p)
			}
		}
	})
	// Texts that are not wrapped keep their lines: among them lists of
	// titles and a sentence a line, of 56 to 80 columns (inside the wide
	// window a PDF's text is read with).
	base := []rune("国务院关于加快发展外贸新业态新模式的意见国家发展改革委关于印发推动大规模设备更新和消费品以旧换新行动方案的通知商务部等部门关于推动电子商务高质量发展的指导意见财政部关于进一步加强地方政府债务管理的通知")
	var titles, sentences []string
	for i := range 30 {
		n := 28 + i*7%13
		titles = append(titles, string(base[i*3%40:i*3%40+n]))
		sentences = append(sentences, string(base[i*5%40:i*5%40+n])+"。")
	}
	for _, text := range []string{
		strings.Join(titles, "\n"),
		strings.Join(sentences, "\n"),
		seed,
		"一、加快推进政务服务一网通办改革试点工作\n二、支持企业参与政府采购降低交易成本试点\n三、会同有关部门研究制定配套支持政策措施\n四、加强组织领导确保各项措施落实到位工作\n五、做好宣传引导营造良好社会舆论氛围环境\n六、本措施自印发之日起施行由发改委负责解释",
		"床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n床前明月光\n疑是地上霜",
		// A news page's short lines (widths 4 to 90 columns) crowd into one
		// window of widths, but lines run past it and stop short before text.
		"行政院通過前瞻基礎建設第四期特別預算\n2024/03/05 14:32\n字級：小 中 大\n" +
			"（中央社記者王小明台北5日電）行政院會今天通過前瞻基礎建設計畫第四期特別預算，總額新台幣2,000億元。\n請繼續往下閱讀...\n" +
			"行政院發言人表示，預算將用於軌道建設、水環境及數位建設。\n‧ 立法院下週審查特別預算\n‧ 前瞻計畫執行率達9成\n瀏覽人次：1,234\n更新日期：2024/03/05\n回上頁\n",
	} {
		if edits := unwrapEdits(text); len(edits) > 0 {
			t.Errorf("%q: %d lines joined", text[:min(len(text), 60)], len(edits))
		}
	}
}

// Dates in full-width digits, Chinese numerals and the ROC calendar read
// as Gregorian dates; an era-less ROC date only in a header.
func TestFindDate(t *testing.T) {
	tests := []struct {
		text   string
		header bool
		want   string
	}{
		{"发布日期：２０２４年６月１日", false, "2024-06-01"},
		{"农业农村部办公厅\n二〇二三年三月五日", true, "2023-03-05"},
		{"二○二一年十二月三十一日", true, "2021-12-31"},
		{"二零一九年十月", true, "2019-10"},
		{"二〇二三年", true, "2023"},
		{"二〇二三年", false, ""},
		{"二〇二三年十三月", true, "2023"},
		{"中華民國113年8月22日", true, "2024-08-22"},
		{"民國一百一十三年十月十日", true, "2024-10-10"},
		{"民国九十九年", true, "2010"},
		{"中華民國113年度中央政府總預算案", true, "2024"},
		{"中華民國113年度中央政府總預算案", false, ""},
		{"發布日期：113-08-22", true, "2024-08-22"},
		{"發布日期：113-08-22", false, ""},
		{"113年8月22日", true, "2024-08-22"},
		{"共113年8月22日", true, "2024-08-22"},
		{"1113-08-22", true, ""},
		{"v1.113-08-22", true, ""},
		{"已有113年历史", true, ""},
		{"113-13-22", true, ""},
		{"一三年", true, ""},
		{"零件2024年", false, "2024"},
		{"，。：２０２０", false, "2020"},
		{"March 5, 2024", true, "2024-03-05"},
		{"Updated: Mar. 5 2024 10:00", true, "2024-03-05"},
		{"发布于 5 March 2024", true, "2024-03-05"},
		{"21st Sept, 2023", true, "2023-09-21"},
		{"5 March 2024", false, "2024"},
		{"Marathon 5, 2024", true, "2024"},
		{"March 35, 2024", true, "2024"},
		{"March 5, 20245", true, ""},
		{"May 2024", true, "2024"},
	}
	for _, tt := range tests {
		if got := findDate(tt.text, tt.header); got != tt.want {
			t.Errorf("findDate(%q, %v) = %q, want %q", tt.text, tt.header, got, tt.want)
		}
	}
	for s, want := range map[string]int{"一百一十三": 113, "一百零三": 103, "十二": 12, "二十": 20, "九十九": 99, "一一三": 113, "〇": 0, "113": 113} {
		if n, ok := chineseNumber(s); !ok || n != want {
			t.Errorf("chineseNumber(%q) = %d, %v, want %d", s, n, ok, want)
		}
	}
}

// gregorian never breaks text: it is valid UTF-8 when its input is, and
// text without a trigger comes back as it was.
func FuzzGregorian(f *testing.F) {
	for _, s := range []string{"二〇二三年三月五日", "中華民國113年", "113-08-22", "２０２４年", "民國一百年"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, header bool) {
		if !utf8.ValidString(text) {
			return
		}
		got := gregorian(text, header)
		if !utf8.ValidString(got) {
			t.Fatalf("gregorian(%q) = %q: invalid UTF-8", text, got)
		}
		if !strings.ContainsAny(text, "年1０１２３４５６７８９") && got != text {
			t.Fatalf("gregorian(%q) = %q, changed text it has no date in", text, got)
		}
		findDate(text, header)
	})
}

// Metadata is read off raw text as it comes from files: any text gives
// valid UTF-8 fields, a title no longer than maxTitle, and a date that
// parses.
func FuzzMetadata(f *testing.F) {
	for _, s := range []string{
		"新华社北京3月5日电（记者张三、李四）十四届全国人大二次会议开幕。",
		"（中央社記者王小明台北5日電）行政院會今天通過特別預算。",
		"【大紀元2024年03月05日訊】（大紀元記者李四香港報導）香港特區政府今日公佈。",
		"本报北京3月5日讯 记者赵六报道：今年一季度。",
		"发布时间：２０２４年６月１日\n国家统计局\n二〇二三年三月五日",
		"發布日期：113-08-22\n中華民國113年度\n民國一百一十三年十月十日",
		"　王小明／台北報導〕",
		"陳美華、林大同、王五、趙六、錢七、孫八、李九、周十／台北即時報導",
		"采访", "： 王五摄", "\u00a0王五", "好！是？对。!?", "\uff01\uff1f\u3002\u3001",
	} {
		f.Add(s)
	}
	for _, text := range seedTexts(f) {
		f.Add(text[:min(len(text), 400)])
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		md := ExtractMetadata(text)
		for _, v := range []string{md.Title, md.Date, md.Source, md.Author} {
			if !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8 field %q", v)
			}
		}
		if n := utf8.RuneCountInString(md.Title); n > maxTitle+1 {
			t.Fatalf("title of %d runes", n)
		}
		if got, want := sentenceEnd(text), strings.IndexAny(text, "。！？!?"); got != want {
			t.Fatalf("sentenceEnd(%q) = %d, want %d", text, got, want)
		}
		// bylineAt's shortcut agrees with the pattern it spares.
		for _, k := range authorKeys {
			s := k + text
			if got, want := bylineAt(s), authorRE.FindStringSubmatchIndex(s[:min(len(s), 200)]); !slices.Equal(got, want) {
				t.Fatalf("bylineAt(%q) = %v, authorRE %v", s, got, want)
			}
		}
		if md.Date != "" {
			layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(md.Date)]
			if _, err := time.Parse(layout, md.Date); layout == "" || err != nil {
				t.Fatalf("date %q does not parse", md.Date)
			}
		}
	})
}

// TestDebrisKey checks the table-driven key against its definition written
// plainly, for every rune and on mixed lines.
func TestDebrisKey(t *testing.T) {
	plain := func(line string) string {
		return strings.ToLower(strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
				return -1
			}
			return r
		}, line))
	}
	var all []rune
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r < 0xD800 || r > 0xDFFF {
			all = append(all, r)
		}
	}
	for i := 0; i < len(all); i += 4096 {
		line := string(all[i:min(len(all), i+4096)])
		if got, want := debrisKey(line), plain(line); got != want {
			t.Fatalf("debrisKey of runes from %U differs from its definition", all[i])
		}
	}
	for _, line := range []string{"【打印】 【关闭】", "Back To Top", "分享到：微信 微博", "ＡＢＣ１２３", "Σ ΑΣ", "İstanbul", "🎉点赞👍"} {
		if got, want := debrisKey(line), plain(line); got != want {
			t.Errorf("debrisKey(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestIsHan checks the shortcuts of isHan against Unicode's table for every
// rune.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isHan(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("isHan(%U) = %v, want %v", r, got, want)
		}
	}
}

// A passage copied from a raw file is cleaned within its lines only.
func TestCleanPassage(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"會(huì)晤后,,兩國經(jīng)貿(mào)合作", "會晤后，兩國經貿合作"},
		{"共識(shí),,旨在", "共識，旨在"},
		{"公司,?Aman", "公司？Aman"},
		{"易,。", "易。"},
		{"3,000名 21:42", "3,000名 21:42"},
		{"点击这里\n点击这里", "点击这里\n点击这里"}, // no line is dropped as a repeat or debris
		{"已是干净的文字，不变。", "已是干净的文字，不变。"},
		{"", ""},
	} {
		if got := CleanPassage(tt.in); got != tt.want {
			t.Errorf("CleanPassage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
