package corpus

import (
	"container/list"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"sync"
	"unsafe"
)

// readBack says how to read a loaded file's text again (Document.Raw): the
// load's options that change what is read, the file, and a checksum of the
// text as loaded, to tell when the file has changed since.
type readBack struct {
	opt *Options
	src source
	sum uint32
}

// read reads the file again: its text, its stamp as read, and whether the
// text differs from the text it held when it loaded.
func (b *readBack) read() (text string, st stamp, changed bool, err error) {
	d, st, err := b.opt.read(b.src)
	if err != nil {
		return "", stamp{}, false, fmt.Errorf("%s: %w", b.src.origin, err)
	}
	return d.raw, st, textSum(d.raw) != b.sum, nil
}

// unchanged reports whether the file still has stamp st (size and
// modification time): then a text made from it when it had st stands.
func (b *readBack) unchanged(st stamp) bool {
	fi, err := os.Stat(b.src.name)
	return err == nil && stampOf(fi) == st
}

// textSum is a CRC-32C of s, read in place: []byte(s) would copy every
// text loaded (730 MB of garbage at 100,000 files).
func textSum(s string) uint32 {
	return crc32.Update(0, castagnoli, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// rereadOptions are the options of a load that reading a file again needs.
func (opt Options) rereadOptions() *Options {
	return &Options{MaxFileSize: opt.MaxFileSize, TextCache: opt.TextCache, open: opt.open}
}

// letGo drops the text of a document loaded from source s once the loader
// is done with it, when the file can give it again cheaply: a file on disk
// (not the seeds, which are few and small), and of a converted format
// (PDF, Word…) only with a text cache, since converting again takes
// milliseconds a file. back holds the options of the load.
func (d *Document) letGo(s source, back *Options) {
	if !letsGo(s, back) {
		return
	}
	d.back = &readBack{opt: back, src: s, sum: textSum(d.raw)}
	d.raw = ""
}

func letsGo(s source, back *Options) bool {
	return s.fsys == nil && (!textCacheFormat(s.name) || back.TextCache != "")
}

// rereadProblem is what went wrong reading a document's file again.
type rereadProblem struct {
	err     error // it could not be read
	changed bool  // it was read, but its text has changed since it loaded
}

// note says it in a few words, for a status line: the index and the
// title are of the text the file held; the file is named elsewhere.
func (p *rereadProblem) note() string {
	if p.changed {
		return "file changed since it loaded: restart to index it again"
	}
	err := p.err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is the document's own
	}
	return "cannot read the file again: " + err.Error()
}

// cleanTexts keeps the clean texts last asked for, up to cleanTextBudget
// bytes: the document being read and those a search checks, cleaned again
// (and read again) only once they have not been asked for in a while.
var cleanTexts = newTextLRU(cleanTextBudget)

// cleanTextBudget bounds cleanTexts: some 9,000 briefings of 7 KB.
const cleanTextBudget = 64 << 20

type textLRU struct {
	mu     sync.Mutex
	budget int
	used   int
	order  list.List // of *textEntry, the last asked for first
	byDoc  map[*Document]*list.Element
}

// entryCost is what an entry weighs beside its text, so that empty texts
// do not pile up without bound.
const entryCost = 64

type textEntry struct {
	doc  *Document
	text string
	st   stamp // the file's when the text was read (documents read again)
}

func newTextLRU(budget int) *textLRU {
	return &textLRU{budget: budget, byDoc: map[*Document]*list.Element{}}
}

func (c *textLRU) get(d *Document) (string, stamp, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byDoc[d]
	if !ok {
		return "", stamp{}, false
	}
	c.order.MoveToFront(e)
	te := e.Value.(*textEntry)
	return te.text, te.st, true
}

// put keeps text as d's, made from its file when the file had stamp st,
// dropping the texts asked for longest ago while over budget; a text
// larger than the whole budget is not kept.
func (c *textLRU) put(d *Document, text string, st stamp) {
	size := len(text) + entryCost
	if size > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byDoc[d]; ok {
		old := e.Value.(*textEntry)
		c.used += len(text) - len(old.text)
		old.text, old.st = text, st
		c.order.MoveToFront(e)
	} else {
		c.byDoc[d] = c.order.PushFront(&textEntry{doc: d, text: text, st: st})
		c.used += size
	}
	for c.used > c.budget {
		e := c.order.Back()
		old := e.Value.(*textEntry)
		c.order.Remove(e)
		delete(c.byDoc, old.doc)
		c.used -= len(old.text) + entryCost
	}
}
