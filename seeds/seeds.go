// Package seeds embeds the sample briefings that ship inside the jianbao
// binary, byte for byte as they were collected.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS returns the embedded seed files. Every file sits at the root of the
// returned file system under its original name.
func FS() fs.FS { return files }
