package corpus

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A file of lines in two encodings (files in UTF-8 and GBK concatenated, a
// GBK signature pasted into a UTF-8 page) is valid in neither, and was
// refused whole or read with every line of the other encoding as �. Read
// line by line, every line is whole: the lines that are valid UTF-8 are
// UTF-8, the others GB18030 or Big5 (Decode, rule 7).

// Minimum evidence for the lines in a legacy encoding: enough characters
// that score as Chinese, a few that score high, or many that score as
// a whole reading must (minCommonShare).
const (
	minMixedFew      = 6
	minMixedFewShare = 0.6
)

// mixedLines reads b line by line: lines valid in UTF-8 as UTF-8, the rest
// in whichever of GB18030 and Big5 reads them all, losslessly, as the
// commoner Chinese; the UTF-8 lines' own characters must read as Chinese
// too (a GBK line can be valid UTF-8 by chance).
func mixedLines(b []byte) (Decoded, bool) {
	lines := bytes.SplitAfter(b, []byte("\n"))
	var legacy, modern []byte
	legacyLines, modernLines := 0, 0
	for _, ln := range lines {
		switch {
		case isASCII(ln):
		case utf8.Valid(ln):
			modern = append(modern, ln...)
			modernLines++
		default:
			legacy = append(legacy, ln...)
			legacyLines++
		}
	}
	if modernLines == 0 || legacyLines == 0 {
		return Decoded{}, false
	}
	if share, n := commonShare(string(modern)); n >= minMixedFew && share < minCommonShare {
		return Decoded{}, false
	}
	var best encoding.Encoding
	var bestEnc Encoding
	bestShare := -1.0
	for _, c := range []struct {
		enc Encoding
		e   encoding.Encoding
	}{{GB18030, simplifiedchinese.GB18030}, {Big5, traditionalchinese.Big5}} {
		s, err := roundTrip(legacy, c.e)
		if err != nil {
			continue
		}
		share, n := commonShare(s)
		if (n >= minScored && share >= minCommonShare || n >= minMixedFew && share >= minMixedFewShare) && share > bestShare {
			best, bestEnc, bestShare = c.e, c.enc, share
		}
	}
	if best == nil {
		return Decoded{}, false
	}
	var out bytes.Buffer
	for _, ln := range lines {
		if utf8.Valid(ln) {
			out.Write(ln)
			continue
		}
		s, err := best.NewDecoder().Bytes(ln)
		if err != nil {
			return Decoded{}, false
		}
		out.Write(s)
	}
	d, err := finish(out.String(), Encoding("UTF-8 + "+string(bestEnc)), fmt.Sprintf("mixed: %d lines valid UTF-8, %d lines valid %s (scoring %s as Chinese)", modernLines, legacyLines, bestEnc, pct(bestShare)))
	if err != nil {
		return Decoded{}, false
	}
	d.Repair = fmt.Sprintf("mixed encodings: %d lines read as UTF-8 and %d as %s", modernLines, legacyLines, bestEnc)
	return d, true
}
