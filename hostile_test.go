package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Hostile corpora, as a user meets them: every case gives a clear message
// or works, never hangs, crashes or loses a document or a note.

// TestHugeFiles loads a 50 MB briefing and a 5 MB line without breaks next
// to an ordinary file: all three list, show and are searched.
func TestHugeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 65 MB")
	}
	dir := t.TempDir()
	var big strings.Builder
	for i := 0; big.Len() < 50<<20; i++ {
		fmt.Fprintf(&big, "第%d段：中美經貿合作正在加速進行，雙方同意擴大貿易與投資。\n", i)
	}
	big.WriteString("文末的罕見詞是鄂爾多斯。\n")
	write(t, filepath.Join(dir, "big.txt"), big.String())
	write(t, filepath.Join(dir, "line.txt"), strings.Repeat("贸易投资", 5<<20/12)+"结尾的罕见词是呼和浩特")
	write(t, filepath.Join(dir, "small.txt"), "小文件。\n")
	// A 5 MB line of Markdown that never closes a * or a [ (linear to read:
	// it took minutes when each opener searched the rest of the line).
	write(t, filepath.Join(dir, "marks.md"), strings.Repeat("*强调[链接 ", 5<<20/22)+"结尾的罕见词是包头")
	// A 5 MB line of HTML, each element opened within the last and never
	// closed (the HTML5 tree builder is quadratic in that depth).
	write(t, filepath.Join(dir, "nested.html"), strings.Repeat(`<div class="a"><p>贸易<b>投资`, 5<<20/36)+"结尾的罕见词是二连浩特")

	start := time.Now()
	out, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "list")
	if code != 0 || strings.Count(out, "\n") != 1+5 { // a header and five
		t.Fatalf("list: code %d, %q %q", code, out, errOut)
	}
	t.Logf("list of 65 MB: %v", time.Since(start))
	listed := out
	// The end of each is found: nothing was cut. The first search indexes
	// and writes the index cache (55 MB is worth one); the next read it,
	// then one with the cache damaged, then one told not to use it.
	caches := filepath.Join(os.Getenv("XDG_CACHE_HOME"), "jianbao", "index-*.bin")
	for round, args := range [][]string{nil, nil, {"damaged"}, {"--no-cache"}} {
		if len(args) > 0 && args[0] == "damaged" {
			args = nil
			files, _ := filepath.Glob(caches)
			for _, f := range files {
				os.WriteFile(f, []byte("jianbao index cache\ngarbage"), 0o644)
			}
		}
		for q, id := range map[string]string{"鄂尔多斯": "big", "呼和浩特": "line", "包头": "marks", "二连浩特": "nested"} {
			if round > 0 && id != "big" {
				continue // one search a round after the first
			}
			out, errOut, code = jianbao(t, append([]string{"--no-seeds", "--corpus", dir, "search", q}, args...)...)
			if code != 0 || !strings.HasPrefix(out, id+" ") || errOut != "" {
				t.Errorf("round %d, search %s: code %d, %.200q %q", round, q, code, out, errOut)
			}
		}
		if files, _ := filepath.Glob(caches); len(files) != 1 {
			t.Errorf("round %d: index caches %v, want one", round, files)
		}
	}
	// list now takes the lengths from the cache (counting them, then
	// reading them back): the same rows.
	for round := range 2 {
		if again, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "list"); code != 0 || again != listed {
			t.Errorf("list with the cache, round %d: code %d, %q %q, want %q", round, code, again, errOut, listed)
		}
	}
	// The line without breaks lays out at a width, every row within it.
	out, errOut, code = jianbao(t, "--no-seeds", "--corpus", dir, "show", "line", "--width", "40")
	if code != 0 {
		t.Fatalf("show line: %d %q", code, errOut)
	}
	rows := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(rows) < 5<<20/3/20 || !strings.Contains(rows[len(rows)-1], "呼和浩特") {
		t.Errorf("show line: %d rows, last %q", len(rows), rows[len(rows)-1])
	}
}

// TestTenThousandTinyFiles: every file becomes a document with its own ID.
func TestTenThousandTinyFiles(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 10_000; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%50))
		if i < 50 {
			os.Mkdir(sub, 0o755)
		}
		body := fmt.Sprintf("第%d號簡報。\n", i)
		if i == 7777 {
			body = "唯一提到烏蘭察布的簡報。\n"
		}
		write(t, filepath.Join(sub, fmt.Sprintf("t%d.txt", i)), body)
	}
	// Two files with one stem: both load, the second renamed.
	write(t, filepath.Join(dir, "00", "t1.md"), "同名的另一個文件。\n")
	out, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "list")
	if code != 0 {
		t.Fatalf("list: %d %q", code, errOut)
	}
	if n := strings.Count(out, "\n") - 1; n != 10_001 { // less the header
		t.Errorf("%d documents listed, want 10001", n)
	}
	if !strings.Contains(errOut, `this document's ID is "t1-2"`) {
		t.Errorf("no warning for the clashing stem: %.300q", errOut)
	}
	out, _, code = jianbao(t, "--no-seeds", "--corpus", dir, "search", "乌兰察布")
	if code != 0 || !strings.HasPrefix(out, "t7777 ") {
		t.Errorf("search: %d %q", code, out)
	}
}

// TestFileChangingWhileLoading rewrites files over and over while the
// corpus loads: every load ends, every other document loads, and each
// changing file is either loaded (as one of its versions) or named in a
// warning.
func TestFileChangingWhileLoading(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 200; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("s%03d.txt", i)), "穩定的文件。\n")
	}
	versions := []string{"短。\n", strings.Repeat("長得多的一個版本。\n", 5000), ""}
	for k := 0; k < 3; k++ {
		write(t, filepath.Join(dir, fmt.Sprintf("moving%d.txt", k)), versions[k])
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			for k := 0; k < 3; k++ {
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("moving%d.txt", k)), []byte(versions[(n+k)%3]), 0o644)
			}
		}
	}()
	defer func() { close(stop); <-done }()
	for round := 0; round < 5; round++ {
		out, errOut, code := jianbao(t, "--no-seeds", "--corpus", dir, "list")
		if code != 0 {
			t.Fatalf("list: %d %q", code, errOut)
		}
		if n := strings.Count(out, "穩定的文件"); n != 200 {
			t.Fatalf("round %d: %d stable documents, want 200", round, n)
		}
		for k := 0; k < 3; k++ {
			name := fmt.Sprintf("moving%d", k)
			if !strings.Contains(out, "\n"+name+" ") && !strings.HasPrefix(out, name+" ") && !strings.Contains(errOut, name+".txt") {
				t.Errorf("round %d: %s neither listed nor warned about", round, name)
			}
		}
	}
}

// TestNotesInReadOnlyFolder runs the binary as an unprivileged user (the
// tests may run as root, for whom permissions do not apply) against notes
// files in a read-only folder: an existing writable file takes notes; a
// file that would have to be created, and a read-only file, give a message
// naming the file and --notes, and the notes already there are kept.
func TestNotesInReadOnlyFolder(t *testing.T) {
	bin := buildJianbao(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	writable, locked := filepath.Join(ro, "notes.jsonl"), filepath.Join(ro, "locked.jsonl")
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		for p := bin; p != os.TempDir() && p != "/"; p = filepath.Dir(p) {
			os.Chmod(p, 0o755) // for that user to run it
		}
	}
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		out, err := cmd.CombinedOutput()
		code := 0
		if e, ok := err.(*exec.ExitError); ok {
			code = e.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	if os.Geteuid() == 0 {
		os.Chown(ro, 65534, 65534)
	}
	// Notes made while the folder could be written to, by that user.
	for _, p := range []string{writable, locked} {
		if out, code := run("--notes", p, "tag", "002", "--quote", "世界电子贸易平台", "--tag", "前"); code != 0 {
			t.Fatalf("first note in %s: %d %s", p, code, out)
		}
	}
	os.Chmod(locked, 0o444)
	os.Chmod(ro, 0o555)
	before, _ := os.ReadFile(locked)

	if out, code := run("--notes", writable, "tag", "002", "--quote", "中小企业", "--tag", "后"); code != 0 {
		t.Errorf("appending to a writable file in a read-only folder: %d %s", code, out)
	}
	if out, _ := run("--notes", writable, "notes"); !strings.Contains(out, "前") || !strings.Contains(out, "后") {
		t.Errorf("notes after the append: %s", out)
	}
	for _, p := range []string{filepath.Join(ro, "new.jsonl"), locked} {
		out, code := run("--notes", p, "tag", "002", "--quote", "中小企业", "--tag", "后")
		if code == 0 || !strings.Contains(out, p) || !strings.Contains(out, "--notes") || !strings.Contains(out, "permission denied") {
			t.Errorf("tag into %s: code %d, %s", p, code, out)
		}
	}
	if after, _ := os.ReadFile(locked); string(after) != string(before) {
		t.Error("the read-only notes file changed")
	}
	if out, code := run("--notes", locked, "notes"); code != 0 || !strings.Contains(out, "前") {
		t.Errorf("reading a read-only notes file: %d %s", code, out)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
