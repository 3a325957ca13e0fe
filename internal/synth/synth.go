// Package synth makes deterministic synthetic corpora from the seed
// briefings, for benchmarks and scale tests: any number of documents, in
// both scripts, with the seeds' dirt (pinyin, ASCII punctuation, debris)
// intact, so loading, cleaning and indexing do realistic work.
package synth

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"jianbao/corpus"
	"jianbao/seeds"
)

// RareWord is put into one document in RareEvery, so benchmarks have a
// rare query with a known answer.
const (
	RareWord  = "鄂尔多斯"
	RareEvery = 1000
)

// Generator makes documents from the paragraphs of seed texts.
type Generator struct {
	paras  []string
	toSimp func(string) string
	toTrad func(string) string
}

// New makes a generator over the seeds' paragraphs. toSimp and toTrad
// convert a text's script (corpus.ToSimplified, corpus.ToTraditional);
// they are passed in so that this package does not import corpus.
func New(seeds []string, toSimp, toTrad func(string) string) *Generator {
	g := &Generator{toSimp: toSimp, toTrad: toTrad}
	for _, s := range seeds {
		for _, p := range strings.Split(s, "\n") {
			if strings.TrimSpace(p) != "" {
				g.paras = append(g.paras, p)
			}
		}
	}
	return g
}

// Document returns document i: the same i always gives the same text.
// Sizes vary from about 2.5 KB to 12 KB (mean about 7.3 KB, so 100,000
// documents make about 730 MB, like the corpus the issues measure); numbers are
// varied; even documents are Simplified, odd ones Traditional.
func (g *Generator) Document(i int) string {
	rng := rand.New(rand.NewSource(int64(i)*7919 + 1))
	target := 2500 + rng.Intn(9000) // plus the last paragraph: about 7.3 KB on average
	var sb strings.Builder
	for sb.Len() < target {
		p := g.paras[rng.Intn(len(g.paras))]
		p = strings.Map(func(r rune) rune {
			if r >= '1' && r <= '9' && rng.Intn(3) == 0 {
				return '1' + rune(rng.Intn(9))
			}
			return r
		}, p)
		sb.WriteString(p)
		sb.WriteByte('\n')
	}
	text := sb.String()
	if i%RareEvery == RareEvery/2 {
		text += "本期还介绍了" + RareWord + "的能源合作。\n"
	}
	if i%2 == 0 {
		return g.toSimp(text)
	}
	return g.toTrad(text)
}

// WriteDir writes documents 0..n-1 to dir as UTF-8 files in 100 folders.
func (g *Generator) WriteDir(dir string, n int) error {
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("%02d", i%100), fmt.Sprintf("synth-%06d.txt", i))
		if i < 100 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(p, []byte(g.Document(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Seeds returns the text of every embedded seed, in name order.
func Seeds() []string {
	var texts []string
	entries, _ := fs.ReadDir(seeds.FS(), ".")
	for _, e := range entries {
		b, err := fs.ReadFile(seeds.FS(), e.Name())
		if err == nil {
			texts = append(texts, string(b))
		}
	}
	return texts
}

// Default is a generator over the embedded seeds.
func Default() *Generator { return New(Seeds(), corpus.ToSimplified, corpus.ToTraditional) }

// Documents makes documents 0..n-1 as loaded documents (cleaned, with
// metadata), cleaning on every core.
func Documents(n int) []*corpus.Document {
	g := Default()
	docs := make([]*corpus.Document, n)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				docs[i] = corpus.NewDocument(fmt.Sprintf("synth-%06d", i), "synthetic", g.Document(i))
			}
		}(w)
	}
	wg.Wait()
	return docs
}
