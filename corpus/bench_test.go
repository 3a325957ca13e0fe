package corpus

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// seedBlob is all seed text joined: 29.7 KB of real corpus.
func seedBlob(t testing.TB) string {
	var sb strings.Builder
	for _, name := range []string{"000_40aff71749982f5e.txt", "001_3f2865b649e49912.txt", "002_87c6b28f1f9cb63b.txt", "003_a20fc04bd14fd48f.txt", "004_d659e5899b51d012.txt"} {
		sb.WriteString(seedTexts(t)[name])
	}
	return sb.String()
}

func BenchmarkDecode(b *testing.B) {
	text := seedBlob(b)
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(text)
	big5, _ := traditionalchinese.Big5.NewEncoder().String(big5Part(text))
	enc := cnsEncoder(b)
	inCNS := func(s string) bool { _, ok := eucTWOf(enc, s); return ok }
	eucTW, _ := eucTWOf(enc, encodableRunes(text, inCNS))
	iso, _ := iso2022CNOf(b, enc, encodableRunes(text, func(s string) bool { _, ok := iso2022CNOf(b, enc, s); return ok }))
	for _, c := range []struct {
		name string
		in   []byte
	}{{"utf8", []byte(text)}, {"gb18030", []byte(gb)}, {"big5", []byte(big5)}, {"euc-tw", eucTW}, {"iso-2022-cn", iso}, {"utf-7", utf7Of(text)}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				if _, err := Decode(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad loads a folder of 1,000 files made from the seeds.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	seedsByName := seedTexts(b)
	var total int64
	i := 0
	for i < 1000 {
		for _, text := range seedsByName {
			write(b, filepath.Join(dir, fmt.Sprintf("d%02d", i%50), fmt.Sprintf("%04d.txt", i)), []byte(text))
			total += int64(len(text))
			i++
		}
	}
	b.SetBytes(total)
	for b.Loop() {
		c, warns := Load(context.Background(), Options{Paths: []string{dir}})
		if c.Len() != i || len(warns) != 0 {
			b.Fatalf("loaded %d, %v", c.Len(), warns)
		}
	}
}

// BenchmarkMetadata reads the metadata of the seeds as the loader does
// (head and foot windows of the raw text), per document.
func BenchmarkMetadata(b *testing.B) {
	var docs []*Document
	for name, text := range seedTexts(b) {
		docs = append(docs, NewDocument(name, name, text))
	}
	for b.Loop() {
		for _, d := range docs {
			d.readMetadata()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs))/1e3, "µs/doc")
}

// BenchmarkShardAdd indexes the seeds, over and over, into one shard on one
// goroutine: the indexer's inner loop without the loader around it.
func BenchmarkShardAdd(b *testing.B) {
	var texts []string
	var n int64
	for _, text := range seedTexts(b) {
		texts = append(texts, text)
		n += int64(len(text))
	}
	b.SetBytes(n)
	s := newShard()
	num := int32(0)
	for b.Loop() {
		for _, text := range texts {
			s.add(num, text)
			num++
		}
	}
}

// BenchmarkShardAddLargeVocabulary indexes 1,000 documents of characters
// drawn at random from 3,000: nearly every bigram is new, the worst case
// for the lists (millions of them) where the seeds' vocabulary is small.
func BenchmarkShardAddLargeVocabulary(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var texts []string
	var n int64
	for range 1000 {
		var sb strings.Builder
		for range 2500 {
			sb.WriteRune(rune(0x4E00 + rng.Intn(3000)))
		}
		texts = append(texts, sb.String())
		n += int64(sb.Len())
	}
	b.SetBytes(n)
	for b.Loop() {
		s := newShard()
		for i, text := range texts {
			s.add(int32(i), text)
		}
	}
}
