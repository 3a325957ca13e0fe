// Command synthgen writes a deterministic synthetic corpus made from the
// embedded seeds, for measuring jianbao against other tools on the same
// files:
//
//	go run ./internal/synth/synthgen -n 100000 -o /tmp/synth
package main

import (
	"flag"
	"log"

	"jianbao/internal/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of documents")
	out := flag.String("o", "", "folder to write them to (created)")
	flag.Parse()
	if *out == "" {
		log.Fatal("synthgen: -o FOLDER is required")
	}
	g := synth.Default()
	if err := g.WriteDir(*out, *n); err != nil {
		log.Fatal(err)
	}
}
