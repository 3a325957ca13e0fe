// Package unihan reads the Unihan database files that Debian's unicode-data
// package installs under /usr/share/unicode, for jianbao's table
// generators.
package unihan

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// DefaultDir is where Debian's unicode-data package puts the files.
const DefaultDir = "/usr/share/unicode"

var versionRE = regexp.MustCompile(`Unicode version: ([0-9.]+)`)

// Scan calls fn for every "U+XXXX<TAB>field<TAB>value" line of the Unihan
// file name in dir, plain or bzip2-compressed, and returns the Unicode
// version the file names.
func Scan(dir, name string, fn func(r rune, field, value string)) (version string, err error) {
	var rd io.Reader
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		f, err = os.Open(filepath.Join(dir, name+".bz2"))
		if err != nil {
			return "", fmt.Errorf("%w (install Debian's unicode-data package)", err)
		}
		rd = bzip2.NewReader(f)
	} else {
		rd = f
	}
	defer f.Close()
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if m := versionRE.FindStringSubmatch(line); m != nil {
				version = m[1]
			}
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || !strings.HasPrefix(parts[0], "U+") {
			continue
		}
		r, ok := ParseCodePoint(parts[0])
		if !ok {
			continue
		}
		fn(r, parts[1], parts[2])
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return version, nil
}

// ParseCodePoint reads "U+XXXX" (anything after a '<' is ignored, as in
// kSemanticVariant values).
func ParseCodePoint(s string) (rune, bool) {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	if !strings.HasPrefix(s, "U+") {
		return 0, false
	}
	cp, err := strconv.ParseUint(s[2:], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(cp), true
}

// CodePoints parses a space-separated list of "U+XXXX" values.
func CodePoints(value string) []rune {
	var out []rune
	for _, f := range strings.Fields(value) {
		if r, ok := ParseCodePoint(f); ok {
			out = append(out, r)
		}
	}
	return out
}

// GoString writes runes as a Go string expression, 40 to a line.
func GoString(rs []rune) string {
	var parts []string
	for i := 0; i < len(rs); i += 40 {
		parts = append(parts, strconv.Quote(string(rs[i:min(i+40, len(rs))])))
	}
	if len(parts) == 0 {
		return `""`
	}
	return strings.Join(parts, " +\n\t")
}
