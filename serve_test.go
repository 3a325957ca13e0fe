package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"jianbao/notes"
)

// buildJianbao builds the binary once for a test.
func buildJianbao(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "jianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// sshKey makes an ed25519 key pair with ssh-keygen; it returns the private
// key path and the public key line.
func sshKey(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	pub, _ := os.ReadFile(path + ".pub")
	return path, string(pub)
}

// sshClient is a Go SSH session with a pty, its output collected.
type sshClient struct {
	conn  *gossh.Client
	sess  *gossh.Session
	stdin io.WriteCloser
	mu    sync.Mutex
	out   bytes.Buffer
}

func dialSession(t *testing.T, addr, keyPath, user string, w, h int) *sshClient {
	t.Helper()
	pem, _ := os.ReadFile(keyPath)
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	c := &sshClient{conn: conn, sess: sess}
	c.stdin, _ = sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			c.mu.Lock()
			c.out.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *sshClient) bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.Len()
}

func (c *sshClient) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		ok := strings.Contains(c.out.String(), s)
		c.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("session never showed %q", s)
}

// quiet waits until no output has come for a while.
func (c *sshClient) quiet() {
	last := -1
	for n := c.bytes(); n != last; n = c.bytes() {
		last = n
		time.Sleep(250 * time.Millisecond)
	}
}

func (c *sshClient) keys(ks ...string) {
	for _, k := range ks {
		io.WriteString(c.stdin, k)
		time.Sleep(60 * time.Millisecond)
	}
}

// TestServe runs `jianbao serve` and connects as users do.
func TestServe(t *testing.T) {
	for _, tool := range []string{"ssh", "ssh-keygen", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (.ci/run installs it)", tool)
		}
	}
	if testing.Short() {
		t.Skip("starts a server")
	}
	bin := buildJianbao(t)
	dir := t.TempDir()
	alice, alicePub := sshKey(t, dir, "alice")
	bob, _ := sshKey(t, dir, "bob")
	ak := filepath.Join(dir, "authorized_keys")
	os.WriteFile(ak, []byte(alicePub), 0o600)
	data := filepath.Join(dir, "data")
	addr := freePort(t)
	srv := exec.Command(bin, "serve", "--listen", addr, "--authorized-keys", ak, "--data", data)
	logs, _ := srv.StderrPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	var logMu sync.Mutex
	var logText strings.Builder
	go func() {
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			logMu.Lock()
			logText.WriteString(sc.Text() + "\n")
			logMu.Unlock()
		}
	}()
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })
	for deadline := time.Now().Add(20 * time.Second); ; {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server never listened")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if fi, err := os.Stat(filepath.Join(data, "host_ed25519")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v %v", fi, err)
	}
	host, port, _ := net.SplitHostPort(addr)
	sshArgs := func(key, user string) []string {
		return []string{"-tt", "-i", key, "-p", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
			"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", user + "@" + host}
	}
	aliceNotes := notes.Open(filepath.Join(data, "users", "alice", "notes.jsonl"))

	t.Run("openssh in tmux", func(t *testing.T) {
		s := tmuxServer{t: t, socket: fmt.Sprintf("jianbao-serve-%d", os.Getpid())}
		defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
		s.run(append([]string{"new-session", "-d", "-s", "ssh", "-x", "100", "-y", "30", "ssh"}, sshArgs(alice, "alice")...)...)
		s.waitFor("ssh", "5 documents")
		s.keys("ssh", "j", "Enter", "v", "t")
		s.run("send-keys", "-t", "ssh", "-l", "远程")
		s.keys("ssh", "Enter", "Enter")
		s.waitFor("ssh", "saved as")
		s.keys("ssh", "Escape", "q")
		got, warns, err := aliceNotes.Load()
		if err != nil || len(warns) > 0 || len(got) != 1 || got[0].Author != "alice" || got[0].Tags[0] != "远程" || !strings.HasPrefix(got[0].Quote, "北京时间2017年1月10日") {
			t.Fatalf("alice's notes: %+v %v %v", got, warns, err)
		}
	})

	t.Run("unknown key refused", func(t *testing.T) {
		out, err := exec.Command("ssh", append(sshArgs(bob, "bob"), "true")...).CombinedOutput()
		var ee *exec.ExitError
		if err == nil || !errorsAs(err, &ee) || ee.ExitCode() != 255 || !strings.Contains(string(out), "Permission denied") {
			t.Fatalf("bob: %v %s", err, out)
		}
	})

	t.Run("refusals explained", func(t *testing.T) {
		// Without BatchMode, OpenSSH goes on to keyboard-interactive after
		// the key is refused, and prints what the server says there, once.
		args := sshArgs(bob, "bob")
		for i, a := range args {
			if a == "BatchMode=yes" {
				args[i] = "BatchMode=no"
			}
			if a == "LogLevel=ERROR" {
				args[i] = "LogLevel=INFO"
			}
		}
		out, err := exec.Command("ssh", append(args, "true")...).CombinedOutput()
		fp, _ := exec.Command("ssh-keygen", "-lf", bob+".pub").Output()
		f := strings.Fields(string(fp))
		if err == nil || len(f) < 2 || strings.Count(string(out), "your key "+f[1]+" is not authorized") != 1 {
			t.Errorf("bob, interactive: %v %s (fingerprint %s)", err, out, fp)
		}
		// A client with no key at all is told to make one.
		var said []string
		_, err = gossh.Dial("tcp", addr, &gossh.ClientConfig{
			User: "carol", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
			Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
				said = append(said, instruction)
				return nil, nil
			})},
		})
		if err == nil || len(said) != 1 || !strings.Contains(said[0], "ssh-keygen -t ed25519") {
			t.Errorf("carol, no key: %v %q", err, said)
		}
	})

	t.Run("no pty", func(t *testing.T) {
		args := sshArgs(alice, "alice")
		args[0] = "-T"
		out, _ := exec.Command("ssh", args...).CombinedOutput()
		if !strings.Contains(string(out), "needs a terminal") {
			t.Errorf("no pty: %s", out)
		}
	})

	t.Run("20 sessions at once", func(t *testing.T) {
		before, _, _ := aliceNotes.Load()
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c := dialSession(t, addr, alice, "alice", 100, 30)
				defer c.conn.Close()
				c.waitFor(t, "5 documents")
				c.keys("j", "\r", "v", "t", fmt.Sprintf("会话%d", i), "\r", "\r")
				c.waitFor(t, "saved as")
				c.keys("\x1b", "q")
			}(i)
		}
		wg.Wait()
		got, warns, err := aliceNotes.Load()
		if err != nil || len(warns) > 0 || len(got)-len(before) != 20 {
			t.Fatalf("%d new notes, %v %v", len(got)-len(before), warns, err)
		}
	})

	t.Run("client killed mid-session", func(t *testing.T) {
		c := dialSession(t, addr, alice, "alice", 100, 30)
		c.waitFor(t, "5 documents")
		c.keys("j", "\r", "v", "t", "半途")
		// Pull the plug: no goodbye, the TCP connection just drops.
		if tc, ok := c.conn.Conn.(interface{ Close() error }); ok {
			tc.Close()
		}
		time.Sleep(300 * time.Millisecond)
		if _, warns, err := aliceNotes.Load(); err != nil || len(warns) > 0 {
			t.Fatalf("notes file after the kill: %v %v", warns, err)
		}
		d := dialSession(t, addr, alice, "alice", 100, 30)
		d.waitFor(t, "5 documents")
		d.conn.Close()
	})

	// Bytes the server sends for a one-line scroll at 120×40, and for a
	// held key (20 scrolls sent at once). Logged for the note.
	t.Run("bytes per scroll", func(t *testing.T) {
		c := dialSession(t, addr, alice, "alice", 120, 40)
		defer c.conn.Close()
		c.waitFor(t, "5 documents")
		c.keys("\r")
		c.quiet()
		before := c.bytes()
		c.keys("j")
		c.quiet()
		one := c.bytes() - before
		before = c.bytes()
		io.WriteString(c.stdin, strings.Repeat("j", 20))
		c.quiet()
		held := c.bytes() - before
		t.Logf("one-line scroll at 120x40: %d bytes; 20 held: %d bytes (%d a line)", one, held, held/20)
		if one == 0 {
			t.Error("a scroll sent nothing")
		}
	})

	// SIGTERM stops the server within 5 seconds, sessions open or not.
	c := dialSession(t, addr, alice, "alice", 80, 24)
	c.waitFor(t, "5 documents")
	start := time.Now()
	srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v", err)
		}
		t.Logf("stopped in %v with a session open", time.Since(start).Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		t.Error("serve did not stop within 5 s of SIGTERM")
	}
	logMu.Lock()
	defer logMu.Unlock()
	for _, want := range []string{"session start", "fingerprint=SHA256:", "key refused", "duration="} {
		if !strings.Contains(logText.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logText.String())
		}
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	ee, ok := err.(*exec.ExitError)
	if ok {
		*target = ee
	}
	return ok
}

// serve checks its flags, keys and address before it loads the corpus: a
// mistake is told at once, not after a large corpus has loaded.
func TestServeChecksFlagsBeforeLoading(t *testing.T) {
	dir := t.TempDir()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--listen", "bogus"}, `--listen "bogus"`},
		{[]string{"--listen", "0.0.0.0:0"}, "without --authorized-keys"},
		{[]string{"--authorized-keys", filepath.Join(dir, "none")}, "cannot read authorized keys"},
		{[]string{"--listen", busy.Addr().String()}, "cannot listen on " + busy.Addr().String()},
	} {
		_, errOut, code := jianbao(t, append([]string{"serve", "--data", filepath.Join(dir, "data")}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.says) || strings.Contains(errOut, "corpus ready") {
			t.Errorf("serve %v: exit %d, %q", c.args, code, errOut)
		}
	}
}
