package corpus

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestHTMLText(t *testing.T) {
	for _, tt := range []struct {
		name, page string
		want       string // the text, lines joined by "/"
		front      frontMatter
	}{
		{"furniture goes", `<html><head><title>t</title><script>var a="<p>脚本</p>"</script><style>p{}</style></head>
<body><div class="top-nav"><a>首页</a> | <a>政策</a></div><nav>导航</nav><header><img alt="标志">网站名</header>
<p>正文第一段。</p><aside>相关阅读</aside><div hidden>隐藏</div><span style="display: none">也隐藏</span>
<p aria-hidden="true">读屏不读</p><form><input value="搜索"><button>提交</button><p>表单里的正文。</p></form>
<noscript>请启用脚本</noscript><footer>版权所有</footer><div id="footer">京ICP备</div></body></html>`,
			"正文第一段。//表单里的正文。", frontMatter{}}, // a title of one letter is none
		{"white space as a browser shows it", `<p>推动高质量发展
的重要举措，We aim
to   expand
demand. 首页 | 政策 &ldquo;以旧换新&rdquo;&nbsp;&nbsp;将 &#20013;&#x56FD;</p>`,
			"推动高质量发展的重要举措，We aim to expand demand. 首页 | 政策 “以旧换新”\u00a0\u00a0将 中国", frontMatter{}},
		{"blocks, breaks, tables and pre", `<h2>一、总体要求</h2><p>国务院<br>2024年3月7日</p><ul><li>第一项</li><li>第二项</li></ul>
<table><tr><th>任务</th><th>牵头单位</th></tr><tr><td>设备更新</td><td> 国家发展改革委 </td></tr></table><pre>  代码  保留
  原样</pre><div><div><p>深处的段落。</p></div></div>`,
			"一、总体要求//国务院/2024年3月7日//第一项//第二项//任务 | 牵头单位/设备更新 | 国家发展改革委//  代码  保留/  原样//深处的段落。" /* a table's rows one under the other */, frontMatter{}},
		{"the largest article is the text", `<body><article><p>短的推荐文章。</p></article><article><header><h1>真正的标题</h1><p>头部的时间</p></header>
<p>真正的正文，比推荐文章长得多的一段文字。</p><footer>文章页脚</footer></article></body>`,
			"真正的标题//头部的时间//真正的正文，比推荐文章长得多的一段文字。", frontMatter{Title: "真正的标题"}},
		{"a platform is no source: the account is (read off the byline)", `<head><meta property="og:site_name" content="微信公众平台"><meta property="og:title" content="重磅！国务院发布意见"></head><body><p>正文。</p></body>`,
			"正文。", frontMatter{Title: "重磅！国务院发布意见"}},
		{"notes as pandoc and DPUB-ARIA mark them", `<body><p>收费项目。<sup><a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref">1</a></sup>又见<a href="#fn2" role="doc-noteref">[2]</a>。</p>
<section class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1"><p>参见《目录》。<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li><li id="fn2" role="doc-endnote"></li><li id="fn3"><p>没有提到的注。</p></li></ol></section><p>后文。</p></body>`,
			"收费项目。[1]又见[2]。//[1] 参见《目录》。//没有提到的注。//后文。", frontMatter{}},
		{"notes as LibreOffice marks them: the way back is a link with the note's number", `<body><p>第一句<sup id="calledF1"><a epub:type="noteref" href="#dataF1">1</a></sup>。</p>
<aside epub:type="footnote" id="dataF1"><p><a href="#calledF1">1</a>脚注甲的内容，见<a href="#t2">表2</a>。</p></aside></body>`,
			"第一句[1]。//[1] 脚注甲的内容，见表2。", frontMatter{}},
		{"main when there is no article", `<body><div>页面的杂项</div><main><h1>标题</h1><p>正文。</p></main></body>`,
			"标题//正文。", frontMatter{Title: "标题"}},
		{"a frame named as furniture that holds the article stays", `<body><div class="main-nav"><p>这是整篇文章的全部正文，很长的一段。</p></div><div class="nav">短</div></body>`,
			"这是整篇文章的全部正文，很长的一段。", frontMatter{}},
		{"head metadata: government sites", `<head><title>关于印发方案的通知_国务院文件_中国政府网</title>
<meta name="ArticleTitle" content="关于印发方案的通知"><meta name="PubDate" content="2024-03-13 17:01">
<meta name="ContentSource" content=" 新华社 "><meta name="author" content="张三"><meta property="og:site_name" content="中国政府网"></head><body><p>正文。</p></body>`,
			"正文。", frontMatter{Title: "关于印发方案的通知", Date: "2024-03-13 17:01", Source: "新华社", Author: "张三"}},
		{"og:title loses the site's name; the first ranked wins", `<head><meta property="og:title" content="中美经贸磋商取得进展 - 新华网"><meta property="article:published_time" content="2024-03-05T08:00:00+08:00"><meta name="date" content="2020-01-01"></head><body><h1>别的标题</h1><p>正文。</p></body>`,
			"别的标题//正文。", frontMatter{Title: "中美经贸磋商取得进展", Date: "2024-03-05T08:00:00+08:00"}},
		{"the title element without the site's name", `<head><title>兩岸經貿動態｜中央社 CNA</title></head><body><svg><title>圖示</title></svg><p>正文。</p></body>`,
			"正文。", frontMatter{Title: "兩岸經貿動態"}},
		{"a title that is a site's name, or furniture, is none", `<head><title>新华网</title></head><body><p>正文。</p></body>`,
			"正文。", frontMatter{}},
		{"a title that is furniture is none", `<head><title>返回顶部_新华网</title></head><body><p>正文。</p></body>`,
			"正文。", frontMatter{}},
		{"a short title stays", `<head><title>政策動態 - 北京大學</title></head><body><p>正文。</p></body>`,
			"正文。", frontMatter{Title: "政策動態"}},
		{"not HTML at all", "只是一段文字，没有标记。\n第二行。", "只是一段文字，没有标记。第二行。", frontMatter{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text, fm := htmlText(tt.page)
			if got := strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "/"); got != tt.want {
				t.Errorf("text\n got %q\nwant %q", got, tt.want)
			}
			if fm != tt.front {
				t.Errorf("front %+v, want %+v", fm, tt.front)
			}
		})
	}
}

// Pages saved from the web load as documents: in GBK or Big5 as their
// sites serve them, their metadata from the head, found by search, and a
// page with no text is refused with a reason.
func TestLoadHTML(t *testing.T) {
	page := func(charset, site, nav, title, body, foot string) string {
		return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=` + charset + `">
<title>` + title + `_` + site + `</title><meta name="PubDate" content="2023-11-02 09:30"><meta name="ContentSource" content="商务部"></head>
<body><div class="nav">` + nav + `</div><div class="content"><h1>` + title + `</h1>` + body + `</div><div class="footer">` + foot + `</div></body></html>`
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page("gb2312", "某某网", "首页 | 新闻 | 政策", "商务部发布对外投资合作国别指南",
		"<p>　　商务部今天发布了最新的对外投资合作国别指南，涵盖一百七十多个国家和地区。</p><p>指南介绍了各国的投资环境。</p>", "版权所有 某某网"))
	if err != nil {
		t.Fatal(err)
	}
	big5, err := traditionalchinese.Big5.NewEncoder().String(page("big5", "某某網", "首頁 | 新聞 | 政策", "經濟部公布對外投資統計",
		"<p>經濟部今天公布對外投資統計，顯示今年前十月對外投資金額較去年同期成長。</p>", "版權所有 某某網"))
	if err != nil {
		t.Fatal(err)
	}
	c, byID, ix, warns := loadFolder(t, map[string][]byte{"gbk.html": []byte(gbk), "big5.htm": []byte(big5),
		"empty.html": []byte("<html><head><title>空</title></head><body><script>x()</script></body></html>"), "page.txt": []byte("<p>一个 .txt 文件里的 HTML 照原样读。</p>\n")})
	if d := byID["gbk"]; d == nil || d.Encoding != GB18030 || d.Title != "商务部发布对外投资合作国别指南" || d.Date != "2023-11-02" || d.Source != "商务部" || d.Format() != "html" ||
		strings.Contains(d.Text(), "首页") || strings.Contains(d.Text(), "版权所有") || !strings.Contains(d.Text(), "涵盖一百七十多个国家和地区。") {
		t.Errorf("gbk.html: %+v %q", d, d.Text())
	}
	if d := byID["big5"]; d == nil || d.Encoding != Big5 || d.Title != "經濟部公布對外投資統計" || !strings.HasPrefix(d.Text(), "經濟部公布對外投資統計\n") {
		t.Errorf("big5.htm: %+v", d)
	}
	if d := byID["page"]; d == nil || d.Format() != "text" || !strings.Contains(d.Raw(), "<p>") {
		t.Errorf("page.txt is text, not HTML: %+v", d)
	}
	if byID["empty"] != nil || len(warns) != 1 || !strings.Contains(warns[0].Error(), "empty.html") || !strings.Contains(warns[0].Error(), "no text once its HTML markup is read") {
		t.Errorf("empty.html: %v", warns)
	}
	if hits := ix.Filter("国别指南", 10); len(hits) != 1 || c.Docs[hits[0].Doc].ID != "gbk" {
		t.Errorf("search: %v", hits)
	}
}

// A page nested deep, or one element furniture after another within each
// other, reads in linear time.
func TestHTMLNestedDeep(t *testing.T) {
	for _, tag := range []string{`<div>`, `<div class="nav">`, `<header>`, `<article>`, `<table><tr><td>`, `<b>`} {
		page := strings.Repeat(tag+"字", 20000) + "<h1>深处的标题</h1>"
		start := time.Now()
		text, _ := htmlText(page)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v", tag, d)
		}
		if !strings.Contains(text, "字") {
			t.Errorf("%s: %.100q", tag, text)
		}
	}
}

// A page of more tags than the tree is built for keeps all its text, and
// the tree stops growing: memory follows the text, not the tags.
func TestHTMLManyTags(t *testing.T) {
	page := "<p>开头</p>" + strings.Repeat("<b>字</b>", maxHTMLNodes/2) + "<p>结尾的罕见词</p>"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	text, _ := htmlText(page)
	runtime.ReadMemStats(&after)
	if !strings.HasPrefix(text, "开头") || !strings.Contains(text, "结尾的罕见词") || strings.Count(text, "字") != maxHTMLNodes/2 {
		t.Errorf("%d characters, %.40q … %.40q", len(text), text, text[max(0, len(text)-40):])
	}
	t.Logf("%d bytes of page: %d MB allocated", len(page), (after.TotalAlloc-before.TotalAlloc)>>20)
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{"<p>正文。</p>", "<head><meta name=PubDate content=2024-01-01><title>a_b</title></head><article><header><h1>x</h1></header></article>",
		"<pre>a\r\nb</pre><br><table><td>1<td>2</table>", "<div class=nav hidden style='display:none'>x</div>", "\x1b]52;c;AAAA\x07<p>&#27;[2J</p>", "<svg><title>t</title></svg>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		text, fm := htmlText(page)
		for _, s := range []string{text, fm.Title, fm.Date, fm.Source, fm.Author, chapterText(page, map[string]string{})} {
			if strings.ContainsRune(s, 0) {
				t.Fatalf("NUL in %q", s)
			}
		}
		// Read as a document, it cleans and gives metadata.
		d := NewDocument("f", "fuzz", text)
		d.front = &fm
		d.readMetadata()
		_ = d.Text()
	})
}

// BenchmarkHTMLText reads a news page: the seeds' paragraphs in <p>
// elements within a site's furniture.
func BenchmarkHTMLText(b *testing.B) {
	var page strings.Builder
	page.WriteString(`<html><head><title>标题_新华网</title><meta name="PubDate" content="2024-03-05"><script>var a=1;</script></head><body><div class="nav"><a>首页</a><a>时政</a></div><div id="detail">`)
	for _, para := range strings.Split(seedBlob(b), "\n") {
		page.WriteString("<p>&nbsp;&nbsp;" + para + "</p>\n")
	}
	page.WriteString(`</div><div class="footer">版权所有</div></body></html>`)
	s := page.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		htmlText(s)
	}
}

// A page saved "complete" keeps its parts in a folder beside it; the
// frames and widgets there are not documents.
func TestLoadSkipsPageFiles(t *testing.T) {
	c, _, _, warns := loadFolder(t, map[string][]byte{
		"新闻.html":               []byte("<h1>新闻标题</h1><p>正文。</p>"),
		"新闻_files/ad.html":      []byte("<p>广告框架。</p>"),
		"新闻_files/style.css":    []byte("p{}"),
		"other.htm":             []byte("<p>另一页。</p>"),
		"other.files/frame.htm": []byte("<p>框架。</p>"),
		"notes_files/keep.txt":  []byte("没有同名网页的文件夹照读。"),
	})
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, " ") != "keep other 新闻" || len(warns) != 0 {
		t.Errorf("documents %v, warnings %v", ids, warns)
	}
}
