package notes

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// The store is one JSON Lines file of records. Adding, editing, deleting
// and restoring a note each append one record; reading replays them. A
// write takes an exclusive lock on the file, appends one complete line and
// fsyncs it before reporting success, so a note that was reported saved is
// on disk, and two processes never interleave their lines.

// Op is what a record does.
type Op string

// The record kinds.
const (
	OpAdd     Op = "add"
	OpEdit    Op = "edit"
	OpDelete  Op = "delete"
	OpRestore Op = "restore"
)

// Record is one line of the store.
type Record struct {
	Op Op        `json:"op"`
	At time.Time `json:"at"`
	// Note is the whole note for add; for edit, its id, tags and comment.
	Note *Note  `json:"note,omitempty"`
	ID   string `json:"id,omitempty"` // for delete and restore
	By   string `json:"by,omitempty"`
}

// Store is a notes file.
type Store struct {
	Path string
	// Inflight, when set, counts writes under way, so that a server can
	// let them finish before it exits.
	Inflight *sync.WaitGroup
}

// Open returns the store at path; the file is created on first write.
func Open(path string) *Store { return &Store{Path: path} }

// ErrNotFound marks an unknown note id.
var ErrNotFound = errors.New("no such note")

// Append writes one record. On any error nothing is left half written:
// the file is cut back to where it was.
func (s *Store) Append(rec Record) error {
	if s.Inflight != nil {
		s.Inflight.Add(1)
		defer s.Inflight.Done()
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encoding note: %w", err)
	}
	line = append(line, '\n')
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return fmt.Errorf("cannot create the notes folder for %s: %w (choose another file with --notes)", s.Path, err)
	}
	f, err := os.OpenFile(s.Path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("cannot open notes file %s for writing: %w (choose another file with --notes)", s.Path, err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("cannot lock notes file %s: %w", s.Path, err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("notes file %s: %w", s.Path, err)
	}
	size := fi.Size()
	// A line torn by a crash is left as it is (reading skips it), but the
	// new record must start on a line of its own.
	if size > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], size-1); err == nil && last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		f.Truncate(size)
		return fmt.Errorf("cannot write to notes file %s: %w", s.Path, err)
	}
	if err := f.Sync(); err != nil {
		f.Truncate(size)
		return fmt.Errorf("cannot save notes file %s: %w", s.Path, err)
	}
	return nil
}

// Add stores a new note.
func (s *Store) Add(n Note) error {
	return s.Append(Record{Op: OpAdd, At: time.Now().UTC(), Note: &n, By: n.Author})
}

// Edit replaces a note's tags and comment.
func (s *Store) Edit(id string, tags []string, comment, by string) error {
	return s.Append(Record{Op: OpEdit, At: time.Now().UTC(), Note: &Note{ID: id, Tags: NormalizeTags(tags), Comment: comment}, By: by})
}

// Delete marks a note deleted (Restore undoes it).
func (s *Store) Delete(id, by string) error {
	return s.Append(Record{Op: OpDelete, At: time.Now().UTC(), ID: id, By: by})
}

// Restore undoes a Delete.
func (s *Store) Restore(id, by string) error {
	return s.Append(Record{Op: OpRestore, At: time.Now().UTC(), ID: id, By: by})
}

// LineError is a line of the store that could not be read.
type LineError struct {
	Path string
	Line int
	Torn bool // the last line, cut off by a crash
	Err  error
}

func (e LineError) Error() string {
	if e.Torn {
		return fmt.Sprintf("%s:%d: last line is incomplete (a write was interrupted); skipped", e.Path, e.Line)
	}
	return fmt.Sprintf("%s:%d: not a valid note record (%v); skipped, left in the file", e.Path, e.Line, e.Err)
}

// stamp identifies the notes file's state: its size and modification time
// (the file only grows, so a write changes the size).
type stamp struct {
	Size int64
	Mod  time.Time
}

// Load reads every note, in the order they were added, with deleted notes
// left out. A missing file is no notes. Lines that cannot be read are
// returned as warnings and skipped, never removed.
func (s *Store) Load() ([]Note, []LineError, error) {
	ns, warns, _, err := s.LoadFollowing()
	return ns, warns, err
}

// LoadFollowing is Load, and returns a Follower that has read what Load
// read, so that a reader showing the notes then reads only what is
// appended (see Follower).
func (s *Store) LoadFollowing() ([]Note, []LineError, *Follower, error) {
	f := s.Follow()
	data, fi, err := f.read(0)
	if errors.Is(err, fs.ErrNotExist) {
		f.l = newLedger(0)
		return nil, nil, f, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	recs, warns := s.decode(data)
	f.l = newLedger(len(recs))
	f.l.apply(recs)
	f.seen, f.file = stamp{Size: int64(len(data)), Mod: fi.ModTime()}, fi
	return f.l.list(), warns, f, nil
}

// decode parses the lines, on every core: a 100,000-note file is tens of
// megabytes of JSON.
func (s *Store) decode(raw []byte) ([]Record, []LineError) {
	// One string for the file, sharing raw's memory (raw is never written
	// again): decoded fields are substrings of it, not copies.
	data := unsafe.String(unsafe.SliceData(raw), len(raw))
	var lines []string
	for len(data) > 0 {
		i := strings.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, data) // no line end: torn, unless it parses
			break
		}
		lines = append(lines, data[:i])
		data = data[i+1:]
	}
	recs := make([]Record, len(lines))
	errs := make([]error, len(lines))
	arena := make([]Note, len(lines)) // one allocation for every note
	workers := min(runtime.GOMAXPROCS(0), max(1, len(lines)/1000))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				if strings.TrimSpace(lines[i]) == "" {
					continue
				}
				if !decodeRecordInto(lines[i], &recs[i], &arena[i]) {
					recs[i] = Record{}
					errs[i] = json.Unmarshal([]byte(lines[i]), &recs[i])
				}
				if errs[i] == nil && !recs[i].valid() {
					errs[i] = errors.New("missing fields")
				}
			}
		}(w)
	}
	wg.Wait()
	var out []Record
	var warns []LineError
	for i := range lines {
		switch {
		case errs[i] != nil:
			warns = append(warns, LineError{Path: s.Path, Line: i + 1, Torn: i == len(lines)-1 && !strings.HasSuffix(lines[i], "}"), Err: errs[i]})
		case recs[i].Op != "":
			out = append(out, recs[i])
		}
	}
	return out, warns
}

// readAll reads f in one allocation sized from its length (io.ReadAll
// would copy a large file several times as its buffer grows).
func readAll(f *os.File) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 0, fi.Size()+512)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) { // the file grew while it was read
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

func (r *Record) valid() bool {
	switch r.Op {
	case OpAdd:
		return r.Note != nil && r.Note.ID != "" && r.Note.Doc != ""
	case OpEdit:
		return r.Note != nil && r.Note.ID != ""
	case OpDelete, OpRestore:
		return r.ID != ""
	}
	return false
}

// replay applies the records in order, copying each surviving note once.
func replay(recs []Record) []Note {
	st := newLedger(len(recs))
	st.apply(recs)
	return st.list()
}

// ledger is the notes as records have made them so far: every note added,
// in order, edits applied, and which are deleted. Records apply to it as
// they are read, all at once (Load) or as they are appended (Follower).
type ledger struct {
	byID    map[string]*Note
	order   []*Note
	deleted map[string]bool
}

func newLedger(n int) *ledger {
	return &ledger{byID: make(map[string]*Note, n), order: make([]*Note, 0, n), deleted: map[string]bool{}}
}

func (l *ledger) apply(recs []Record) {
	for _, r := range recs {
		switch r.Op {
		case OpAdd:
			if _, dup := l.byID[r.Note.ID]; !dup {
				l.byID[r.Note.ID] = r.Note
				l.order = append(l.order, r.Note)
			}
		case OpEdit:
			if n, ok := l.byID[r.Note.ID]; ok {
				n.Tags, n.Comment = r.Note.Tags, r.Note.Comment
			}
		case OpDelete:
			l.deleted[r.ID] = true
		case OpRestore:
			delete(l.deleted, r.ID)
		}
	}
}

// list is the notes not deleted, in the order they were added, as copies.
func (l *ledger) list() []Note {
	// Not len(order)-len(deleted): a file whose adds were lost (damaged
	// lines, a partial copy) can delete more notes than it adds.
	out := make([]Note, 0, len(l.order))
	for _, n := range l.order {
		if !l.deleted[n.ID] {
			out = append(out, *n)
		}
	}
	return out
}

// Follower follows the notes file for a reader that shows the notes while
// others write to it (another terminal, or the team server's shared
// file). The file only grows, so after the first read Next reads only what
// was appended: a note added to a file of 100,000 costs one line, not the
// whole file. Next is not safe for concurrent use.
type Follower struct {
	store *Store
	seen  stamp       // Size: the bytes read
	file  fs.FileInfo // the file read, to tell a replaced one
	l     *ledger
}

// Follow returns a Follower of the store's file, which has read nothing.
func (s *Store) Follow() *Follower { return &Follower{store: s} }

// Next reads what changed in the file since the last call and returns the
// notes as Load would, or changed false when the file is as it was. A file
// that shrank or was replaced is read again whole.
func (f *Follower) Next() (notes []Note, changed bool, err error) {
	fi, err := os.Stat(f.store.Path)
	var now stamp // a file not made yet has the zero stamp
	switch {
	case err == nil:
		now = stamp{fi.Size(), fi.ModTime()}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, false, err
	}
	if now == f.seen {
		return nil, false, nil
	}
	if f.l == nil || now.Size <= f.seen.Size || err != nil || f.file == nil || !os.SameFile(fi, f.file) {
		ns, _, g, err := f.store.LoadFollowing()
		if err != nil {
			return nil, false, err
		}
		*f = *g
		if ns == nil {
			ns = []Note{}
		}
		return ns, true, nil
	}
	data, fi, err := f.read(f.seen.Size)
	if err != nil {
		return nil, false, err
	}
	recs, _ := f.store.decode(data)
	f.l.apply(recs)
	f.seen, f.file = stamp{Size: f.seen.Size + int64(len(data)), Mod: fi.ModTime()}, fi
	if len(recs) == 0 {
		return nil, false, nil // a line torn by a crash, or blank lines
	}
	return f.l.list(), true, nil
}

// read reads the file from offset from to its end, under a shared lock
// (writers hold an exclusive one while they append, so no line is seen
// half written), and stats it.
func (f *Follower) read(from int64) ([]byte, fs.FileInfo, error) {
	path := f.store.Path
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read notes file %s: %w (choose another file with --notes)", path, err)
	}
	defer file.Close()
	fi, err := file.Stat()
	if err == nil && fi.IsDir() {
		return nil, nil, fmt.Errorf("notes file %s is a directory (choose a file with --notes)", path)
	}
	syscall.Flock(int(file.Fd()), syscall.LOCK_SH)
	defer syscall.Flock(int(file.Fd()), syscall.LOCK_UN)
	if fi, err = file.Stat(); err != nil { // the size now the lock is held
		return nil, nil, fmt.Errorf("cannot read notes file %s: %w", path, err)
	}
	var data []byte
	if from == 0 {
		data, err = readAll(file)
	} else if _, err = file.Seek(from, io.SeekStart); err == nil {
		data, err = io.ReadAll(file)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read notes file %s: %w", path, err)
	}
	return data, fi, nil
}

// Notes returns the notes as the last Next read them (none before it).
func (f *Follower) Notes() []Note {
	if f.l == nil {
		return nil
	}
	return f.l.list()
}

// Resolve finds the note whose id is id or starts with it.
func Resolve(all []Note, id string) (Note, error) {
	var found []Note
	for _, n := range all {
		if n.ID == id {
			return n, nil
		}
		if len(id) >= 3 && len(n.ID) >= len(id) && n.ID[:len(id)] == id {
			found = append(found, n)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return Note{}, fmt.Errorf("%w %q (jianbao notes lists them)", ErrNotFound, id)
	}
	ids := make([]string, len(found))
	for i, n := range found {
		ids[i] = n.ID
	}
	sort.Strings(ids)
	return Note{}, fmt.Errorf("note id %q is ambiguous: %v", id, ids)
}

// Feed shares one Follower among the readers of one notes file (the
// sessions of a team server): the notes are held once, however many read
// them. The lists it returns are shared, so readers must not change them
// in place (copy before editing, clip before appending).
type Feed struct {
	mu      sync.Mutex
	f       *Follower
	list    []Note
	version int
}

// NewFeed shares f, which has read what list came from
// (Store.LoadFollowing), or nothing with a nil list.
func NewFeed(f *Follower, list []Note) *Feed { return &Feed{f: f, list: list} }

// Notes returns the notes as last read and their version, which changes
// whenever they do.
func (fd *Feed) Notes() ([]Note, int) {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	return fd.list, fd.version
}

// Next reads what was appended to the file since any reader's last look
// (see Follower.Next) and returns the notes and their version: a reader
// holding that version already has nothing new.
func (fd *Feed) Next() ([]Note, int, error) {
	fd.mu.Lock()
	defer fd.mu.Unlock()
	ns, changed, err := fd.f.Next()
	if err != nil {
		return fd.list, fd.version, err
	}
	if changed {
		fd.list, fd.version = ns, fd.version+1
	}
	return fd.list, fd.version, nil
}
