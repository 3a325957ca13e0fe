package corpus

import "strings"

// FindURLs returns the byte ranges [start, end) of URLs (http://, https://,
// ftp://, www.) and e-mail addresses in s. Cleaning leaves them alone and
// the layout never breaks a line inside one.
func FindURLs(s string) [][2]int {
	if strings.IndexByte(s, '.') < 0 {
		return nil // both need a dot: spares most paragraphs
	}
	var out [][2]int
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c != 'h' && c != 'H' && c != 'f' && c != 'F' && c != 'w' && c != 'W' && c != '@' {
			continue
		}
		if c == '@' {
			a, b := k, k+1
			for a > 0 && isMailByte(s[a-1]) {
				a--
			}
			if len(out) > 0 && a < out[len(out)-1][1] {
				continue // the local part belongs to the last match
			}
			for b < len(s) && isMailByte(s[b]) && s[b] != '+' && s[b] != '%' {
				b++
			}
			for b > k+1 && s[b-1] == '.' {
				b--
			}
			if a < k && b > k+1 && strings.Contains(s[k+1:b], ".") {
				out = append(out, [2]int{a, b})
				k = b - 1
			}
			continue
		}
		if k > 0 && isWordByte(s[k-1]) {
			continue
		}
		rest := s[k:]
		if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "ftp://") || hasPrefixFold(rest, "www.")) {
			continue
		}
		b := k
		for b < len(s) && isURLByte(s[b]) {
			b++
		}
		for b > k && strings.IndexByte(".,;:!?)'\"]", s[b-1]) >= 0 {
			b--
		}
		out = append(out, [2]int{k, b})
		k = b - 1
	}
	return out
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isMailByte(c byte) bool {
	return isWordByte(c) || c == '.' || c == '-' || c == '+' || c == '%'
}

func isURLByte(c byte) bool {
	return c > ' ' && c < 0x7F && strings.IndexByte("\"<>\\^`{|}", c) < 0
}
