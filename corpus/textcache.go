package corpus

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The text cache keeps the text of documents that take converting (PDF,
// Word, OpenDocument, RTF, HTML, e-mails and web archives), one file a
// document, so that a start after the first reads that text instead of
// converting the file again: a PDF takes milliseconds to read, its cached
// text microseconds. The index cache (cache.go) spares the indexing; this
// spares the reading, which for 10,000 PDFs was 23 s of every start.
//
// An entry's name is a hash of the build, the size limit, the file's path,
// size and modification time: a changed file, or another build, has
// another name and is converted again; entries not used for staleCache
// are removed. An entry is checked (a checksum) before use; anything
// wrong and the file is converted as if there were none. The cache never
// replaces the file as the source of truth: the file is still opened and
// its stamp taken each start, and its bytes read when the entry is
// missing.

const textCacheMagic = "jianbao text cache 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// textCacheFormat reports whether name's format is one that is converted
// (and so worth a text cache entry); plain text and Markdown are not.
func textCacheFormat(name string) bool {
	return isPDF(name) || isOFD(name) || isEPUB(name) || isHTML(name) || officeMarkup(name) != "" || isWordDoc(name) || isRTF(name) || mimeMarkup(name) != ""
}

// textCachePath returns the entry for source s with stamp st.
func (opt Options) textCachePath(s source, st stamp) string {
	name := s.name
	if s.fsys == nil {
		if abs, err := filepath.Abs(name); err == nil {
			name = abs
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s%x\x00%d\x00%t\x00%s\x00%d\x00%d", textCacheMagic, program(), opt.MaxFileSize, s.fsys != nil, name, st.size, st.mtime)
	k := hex.EncodeToString(h.Sum(nil)[:16])
	return filepath.Join(opt.TextCache, k[:2], k+".txt")
}

// cachedText returns the document the text cache holds for s, or nil.
func (opt Options) cachedText(s source, st stamp) *Document {
	p := opt.textCachePath(s, st)
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil
	}
	d, ok := decodeTextEntry(b)
	if !ok {
		return nil
	}
	d.ID, d.Origin, d.Size = stem(s.name), s.origin, st.size
	// Used: kept from removal for another staleCache (touched at most
	// daily, to spare a write a file each start).
	if time.Since(fi.ModTime()) > 24*time.Hour {
		now := time.Now()
		os.Chtimes(p, now, now)
	}
	return d
}

// keepText writes d's text cache entry, quietly: a cache that cannot be
// written only costs the next start its conversion again.
func (opt Options) keepText(s source, st stamp, d *Document) {
	p := opt.textCachePath(s, st)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".text-*.tmp")
	if err != nil {
		return
	}
	bw := bufio.NewWriter(tmp)
	w := &cacheWriter{w: bw, h: crc32.New(castagnoli)}
	encodeTextEntry(w, d)
	if w.err == nil {
		w.err = bw.Flush()
	}
	if w.err == nil {
		w.err = tmp.Close()
	} else {
		tmp.Close()
	}
	if w.err != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}

// An entry: magic, the markup, encoding and reason, the damage count, the
// warnings, the front matter, the text, then a CRC-32C of all before it.
func encodeTextEntry(w *cacheWriter, d *Document) {
	w.bytes([]byte(textCacheMagic))
	w.str(d.Markup)
	w.str(string(d.Encoding))
	w.str(d.EncodingReason)
	w.u32(uint32(d.Damaged))
	w.u32(uint32(len(d.Warnings)))
	for _, s := range d.Warnings {
		w.str(s)
	}
	var fm frontMatter
	if d.front != nil {
		fm = *d.front
	}
	w.str(fm.Title)
	w.str(fm.Date)
	w.str(fm.Source)
	w.str(fm.Author)
	w.str(d.raw)
	if w.err == nil {
		_, w.err = w.w.Write(binary.LittleEndian.AppendUint32(nil, w.h.Sum32()))
	}
}

func decodeTextEntry(b []byte) (*Document, bool) {
	if len(b) < len(textCacheMagic)+4 || !bytes.HasPrefix(b, []byte(textCacheMagic)) {
		return nil, false
	}
	body, sum := b[:len(b)-4], b[len(b)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil, false
	}
	r := &cacheReader{b: body[len(textCacheMagic):]}
	d := &Document{Markup: r.str(), Encoding: Encoding(r.str()), EncodingReason: r.str(), Damaged: int(r.u32())}
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		d.Warnings = append(d.Warnings, r.str())
	}
	fm := frontMatter{Title: r.str(), Date: r.str(), Source: r.str(), Author: r.str()}
	d.raw = r.str()
	if r.err != nil || len(r.b) != 0 || d.raw == "" {
		return nil, false
	}
	if fm != (frontMatter{}) {
		d.front = &fm
	}
	return d, true
}

// pruneTextCache removes stale entries from dir, at most once a day (a
// walk of 100,000 entries is not for every start).
func pruneTextCache(dir string) {
	mark := filepath.Join(dir, ".pruned")
	if fi, err := os.Stat(mark); err == nil && time.Since(fi.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	if err := os.WriteFile(mark, nil, 0o600); err != nil {
		return
	}
	removeStaleText(dir)
}

// removeStaleText removes text cache entries not used for staleCache, and
// temporary files writes cut short left.
func removeStaleText(dir string) {
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() == ".pruned" {
			return nil
		}
		age := staleCache
		if filepath.Ext(p) == ".tmp" {
			age = 10 * time.Minute
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > age {
			os.Remove(p)
		}
		return nil
	})
}
