package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/corpus"
	"jianbao/notes"
	"jianbao/seeds"
	"jianbao/ui/layout"
)

// jianbao runs the command line as a user would, with stdout and stderr
// captured (so stdout is not a terminal).
func jianbao(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return jianbaoIn(t, "", args...)
}

// jianbaoIn is jianbao with stdin.
func jianbaoIn(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// beforeTitle matches a list row up to its title: ID, date, script, chars.
var beforeTitle = regexp.MustCompile(`^\S+ +\S+ +\S+ +\d+  `)

// TestListQualifiers lists the documents qualifiers allow, as search and
// the reader's filter read them; words are for search.
func TestListQualifiers(t *testing.T) {
	ids := func(out string) string {
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			got = append(got, l[:3])
		}
		return strings.Join(got, " ")
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"source:人民网"}, "002"},
		{[]string{"date:2024"}, "004"},
		{[]string{"--", "-date:2017", "-date:2018"}, "000 003 004"},
		{[]string{"date:20", "--sort", "date", "-r"}, "004 003 002 001"},
		{[]string{"author:竇衍鳳", "title:上合"}, "003"},
	} {
		out, errOut, code := jianbao(t, append([]string{"list"}, tt.args...)...)
		if code != 0 || errOut != "" || ids(out) != tt.want {
			t.Errorf("list %q: exit %d, stderr %q, IDs %q, want %q", tt.args, code, errOut, ids(out), tt.want)
		}
	}
	if out, errOut, code := jianbao(t, "list", "source:新华社"); code != 1 || out != "" || !strings.Contains(errOut, `no document is "source:新华社" among 5 documents`) {
		t.Errorf("list source:新华社: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if out, errOut, code := jianbao(t, "list", "阿里巴巴"); code != 2 || out != "" || !strings.Contains(errOut, "use jianbao search") {
		t.Errorf("list 阿里巴巴: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, errOut, code := jianbao(t, "search", "source:人民网"); code != 2 || !strings.Contains(errOut, "jianbao list source:人民网") {
		t.Errorf("search source:人民网: exit %d, stderr %q", code, errOut)
	}
}

func TestListShowsTheSeeds(t *testing.T) {
	out, errOut, code := jianbao(t, "list")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("want a header and 5 rows, got:\n%s", out)
	}
	p := layout.NewPolicy(layout.Narrow)
	titleCol := strings.Index(lines[0], "TITLE")
	for i, l := range lines[1:] {
		if !strings.HasPrefix(l, "00"+string(rune('0'+i))) {
			t.Errorf("row %d: %q", i, l)
		}
		if w := p.StringWidth(l); w > defaultWidth {
			t.Errorf("row %d is %d cells, over %d", i, w, defaultWidth)
		}
		// The title column starts at the same cell in every row.
		m := beforeTitle.FindString(l)
		if w := p.StringWidth(m); m == "" || w != titleCol {
			t.Errorf("row %d: title starts at cell %d, header at %d", i, w, titleCol)
		}
	}
	if !strings.Contains(out, "…") {
		t.Error("long titles are not cut with …")
	}
}

func TestListWidthAndAmbiguity(t *testing.T) {
	for _, amb := range []string{"narrow", "wide"} {
		a, _ := layout.ParseAmbiguity(amb)
		p := layout.NewPolicy(a)
		for _, w := range []int{40, 61, 80, 132} {
			out, _, code := jianbao(t, "--ambiguous", amb, "list", "--width", strconv.Itoa(w))
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if p.StringWidth(l) > w {
					t.Errorf("%s width %d: %q is %d cells", amb, w, l, p.StringWidth(l))
				}
			}
		}
	}
}

func TestListJSON(t *testing.T) {
	out, _, code := jianbao(t, "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var docs []map[string]any
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("want 5 documents, got %d", len(docs))
	}
	for _, k := range []string{"id", "title", "date", "source", "script", "chars", "origin", "warnings"} {
		if _, ok := docs[0][k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if docs[2]["id"] != "002_87c6b28f1f9cb63b" || docs[2]["origin"] != "embedded" || docs[2]["chars"].(float64) < 1000 {
		t.Errorf("unexpected record %v", docs[2])
	}
}

func TestShow(t *testing.T) {
	out, _, code := jianbao(t, "show", "002")
	if code != 0 || !strings.HasPrefix(out, "人民网\n") {
		t.Fatalf("exit %d, %q", code, out[:min(len(out), 40)])
	}
	raw, _, _ := jianbao(t, "show", "002_87c6b28f1f9cb63b", "--raw")
	if !strings.Contains(raw, "阿里巴巴世界电子贸易平台首次落地欧洲") {
		t.Error("raw text missing")
	}
	_, errOut, code := jianbao(t, "show", "0")
	if code != 1 || !strings.Contains(errOut, "ambiguous") || !strings.Contains(errOut, "004_d659e5899b51d012") {
		t.Errorf("ambiguous: exit %d, %q", code, errOut)
	}
	_, errOut, code = jianbao(t, "show", "nope")
	if code != 1 || !strings.Contains(errOut, `no document has an ID starting with "nope"`) {
		t.Errorf("unknown: exit %d, %q", code, errOut)
	}
	_, errOut, code = jianbao(t, "show")
	if code != 2 || !strings.Contains(errOut, "--help") {
		t.Errorf("no ID: exit %d, %q", code, errOut)
	}
	_, errOut, code = jianbao(t, "show", " ")
	if code != 2 || !strings.Contains(errOut, "not a blank one") {
		t.Errorf("blank ID: exit %d, %q", code, errOut)
	}
}

func TestShowIsInert(t *testing.T) {
	dir := t.TempDir()
	evil := "标题\x1b]0;pwned\x07\n正文\x1b[2J\u009b31m\u202e结束"
	if err := os.WriteFile(filepath.Join(dir, "evil.txt"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	// A hostile file name, tag and comment too, and every output a
	// script reads, JSON included: encoding/json escapes C0 alone.
	if err := os.WriteFile(filepath.Join(dir, "\x1b[31m\u009b\u202ename.txt"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	for _, args := range [][]string{
		{"show", "evil"}, {"show", "evil", "--raw"}, {"list"}, {"list", "--json"},
		{"search", "结束"}, {"search", "结束", "--json"},
		{"tag", "evil", "--quote", "正文", "--tag", "t\x1b[2J\u009b\u202e", "--comment", "c\x1b]52;c;aGk=\x07\u2066"},
		{"notes"}, {"notes", "--json"}, {"notes", "export", "--format", "markdown"},
	} {
		out, _, code := jianbao(t, append([]string{"--no-seeds", "--corpus", dir, "--notes", file}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if strings.ContainsAny(out, "\x1b\x07\u009b\u202e\u2066") {
			t.Errorf("%v: control characters reach the terminal: %q", args, out)
		}
		if args[len(args)-1] == "--json" && !json.Valid([]byte(out)) {
			t.Errorf("%v: not JSON: %s", args, out)
		}
	}
	// The JSON still holds the text as it is.
	out, _, _ := jianbao(t, "--no-seeds", "--corpus", dir, "--notes", file, "notes", "--json")
	var got []struct {
		Tags    []string
		Comment string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 || got[0].Tags[0] != "t\x1b[2J\u009b\u202e" || got[0].Comment != "c\x1b]52;c;aGk=\x07\u2066" {
		t.Errorf("notes --json lost the text: %v %+v", err, got)
	}
}

func TestReaderNeedsATerminal(t *testing.T) {
	out, errOut, code := jianbao(t)
	if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "jianbao list") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestCorpusFlag(t *testing.T) {
	dir := t.TempDir()
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("中美经贸合作简报\n第二行。\n")
	os.WriteFile(filepath.Join(dir, "gb.txt"), []byte(gb), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "bad\x1b[31m.txt"), []byte{0xff, 0xfe, 0x00}, 0o644)
	out, errOut, code := jianbao(t, "--corpus", dir, "list")
	if code != 0 || !strings.Contains(out, "中美经贸合作简报") || strings.Count(out, "\n") != 7 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 || !strings.Contains(errOut, filepath.Join(dir, "empty.txt")+": empty file") || strings.Contains(errOut, "\x1b") {
		t.Errorf("warnings: %q", errOut)
	}
	out, _, code = jianbao(t, "--no-seeds", "--corpus", dir, "show", "gb")
	if code != 0 || out != "中美经贸合作简报\n第二行。\n" {
		t.Errorf("exit %d, %q", code, out)
	}
	// --explain says how the bytes were read.
	out, _, code = jianbao(t, "--no-seeds", "--corpus", dir, "show", "gb", "--explain")
	if code != 0 || !strings.Contains(out, "(read as GB18030: valid as GB18030 and Big5; reads as commoner Chinese in GB18030") {
		t.Errorf("exit %d, %q", code, out)
	}
}

// TestMarkdownCommands: a Markdown file lists with its front matter's
// title, shows without markup, and --explain and --json say how it was read.
func TestMarkdownCommands(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "brief.md"), []byte("---\ntitle: 国别指南发布\ndate: 2024-03-15\n---\n# 指南\n\n涵盖**172个**国家。\n"), 0o644)
	out, _, code := jianbao(t, "--no-seeds", "--corpus", dir, "list")
	if code != 0 || !strings.Contains(out, "2024-03-15") || !strings.Contains(out, "国别指南发布") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	out, _, code = jianbao(t, "--no-seeds", "--corpus", dir, "show", "brief", "--explain")
	if code != 0 || !strings.HasPrefix(out, "指南\n\n涵盖172个国家。\n") || !strings.Contains(out, "read as Markdown") {
		t.Errorf("show --explain: exit %d\n%s", code, out)
	}
	out, _, _ = jianbao(t, "--no-seeds", "--corpus", dir, "list", "--json")
	if !strings.Contains(out, `"format": "markdown"`) {
		t.Errorf("list --json:\n%s", out)
	}
}

// TestMarkdownExportIsLiteral: quotes, tags and comments full of Markdown
// syntax come out of a Markdown export escaped, so that reading the export
// as Markdown (jianbao's own reader here) gives them back as tagged.
func TestMarkdownExportIsLiteral(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	// (<q> and &lt; are text the cleaner leaves: it reads the markup of
	// a page, such as <b> and &amp;, in a plain file as the page shows it.)
	quote := "# 一份**普通**的简报 [链接](http://x) <q>粗</q> _下_ `码` | ~~删~~ &lt; 1. 二"
	os.WriteFile(filepath.Join(dir, "plain.txt"), []byte(quote+"\n- 列表项\n2. 第二项\n"), 0o644)
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	for _, args := range [][]string{
		{"tag", "plain", "--quote", quote, "--tag", "a*b", "--comment", "注释 <i>x</i> [y](z) *星*"},
		{"tag", "plain", "--quote", "- 列表项", "--tag", "#第一"},
		{"tag", "plain", "--quote", "2. 第二项", "--tag", "x"},
		{"notes", "export", "--format", "markdown", "-o", filepath.Join(out, "export.md")},
	} {
		if o, e, code := jianbao(t, append([]string{"--no-seeds", "--corpus", dir, "--notes", file}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d %s %s", args, code, o, e)
		}
	}
	// As the Markdown reader reads it, before the cleaner (which would
	// read the comment's <i> as a page's markup).
	text, _, code := jianbao(t, "--no-seeds", "--corpus", out, "show", "export", "--raw")
	for _, want := range []string{"\n" + quote + "\n", "\na*b\n", "\n注释 <i>x</i> [y](z) *星*\n", "\n- 列表项\n", "\n#第一\n", "\n2. 第二项\n"} {
		if code != 0 || !strings.Contains(text, want) {
			t.Errorf("the export read as Markdown lacks %q:\n%s", want, text)
		}
	}
}

// TestWordExport: -o FILE.docx writes a Word document without --format,
// which jianbao's own Word reader reads back: the tag as a heading, the
// quote, where it comes from, the comment.
func TestWordExport(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	for _, args := range [][]string{
		{"tag", "002", "--quote", "世界电子贸易平台", "--tag", "eWTP", "--comment", "首次落地欧洲"},
		{"notes", "export", "-o", filepath.Join(out, "report.docx")},
	} {
		if o, e, code := jianbao(t, append([]string{"--notes", file}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d %s %s", args, code, o, e)
		}
	}
	text, _, code := jianbao(t, "--no-seeds", "--corpus", out, "show", "report", "--raw")
	want := "简报 jianbao notes\n\neWTP\n\n世界电子贸易平台\n\n— 阿里巴巴世界电子贸易平台首次落地欧洲 (002_87c6b28f1f9cb63b, 2018-12-06)\n\n首次落地欧洲\n\n"
	if code != 0 || text != want {
		t.Errorf("the export read as Word: exit %d\n%q\nwant\n%q", code, text, want)
	}
	if _, e, code := jianbao(t, "--notes", file, "notes", "export", "--format", "odt"); code == 0 || !strings.Contains(e, "docx") {
		t.Errorf("an unknown format: exit %d %q", code, e)
	}
}

func TestNoDocuments(t *testing.T) {
	_, errOut, code := jianbao(t, "--no-seeds", "list")
	if code != 1 || !strings.Contains(errOut, "--no-seeds") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	_, errOut, code = jianbao(t, "--no-seeds", "--corpus", dir, "list")
	if code != 1 || !strings.Contains(errOut, "every file was skipped") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// A --corpus path that does not exist stops every command that loads,
	// the seeds with it, before anything is printed.
	for _, args := range [][]string{{"list"}, {"search", "贸易"}, {"show", "002"}, {"notes"}} {
		out, errOut, code := jianbao(t, append([]string{"--corpus", filepath.Join(dir, "missing")}, args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, "--corpus "+filepath.Join(dir, "missing")+": no such file or folder") {
			t.Errorf("%v with a missing --corpus: exit %d, %q %q", args, code, out, errOut)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--ambiguous", "huge", "list"}, {"list", "--bogus"}, {"frobnicate"}, {"list", "extra"},
		{"show", "000", "--width", "-3"}, {"search", "贸易", "-n", "-1"}, {"list", "--sort", "size"}, {"tag", "000", "--quote", "经贸", "--tag", "x", "--nth", "-2"}} {
		_, errOut, code := jianbao(t, args...)
		if code != 2 || !strings.Contains(errOut, "--help") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := jianbao(t, "version")
	if code != 0 || !strings.HasPrefix(out, "jianbao ") {
		t.Errorf("exit %d, %q", code, out)
	}
}

func TestWrapCommand(t *testing.T) {
	in := "中美首腦會晤后,,兩國經貿合作正在加速進行。經過中美兩國30輪磋商的收獲清單《中美經濟合作百日計劃早期收獲》日前公布。\n第二段“引号”测试。\n"
	for _, amb := range []string{"narrow", "wide"} {
		a, _ := layout.ParseAmbiguity(amb)
		p := layout.NewPolicy(a)
		for _, w := range []int{2, 9, 20, 33} {
			out, errOut, code := jianbaoIn(t, in, "--ambiguous", amb, "wrap", "-w", strconv.Itoa(w))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			for _, l := range lines {
				if p.StringWidth(l) > w && !(w == 2 && p.StringWidth(l) == 2) {
					t.Errorf("%s -w %d: %q is %d cells", amb, w, l, p.StringWidth(l))
				}
				if w >= 9 && (strings.HasPrefix(l, "，") || strings.HasPrefix(l, "。") || strings.HasPrefix(l, "”") || strings.HasPrefix(l, ",")) {
					t.Errorf("%s -w %d: line starts with closing punctuation: %q", amb, w, l)
				}
			}
			if got := strings.Join(lines, ""); got != strings.ReplaceAll(in, "\n", "") {
				t.Errorf("%s -w %d: text changed: %q", amb, w, got)
			}
		}
	}
	// Files, and a GB18030 one among them.
	dir := t.TempDir()
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String("简体中文的文件。")
	os.WriteFile(filepath.Join(dir, "gb.txt"), []byte(gb), 0o644)
	out, _, code := jianbao(t, "wrap", "-w", "8", filepath.Join(dir, "gb.txt"))
	if code != 0 || out != "简体中文\n的文件。\n" {
		t.Errorf("exit %d, %q", code, out)
	}
	_, errOut, code := jianbao(t, "wrap", filepath.Join(dir, "missing.txt"))
	if code != 1 || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
	if out, _, code := jianbaoIn(t, "", "wrap"); code != 0 || out != "" {
		t.Errorf("empty input: exit %d, %q", code, out)
	}
	if out, _, _ := jianbaoIn(t, "a\x1b]0;x\x07b\n", "wrap"); strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("escape reached stdout: %q", out)
	}
}

func TestShowWidth(t *testing.T) {
	out, _, code := jianbao(t, "show", "001", "--width", "30")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	p := layout.NewPolicy(layout.Narrow)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 50 {
		t.Errorf("only %d lines at width 30", len(lines))
	}
	for _, l := range lines {
		if p.StringWidth(l) > 30 {
			t.Errorf("%q is %d cells", l, p.StringWidth(l))
		}
	}
	// Piped without --width: paragraphs unbroken.
	out, _, _ = jianbao(t, "show", "001")
	if !strings.Contains(out, "北京时间2017年1月10日凌晨，马云在纽约特朗普大厦，与美国候任总统唐纳德·特朗普在他的会议室进行了会面交流。") {
		t.Error("piped show broke a paragraph")
	}
}

func TestSearchCommand(t *testing.T) {
	out, _, code := jianbao(t, "search", "貿易", "--limit", "3")
	if code != 0 || strings.Count(out, "\n") != 3 || !strings.Contains(out, "⟦贸易⟧") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !regexp.MustCompile(`^002_87c6b28f1f9cb63b ¶\d+ `).MatchString(out) {
		t.Errorf("the title match is not first:\n%s", out)
	}
	out, _, code = jianbao(t, "search", "mayun", "--json")
	var hits []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &hits) != nil || len(hits) == 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, k := range []string{"id", "paragraph", "start", "end", "snippet"} {
		if _, ok := hits[0][k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	_, errOut, code := jianbao(t, "search", "完全不存在的词")
	if code != 1 || !strings.Contains(errOut, "no match") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// A query pasted from a document is not echoed whole.
	_, errOut, code = jianbao(t, "search", strings.Repeat("完全不存在", 400)+"\xe5")
	if code != 1 || !strings.Contains(errOut, "(2001 characters)") || len(errOut) > 400 {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if _, _, code := jianbao(t, "search"); code != 2 {
		t.Errorf("no query: exit %d", code)
	}
	// --width fits every line, the text around the match giving way; piped
	// without it, the lines are whole.
	whole, _, _ := jianbao(t, "search", "中美", "-n", "0")
	for _, amb := range []string{"narrow", "wide"} {
		p := layout.NewPolicy(map[string]layout.Ambiguity{"narrow": layout.Narrow, "wide": layout.Wide}[amb])
		out, _, code := jianbao(t, "--ambiguous", amb, "search", "中美", "-n", "0", "-w", "50")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 0 || len(lines) != strings.Count(whole, "\n") {
			t.Fatalf("-w 50 (%s): exit %d, %d lines against %d", amb, code, len(lines), strings.Count(whole, "\n"))
		}
		cut := 0
		for _, l := range lines {
			if p.StringWidth(l) > 50 || !strings.Contains(l, "⟦中美⟧") {
				t.Errorf("-w 50 (%s): %q is %d cells", amb, l, p.StringWidth(l))
			}
			if strings.Contains(l, "…") {
				cut++
			}
		}
		if cut == 0 {
			t.Errorf("-w 50 (%s) cut no line:\n%s", amb, out)
		}
	}
	if !strings.Contains(whole, "⟦中美⟧首腦會晤后，兩國經貿合作正在加速進行。") {
		t.Errorf("piped lines are cut:\n%s", whole)
	}
	// --documents: each document once, with its matches; --limit counts
	// documents.
	out, _, code = jianbao(t, "search", "--documents", "中美")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "MATCHES") ||
		!strings.HasPrefix(lines[1], "000_40aff71749982f5e") || !strings.HasPrefix(lines[2], "001_3f2865b649e49912") {
		t.Errorf("--documents: exit %d:\n%s", code, out)
	}
	if n := strings.Count(whole, "\n"); !strings.Contains(lines[1], " "+strconv.Itoa(n-strings.Count(whole, "001_3f2865b649e49912"))+"  ") {
		t.Errorf("--documents counts do not add up to the %d matches:\n%s", n, out)
	}
	out, _, code = jianbao(t, "search", "-l", "-n", "1", "阿里巴巴", "--json")
	var docs []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 1 || docs[0]["id"] != "002_87c6b28f1f9cb63b" || docs[0]["in_title"] != true || docs[0]["matches"].(float64) < 1 {
		t.Errorf("-l -n 1 --json: exit %d: %s", code, out)
	}
	if _, errOut, code := jianbao(t, "search", "-l", "完全不存在的词"); code != 1 || !strings.Contains(errOut, "no match") {
		t.Errorf("-l with no match: exit %d, %q", code, errOut)
	}
}

// A word after a minus is one to be absent, typed as a shell user types
// it (no "--"), before, after or between flags; a flag's value is left as
// one.
func TestSearchExcludes(t *testing.T) {
	ids := func(out string) map[string]bool {
		m := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			m[strings.Fields(line)[0]] = true
		}
		return m
	}
	out, _, _ := jianbao(t, "search", "马云", "-n", "0")
	if all := ids(out); !all["001_3f2865b649e49912"] || !all["002_87c6b28f1f9cb63b"] {
		t.Fatalf("马云 is in 001 and 002:\n%s", out)
	}
	for _, args := range [][]string{
		{"search", "马云", "-特朗普", "-n", "0"},
		{"search", "-n", "0", "-特朗普", "马云"},
		{"search", "-特朗普", "-n", "0", "--", "马云"},
		{"search", "马云 -特朗普", "--limit", "0"},
		{"search", "马云", `-"特朗普"`, "-n", "0"},
	} {
		out, errOut, code := jianbao(t, args...)
		if got := ids(out); code != 0 || len(got) != 1 || !got["002_87c6b28f1f9cb63b"] {
			t.Errorf("%q: exit %d, %v %s", args, code, got, errOut)
		}
	}
	// A flag's value that starts with a minus stays the flag's.
	_, errOut, code := jianbao(t, "--corpus", "-不存在", "search", "马云")
	if code != 2 || !strings.Contains(errOut, "--corpus -不存在: no such file") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// A minus before ASCII may be a flag: the error says how to search.
	_, errOut, code = jianbao(t, "search", "马云", "-trump")
	if code != 2 || !strings.Contains(errOut, `jianbao search -- -trump`) {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// A user's vocabulary file, named or in the default place, adds words to
// search; a broken one is named with its line, and stops only the commands
// that search.
func TestVocabularyFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "team.txt")
	if err := os.WriteFile(file, []byte("# 比利时's old name\n比利时 白耳義\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := jianbao(t, "--vocabulary", file, "search", "白耳义")
	if code != 0 || !strings.HasPrefix(out, "002_87c6b28f1f9cb63b") {
		t.Fatalf("exit %d, %q %s", code, out, errOut)
	}
	if _, errOut, _ := jianbao(t, "--vocabulary", file, "search", "白耳义"); errOut != "" {
		t.Errorf("a script's stderr says %q: the words the vocabulary added are for a terminal", errOut)
	}
	if _, _, code := jianbao(t, "search", "白耳义"); code != 1 {
		t.Errorf("without the file: exit %d, want 1 (no match)", code)
	}
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	if err := os.MkdirAll(filepath.Join(config, "jianbao"), 0o755); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(config, "jianbao", "vocabulary.txt")
	if err := os.WriteFile(def, []byte("比利时 白耳義\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := jianbao(t, "search", "白耳義"); code != 0 || !strings.HasPrefix(out, "002_87c6b28f1f9cb63b") {
		t.Errorf("the default file: exit %d, %q %s", code, out, errOut)
	}
	if err := os.WriteFile(def, []byte("比利时 白耳義\n比利时\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := jianbao(t, "search", "白耳義"); code != 1 || !strings.Contains(errOut, def+":2: ") {
		t.Errorf("a broken file: exit %d, %q", code, errOut)
	}
	if _, errOut, code := jianbao(t, "list"); code != 0 {
		t.Errorf("list with a broken vocabulary: exit %d, %q", code, errOut)
	}
	if _, errOut, code := jianbao(t, "--vocabulary", filepath.Join(dir, "none.txt"), "search", "贸易"); code != 2 || !strings.Contains(errOut, "--vocabulary "+filepath.Join(dir, "none.txt")+": no such file") {
		t.Errorf("a named file that is not there: exit %d, %q", code, errOut)
	}
}

func TestTagAndNotes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	out, errOut, code := jianbao(t, "--notes", file, "tag", "002", "--quote", "世界电子贸易平台", "--tag", "eWTP, 欧洲", "--comment", "首次")
	if code != 0 || !regexp.MustCompile(`^[0-9a-z]+-[0-9a-f]{8}\n$`).MatchString(out) {
		t.Fatalf("tag: exit %d, %q %q", code, out, errOut)
	}
	id := strings.TrimSpace(out)
	if _, _, code := jianbao(t, "--notes", file, "tag", "000", "--quote", "经贸合作", "--nth", "2", "--tag", "經貿"); code != 0 {
		t.Fatalf("tag folded nth 2: exit %d", code)
	}
	// A quote pasted from the raw file, reading annotations and all.
	aside := filepath.Join(t.TempDir(), "aside.jsonl")
	if out, errOut, code := jianbao(t, "--notes", aside, "tag", "000", "--quote", "首腦會(huì)晤后", "--tag", "raw"); code != 0 {
		t.Errorf("quote with a reading: exit %d, %q %q", code, out, errOut)
	} else if out, _, _ := jianbao(t, "--notes", aside, "notes"); !strings.Contains(out, "“首腦會晤后”") {
		t.Errorf("quote with a reading: %s", out)
	}
	// ... and with its doubled ASCII commas, which the clean text made one ，.
	if out, errOut, code := jianbao(t, "--notes", aside, "tag", "000", "--quote", "會(huì)晤后,,兩國經(jīng)貿(mào)合作", "--tag", "raw"); code != 0 {
		t.Errorf("quote with doubled commas: exit %d, %q %q", code, out, errOut)
	} else if out, _, _ := jianbao(t, "--notes", aside, "notes"); !strings.Contains(out, "“會晤后，兩國經貿合作”") {
		t.Errorf("quote with doubled commas: %s", out)
	}
	_, errOut, code = jianbao(t, "--notes", file, "tag", "000", "--quote", "不存在的句子", "--tag", "x")
	if code != 1 || !strings.Contains(errOut, "is not in the text") {
		t.Errorf("missing quote: exit %d, %q", code, errOut)
	}
	if _, _, code := jianbao(t, "--notes", file, "tag", "000", "--quote", "经贸合作"); code != 2 {
		t.Errorf("no tag: exit %d", code)
	}
	out, _, _ = jianbao(t, "--notes", file, "notes")
	if strings.Count(out, "\n") != 2 || !strings.Contains(out, "“世界电子贸易平台”  · 首次") || !strings.Contains(out, "#經貿") {
		t.Errorf("notes:\n%s", out)
	}
	out, _, _ = jianbao(t, "--notes", file, "notes", "--tag", "欧洲", "--json")
	var list []map[string]any
	if json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 || list[0]["status"] != "exact" || list[0]["quote"] != "世界电子贸易平台" {
		t.Errorf("notes --json: %s", out)
	}
	for _, f := range []string{"markdown", "csv", "jsonld"} {
		dest := filepath.Join(t.TempDir(), "export."+f)
		if _, errOut, code := jianbao(t, "--notes", file, "notes", "export", "--format", f, "-o", dest); code != 0 {
			t.Fatalf("export %s: %d %s", f, code, errOut)
		}
		b, _ := os.ReadFile(dest)
		if !strings.Contains(string(b), "世界电子贸易平台") {
			t.Errorf("%s export lacks the quote:\n%s", f, b)
		}
	}
	if _, _, code := jianbao(t, "--notes", file, "notes", "export", "--format", "pdf"); code != 1 {
		t.Errorf("unknown format: exit %d", code)
	}
	out, _, code = jianbao(t, "--notes", file, "notes", "rm", id[:12])
	if code != 0 || !strings.Contains(out, "deleted "+id) {
		t.Errorf("rm: %d %q", code, out)
	}
	out, _, _ = jianbao(t, "--notes", file, "notes")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("after rm:\n%s", out)
	}
	// A notes path that is a directory.
	_, errOut, code = jianbao(t, "--notes", t.TempDir(), "notes")
	if code != 1 || !strings.Contains(errOut, "is a directory") {
		t.Errorf("directory: %d %q", code, errOut)
	}
}

// TestCommandsReadWhatTheyNeed checks that show, tag and notes read only
// the files that can hold the documents they name (corpus.Options.IDs):
// unrelated broken files go unmentioned, IDs are those a whole load gives,
// and a miss still lists the near misses.
func TestCommandsReadWhatTheyNeed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/brief.txt", "第一份简报。\n")
	write("b/brief.txt", "第二份简报，谈贸易。\n")
	write("junk.txt", "\x00\x01binary")
	write("zhang-brief.txt", "张的简报。\n")
	base := []string{"--no-seeds", "--corpus", dir}
	out, errOut, code := jianbao(t, append(base, "show", "brief-2")...)
	if code != 0 || out != "第二份简报，谈贸易。\n" || strings.Contains(errOut, "junk") || !strings.Contains(errOut, `ID "brief" is already used`) {
		t.Fatalf("show brief-2: exit %d, %q, %q", code, out, errOut)
	}
	if _, errOut, code := jianbao(t, append(base, "show", "bri")...); code != 1 || !strings.Contains(errOut, "ambiguous") || !strings.Contains(errOut, "brief-2") || strings.Contains(errOut, "zhang") {
		t.Errorf("show bri: exit %d, %q", code, errOut)
	}
	if _, errOut, code := jianbao(t, append(base, "show", "rief")...); code != 1 || !strings.Contains(errOut, "zhang-brief") || strings.Contains(errOut, "junk") {
		t.Errorf("show rief: exit %d, %q", code, errOut) // a miss lists the IDs that contain it
	}
	if _, errOut, code := jianbao(t, append(base, "show", "F-2")...); code != 1 || !strings.Contains(errOut, "  brief-2\n") || strings.Contains(errOut, "zhang") {
		t.Errorf("show F-2: exit %d, %q", code, errOut) // within a generated ID
	}
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	notesArgs := append(base, "--notes", file)
	if _, errOut, code := jianbao(t, append(notesArgs, "tag", "brief-2", "--quote", "贸易", "--tag", "x")...); code != 0 || strings.Contains(errOut, "junk") {
		t.Fatalf("tag: exit %d, %q", code, errOut)
	}
	out, errOut, code = jianbao(t, append(notesArgs, "notes", "--json")...)
	if code != 0 || !strings.Contains(out, `"status": "exact"`) || !strings.Contains(out, `"doc": "brief-2"`) || strings.Contains(errOut, "junk") {
		t.Errorf("notes: exit %d, %s %q", code, out, errOut)
	}
	if out, _, code := jianbao(t, append(notesArgs, "notes", "--doc", "zhang")...); code != 0 || out != "" {
		t.Errorf("notes --doc zhang: exit %d, %q", code, out)
	}
	if _, errOut, _ := jianbao(t, append(base, "list")...); !strings.Contains(errOut, "junk") {
		t.Errorf("list should still warn about every file: %q", errOut)
	}
}

// TestMain keeps the index caches the tests make out of the user's cache
// folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jianbao-cache-")
	if err != nil {
		panic(err)
	}
	// The go command's build cache stays where it was (its default is
	// under XDG_CACHE_HOME): tests that build jianbao would otherwise
	// build every package afresh, 25 s each.
	if os.Getenv("GOCACHE") == "" {
		if user, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(user, "go-build"))
		}
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("XDG_CONFIG_HOME", dir) // no vocabulary file of the user's
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A change that is only white space shows its spaces, so that --explain
// says what went (a space between 年 and 2017, a run of NBSP).
func TestShowEdit(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{" ", "␠"},
		{"\u00a0\u00a0", "⍽⍽"},
		{"\n\n", "↵↵"},
		{", ", ", "},
		{"人民网>>国际\n", "人民网>>国际↵"},
	} {
		if got := showEdit(tt.in); got != tt.want {
			t.Errorf("showEdit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Without the terminal's word, COLORFGBG says the background: its last
// number is the colour, 0–6 and 8 dark, 7 and 9–15 light.
func TestBackgroundFromColorFGBG(t *testing.T) {
	for v, dark := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;default;7": false, "7;8": true, "default;default": true, "0": true} {
		t.Setenv("COLORFGBG", v)
		if got := (&app{}).background(); got != dark {
			t.Errorf("COLORFGBG=%q: dark %v", v, got)
		}
	}
	t.Setenv("COLORFGBG", "0;15")
	if !(&app{dark: true, darkKnown: true}).background() {
		t.Error("COLORFGBG overrode what the terminal said")
	}
}

// A note's status stays on its line however long its quote: the quote is
// what gives way to the width.
func TestNotesListKeepsStatus(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.txt")
	long := "中美经贸合作持续深化，两国在贸易、投资、金融、科技、能源、农业等众多领域的务实合作不断取得新的进展和成果"
	os.WriteFile(doc, []byte("前言。\n\n"+long+"。\n"), 0o644)
	file := filepath.Join(dir, "notes.jsonl")
	args := []string{"--no-seeds", "--no-cache", "--corpus", dir, "--notes", file}
	if _, errOut, code := jianbao(t, append(args, "tag", "doc", "--quote", long, "--tag", "长")...); code != 0 {
		t.Fatalf("tag: exit %d, %q", code, errOut)
	}
	os.WriteFile(doc, []byte("前言。\n"), 0o644) // the passage is gone
	out, _, code := jianbao(t, append(args, "notes")...)
	p := layout.NewPolicy(layout.Narrow)
	if line := strings.TrimSuffix(out, "\n"); code != 0 || !strings.HasSuffix(line, "…” [orphaned]") || p.StringWidth(line) > 100 {
		t.Errorf("exit %d, %d cells:\n%s", code, p.StringWidth(line), out)
	}
	// --status keeps the notes that stand so.
	if got, _, code := jianbao(t, append(args, "notes", "--status", "orphaned")...); code != 0 || got != out {
		t.Errorf("--status orphaned: exit %d:\n%s", code, got)
	}
	if got, _, code := jianbao(t, append(args, "notes", "--status", "exact")...); code != 0 || got != "" {
		t.Errorf("--status exact: exit %d:\n%s", code, got)
	}
	if _, errOut, code := jianbao(t, append(args, "notes", "--status", "lost")...); code != 2 || !strings.Contains(errOut, "exact, moved, approximate, orphaned") {
		t.Errorf("--status lost: exit %d, %q", code, errOut)
	}
}

// A long load shows its progress on a terminal's stderr, one line written
// over and erased at the end; a short one, or one whose stderr is no
// terminal, says nothing.
func TestLoadMeter(t *testing.T) {
	var buf bytes.Buffer
	m := &loadMeter{w: &buf, stderr: &buf, start: time.Now()}
	m.show(100, 10, 1e6)
	if buf.Len() != 0 {
		t.Errorf("a load under %v showed %q", progressAfter, buf.String())
	}
	m.start = time.Now().Add(-2 * progressAfter)
	m.show(100, 50, 3e6)
	m.show(100, 60, 4e6) // within 100 ms of the last: not drawn
	m.say("jianbao: warning: w")
	m.done() // nothing left to erase
	if got := buf.String(); got != "\rjianbao: loading 50 of 100 files, 3 MB (50%)\x1b[K\r\x1b[Kjianbao: warning: w\n" {
		t.Errorf("meter wrote %q", got)
	}
	quiet := &loadMeter{start: time.Now().Add(-time.Hour)} // stderr not a terminal
	quiet.show(100, 50, 3e6)
	quiet.done()
}

// TestNoteLine: a listed note keeps its status and some of its comment
// however long its quote, fits its width in cells, and names its author
// when the notes have several.
func TestNoteLine(t *testing.T) {
	long := strings.Repeat("中美经贸合作", 30)
	note := func(quote, comment string, st notes.Status) notes.Entry {
		return notes.Entry{Placed: notes.Placed{Note: notes.Note{ID: "mwshz05h-ca6a67a5", Doc: "002", Tags: []string{"经贸"}, Quote: quote, Comment: comment, Author: "alice"}, Status: st}}
	}
	for _, amb := range []layout.Ambiguity{layout.Narrow, layout.Wide} {
		a := &app{policy: layout.NewPolicy(amb)}
		for _, tc := range []struct {
			e        notes.Entry
			byAuthor bool
			want     []string
			not      []string
		}{
			{note("世界电子贸易平台", "", notes.Exact), false, []string{"“世界电子贸易平台”"}, []string{"·", "@"}},
			{note("世界电子贸易平台", "首次\n落地", notes.Exact), true, []string{"“世界电子贸易平台”  · 首次 落地  @alice"}, nil},
			{note(long, "首次落地欧洲", notes.Orphaned), false, []string{"…” [orphaned]  · 首次"}, nil},
			{note("短", long, notes.Moved), false, []string{"“短” [moved]  · 中美", "…"}, nil},
			{note(long, long, notes.Exact), true, []string{"“中美", "…”  · 中美"}, nil},
			{note("a\x1b]52;c;aGk=\x07b", "\x1b[2J", notes.Exact), false, nil, []string{"\x1b"}},
		} {
			for _, width := range []int{60, 100} {
				got := a.noteLine(tc.e, width, tc.byAuthor)
				if w := a.policy.StringWidth(got); w > width {
					t.Errorf("%v, width %d: %d cells: %s", amb, width, w, got)
				}
				if st := tc.e.Status; st != notes.Exact && !strings.Contains(got, "["+st.String()+"]") {
					t.Errorf("%v, width %d: %q lacks its status", amb, width, got)
				}
				for _, s := range tc.want {
					if width == 100 && !strings.Contains(got, s) {
						t.Errorf("%v, width %d: %q lacks %q", amb, width, got, s)
					}
				}
				for _, s := range tc.not {
					if strings.Contains(got, s) {
						t.Errorf("%v, width %d: %q holds %q", amb, width, got, s)
					}
				}
			}
		}
	}
}

// TestNotesEdit: notes edit replaces what it is given and keeps the rest,
// and refuses an edit that gives nothing or would leave no tag.
func TestNotesEdit(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.jsonl")
	out, _, code := jianbao(t, "--notes", file, "tag", "002", "--quote", "世界电子贸易平台", "--tag", "eWTP", "--comment", "首次")
	if code != 0 {
		t.Fatalf("tag: exit %d", code)
	}
	id := strings.TrimSpace(out)
	note := func() map[string]any {
		t.Helper()
		out, _, _ := jianbao(t, "--notes", file, "notes", "--json")
		var list []map[string]any
		if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
			t.Fatalf("notes --json: %v %s", err, out)
		}
		return list[0]
	}
	for _, tc := range []struct {
		args          []string
		tags, comment string
	}{
		{[]string{"--tag", "欧洲, 平台"}, "[欧洲 平台]", "首次"},
		{[]string{"--comment", "  落地  "}, "[欧洲 平台]", "落地"},
		{[]string{"--tag", "經貿", "--tag", "eWTP", "--comment", ""}, "[經貿 eWTP]", "<nil>"},
	} {
		out, errOut, code := jianbao(t, append([]string{"--notes", file, "notes", "edit", id[:10]}, tc.args...)...)
		if code != 0 || !strings.HasPrefix(out, "edited "+id) {
			t.Fatalf("edit %q: exit %d, %q %q", tc.args, code, out, errOut)
		}
		n := note()
		if got := fmt.Sprint(n["tags"]); got != tc.tags {
			t.Errorf("edit %q: tags %s, want %s", tc.args, got, tc.tags)
		}
		if got := fmt.Sprint(n["comment"]); got != tc.comment {
			t.Errorf("edit %q: comment %s, want %s", tc.args, got, tc.comment)
		}
		if n["quote"] != "世界电子贸易平台" || n["status"] != "exact" {
			t.Errorf("edit %q changed the passage: %v", tc.args, n)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{id}, 2, "needs --tag T or --comment C"},
		{[]string{id, "--tag", " , "}, 2, "at least one tag"},
		{[]string{"nosuch", "--tag", "x"}, 1, "no such note"},
	} {
		if _, errOut, code := jianbao(t, append([]string{"--notes", file, "notes", "edit"}, tc.args...)...); code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("edit %q: exit %d, %q; want %d, %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	if got := fmt.Sprint(note()["tags"]); got != "[經貿 eWTP]" {
		t.Errorf("a refused edit changed the tags: %s", got)
	}
}

// TestFinishLoad: quitting the reader waits for its load to end (the index
// cache is written as it ends), says so when that takes a while, and takes
// what the stream still had.
func TestFinishLoad(t *testing.T) {
	for _, tc := range []struct {
		delay time.Duration
		said  bool
	}{{0, false}, {700 * time.Millisecond, true}} {
		var errb bytes.Buffer
		a := &app{stderr: &errb}
		stream := make(chan corpus.Batch)
		ended := make(chan time.Time, 1)
		go func() {
			stream <- corpus.Batch{} // a batch the reader never took
			time.Sleep(tc.delay)
			ended <- time.Now()
			close(stream)
		}()
		a.finishLoad(stream)
		returned := time.Now()
		if end := <-ended; returned.Before(end) {
			t.Errorf("delay %v: returned before the load ended", tc.delay)
		}
		if said := strings.Contains(errb.String(), "saving the index"); said != tc.said {
			t.Errorf("delay %v: said %q", tc.delay, errb.String())
		}
	}
}

// TestInterruptedLoad: Ctrl-C while a command loads stops the load, not
// the process: the index cache keeps what was indexed, the command prints
// no results and exits 130.
func TestInterruptedLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 40 MB")
	}
	// A SIGINT with nothing listening would end the test binary.
	held := make(chan os.Signal, 1)
	signal.Notify(held, os.Interrupt)
	defer signal.Stop(held)
	dir := t.TempDir()
	text, err := fs.ReadFile(seeds.FS(), "004_d659e5899b51d012.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4000 {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%40))
		os.MkdirAll(sub, 0o755)
		write(t, filepath.Join(sub, fmt.Sprintf("%04d.txt", i)), fmt.Sprintf("%s\n第%d号。\n", text, i))
	}
	cache := filepath.Join(t.TempDir(), "cache")
	t.Setenv("XDG_CACHE_HOME", cache)
	before := corpus.LoadedBytes()
	type result struct {
		out, errOut string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		out, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "search", "政策")
		done <- result{out, errOut, code}
	}()
	for corpus.LoadedBytes() == before {
		time.Sleep(time.Millisecond)
	}
	loaded := corpus.LoadedBytes() - before
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	r := <-done
	if loaded >= int64(4000*len(text)) {
		t.Skip("the load had ended before the signal was sent")
	}
	if r.code != 130 || r.out != "" || !strings.Contains(r.errOut, "interrupted while loading") || strings.Contains(r.errOut, "context canceled") {
		t.Fatalf("exit %d, %q, %q", r.code, r.out, r.errOut)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "jianbao", "index-*.bin"))
	if strings.Contains(r.errOut, "the index cache keeps them") != (len(files) == 1) {
		t.Errorf("%q, and %d cache files", r.errOut, len(files))
	}
	// Not interrupted, the next run answers, and reads the cache if any.
	if out, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "search", "--documents", "--limit", "0", "政策"); code != 0 || strings.Count(out, "\n") != 1+4000 { // a header and every file
		t.Errorf("the run after: exit %d, %d lines, %q", code, strings.Count(out, "\n"), errOut)
	}
	t.Log(r.errOut)
}
