package corpus

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Cross-strait vocabulary: the mainland and Taiwan (and Hong Kong) name
// many things with different words, not just different characters: 软件 is
// 軟體, 信息 資訊, 意大利 義大利, 普京 普丁, 东盟 東協; Hong Kong writes
// 流動電話, 私隱, 本地生產總值, 戴卓爾 for 移动电话, 隐私, 国内生产总值, 撒切尔.
// Folding makes 軟件 and 软件 one word; this makes 软件 and 軟體 one
// word for search, so a query written on either side finds the briefings
// of both. A query word holding one of these words also matches with it
// replaced by each of its equivalents (软件开发 finds 軟體開發); a word in
// quotes ("软件", 「軟體」) is searched for as written (folded only).
//
// Each line below is one group of words that name the same thing; the
// first is the mainland's form, written in Simplified. The list is made by
// hand: most general and technical words from OpenCC's Taiwan phrase tables
// (TWPhrases, TWPhrasesRev of OpenCC 1.1.6: 软件 軟體, 激光 雷射/鐳射), the
// rest of them (大数据 巨量資料, 导弹 飛彈, 可持续 永續, 解放军 共軍) and the
// names of states, places, people and bodies as the mainland's Xinhua and
// Taiwan's Central News Agency and Ministry of Foreign Affairs write them,
// and Hong Kong's forms where they differ from both (as its government and
// press write them: 數碼, 短訊, 視像, 網誌, 流動, 質素, 行政總裁).
// It was not checked against a corpus: none is on the machine it was made
// on, so each pair is a judgement to revisit. A pair goes in only when
// both words name the same thing and neither is a common word on the
// other side with another meaning, because every query for the one would
// then bring in the other's texts: 文件 (mainland: an official document)
// and 檔案 (Taiwan: a computer file), 数据 and 資料 (mainland: materials),
// 程序 and 程式, 通过 and 透過, 运行 and 執行, 创建 and 建立, 支持 and
// 支援, 公交车 and 公車 (mainland: an official car), 黑山 and 蒙特內哥羅
// (a common place name), 数字 and 數位 (a number) are left out; their
// compounds that are safe are in (数字经济 數位經濟, 数据库 資料庫).
// Two-character words that arise across word boundaries in ordinary text
// are left out too: 卡達 in 银行卡达到, 查德 in 检查德国, 布什 in 宣布什么,
// 里根 in 这里根本, 東加 in 广东加快, 在线 in 在线下 (offline!); where the
// pair is worth having, the characters a word must not follow are
// written after it (川普!四银).
const crossStraitWords = `
# general and technical words
信息 資訊
信息技术 資訊科技
个人信息 個人資料 個資 個人資訊
网络 網路
网络安全 網路安全 資安 資通安全
互联网 網際網路 因特网
移动互联网 行動網路 行動網際網路 流動互聯網
软件 軟體
硬件 硬體
应用程序 應用程式
人工智能 人工智慧
智能手机 智慧型手機
芯片 晶片
集成电路 積體電路
晶体管 電晶體
硅 矽
纳米 奈米
激光 雷射 鐳射
光刻机 曝光機
数字化 數位化 數碼化
数字经济 數位經濟 數碼經濟
数字货币 數位貨幣 數碼貨幣
数字鸿沟 數位落差
大数据 巨量資料
数据库 資料庫
数据中心 資料中心
数据安全 資料安全
云计算 雲端運算
操作系统 作業系統
服务器 伺服器
计算机 電腦
笔记本电脑 筆記型電腦 筆電
打印机 印表機
打印 列印
鼠标 滑鼠
宽带 寬頻
短信 簡訊 短訊
视频 視訊 視像!电
博客 部落格 網誌!联上
社交媒体 社群媒體
黑客 駭客
算法 演算法
用户 使用者
移动电话 行動電話 流動電話
移动通信 行動通訊 流動通訊
移动支付 行動支付 流動支付
知识产权 智慧財產權 智財權
可持续 永續
质量 品質 質素
项目 專案
基础设施 基礎建設 基建
国内生产总值 國內生產毛額 本地生產總值
国民生产总值 國民生產毛額
首席执行官 執行長 行政總裁
生物技术 生物科技
塑料 塑膠
出租车 計程車
自行车 腳踏車
地铁 捷運
电动汽车 電動車
航天 航太
航天员 宇航员 太空人
导弹 飛彈
航空母舰 航母 航艦
潜艇 潛艦
解放军 共軍
美元 美金
菠萝 鳳梨
猕猴桃 奇異果
三文鱼 鮭魚
隐私 私隱
电子邮件 電郵
新冠肺炎 嚴重特殊傳染性肺炎 武漢肺炎

# bodies and agreements
东盟 東協
亚太经合组织 亞太經合會
七国集团 七大工業國
国际货币基金组织 國際貨幣基金
美联储 聯準會 聯儲局
国际奥委会 國際奧會
全面与进步跨太平洋伙伴关系协定 跨太平洋夥伴全面進步協定
区域全面经济伙伴关系协定 區域全面經濟夥伴協定
富士康 鴻海
英伟达 輝達
阿斯麦 艾司摩爾
欧盟委员会 歐盟執委會
国际能源署 國際能源總署
经济合作与发展组织 經濟合作暨發展組織
哈马斯 哈瑪斯
塔利班 神學士

# states
意大利 義大利
新西兰 紐西蘭
澳大利亚 澳洲
沙特 沙烏地 沙地阿拉伯
阿联酋 阿拉伯联合酋长国 阿拉伯聯合大公國
朝鲜 北韓
韩国 南韓
老挝 寮國
文莱 汶萊
也门 葉門
印度尼西亚 印尼
孟加拉国 孟加拉
突尼斯 突尼西亞
肯尼亚 肯亞
尼日利亚 奈及利亞
坦桑尼亚 坦尚尼亞
赞比亚 尚比亞
津巴布韦 辛巴威
埃塞俄比亚 衣索比亞 衣索匹亞
索马里 索馬利亞
卢旺达 盧安達
布隆迪 蒲隆地
莫桑比克 莫三比克
毛里求斯 模里西斯
毛里塔尼亚 茅利塔尼亞
贝宁 貝南
几内亚比绍 幾內亞比索
佛得角 維德角
利比里亚 賴比瑞亞
科特迪瓦 象牙海岸
博茨瓦纳 波札那
厄立特里亚 厄利垂亞
塞舌尔 塞席爾
马尔代夫 馬爾地夫
危地马拉 瓜地馬拉
洪都拉斯 宏都拉斯
哥斯达黎加 哥斯大黎加
厄瓜多尔 厄瓜多
多米尼加 多明尼加
圭亚那 蓋亞那
苏里南 蘇利南
伯利兹 貝里斯
巴巴多斯 巴貝多
格林纳达 格瑞那達
特立尼达和多巴哥 千里達及托巴哥
克罗地亚 克羅埃西亞
斯洛文尼亚 斯洛維尼亞
波斯尼亚和黑塞哥维那 波士尼亞與赫塞哥維納
塞浦路斯 塞普勒斯
格鲁吉亚 喬治亞
阿塞拜疆 亞塞拜然
哈萨克斯坦 哈薩克
乌兹别克斯坦 烏茲別克
吉尔吉斯斯坦 吉爾吉斯
塔吉克斯坦 塔吉克
土库曼斯坦 土庫曼
列支敦士登 列支敦斯登
圣马力诺 聖馬利諾
马耳他 馬爾他
巴布亚新几内亚 巴布亞紐幾內亞
所罗门群岛 索羅門群島
瓦努阿图 萬那杜
基里巴斯 吉里巴斯
图瓦卢 吐瓦魯
瑙鲁 諾魯
帕劳 帛琉

# places
悉尼 雪梨
堪培拉 坎培拉
迪拜 杜拜
阿布扎比 阿布達比
利雅得 利雅德
伊斯坦布尔 伊斯坦堡
比什凯克 比斯凱克
加沙!增参追添施更外附叠强 加薩
马六甲 麻六甲
五角大楼 五角大廈
国会山 國會山莊
爱丽舍宫 艾麗榭宮

# people
特朗普 川普!四银
奥巴马 歐巴馬
希拉里 希拉蕊 希拉莉
克林顿 柯林頓
尼克松 尼克森
肯尼迪 甘迺迪
基辛格 季辛吉
哈里斯 賀錦麗
佩洛西 裴洛西
沙利文 蘇利文
耶伦 葉倫
普京 普丁
阿萨德 阿塞德
梅德韦杰夫 梅德維傑夫
戈尔巴乔夫 戈巴契夫
叶利钦 葉爾欽
斯大林 史達林
默克尔 梅克爾
朔尔茨 蕭茲
马克龙 馬克宏
萨科齐 薩科吉
奥朗德 歐蘭德
卡梅伦 卡麥隆
撒切尔 柴契爾 戴卓爾
丘吉尔 邱吉爾
冯德莱恩 范德賴恩
古特雷斯 古特瑞斯
内塔尼亚胡 納坦雅胡
埃尔多安 艾爾多安
泽连斯基 澤倫斯基
卢拉 魯拉
博索纳罗 波索納洛
特鲁多 杜魯道 杜魯多
阿尔巴尼斯 艾班尼斯
杜特尔特 杜特蒂
马科斯 馬可仕
扎克伯格 祖克柏 朱克伯格
乔布斯 賈伯斯
贝索斯 貝佐斯
盖茨 蓋茲
`

// vocab is the vocabulary folded: each word's group, and the groups.
type vocab struct {
	group  map[string]int // folded word → its group
	groups [][]vocabWord  // in the order written
	most   int            // the longest word, in characters
}

// vocabWord is a word of the vocabulary, folded. notAfter holds the
// characters it must not follow to be the word: 川普 (Taiwan's Trump) is
// no name in 四川普遍 or 银川普及, so it is written 川普!四银.
type vocabWord struct {
	q, notAfter []rune
}

// maxVocabularyWord bounds a word of the vocabulary, in characters.
const maxVocabularyWord = 32

// add reads src, lines of words that name the same thing (# starts a
// comment), into v. A line of words each after a minus (-资讯 -资料) drops
// them. With strict unset (a user's file), a word already in a group is
// moved to its new line's group; with strict set (jianbao's own list), that
// is an error. name names src in errors, which give the line.
func (v *vocab) add(src, name string, strict bool) error {
	n := 0
	for line := range strings.Lines(src) {
		n++
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...))
		}
		if !utf8.ValidString(line) {
			return fail("not UTF-8 text: save the file as UTF-8")
		}
		if strings.HasPrefix(fields[0], "-") {
			for _, f := range fields {
				w, ok := strings.CutPrefix(f, "-")
				if !ok {
					return fail("%q: a line that drops words has a minus before each (-资讯 -资料)", f)
				}
				if err := checkVocabularyWord(w); err != nil {
					return fail("%q: %v", f, err)
				}
				v.remove(FoldString(w))
			}
			continue
		}
		if len(fields) < 2 {
			return fail("%q alone: a line is two or more words that name the same thing (软件 軟體), or words to drop (-资讯)", fields[0])
		}
		var g []vocabWord
		for _, f := range fields {
			w, not, _ := strings.Cut(f, "!")
			if err := checkVocabularyWord(w); err != nil {
				return fail("%q: %v", f, err)
			}
			for _, r := range not {
				if !isHan(r) {
					return fail("%q: after ! come the Han characters the word must not follow (川普!四银)", f)
				}
			}
			fw := FoldString(w)
			if slices.ContainsFunc(g, func(o vocabWord) bool { return string(o.q) == fw }) {
				if strict {
					return fail("%q twice (after folding: %s)", w, fw)
				}
				continue
			}
			g = append(g, vocabWord{q: []rune(fw), notAfter: []rune(FoldString(not))})
		}
		if len(g) < 2 {
			continue // one word after folding (軟體 软体): nothing said
		}
		for _, w := range g {
			if _, ok := v.group[string(w.q)]; ok {
				if strict {
					return fail("%q is in another group already", string(w.q))
				}
				v.remove(string(w.q))
			}
		}
		for _, w := range g {
			v.group[string(w.q)] = len(v.groups)
			v.most = max(v.most, len(w.q))
		}
		v.groups = append(v.groups, g)
	}
	return nil
}

// checkVocabularyWord says what is wrong with w as a word of the
// vocabulary, if anything.
func checkVocabularyWord(w string) error {
	switch n := utf8.RuneCountInString(w); {
	case n == 0:
		return errors.New("an empty word")
	case n > maxVocabularyWord:
		return fmt.Errorf("a word of %d characters: at most %d", n, maxVocabularyWord)
	}
	for _, r := range w {
		if !isHan(r) {
			return fmt.Errorf("%q is not a Han character: the vocabulary is of Chinese words (Latin words and pinyin are matched as they are)", r)
		}
	}
	return nil
}

// remove takes the folded word w out of its group; a group left with one
// word is no group.
func (v *vocab) remove(w string) {
	g, ok := v.group[w]
	if !ok {
		return
	}
	delete(v.group, w)
	v.groups[g] = slices.DeleteFunc(v.groups[g], func(o vocabWord) bool { return string(o.q) == w })
	if len(v.groups[g]) == 1 {
		delete(v.group, string(v.groups[g][0].q))
		v.groups[g] = nil
	}
}

// builtinVocabulary is crossStraitWords read (TestVocabularyTable checks
// that it reads without an error).
func builtinVocabulary() (*vocab, error) {
	v := &vocab{group: map[string]int{}}
	return v, v.add(crossStraitWords, "corpus/vocabulary.go", true)
}

var (
	defaultVocabulary = sync.OnceValue(func() *vocab {
		v, _ := builtinVocabulary()
		return v
	})
	userVocabulary atomic.Pointer[vocab]
)

// vocabulary is the vocabulary searches use: jianbao's, with the user's
// file (SetVocabulary) when there is one.
func vocabulary() *vocab {
	if v := userVocabulary.Load(); v != nil {
		return v
	}
	return defaultVocabulary()
}

// SetVocabulary adds the words of src, a user's vocabulary file named name,
// to jianbao's cross-strait vocabulary for the searches that follow, in
// the format of crossStraitWords: a line of words that name the same thing
// (数据 資料), a word moving from the group it was in; a line of words each
// after a minus (-资讯) dropping them; # a comment. An error names the
// file and the line, and leaves the vocabulary as it was. SetVocabulary(nil,
// "") restores jianbao's own.
func SetVocabulary(src []byte, name string) error {
	if src == nil {
		userVocabulary.Store(nil)
		return nil
	}
	v, err := builtinVocabulary()
	if err != nil {
		return err
	}
	// The file is read as a briefing is: UTF-8 with or without a byte
	// order mark, UTF-16, GB18030 or Big5 as an editor saved it.
	d, err := Decode(src)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := v.add(d.Text, name, false); err != nil {
		return err
	}
	userVocabulary.Store(v)
	return nil
}

// maxVocabularyForms bounds how many forms a query word takes: each word of
// the vocabulary in it multiplies them.
const maxVocabularyForms = 16

// vocabularyForms returns the forms q (folded) is searched for in: q, then
// q with the vocabulary's words in it (the longest at each place, from the
// left) replaced by their equivalents, every way, at most
// maxVocabularyForms in all. A form that starts with a word the vocabulary
// put there carries that word's notAfter. It returns nil when q holds no
// word of the vocabulary.
func vocabularyForms(q []rune) []vocabWord {
	if !slices.ContainsFunc(q, isHan) {
		return nil
	}
	v := vocabulary()
	type found struct{ at, n, group int }
	var hits []found
	for i := 0; i < len(q); {
		n := min(v.most, len(q)-i)
		for ; n > 0; n-- {
			g, ok := v.group[string(q[i:i+n])]
			if ok && (i == 0 || !slices.Contains(v.word(g, q[i:i+n]).notAfter, q[i-1])) {
				hits = append(hits, found{i, n, g})
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		i += n
	}
	if len(hits) == 0 {
		return nil
	}
	forms := []vocabWord{{}}
	from := 0
	for _, h := range hits {
		own := q[h.at : h.at+h.n]
		// The query's own word first, so that q is the first form.
		words := []vocabWord{{q: own}}
		for _, w := range v.groups[h.group] {
			if string(w.q) != string(own) {
				words = append(words, w)
			}
		}
		var next []vocabWord
		for _, f := range forms {
			for _, w := range words {
				if len(next) == maxVocabularyForms {
					break
				}
				form := vocabWord{q: slices.Concat(f.q, q[from:h.at], w.q), notAfter: f.notAfter}
				if len(f.q) == 0 && h.at == 0 {
					form.notAfter = w.notAfter
				}
				next = append(next, form)
			}
		}
		forms, from = next, h.at+h.n
	}
	for i := range forms {
		forms[i].q = append(forms[i].q, q[from:]...)
	}
	return forms
}

// withNumerals returns forms (the vocabulary's forms of q, nil when it
// gives none) with, after each, the form with its numbers written the
// other way (numeralForms), at most maxVocabularyForms in all.
func withNumerals(forms []vocabWord, q []rune) []vocabWord {
	if forms == nil {
		forms = []vocabWord{{q: q}}
	}
	out := forms
	for _, f := range forms {
		for _, n := range numeralForms(f.q) {
			if len(out) == maxVocabularyForms {
				return out
			}
			if !slices.ContainsFunc(out, func(o vocabWord) bool { return slices.Equal(o.q, n) }) {
				out = append(out, vocabWord{q: n, notAfter: f.notAfter})
			}
		}
	}
	return out
}

// word returns the word q of group g.
func (v *vocab) word(g int, q []rune) vocabWord {
	for _, w := range v.groups[g] {
		if string(w.q) == string(q) {
			return w
		}
	}
	return vocabWord{}
}

// maxQueryForms bounds the forms the vocabulary adds to a whole query. A
// document checked against a query is read once for each form, and
// parentheses can make a query of 2,048 words (querygroup.go); each of
// them taking 16 forms would make a crafted query cost a shared server
// seconds. A query past the bound searches its further words as written.
const maxQueryForms = 64

// withVocabulary returns t searched for in every form the vocabulary
// gives it, and each of those with its numbers written the other way
// (numerals.go): t itself when there is none, else a term of alternatives
// (with t's not), t first. It adds at most *budget forms, and takes those it
// adds from *budget.
func withVocabulary(t term, budget *int) term {
	forms := withNumerals(vocabularyForms(t.q), t.q)
	if len(forms) < 2 || *budget <= 0 {
		return t
	}
	forms = forms[:min(len(forms), *budget+1)]
	*budget -= len(forms) - 1
	alt := term{not: t.not, or: []term{{q: t.q, pin: t.pin}}}
	for _, f := range forms[1:] {
		alt.or = append(alt.or, term{q: f.q, notAfter: f.notAfter, added: true})
	}
	return alt
}

// AlsoSearched returns the words the cross-strait vocabulary made query
// search for besides its own (folded: 特朗普 gives 川普, 软件开发 软体开发),
// and its numbers written the other way (10条 gives 十条), each once, in
// the query's order: what a reader shows so that a match of a word the
// user did not type is no surprise. A year's other zeros (二零二四年,
// 二○二四年 beside 二〇二四年) go unsaid: they read the same; so does a
// date's notation in digits (2024-3-5, 2024/03/05 beside 2024年3月5日).
func AlsoSearched(query string) []string {
	query, _ = splitFields(query)
	var out []string
	said := map[string]bool{}
	var walk func(t term)
	walk = func(t term) {
		for _, a := range t.together {
			walk(a)
		}
		for _, a := range t.unless {
			walk(a)
		}
		for _, a := range t.or {
			walk(a)
		}
		if t.or == nil && !t.added {
			said[zerosAlike(t.q)] = true // the query's own, zeros aside
		}
		if w := string(t.q); t.added && !said[zerosAlike(t.q)] && !isDateNotation(t.q) {
			out = append(out, w)
			said[zerosAlike(t.q)] = true
		}
	}
	for _, t := range parseTerms(query) {
		walk(t)
	}
	return out
}

// zerosAlike is q with 零 and ○ written 〇.
func zerosAlike(q []rune) string {
	return strings.Map(func(r rune) rune {
		if r == '零' || r == '○' {
			return '〇'
		}
		return r
	}, string(q))
}
