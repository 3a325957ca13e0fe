package corpus

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Corpus is a loaded set of documents in load order.
type Corpus struct {
	Docs []*Document
	byID map[string]*Document
}

// New makes a corpus of already loaded documents, whose IDs must be unique.
func New(docs []*Document) *Corpus {
	c := &Corpus{Docs: docs, byID: make(map[string]*Document, len(docs))}
	for _, d := range docs {
		c.byID[d.ID] = d
	}
	return c
}

// Len is the number of documents.
func (c *Corpus) Len() int { return len(c.Docs) }

// LookupError says why Resolve found no single document.
type LookupError struct {
	Query string
	// Candidates are the IDs the user may have meant: every match when
	// the query is ambiguous, near misses when it matched nothing.
	Candidates []string
	Ambiguous  bool
	// More counts candidates left out of Candidates.
	More int
}

func (e *LookupError) Error() string {
	var sb strings.Builder
	if e.Ambiguous {
		fmt.Fprintf(&sb, "ID %q is ambiguous: it starts %d document IDs", e.Query, len(e.Candidates)+e.More)
	} else {
		fmt.Fprintf(&sb, "no document has an ID starting with %q", e.Query)
	}
	if len(e.Candidates) > 0 {
		if e.Ambiguous {
			sb.WriteString("; type more of one of:")
		} else {
			sb.WriteString("; did you mean:")
		}
		for _, id := range e.Candidates {
			sb.WriteString("\n  " + id)
		}
		if e.More > 0 {
			fmt.Fprintf(&sb, "\n  … and %d more", e.More)
		}
	}
	sb.WriteString("\n(jianbao list shows every ID)")
	return sb.String()
}

// maxCandidates caps the IDs a LookupError lists.
const maxCandidates = 10

// Resolve finds the document whose ID is id, or else the only one whose ID
// starts with id. Failing an exact-case match it tries again ignoring case.
func (c *Corpus) Resolve(id string) (*Document, error) {
	if d, ok := c.byID[id]; ok {
		return d, nil
	}
	if id == "" {
		return nil, &LookupError{Query: id}
	}
	match := func(fold bool) []string {
		var ids []string
		for _, d := range c.Docs {
			if strings.HasPrefix(d.ID, id) || fold && strings.HasPrefix(strings.ToLower(d.ID), strings.ToLower(id)) {
				ids = append(ids, d.ID)
			}
		}
		return ids
	}
	ids := match(false)
	if len(ids) == 0 {
		ids = match(true)
	}
	switch len(ids) {
	case 1:
		return c.byID[ids[0]], nil
	case 0:
		// Near misses: IDs that contain the query anywhere.
		q := strings.ToLower(id)
		for _, d := range c.Docs {
			if strings.Contains(strings.ToLower(d.ID), q) {
				ids = append(ids, d.ID)
			}
		}
		return nil, lookupError(id, ids, false)
	default:
		return nil, lookupError(id, ids, true)
	}
}

func lookupError(q string, ids []string, ambiguous bool) *LookupError {
	sort.Strings(ids)
	e := &LookupError{Query: q, Ambiguous: ambiguous}
	if len(ids) > maxCandidates {
		e.More = len(ids) - maxCandidates
		ids = ids[:maxCandidates]
	}
	e.Candidates = ids
	return e
}

// Append adds documents, whose IDs must be new, after the others.
func (c *Corpus) Append(docs ...*Document) {
	if c.byID == nil {
		c.byID = map[string]*Document{}
	}
	for _, d := range docs {
		c.byID[d.ID] = d
	}
	c.Docs = append(c.Docs, docs...)
}

// CountChars counts every document's clean length (Chars) on all cores,
// keeping no clean text that was not kept already.
func (c *Corpus) CountChars() {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(c.Docs); i = int(next.Add(1)) - 1 {
				c.Docs[i].Chars()
			}
		}()
	}
	wg.Wait()
}
