package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

func TestSanitizeUser(t *testing.T) {
	for in, want := range map[string]string{
		"alice":                  "alice",
		"Alice.Smith":            "Alice.Smith",
		"../../etc/passwd":       "etc_passwd",
		"张伟":                     "张伟",
		"a/b\\c":                 "a_b_c",
		".hidden":                "hidden",
		"":                       "",
		"users":                  "",
		"x\x00y\x1b[2J":          "x_y__2J",
		strings.Repeat("a", 100): strings.Repeat("a", 64),
	} {
		if got := SanitizeUser(in); got != want {
			t.Errorf("SanitizeUser(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuthorizedKeys(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for _, c := range []string{"alice@laptop", "../evil", ""} {
		pub, _, err := generateEd25519()
		if err != nil {
			t.Fatal(err)
		}
		k, _, _, _, _ := gossh.ParseAuthorizedKey(pub)
		line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
		lines = append(lines, line+" "+c)
	}
	pub, _, _ := generateEd25519()
	lines = append(lines, `environment="JIANBAO_USER=王芳",no-port-forwarding `+strings.TrimSpace(string(pub))+" ignored-comment", "# a comment", "")
	path := filepath.Join(dir, "ak")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600)
	keys, err := readAuthorizedKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, k := range keys {
		users = append(users, k.user)
	}
	if len(users) != 4 || users[0] != "alice" || users[1] != "evil" || !strings.HasPrefix(users[2], "key-") || users[3] != "王芳" {
		t.Errorf("users %q", users)
	}
	os.WriteFile(path, []byte("garbage\n"), 0o600)
	if _, err := readAuthorizedKeys(path); err == nil || !strings.Contains(err.Error(), path+":1") {
		t.Errorf("garbage: %v", err)
	}
}

func TestRefusesPublicListenWithoutKeys(t *testing.T) {
	dir := t.TempDir()
	_, err := New(Config{Listen: "0.0.0.0:0", Data: dir, HostKey: filepath.Join(dir, "hk")})
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("got %v", err)
	}
	if _, err := New(Config{Listen: "127.0.0.1:0", Data: dir, HostKey: filepath.Join(dir, "hk")}); err != nil {
		t.Errorf("loopback: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "hk")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v", fi, err)
	}
	os.Chmod(filepath.Join(dir, "hk"), 0o644)
	if _, err := New(Config{Listen: "127.0.0.1:0", Data: dir, HostKey: filepath.Join(dir, "hk")}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("readable host key: %v", err)
	}
}

func TestProfile(t *testing.T) {
	for _, tt := range []struct {
		term string
		env  []string
		want termenv.Profile
	}{
		{"xterm-256color", nil, termenv.ANSI256},
		{"xterm", nil, termenv.ANSI},
		{"xterm-256color", []string{"COLORTERM=truecolor"}, termenv.TrueColor},
		{"xterm-256color", []string{"NO_COLOR=1"}, termenv.Ascii},
		{"dumb", nil, termenv.Ascii},
	} {
		if got := profile(tt.term, tt.env); got != tt.want {
			t.Errorf("%s %v: %v, want %v", tt.term, tt.env, got, tt.want)
		}
	}
}
