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
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

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
	// Vary, from 0 to 1, is the share of Han characters replaced by one
	// drawn from the 3,755 of GB 2312's first level with Zipf's law (see
	// Vocabulary). With 0 (the default) a corpus has the seeds' words
	// only: about 7,000 pairs of characters however large it is, where
	// real text has millions, and an index's lists are per pair.
	Vary float64
}

// vocabulary is GB 2312's first-level characters in a fixed pseudo-random
// order (the Zipf ranks Vary draws from).
var vocabulary = sync.OnceValue(func() []rune {
	var out []rune
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if r, err := dec.Bytes([]byte{byte(hi), byte(lo)}); err == nil {
				if c := []rune(string(r)); len(c) == 1 && c[0] != utf8.RuneError {
					out = append(out, c[0])
				}
			}
		}
	}
	rand.New(rand.NewSource(3755)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
})

// Vocabulary reports how many distinct pairs of adjacent Han characters
// (the index's keys) the first n documents hold, and how many pairs in all.
func (g *Generator) Vocabulary(n int) (distinct, pairs int) {
	seen := map[[2]rune]bool{}
	for i := 0; i < n; i++ {
		prev := rune(-1)
		for _, r := range corpus.FoldString(g.Document(i)) {
			if !unicode.Is(unicode.Han, r) {
				prev = -1
				continue
			}
			if prev >= 0 {
				seen[[2]rune{prev, r}] = true
				pairs++
			}
			prev = r
		}
	}
	return len(seen), pairs
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
		if g.Vary > 0 {
			vocab := vocabulary()
			zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(vocab)-1))
			p = strings.Map(func(r rune) rune {
				if r >= 0x4E00 && r <= 0x9FFF && rng.Float64() < g.Vary {
					return vocab[zipf.Uint64()]
				}
				return r
			}, p)
		}
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
func Documents(n int) []*corpus.Document { return Default().Documents(n) }

// Documents makes g's documents 0..n-1 as loaded documents, as the
// function Documents does.
func (g *Generator) Documents(n int) []*corpus.Document {
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
