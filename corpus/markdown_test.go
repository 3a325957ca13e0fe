package corpus

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"heading", "# 标题 #\n\n正文。\n", "标题\n\n正文。\n"},
		{"setext heading", "标题\n===\n正文\n---\n", "标题\n正文\n"},
		{"emphasis", "涵盖**172个**国家，*主要*风险，___三___，~~删~~。\n", "涵盖172个国家，主要风险，三，删。\n"},
		{"links and images", "见[商务部网站](http://www.mofcom.gov.cn \"标题\")与[指南][1]。![图一 (示意)](a.png)![](b.png)\n\n[1]: http://x.cn\n", "见商务部网站与指南。图一 (示意)\n"},
		{"autolink and tags", "网址<https://a.cn/x>，<b>粗</b><br/>完\n", "网址https://a.cn/x，粗完\n"},
		{"code", "用`go run .`运行\n\n```sh\n**不变** [x](y)\n\n```\n后\n", "用go run .运行\n\n**不变** [x](y)\n\n后\n"},
		{"quote and list", "> 负责人表示，\n> 指南将提供参考。\n\n- 一、投资环境\n- 二、主要\n  风险\n1. 第一\n", "负责人表示，指南将提供参考。\n\n- 一、投资环境\n- 二、主要风险\n1. 第一\n"},
		{"joining", "中国\n经济 is\ngrowing\n快\n", "中国经济 is growing快\n"},
		{"hard break", "第一行  \n第二行\\\n第三行\n", "第一行\n第二行\n第三行\n"},
		{"table", "| 国家 | 金额 |\n|:---|---:|\n| 中国 | 1\\|2 |\n", "国家 | 金额\n中国 | 1|2\n"},
		{"thematic break", "甲\n\n* * *\n\n乙\n", "甲\n\n\n乙\n"},
		{"footnotes", "收费项目。[^1]又见[^src]，`[^2]`、[^ 3]、[^4](http://x)。\n\n[^1]: 参见《目录》。\n[^src]: 来源：新华社\n  续行。\n", "收费项目。[1]又见[src]，[^2]、[^ 3]、^4。\n\n[1] 参见《目录》。\n[src] 来源：新华社续行。\n"},
		// Each on its own paragraph: two lone * on one line are emphasis,
		// as CommonMark has it.
		{"literal", "2*3=6\n\nsnake_case_name，a~b，[未闭合，1 < 2 > 0，\\*星\\*\n\n注*，** 不 **\n", "2*3=6\n\nsnake_case_name，a~b，[未闭合，1 < 2 > 0，*星*\n\n注*，** 不 **\n"},
		{"no final newline", "# 题", "题"},
	}
	for _, tt := range tests {
		got, _ := markdownText(tt.in)
		if got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	in := "---\ntitle: \"商务部发布《指南》\"\ndate: 2024-03-15T10:00:00+08:00\n来源: 商务部 # 官网\nauthors: [张三, '李四']\ntags:\n  - 投资\ndescription: >-\n  长文\n---\n正文\n"
	got, fm := markdownText(in)
	want := frontMatter{Title: "商务部发布《指南》", Date: "2024-03-15T10:00:00+08:00", Source: "商务部", Author: "张三、李四"}
	if got != "正文\n" || fm != want {
		t.Errorf("got %q, %+v", got, fm)
	}
	// TOML, as Hugo writes it: keys under a [table] are the table's.
	in = "+++\ntitle = \"数字经济简报\"\ndate = 2023-11-02T08:00:00+08:00\n'author' = '王五' # 编辑\n[params]\nsource = \"不是来源\"\n+++\n正文\n"
	got, fm = markdownText(in)
	want = frontMatter{Title: "数字经济简报", Date: "2023-11-02T08:00:00+08:00", Author: "王五"}
	if got != "正文\n" || fm != want {
		t.Errorf("TOML: got %q, %+v", got, fm)
	}
	// No front matter: a level-one heading that opens the document is its
	// title, however short; a later one, or one of a lower level, is not.
	for _, c := range []struct{ in, title string }{
		{"# 通知\n\n正文。\n", "通知"},
		{"#  表 #\n正文\n", "表"},
		{"## 表\n正文\n", ""},
		{"前言\n\n# 表\n正文\n", ""},
		{"---\ntitle: 简报\n---\n# 表\n", "简报"},
	} {
		if _, fm := markdownText(c.in); fm.Title != c.title {
			t.Errorf("%q: title %q, want %q", c.in, fm.Title, c.title)
		}
	}
	// Never closed: a thematic break and text, not front matter.
	if got, fm := markdownText("---\ntitle: x\n正文\n"); fm != (frontMatter{}) || got != "title: x正文\n" {
		t.Errorf("unclosed: %q %+v", got, fm)
	}
}

// TestMarkdownKeepsPlainText: text with no Markdown in it, paragraphs
// apart, reads back unchanged, so a .md file of plain prose loses nothing.
func TestMarkdownKeepsPlainText(t *testing.T) {
	for name, text := range seedTexts(t) {
		var paras []string
		for _, p := range strings.Split(text, "\n") {
			if strings.ContainsAny(p, "\\`*_~[]!<>#|") || strings.TrimSpace(p) == "" || strings.TrimLeft(p, " ") != p {
				continue
			}
			paras = append(paras, strings.TrimRight(p, " \t"))
		}
		plain := strings.Join(paras, "\n\n") + "\n"
		if got, _ := markdownText(plain); got != plain {
			t.Errorf("%s: plain text changed (%d paragraphs)", name, len(paras))
		}
	}
}

// TestMarkdownLoads: a .md file loads as the text it shows, its front
// matter gives the metadata, and search finds words the markup split.
func TestMarkdownLoads(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "brief.md"), []byte("---\ntitle: 对外投资合作国别指南\ndate: 2024-03-15\nsource: 商务部\n---\n\n# 指南发布\n\n**来源：**[官网](http://x.cn)\n\n涵盖**172个**国家和\n地区。\n"))
	write(t, filepath.Join(dir, "notes.markdown"), []byte("# 笔记\n\n*要点*\n"))
	write(t, filepath.Join(dir, "markup-only.md"), []byte("<div></div>\n\n---\n"))
	ix := NewIndex()
	c, warns := Load(context.Background(), Options{Paths: []string{dir}, Index: ix})
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "markup-only.md") {
		t.Errorf("warnings: %v", warns)
	}
	d, err := c.Resolve("brief")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "对外投资合作国别指南" || d.Date != "2024-03-15" || d.Source != "商务部" || d.Markup != "markdown" || d.Summary().Format != "markdown" {
		t.Errorf("metadata %q %q %q %q", d.Title, d.Date, d.Source, d.Markup)
	}
	if !strings.Contains(d.Text(), "涵盖172个国家和地区。") || strings.ContainsAny(d.Text(), "*#[]") {
		t.Errorf("text %q", d.Text())
	}
	for _, q := range []string{"涵盖172个", "国家和地区", "来源：官网"} {
		if ms := ix.Search(q, 0); len(ms) != 1 || ms[0].Doc != d {
			t.Errorf("search %q: %v", q, ms)
		}
	}
	if n, err := c.Resolve("notes"); err != nil || n.Text() != "笔记\n\n要点\n" {
		t.Errorf("notes.markdown: %v %q", err, n.Text())
	}
}

// TestMarkdownCached: a Markdown document taken from the index cache has
// the metadata its front matter gave and is found as before.
func TestMarkdownCached(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "brief.md"), []byte("---\ntitle: 对外投资合作国别指南\ndate: 2024-03-15\n---\n\n涵盖**172个**国家和\n地区。\n"))
	write(t, filepath.Join(dir, "plain.txt"), []byte("一份**普通**的简报。\n"))
	path := filepath.Join(t.TempDir(), "index.bin")
	var sums [2][]Summary
	for round := range 2 {
		c, ix, note := loadCached(t, dir, path, Options{})
		if round == 1 && !strings.HasPrefix(note, "index read from cache") {
			t.Fatalf("second load: %q", note)
		}
		sums[round] = summaries(c)
		if ms := ix.Search("涵盖172个国家和地区", 0); len(ms) != 1 || ms[0].Doc.ID != "brief" {
			t.Errorf("round %d: search %v", round, ms)
		}
		if ms := ix.Search("**普通**", 0); len(ms) != 1 || ms[0].Doc.ID != "plain" {
			t.Errorf("round %d: a .txt file's asterisks stay: %v", round, ms)
		}
	}
	if fmt.Sprint(sums[0]) != fmt.Sprint(sums[1]) || sums[1][0].Title != "对外投资合作国别指南" || sums[1][0].Format != "markdown" {
		t.Errorf("summaries:\n%v\n%v", sums[0], sums[1])
	}
}

// hostileMarkdown are one-line files of markup that never closes (or
// closes in a way that pairs nothing), which took minutes when every
// opener searched the rest of the line.
var hostileMarkdown = map[string]string{
	"stars":    strings.Repeat("*a ", 300_000),
	"under":    strings.Repeat("_a ", 300_000),
	"brackets": strings.Repeat("[a ", 300_000),
	"parens":   strings.Repeat("[a](b ", 150_000),
	"ticks":    strings.Repeat("`a ``b ", 150_000),
	"angles":   strings.Repeat("<a b ", 200_000),
	"mixed":    strings.Repeat("*_~~[`<a ", 100_000),
}

// TestMarkdownHostileLines: such lines read in linear time (the test
// would take minutes otherwise), keeping the markup that pairs nothing.
func TestMarkdownHostileLines(t *testing.T) {
	for name, line := range hostileMarkdown {
		got, _ := markdownText(line + "\n")
		if name != "ticks" && name != "mixed" && got != strings.TrimRight(line, " ")+"\n" {
			t.Errorf("%s: unpaired markup changed (%d bytes from %d)", name, len(got), len(line))
		}
		if len(got) == 0 || len(got) > len(line)+1 {
			t.Errorf("%s: %d bytes from %d", name, len(got), len(line))
		}
	}
}

func BenchmarkMarkdownHostile(b *testing.B) {
	for name, line := range hostileMarkdown {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				markdownText(line)
			}
		})
	}
}

func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{"# a\n\n**b** [c](d) ![e](f)\n", "---\ntitle: x\n---\n", "+++\ntitle = 'x' # c\n[t]\n+++\n", "```\n*\n", "> > - 1. [x][y] `z` <a href=\"\">w</a>", "a  \nb\\\nc", "| a | b |\n|---|---|\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got, _ := markdownText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		// Markup only goes; a space joining two lines, a table's " | "
		// for "|" and a final line feed are all it adds.
		if len(got) > 2*len(s)+1 {
			t.Fatalf("%d bytes from %d: %q → %q", len(got), len(s), s, got)
		}
	})
}

func BenchmarkMarkdownText(b *testing.B) {
	var sb strings.Builder
	for _, text := range seedTexts(b) {
		for _, p := range strings.Split(text, "\n") {
			sb.WriteString("## 小标题\n\n" + p + "**重点**[链接](http://x.cn)\n\n")
		}
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		markdownText(s)
	}
}
