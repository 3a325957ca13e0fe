// Command synthgen writes a deterministic synthetic corpus made from the
// embedded seeds, for measuring jianbao against other tools on the same
// files:
//
//	go run ./internal/synth/synthgen -n 100000 -o /tmp/synth
//	go run ./internal/synth/synthgen -n 10000 -vary 0.3 -o /tmp/synthv
package main

import (
	"flag"
	"fmt"
	"log"

	"jianbao/internal/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of documents")
	out := flag.String("o", "", "folder to write them to (created)")
	vary := flag.Float64("vary", 0, "share of Han characters replaced by ones drawn from GB 2312 (Zipf), for a vocabulary of millions of character pairs as real corpora have; 0 keeps the seeds' words only")
	stats := flag.Bool("stats", false, "print the distinct character pairs of the documents instead of writing them")
	flag.Parse()
	g := synth.Default()
	g.Vary = *vary
	if *stats {
		distinct, pairs := g.Vocabulary(*n)
		fmt.Printf("%d documents: %d distinct character pairs of %d\n", *n, distinct, pairs)
		return
	}
	if *out == "" {
		log.Fatal("synthgen: -o FOLDER is required")
	}
	if err := g.WriteDir(*out, *n); err != nil {
		log.Fatal(err)
	}
}
