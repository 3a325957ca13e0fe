package layout

import "strconv"

// Count writes n with the noun in the number it takes: "1 document",
// "2 documents", "0 documents".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
