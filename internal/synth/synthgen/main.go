// Command synthgen writes a deterministic synthetic corpus made from the
// embedded seeds, for measuring jianbao against other tools on the same
// files:
//
//	go run ./internal/synth/synthgen -n 100000 -o /tmp/synth
package main

import (
	"flag"
	"io/fs"
	"log"

	"jianbao/corpus"
	"jianbao/internal/synth"
	"jianbao/seeds"
)

func main() {
	n := flag.Int("n", 10000, "number of documents")
	out := flag.String("o", "", "folder to write them to (created)")
	flag.Parse()
	if *out == "" {
		log.Fatal("synthgen: -o FOLDER is required")
	}
	var texts []string
	entries, err := fs.ReadDir(seeds.FS(), ".")
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(seeds.FS(), e.Name())
		if err != nil {
			log.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	g := synth.New(texts, corpus.ToSimplified, corpus.ToTraditional)
	if err := g.WriteDir(*out, *n); err != nil {
		log.Fatal(err)
	}
}
