package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// DefaultMaxFileSize is the largest file the loader reads unless told
// otherwise; larger files are skipped with a warning rather than risking the
// machine's memory on something that is unlikely to be a briefing.
const DefaultMaxFileSize = 256 << 20

// Options says what Load reads.
type Options struct {
	// Seeds is the embedded corpus; nil loads none.
	Seeds fs.FS
	// Paths are files or directories. Directories are walked recursively
	// for the files readFormats names (Markdown, HTML, Word, OpenDocument,
	// RTF, e-mail, web archives and PDF are read as the text they show:
	// markdown.go, html.go, office.go, worddoc.go, rtf.go, mime.go,
	// pdf.go); hidden files and folders are skipped; a file named directly
	// is read whatever its extension.
	Paths []string
	// Workers bounds how many files are open at once; 0 means twice the
	// number of usable cores.
	Workers int
	// Index, when set, is filled as files load: every worker indexes the
	// documents it reads (see Index.Publish). It must be new and empty.
	Index *Index
	// MaxFileSize is the largest file read; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Cache, with Index, is the path of an index cache (see cache.go): the
	// documents of unchanged files are taken from it, and it is written
	// (once the last batch is out) after a load that indexed anything and
	// read at least CacheMinBytes (0 means DefaultCacheMinBytes).
	// CacheDone, if set, is told what became of it.
	Cache         string
	CacheMinBytes int64
	CacheDone     func(note string)
	// Chars counts each document's clean characters as it loads
	// (Document.Chars), so that an index cache keeps them: a load that
	// reuses the cache then counts none.
	Chars bool
	// TextCache, when set, is a folder where the text of documents that
	// take converting (PDF, Word, HTML…) is kept between starts, a file
	// each (see textcache.go).
	TextCache string
	// Want, when set, restricts the load to the files whose stem (name
	// without folder and extension) it accepts, such as HoldersOf's: a
	// command that shows one document need not read 100,000. A document's
	// ID depends only on the files of its stem, so those loaded get the
	// IDs a whole load would give them. With Want set, Cache is not used.
	Want func(stem string) bool
	// Progress, when set, is told by Load how the load goes as batches
	// arrive (see Batch: files found, read so far, bytes read).
	Progress func(files, done int, bytes int64)

	// open replaces os.Open in tests (permission errors cannot be staged
	// with file modes when the tests run as root).
	open func(name string) (fs.File, error)
}

// Warning is a problem with one file or path that did not stop the load.
type Warning struct {
	Path string
	Err  error
	// Loaded is set when the file loaded all the same (damaged, or its ID
	// taken); otherwise it was skipped.
	Loaded bool
	// NotRead, when not 0, is how many files of other formats under the
	// folder Path were passed over (see otherDocuments).
	NotRead int
}

func (w Warning) Error() string { return w.Path + ": " + w.Err.Error() }

// Unwrap lets errors.Is see the reason.
func (w Warning) Unwrap() error { return w.Err }

// ErrNotRegular marks paths that are neither files nor directories.
var ErrNotRegular = errors.New("not a regular file")

// loadedBytes counts the bytes of every file loaded by this process.
var loadedBytes atomic.Int64

// LoadedBytes is the size of every file this process has loaded, in all:
// what a memory budget in proportion to the corpus is of.
func LoadedBytes() int64 { return loadedBytes.Load() }

// ErrTooLarge marks files over Options.MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// source is one file to read, found by the walk.
type source struct {
	fsys   fs.FS  // set for embedded files
	name   string // path to open: within fsys, or on disk
	origin string // what the user sees
}

// Load reads the seeds and every path in opt, in parallel, and returns the
// documents in a stable order (seeds by name, then each path in the order
// given, files within a directory by name) with a warning for every file
// that could not be used. It is Stream, waited for.
func Load(ctx context.Context, opt Options) (*Corpus, []Warning) {
	var docs []*Document
	var warns []Warning
	for b := range Stream(ctx, opt) {
		if opt.Index != nil {
			opt.Index.Publish(b)
		}
		if opt.Progress != nil {
			opt.Progress(b.Files, b.Done, b.Bytes)
		}
		docs = append(docs, b.Docs...)
		warns = append(warns, b.Warnings...)
	}
	return New(docs), warns
}

// Batch is a part of a corpus as Stream delivers it.
type Batch struct {
	// Docs follow the documents of earlier batches, in the final order,
	// with their final IDs.
	Docs     []*Document
	Warnings []Warning
	// Files is how many files were found, Done how many have been read so
	// far (loaded or skipped), Bytes how many bytes.
	Files, Done int
	Bytes       int64
	// Last is set on the final batch.
	Last bool
	// nums are the documents' numbers in index, Options.Index.
	nums  []int32
	index *Index
}

// streamEvery is how often Stream delivers what has loaded.
const streamEvery = 60 * time.Millisecond

// Stream loads like Load but delivers the documents in batches as they are
// read, in their final order, so a reader can show them at once. The
// channel is closed after the batch with Last set.
func Stream(ctx context.Context, opt Options) <-chan Batch {
	out := make(chan Batch, 2)
	go func() {
		defer close(out)
		var walkWarns []Warning
		var pending <-chan cacheFile
		if opt.Index != nil && opt.Cache != "" && opt.Want == nil {
			pending = opt.readCache() // while the folders are walked
		}
		if opt.TextCache != "" {
			go pruneTextCache(opt.TextCache)
		}
		srcs := opt.walk(&walkWarns)
		// Every file's stem is reserved up front, so that "brief-2" is never
		// given to a copy of "brief" when a file of that name comes later.
		ids := newIDAssigner(srcs)
		if opt.Want != nil {
			srcs = slices.DeleteFunc(srcs, func(s source) bool { return !opt.Want(stem(s.name)) })
		}
		var c *cache
		if pending != nil {
			c = opt.openCache(srcs, pending)
		}

		docs := make([]*Document, len(srcs))
		errs := make([]error, len(srcs))
		sizes := make([]int64, len(srcs))
		nums := make([]int32, len(srcs))
		finished := make(chan int, 64)
		workers := opt.Workers
		if workers <= 0 {
			workers = 2 * runtime.GOMAXPROCS(0)
		}
		// One index shard per core, each shared by the workers w%shards:
		// two workers a core keep files read while the other indexes, and
		// every shard holds a list for each pair of characters its
		// documents have, so a shard a worker would double the lists of a
		// large vocabulary (Chinese text has millions of pairs).
		shards := max(1, min(workers, runtime.GOMAXPROCS(0)))
		var base int32
		if opt.Index != nil {
			base = opt.Index.reserve(len(srcs), shards)
		}
		jobs := make(chan int)
		back := opt.rereadOptions()
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			shard := w % shards
			go func() {
				defer wg.Done()
				for i := range jobs {
					var err error
					var st stamp
					d, cd, num, reused := c.unread(i, back)
					if reused {
						st = c.st[i]
					} else {
						err = safely(func() (err error) {
							d, st, err = opt.read(srcs[i])
							return err
						})
					}
					if d != nil {
						sizes[i] = d.Size
						loadedBytes.Add(d.Size)
						nums[i] = base + int32(i)
						if !reused {
							cd, num, reused = c.doc(i, st)
						}
						counted := false
						if reused {
							cd.apply(d)
							d.front = nil // the cache holds what it gave
							nums[i] = num // the cache's number
							counted = opt.Chars && cd.chars < 0
						} else {
							if err := safely(func() error { d.readMetadata(); return nil }); err != nil {
								// The text is kept; only its title, date, source and author are missing.
								d.Warnings = append(d.Warnings, "metadata not read: "+err.Error())
							}
							if opt.Index != nil {
								d.setStats(opt.Index.index(shard, nums[i], d, d.raw))
							} else {
								d.setStats(countText(d.raw))
							}
						}
						if opt.Chars {
							d.Chars()
						}
						if d.raw != "" {
							d.letGo(srcs[i], back)
						}
						c.loaded(i, nums[i], st, d, reused, counted)
					}
					docs[i], errs[i] = d, err
					finished <- i
				}
			}()
		}
		go func() {
		feed:
			for i := range srcs {
				select {
				case jobs <- i:
				case <-ctx.Done():
					break feed
				}
			}
			close(jobs)
			wg.Wait()
			close(finished)
		}()

		batch := Batch{Warnings: walkWarns, Files: len(srcs), index: opt.Index}
		ready := make([]bool, len(srcs))
		next := 0 // the first file not yet delivered
		last := time.Now()
		flush := func(final bool) {
			batch.Last = final
			out <- batch
			batch = Batch{Files: len(srcs), Done: batch.Done, Bytes: batch.Bytes, index: opt.Index}
			last = time.Now()
		}
		for i := range finished {
			ready[i] = true
			batch.Done++
			batch.Bytes += sizes[i]
			for next < len(srcs) && ready[next] {
				switch {
				case errs[next] != nil:
					batch.Warnings = append(batch.Warnings, Warning{Path: srcs[next].origin, Err: errs[next]})
				case docs[next] != nil:
					for _, w := range docs[next].Warnings { // from reading it: damage
						batch.Warnings = append(batch.Warnings, Warning{Path: docs[next].Origin, Err: errors.New(w), Loaded: true})
					}
					if w := ids.assign(docs[next]); w != nil {
						batch.Warnings = append(batch.Warnings, *w)
					}
					batch.Docs = append(batch.Docs, docs[next])
					batch.nums = append(batch.nums, nums[next])
					docs[next] = nil // the batch holds it now
				}
				next++
			}
			if time.Since(last) >= streamEvery {
				flush(false)
			}
		}
		if err := ctx.Err(); err != nil {
			batch.Warnings = append(batch.Warnings, Warning{Path: "corpus", Err: fmt.Errorf("loading stopped early: %w", err)})
		}
		flush(true)
		if c != nil {
			note := c.finish(opt, ready, batch.Bytes)
			if opt.CacheDone != nil {
				opt.CacheDone(note)
			}
		}
	}()
	return out
}

// walk lists the files to read, warning about paths it cannot use.
func (opt Options) walk(warns *[]Warning) []source {
	var srcs []source
	if opt.Seeds != nil {
		err := fs.WalkDir(opt.Seeds, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				*warns = append(*warns, Warning{Path: "embedded seeds/" + p, Err: err})
				return nil
			}
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && isCorpusFile(d.Name()) {
				srcs = append(srcs, source{fsys: opt.Seeds, name: p, origin: OriginEmbedded})
			}
			return nil
		})
		if err != nil {
			*warns = append(*warns, Warning{Path: "embedded seeds", Err: err})
		}
	}
	w := walker{seen: map[string]bool{}, warns: warns}
	for _, p := range opt.Paths {
		w.root(p)
	}
	return append(srcs, w.srcs...)
}

type walker struct {
	seen  map[string]bool // real paths of directories and files already taken
	srcs  []source
	warns *[]Warning
	// unread are the documents of other formats under the current root,
	// rootPath.
	unread   []string
	rootPath string
}

// otherDocuments are the extensions of documents jianbao does not read but
// a user may expect it to (a web archive, a Word file, a
// plain text without .txt): a folder's worth is named in one warning, so
// that a folder of them does not just load nothing. Images and the like
// pass in silence.
var otherDocuments = map[string]bool{
	"": true, ".text": true,
	".csv": true, ".json": true, ".xml": true,
	".ppt": true, ".xls": true, ".xlsx": true,
	// WPS's spreadsheets and slides; Chinese e-book and paper formats
	// (CNKI's CAJ, KDH and NH, Founder's CEB) and Microsoft's XPS.
	".et": true, ".dps": true, ".caj": true, ".kdh": true, ".nh": true, ".ceb": true, ".xps": true, ".oxps": true,
}

func (w *walker) warn(p string, err error) { *w.warns = append(*w.warns, Warning{Path: p, Err: err}) }

// root handles one --corpus argument.
func (w *walker) root(p string) {
	fi, err := os.Stat(p)
	if err != nil {
		w.warn(p, fmt.Errorf("cannot use as corpus: %w", err))
		return
	}
	switch {
	case fi.IsDir():
		w.unread, w.rootPath = nil, p
		w.dir(p)
		if n := len(w.unread); n > 0 {
			names := w.unread[:min(n, 3)]
			more := ""
			if n > 3 {
				more = fmt.Sprintf(" and %d more", n-3)
			}
			files := "files"
			if n == 1 {
				files = "file"
			}
			*w.warns = append(*w.warns, Warning{Path: p, NotRead: n, Err: fmt.Errorf(
				"%d %s not read (%s%s): jianbao reads %s; convert other formats to text, rename plain text files, or name one with --corpus FILE",
				n, files, strings.Join(names, ", "), more, readFormats)})
		}
	case fi.Mode().IsRegular():
		w.file(p)
	default:
		w.warn(p, fmt.Errorf("%w but a %s; name a file or a directory", ErrNotRegular, typeName(fi.Mode())))
	}
}

func (w *walker) file(p string) {
	key, err := filepath.EvalSymlinks(p)
	if err != nil {
		w.warn(p, err)
		return
	}
	key, _ = filepath.Abs(key)
	w.take(p, key)
}

// take adds the file p, whose real path is key, unless it was taken.
func (w *walker) take(p, key string) {
	if w.seen[key] {
		return // named twice, or reached again through a link
	}
	w.seen[key] = true
	w.srcs = append(w.srcs, source{name: p, origin: p})
}

// dir walks a directory. Symbolic links are followed, and each real
// directory is entered once, so link cycles end.
func (w *walker) dir(p string) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		w.warn(p, err)
		return
	}
	real, _ = filepath.Abs(real)
	if w.seen[real] {
		return
	}
	w.seen[real] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		w.warn(p, fmt.Errorf("cannot list directory: %w", err))
	}
	pages := map[string]bool{} // stems of the web pages here
	for _, e := range entries {
		if isHTML(e.Name()) {
			pages[strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))] = true
		}
	}
	for _, e := range entries { // sorted by name
		name := e.Name()
		if strings.HasPrefix(name, ".") || pageFiles(name, pages) {
			continue
		}
		full := filepath.Join(p, name)
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			fi, err := os.Stat(full)
			if err != nil {
				if isCorpusFile(name) {
					w.warn(full, fmt.Errorf("broken link: %w", err))
				}
				continue
			}
			typ = fi.Mode().Type()
		}
		switch {
		case typ.IsDir():
			w.dir(full)
		case !isCorpusFile(name):
			if typ.IsRegular() && otherDocuments[strings.ToLower(filepath.Ext(name))] {
				rel, err := filepath.Rel(w.rootPath, full)
				if err != nil {
					rel = full
				}
				w.unread = append(w.unread, rel)
			}
		case typ.IsRegular() && e.Type()&fs.ModeSymlink == 0:
			w.take(full, filepath.Join(real, name)) // no link to resolve: one system call less a file
		case typ.IsRegular():
			w.file(full)
		default:
			w.warn(full, fmt.Errorf("%w but a %s", ErrNotRegular, typeName(typ)))
		}
	}
}

// typeName names a kind of file for messages.
func typeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	}
	return "special file (" + m.Type().String() + ")"
}

// pageFiles reports the folder a browser saves a page's parts in ("Web
// page, complete": 新闻.html beside 新闻_files, or 新闻.files), given the
// stems of the pages beside it: its frames, scripts and widgets are not
// briefings.
func pageFiles(name string, pages map[string]bool) bool {
	for _, suffix := range []string{"_files", ".files", "_archivos", "-Dateien", "_fichiers"} {
		if stem, ok := strings.CutSuffix(name, suffix); ok && pages[stem] {
			return true
		}
	}
	return false
}

func isCorpusFile(name string) bool {
	return strings.EqualFold(path.Ext(name), ".txt") || isMarkdown(name) || textCacheFormat(name) // the converted formats
}

// formatNames names the markups in messages.
var formatNames = map[string]string{"markdown": "Markdown", "html": "HTML", "docx": "Word", "pptx": "PowerPoint", "doc": "Word 97–2003", "rtf": "RTF", "odt": "OpenDocument", "eml": "e-mail", "mht": "web archive", "pdf": "PDF", "ofd": "OFD", "epub": "EPUB"}

// readFormats names the files a folder is searched for, in messages.
const readFormats = "*.txt, *.md, *.markdown, *.html, *.htm, *.docx, *.doc, *.wps, *.rtf, *.odt, *.pptx, *.eml, *.mht, *.pdf, *.ofd and *.epub"

// read loads and decodes one file, with its stamp; reading the metadata
// is left to the caller (the cache may hold it). It returns a nil document and a nil
// error for nothing, never; a skipped file always has its reason.
func (opt Options) read(s source) (*Document, stamp, error) {
	var f fs.File
	var err error
	switch {
	case s.fsys != nil:
		f, err = s.fsys.Open(s.name)
	case opt.open != nil:
		f, err = opt.open(s.name)
	default:
		// Not blocking: a named pipe put where a file was (after the walk,
		// or since the file loaded and is read again) would otherwise wait
		// for a writer. It is refused below, as not a regular file.
		f, err = os.OpenFile(s.name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	}
	if err != nil {
		return nil, stamp{}, fmt.Errorf("cannot open: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, stamp{}, fmt.Errorf("cannot stat: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, stamp{}, fmt.Errorf("%w but a %s", ErrNotRegular, typeName(fi.Mode()))
	}
	max := opt.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	if fi.Size() > max {
		return nil, stamp{}, fmt.Errorf("%w: %d bytes, over the limit of %d", ErrTooLarge, fi.Size(), max)
	}
	st := stampOf(fi)
	keep := opt.TextCache != "" && textCacheFormat(s.name)
	if keep {
		if d := opt.cachedText(s, st); d != nil {
			return d, st, nil
		}
	}
	b, err := readAll(f, fi.Size(), max)
	if err != nil {
		return nil, stamp{}, err
	}
	var dec Decoded
	var front frontMatter
	markup := officeMarkup(s.name)
	switch {
	case markup != "" && bytes.HasPrefix(b, cfbMagic):
		// A Word 97–2003 file named .docx, or a password-protected one.
		markup = "doc"
		text, err := wordDocText(b)
		if err != nil {
			return nil, stamp{}, err
		}
		dec = Decoded{Text: text, Encoding: UTF16LE, Reason: "Word 97–2003 document (named .docx): its text is UTF-16"}
	case markup != "":
		text, err := officeText(b, markup, max)
		if err != nil {
			return nil, stamp{}, err
		}
		dec = Decoded{Text: NormalizeNewlines(text), Encoding: UTF8, Reason: formatNames[markup] + " document: its XML is Unicode"}
	case isWordDoc(s.name) || isRTF(s.name):
		// What is inside decides, not the name: many .doc files are RTF,
		// HTML or a web archive that Word or WordPad saved so.
		switch kind := sniffDocument(b); kind {
		case "doc":
			markup = kind
			text, err := wordDocText(b)
			if err != nil {
				return nil, stamp{}, err
			}
			dec = Decoded{Text: text, Encoding: UTF16LE, Reason: "Word 97–2003 document: its text is UTF-16"}
		case "rtf":
			markup = kind
			text, fm, err := rtfText(b)
			if err != nil {
				return nil, stamp{}, err
			}
			front = fm
			dec = Decoded{Text: NormalizeNewlines(text), Encoding: UTF8, Reason: "RTF: its bytes decoded in each font's code page"}
		case "mht":
			markup = kind
			if front, dec, err = readMIME(b, markup); err != nil {
				return nil, stamp{}, err
			}
		case "html":
			markup = kind
			if dec, err = decode(b, true); err != nil {
				return nil, stamp{}, err
			}
		default:
			if isWordDoc(s.name) {
				return nil, stamp{}, fmt.Errorf("%w: not a Word 97–2003 binary (which starts D0 CF 11 E0), RTF, HTML or a web archive; open it in a word processor and save it as .docx", ErrNotWordDoc)
			}
			_, _, err := rtfText(b)
			return nil, stamp{}, err
		}
	case isPDF(s.name):
		markup = "pdf"
		text, fm, warn, err := pdfText(b, max)
		if err != nil {
			return nil, stamp{}, err
		}
		front = fm
		dec = Decoded{Text: NormalizeNewlines(text), Encoding: UTF8, Reason: "PDF: its text read through its fonts' character maps", Damage: warn}
	case isEPUB(s.name) || isOFD(s.name):
		read, reason := epubText, "EPUB: its chapters' XHTML, in the spine's order"
		markup = "epub"
		if isOFD(s.name) {
			read, reason, markup = ofdText, "OFD: its text objects' characters, laid out by their places", "ofd"
		}
		text, fm, err := read(b, max)
		if err != nil {
			return nil, stamp{}, err
		}
		front = fm
		dec = Decoded{Text: NormalizeNewlines(text), Encoding: UTF8, Reason: reason}
	case mimeMarkup(s.name) != "":
		markup = mimeMarkup(s.name)
		if front, dec, err = readMIME(b, markup); err != nil {
			return nil, stamp{}, err
		}
	default:
		if dec, err = decode(b, true); err != nil {
			return nil, stamp{}, err
		}
	}
	if strings.TrimSpace(dec.Text) == "" {
		return nil, stamp{}, fmt.Errorf("%w: no text, only white space or a byte-order mark", ErrEmpty)
	}
	d := &Document{
		ID:             stem(s.name),
		Origin:         s.origin,
		Encoding:       dec.Encoding,
		EncodingReason: dec.Reason,
		Size:           int64(len(b)),
		raw:            dec.Text,
	}
	if dec.Repair != "" {
		d.Warnings = append(d.Warnings, dec.Repair)
	}
	if dec.Damage != "" {
		d.Warnings = append(d.Warnings, dec.Damage)
	}
	d.Damaged = dec.Bad
	d.Markup = markup
	if front != (frontMatter{}) {
		d.front = &front
	}
	var read func(string) (string, frontMatter)
	switch {
	case isMarkdown(s.name):
		read, d.Markup = markdownText, "markdown"
	case isHTML(s.name) || markup == "html":
		read, d.Markup = htmlText, "html"
	}
	if read != nil {
		text, fm := read(dec.Text)
		if strings.TrimSpace(text) == "" {
			return nil, stamp{}, fmt.Errorf("%w: no text once its %s markup is read", ErrEmpty, formatNames[d.Markup])
		}
		d.raw = text
		if fm != (frontMatter{}) {
			d.front = &fm
		}
	}
	d.raw = ComposeMarks(d.raw)
	if keep {
		opt.keepText(s, st, d)
	}
	return d, st, nil
}

// readAll reads f, which stat says holds size bytes, into a buffer of that
// size, and on to the end: the file may have grown (or shrunk) since, and
// at most max bytes are taken.
func readAll(f io.Reader, size, max int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // one more, to see the end without growing
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > max {
			return nil, fmt.Errorf("%w: grew past the limit of %d bytes while being read", ErrTooLarge, max)
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read: %w", err)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grew: make room
		}
	}
}

// HoldersOf returns an Options.Want that accepts the files that can hold a
// document whose ID is one of ids or starts with one, ignoring case: all
// that Corpus.Resolve needs to resolve any of them. A document's ID is
// its file's stem, or, when stems clash, the stem and "-2", "-3", …
// (idAssigner): either the ID starts with the stem, or the stem starts
// with the ID.
func HoldersOf(ids []string) func(stem string) bool { return newIDMatcher(ids).mayHold }

// NearHoldersOf returns an Options.Want that accepts the files that can
// hold a document whose ID contains q, ignoring case (the near misses
// Corpus.Resolve lists), and so also those whose ID starts with q. An ID
// stem+"-"+k (k a number) contains q when the stem does, or when q is
// some end of the stem, "-" and the start of k, or part of k.
func NearHoldersOf(q string) func(stem string) bool {
	q = strings.ToLower(q)
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	if digits(q) {
		return func(string) bool { return true }
	}
	end := "" // an end the stem must have for q to run into a suffix
	crosses := false
	if i := strings.LastIndexByte(q, '-'); i >= 0 && digits(q[i+1:]) {
		end, crosses = q[:i], true
	}
	return func(stem string) bool {
		stem = strings.ToLower(stem)
		return strings.Contains(stem, q) || crosses && strings.HasSuffix(stem, end)
	}
}

// idMatcher is HoldersOf's test.
type idMatcher struct {
	sorted []string        // the IDs in lower case, sorted
	set    map[string]bool // the same
}

func newIDMatcher(ids []string) idMatcher {
	m := idMatcher{set: make(map[string]bool, len(ids))}
	for _, id := range ids {
		id = strings.ToLower(id)
		if !m.set[id] {
			m.set[id] = true
			m.sorted = append(m.sorted, id)
		}
	}
	slices.Sort(m.sorted)
	return m
}

// mayHold reports whether a file with this stem can hold a wanted document.
func (m idMatcher) mayHold(stem string) bool {
	stem = strings.ToLower(stem)
	for i := 0; i <= len(stem); i++ { // an ID the stem starts with
		if m.set[stem[:i]] {
			return true
		}
	}
	// An ID starting with the stem: if there is one, the first ID not
	// before the stem in order is one.
	j, _ := slices.BinarySearch(m.sorted, stem)
	return j < len(m.sorted) && strings.HasPrefix(m.sorted[j], stem)
}

// stem is a file's name without directory and extension, as valid UTF-8:
// each byte of a name in another encoding becomes U+FFFD, as in JSON, so that a note keeps naming its document (names that
// then clash are told apart like any others, see idAssigner).
func stem(name string) string {
	base := path.Base(filepath.ToSlash(name))
	st := strings.TrimSuffix(base, path.Ext(base))
	if utf8.ValidString(st) {
		return st
	}
	if name, ok := legacyName(st); ok {
		return name
	}
	var sb strings.Builder
	for _, r := range st { // each bad byte is one RuneError, as in JSON
		sb.WriteRune(r)
	}
	return sb.String()
}

// legacyName reads a file name that is not UTF-8 as GB18030 or Big5, as
// Windows wrote it into a zip that unzip extracted byte for byte (会议.txt
// as BB E1 D2 E9): the reading whose characters are all common Chinese
// (or ASCII), the commoner when both are.
func legacyName(st string) (string, bool) {
	best, bestShare := "", 0.0
	for _, e := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		s, err := roundTrip([]byte(st), e)
		if err != nil {
			continue
		}
		common := true
		for _, r := range s {
			if r >= utf8.RuneSelf && tier(r) == 0 {
				common = false
				break
			}
		}
		if share, _ := commonShare(s); common && share > bestShare {
			best, bestShare = s, share
		}
	}
	return best, best != ""
}

// idAssigner gives every document its file's stem as ID. When stems clash,
// the first document in load order keeps the stem and the others get
// "-2", "-3", … skipping any ID another file has by its own name, so the
// outcome depends only on the order of the files.
type idAssigner struct {
	stems  map[string]bool
	holder map[string]string // ID → origin of the document that has it
}

func newIDAssigner(srcs []source) *idAssigner {
	a := &idAssigner{stems: map[string]bool{}, holder: map[string]string{}}
	for _, s := range srcs {
		a.stems[stem(s.name)] = true
	}
	return a
}

// assign sets d.ID; it returns a warning when the stem was taken.
func (a *idAssigner) assign(d *Document) *Warning {
	base := d.ID
	first, clash := a.holder[base]
	if !clash {
		a.holder[base] = d.Origin
		return nil
	}
	id := base
	for k := 2; a.holder[id] != "" || a.stems[id]; k++ {
		id = base + "-" + strconv.Itoa(k)
	}
	d.ID = id
	a.holder[id] = d.Origin
	msg := fmt.Sprintf("ID %q is already used by %s; this document's ID is %q", base, first, id)
	d.Warnings = append(d.Warnings, msg)
	return &Warning{Path: d.Origin, Err: errors.New(msg), Loaded: true}
}

// safely runs f, turning a panic into an error: a bug that one hostile file
// sets off costs that file (or its title), not the reader and the notes of
// everyone using it.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error, please report it: %v", r)
		}
	}()
	return f()
}
