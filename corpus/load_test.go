package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"jianbao/seeds"
)

func write(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func warned(warns []Warning, path string) error {
	for _, w := range warns {
		if w.Path == path {
			return w.Err
		}
	}
	return nil
}

func ids(c *Corpus) []string {
	var out []string
	for _, d := range c.Docs {
		out = append(out, d.ID)
	}
	return out
}

func TestLoadSeeds(t *testing.T) {
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS()})
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	want := []string{"000_40aff71749982f5e", "001_3f2865b649e49912", "002_87c6b28f1f9cb63b", "003_a20fc04bd14fd48f", "004_d659e5899b51d012"}
	if got := ids(c); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("IDs = %v, want %v", got, want)
	}
	for _, d := range c.Docs {
		if d.Origin != OriginEmbedded || d.Encoding != UTF8 || d.Raw() == "" || d.DisplayTitle() == "" {
			t.Errorf("%s: origin %q encoding %q title %q", d.ID, d.Origin, d.Encoding, d.DisplayTitle())
		}
	}
}

// TestLoadConvertedSeeds writes every seed in every encoding the loader
// claims to read and checks each loads as exactly the UTF-8 original.
func TestLoadConvertedSeeds(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{}
	encs := map[string]encoding.Encoding{
		"gb18030":  simplifiedchinese.GB18030,
		"gbk":      simplifiedchinese.GBK,
		"utf16le":  unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
		"utf16be":  unicode.UTF16(unicode.BigEndian, unicode.UseBOM),
		"big5":     traditionalchinese.Big5,
		"utf8bom":  unicode.UTF8BOM,
		"utf8crlf": nil,
	}
	for name, text := range seedTexts(t) {
		stem := strings.TrimSuffix(name, ".txt")
		for ename, e := range encs {
			src := text
			var b []byte
			var err error
			switch {
			case e == nil:
				b = []byte(strings.ReplaceAll(text, "\n", "\r\n"))
			case ename == "big5":
				if b, err = e.NewEncoder().Bytes([]byte(src)); err != nil {
					src = big5Part(text)
					b, err = e.NewEncoder().Bytes([]byte(src))
				}
			default:
				b, err = e.NewEncoder().Bytes([]byte(src))
			}
			if err != nil {
				if ename == "gbk" {
					continue // GBK cannot hold every character GB18030 can
				}
				t.Fatalf("%s to %s: %v", name, ename, err)
			}
			id := stem + "." + ename
			write(t, filepath.Join(dir, ename, id+".txt"), b)
			want[id] = src
		}
	}
	c, warns := Load(context.Background(), Options{Paths: []string{dir}})
	if len(warns) != 0 {
		t.Fatalf("warnings: %v", warns)
	}
	if c.Len() != len(want) {
		t.Fatalf("loaded %d documents, want %d", c.Len(), len(want))
	}
	for _, d := range c.Docs {
		if d.Raw() != want[d.ID] {
			t.Errorf("%s (%s: %s): text differs from the UTF-8 original", d.ID, d.Encoding, d.EncodingReason)
		}
	}
}

// TestLoadHostileFolder is the folder a user is warned about: junk beside
// good files. Nothing may crash or hang, every bad file is named, and every
// good file is kept.
func TestLoadHostileFolder(t *testing.T) {
	dir := t.TempDir()
	good := "第一段。\n第二段。\n"
	write(t, filepath.Join(dir, "empty.txt"), nil)
	write(t, filepath.Join(dir, "blank.txt"), []byte(" \n\t\n"))
	write(t, filepath.Join(dir, "image.txt"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"))
	rnd := make([]byte, 4096)
	rand.New(rand.NewSource(1)).Read(rnd)
	write(t, filepath.Join(dir, "random.txt"), rnd)
	big := []byte(strings.Repeat("中美經貿合作正在加速進行,", 20<<20/36))
	write(t, filepath.Join(dir, "huge-line.txt"), big)
	write(t, filepath.Join(dir, "中美经贸简报.txt"), []byte(good))
	write(t, filepath.Join(dir, "notes.md"), []byte("# 标题\n正文。"))
	write(t, filepath.Join(dir, "locked.txt"), []byte(good))
	write(t, filepath.Join(dir, "photo.png"), rnd)            // not a corpus file: ignored
	write(t, filepath.Join(dir, ".hidden.txt"), []byte(good)) // hidden: skipped
	write(t, filepath.Join(dir, ".git", "x.txt"), []byte(good))
	write(t, filepath.Join(dir, "sub", "deep", "inner.TXT"), []byte(good))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Links: a cycle back to the root, a link to a file, a broken link.
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "notes.md"), filepath.Join(dir, "sub", "again.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "broken.txt")); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.txt")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	// Root reads mode-0 files, so stage the permission error as well.
	open := func(name string) (fs.File, error) {
		if name == locked {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		return os.Open(name)
	}

	done := make(chan struct{})
	var c *Corpus
	var warns []Warning
	go func() {
		c, warns = Load(context.Background(), Options{Paths: []string{dir}, open: open})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Load hangs")
	}

	for name, want := range map[string]error{
		"empty.txt":  ErrEmpty,
		"blank.txt":  ErrEmpty,
		"image.txt":  ErrNUL,
		"random.txt": nil, // NUL or invalid, either way named
		"locked.txt": fs.ErrPermission,
		"pipe.txt":   ErrNotRegular,
		"broken.txt": fs.ErrNotExist,
	} {
		err := warned(warns, filepath.Join(dir, name))
		if err == nil || want != nil && !errors.Is(err, want) {
			t.Errorf("%s: warning %v, want %v", name, err, want)
		}
	}
	got := strings.Join(ids(c), ",")
	if want := "huge-line,notes,inner,中美经贸简报"; got != want {
		t.Errorf("loaded %s, want %s", got, want)
	}
	for _, d := range c.Docs {
		if d.ID == "huge-line" && d.Raw() != string(big) {
			t.Errorf("the 20 MB line did not load whole")
		}
	}
	if len(warns) != 7 {
		t.Errorf("want 7 warnings, got %d: %v", len(warns), warns)
	}
}

// TestLoadInvalidUTF8Names: a file name that is not UTF-8 (a Latin-1 or
// GBK name from an old archive) gives an ID in valid UTF-8, which a note
// stored as JSON still names; two names that read the same are told apart.
func TestLoadInvalidUTF8Names(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "bad\xff\xfename.txt"), []byte("甲"))
	write(t, filepath.Join(dir, "bad\xfe\xffname.txt"), []byte("乙"))
	c, _ := Load(context.Background(), Options{Paths: []string{dir}})
	var ids []string
	for _, d := range c.Docs {
		if !utf8.ValidString(d.ID) {
			t.Errorf("ID %q is not UTF-8", d.ID)
		}
		ids = append(ids, d.ID)
	}
	if len(ids) != 2 || ids[0] == ids[1] || !strings.HasPrefix(ids[0], "bad\uFFFD\uFFFDname") {
		t.Errorf("IDs %q", ids)
	}
	for _, id := range ids {
		b, _ := json.Marshal(id)
		var back string
		json.Unmarshal(b, &back)
		if d, err := c.Resolve(back); err != nil || d.ID != id {
			t.Errorf("%q after JSON: %v", id, err)
		}
	}
}

// A name Windows wrote in GBK or Big5 (a zip extracted byte for byte) is
// read so; one no Chinese encoding reads as common characters is not.
func TestLoadLegacyNames(t *testing.T) {
	dir := t.TempDir()
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("会议纪要2024")
	big5, _ := traditionalchinese.Big5.NewEncoder().String("會議紀錄")
	write(t, filepath.Join(dir, gbk+".txt"), []byte("甲"))
	write(t, filepath.Join(dir, big5+".txt"), []byte("乙"))
	write(t, filepath.Join(dir, "x\xff\xfe.txt"), []byte("丙"))
	c, _ := Load(context.Background(), Options{Paths: []string{dir}})
	got := map[string]string{}
	for _, d := range c.Docs {
		got[d.Raw()] = d.ID
	}
	if got["甲"] != "会议纪要2024" || got["乙"] != "會議紀錄" || got["丙"] != "x\uFFFD\uFFFD" {
		t.Errorf("IDs %q", got)
	}
	if d, err := c.Resolve("会议"); err != nil || d.Raw() != "甲" {
		t.Errorf("show 会议: %v", err)
	}
}

func TestLoadDuplicateStems(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "brief.txt"), []byte("甲"))
	write(t, filepath.Join(dir, "b", "brief.md"), []byte("乙"))
	write(t, filepath.Join(dir, "c", "brief-2.txt"), []byte("丙"))
	write(t, filepath.Join(dir, "d", "brief.txt"), []byte("丁"))
	for i := 0; i < 3; i++ { // the same every time
		c, warns := Load(context.Background(), Options{Paths: []string{dir}})
		got := map[string]string{}
		for _, d := range c.Docs {
			got[d.Raw()] = d.ID
		}
		want := map[string]string{"甲": "brief", "乙": "brief-3", "丙": "brief-2", "丁": "brief-4"}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%s has ID %q, want %q (all: %v)", k, got[k], v, got)
			}
		}
		if len(warns) != 2 || !strings.Contains(warns[0].Error(), `ID "brief" is already used by `+filepath.Join(dir, "a", "brief.txt")) {
			t.Fatalf("warnings: %v", warns)
		}
	}
}

func TestLoadSeedsAndPathsTogether(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "000_40aff71749982f5e.txt"), []byte("同名"))
	write(t, filepath.Join(dir, "extra.txt"), []byte("额外"))
	file := filepath.Join(dir, "named.dat")
	write(t, file, []byte("直接指定的文件"))
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS(), Paths: []string{dir, file, dir, filepath.Join(dir, "missing")}})
	if c.Len() != 8 {
		t.Fatalf("loaded %v", ids(c))
	}
	if c.Docs[5].ID != "000_40aff71749982f5e-2" || c.Docs[7].ID != "named" {
		t.Errorf("order or IDs wrong: %v", ids(c))
	}
	if err := warned(warns, filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing path: %v", err)
	}
}

// TestLoadBoundsOpenFiles checks that a large folder is never opened all at
// once.
func TestLoadBoundsOpenFiles(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 300; i++ {
		write(t, filepath.Join(dir, "f"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".txt"), []byte("内容"))
	}
	var open, peak atomic.Int64
	var mu sync.Mutex
	opener := func(name string) (fs.File, error) {
		n := open.Add(1)
		mu.Lock()
		if n > peak.Load() {
			peak.Store(n)
		}
		mu.Unlock()
		time.Sleep(time.Millisecond)
		f, err := os.Open(name)
		if err != nil {
			open.Add(-1)
			return nil, err
		}
		return countingFile{f, &open}, nil
	}
	c, warns := Load(context.Background(), Options{Paths: []string{dir}, Workers: 3, open: opener})
	if c.Len() != 300 || len(warns) != 0 {
		t.Fatalf("loaded %d, warnings %v", c.Len(), warns)
	}
	if peak.Load() > 3 || peak.Load() < 2 {
		t.Errorf("peak open files %d, want 2..3", peak.Load())
	}
}

type countingFile struct {
	*os.File
	n *atomic.Int64
}

func (f countingFile) Close() error { f.n.Add(-1); return f.File.Close() }

func TestLoadTooLarge(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.txt"), []byte(strings.Repeat("大", 100)))
	c, warns := Load(context.Background(), Options{Paths: []string{dir}, MaxFileSize: 100})
	if c.Len() != 0 || len(warns) != 1 || !errors.Is(warns[0], ErrTooLarge) {
		t.Fatalf("got %d docs, warnings %v", c.Len(), warns)
	}
}

func TestResolve(t *testing.T) {
	c := New([]*Document{{ID: "002_87c6"}, {ID: "003_a20f"}, {ID: "Report"}, {ID: "report-2"}, {ID: "00"}})
	tests := []struct {
		q, want string
		err     string
	}{
		{"002", "002_87c6", ""},
		{"00", "00", ""}, // exact beats prefix
		{"003_a20f", "003_a20f", ""},
		{"rep", "report-2", ""},
		{"REPORT-", "report-2", ""},
		{"R", "Report", ""},
		{"0", "", "ambiguous"},
		{"87c6", "", "did you mean:\n  002_87c6"},
		{"zzz", "", "jianbao list"},
		{"", "", "no document"},
	}
	for _, tt := range tests {
		d, err := c.Resolve(tt.q)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Resolve(%q) = %v, %v; want error with %q", tt.q, d, err, tt.err)
			}
			continue
		}
		if err != nil || d.ID != tt.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tt.q, d, err, tt.want)
		}
	}
}

// TestLoadIDs checks that a load restricted to some IDs (HoldersOf)
// resolves every query as a load of everything does: same document, or
// same ambiguity; a miss stays a miss. The names are random over a small
// alphabet, so stems clash, differ in case, and end in "-2" as generated
// IDs do; some files are skipped (empty), which moves IDs along.
func TestLoadIDs(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	word := func() string {
		const alphabet = "abAB-2"
		b := make([]byte, 1+rng.Intn(4))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return string(b)
	}
	for round := range 20 {
		dir := t.TempDir()
		for i := range 30 {
			text := fmt.Sprintf("文件%d", i)
			if rng.Intn(8) == 0 {
				text = "" // skipped: its stem is taken by the next file
			}
			name := filepath.Join(dir, fmt.Sprint(rng.Intn(4)), word()+".txt")
			if _, err := os.Stat(name); err == nil {
				continue
			}
			write(t, name, []byte(text))
		}
		all, _ := Load(context.Background(), Options{Paths: []string{dir}})
		for range 40 {
			q := word()
			if rng.Intn(3) == 0 {
				q = q[:len(q)-1]
			}
			want, wantErr := all.Resolve(q)
			part, _ := Load(context.Background(), Options{Paths: []string{dir}, Want: HoldersOf([]string{"zz", q})})
			got, gotErr := part.Resolve(q)
			var wantLE, gotLE *LookupError
			switch {
			case wantErr == nil:
				if gotErr != nil || got.ID != want.ID || got.Origin != want.Origin {
					t.Fatalf("round %d, %q: got %v %v, want %s (%s)", round, q, got, gotErr, want.ID, want.Origin)
				}
			case errors.As(wantErr, &wantLE) && wantLE.Ambiguous:
				if gotErr == nil || gotErr.Error() != wantErr.Error() {
					t.Fatalf("round %d, %q: got %v, want %v", round, q, gotErr, wantErr)
				}
			default:
				if !errors.As(gotErr, &gotLE) || gotLE.Ambiguous {
					t.Fatalf("round %d, %q: got %v, want a miss like %v", round, q, gotErr, wantErr)
				}
			}
			if part.Len() > all.Len() {
				t.Fatalf("a restricted load read more than everything")
			}
		}
	}
	// Nothing wanted, nothing read.
	c, warns := Load(context.Background(), Options{Seeds: seeds.FS(), Want: HoldersOf(nil)})
	if c.Len() != 0 || len(warns) != 0 {
		t.Fatalf("no IDs: %d documents, %v", c.Len(), warns)
	}
}

// NearHoldersOf accepts every stem that a document whose ID contains the
// query can have, whatever number a clash appends.
func TestNearHoldersOf(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	word := func(alphabet string, n int) string {
		r := []rune(alphabet)
		b := make([]rune, rng.Intn(n))
		for i := range b {
			b[i] = r[rng.Intn(len(r))]
		}
		return string(b)
	}
	rejected := 0
	for range 20000 {
		stem, q := word("aAb-12", 6), word("ab-12", 5)
		want := NearHoldersOf(q)
		ids := []string{stem}
		for k := 2; k < 30; k++ {
			ids = append(ids, stem+"-"+strconv.Itoa(k))
		}
		for _, id := range ids {
			if strings.Contains(strings.ToLower(id), strings.ToLower(q)) && !want(stem) {
				t.Fatalf("%q contains %q, but its stem %q is not read", id, q, stem)
			}
		}
		if !want(stem) {
			rejected++
		}
	}
	if rejected < 5000 {
		t.Errorf("only %d stems of 20000 were left unread: the test is too weak", rejected)
	}
}

func TestIDMatcher(t *testing.T) {
	naive := func(stem string, ids []string) bool {
		stem = strings.ToLower(stem)
		for _, id := range ids {
			id = strings.ToLower(id)
			if strings.HasPrefix(stem, id) || strings.HasPrefix(id, stem) {
				return true
			}
		}
		return false
	}
	rng := rand.New(rand.NewSource(1))
	word := func() string {
		const alphabet = "aAbé-2"
		r := []rune(alphabet)
		b := make([]rune, rng.Intn(5))
		for i := range b {
			b[i] = r[rng.Intn(len(r))]
		}
		return string(b)
	}
	for range 2000 {
		ids := make([]string, rng.Intn(4))
		for i := range ids {
			ids[i] = word()
		}
		m := newIDMatcher(ids)
		for range 20 {
			stem := word()
			if got, want := m.mayHold(stem), naive(stem, ids); got != want {
				t.Fatalf("stem %q, IDs %q: %t, want %t", stem, ids, got, want)
			}
		}
	}
}

// A panic while reading one file becomes that file's error.
func TestSafely(t *testing.T) {
	err := safely(func() error {
		var m []int
		_ = m[4] // index out of range, as a bad pattern's group once did
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("got %v", err)
	}
	want := errors.New("plain")
	if err := safely(func() error { return want }); err != want {
		t.Errorf("got %v, want the function's own error", err)
	}
}

// Documents of other formats in a folder are named in one warning, so that
// a folder of them does not just load nothing; images pass. Web
// pages (.html, .HTM) are read; a .pdf is read, and one that is no PDF has
// its own warning.
func TestLoadNamesOtherFormats(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"a.html": "<p>中文</p>", "b.txt": "中文正文。", "c": "没有扩展名的文本。", "img.png": "\x89PNG",
		"sub/d.pages": "PK", "sub/e.md": "# 标题\n正文。", "z.HTM": "<p>x</p>", "y.pdf": "%PDF", "w.csv": "a,b",
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, warns := Load(context.Background(), Options{Paths: []string{dir}})
	if c.Len() != 4 {
		t.Errorf("%d documents, want 4 (a.html, b.txt, sub/e.md, z.HTM)", c.Len())
	}
	var notRead []Warning
	for _, w := range warns {
		if w.NotRead > 0 {
			notRead = append(notRead, w)
		}
	}
	if len(notRead) != 1 || notRead[0].NotRead != 2 || notRead[0].Path != dir {
		t.Fatalf("warnings %v, want one for 2 files under %s", warns, dir)
	}
	pdfWarned := false
	for _, w := range warns {
		pdfWarned = pdfWarned || strings.HasSuffix(w.Path, "y.pdf") && errors.Is(w.Err, ErrNotPDF)
	}
	if len(warns) != 2 || !pdfWarned {
		t.Errorf("warnings %v, want one naming y.pdf as no PDF", warns)
	}
	msg := notRead[0].Error()
	for _, want := range []string{"2 files not read", "c", "w.csv", "*.txt", "*.wps", "*.txt", "*.html", "*.docx", "*.rtf", "*.pdf"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "img.png") {
		t.Errorf("%q names an image", msg)
	}
}
