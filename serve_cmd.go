package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"jianbao/server"
	"jianbao/ui/layout"
)

// shutdownGrace bounds how long serve takes to stop on SIGINT/SIGTERM.
const shutdownGrace = 4500 * time.Millisecond

func (a *app) serveCmd() *cobra.Command {
	var cfg server.Config
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reader over SSH for a team",
		Long: `Serve the reader over SSH: each analyst runs ssh -p PORT HOST and gets the reader,
with their own notes, installing nothing. Keys only (no passwords): users are the
keys of --authorized-keys, named by the key's comment or by
environment="JIANBAO_USER=name". Without an authorized_keys file the server only
listens on loopback and takes any key, naming the user after the login name.
A client whose keys are all refused (or that has none) is told why: its key's
fingerprint, or how to make a key. Notes go to DATA/users/<name>/notes.jsonl, or
with --shared-notes to one team file, DATA/notes.jsonl, where every note shows
its author.`,
		Example: `  jianbao serve --listen 0.0.0.0:2222 --authorized-keys ~/.ssh/jianbao_team --data /srv/jianbao
  ssh -p 2222 alice@host`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := slog.New(slog.NewTextHandler(a.stderr, nil))
			// Sessions choose their own width policy; what the renderer
			// measures process-wide stays narrow, which never cuts a row.
			layout.NewPolicy(layout.Narrow).Apply()
			if cmd.Flags().Changed("ambiguous") {
				cfg.Ambiguity = a.policy.Ambiguity()
			}
			// The flags, the keys and the address first: a mistake is told
			// at once, not after a large corpus has loaded.
			cfg.Log = log
			if cfg.HostKey == "" {
				cfg.HostKey = filepath.Join(cfg.Data, "host_ed25519")
			}
			srv, err := server.New(cfg)
			if err != nil {
				return err
			}
			if err := srv.Listen(); err != nil {
				return err
			}
			start := time.Now()
			c, ix, warns, err := a.loadIndexed(cmd.Context(), true)
			for _, w := range warns {
				if w.Loaded {
					log.Warn("loaded with a warning", "path", w.Path, "warning", w.Err)
				} else {
					log.Warn("skipped while loading", "path", w.Path, "reason", w.Err)
				}
			}
			if err != nil {
				return err
			}
			srv.UseCorpus(c, ix, a.corpusLabel())
			log.Info("corpus ready", "documents", c.Len(), "took", time.Since(start).Round(time.Millisecond).String())
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve() }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			log.Info("shutting down")
			sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
			defer cancel()
			if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("shutdown: %w", err)
			}
			log.Info("stopped")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", "127.0.0.1:2222", "`HOST:PORT` to listen on")
	f.StringVar(&cfg.HostKey, "host-key", "", "the host key `FILE` (created when missing; default DATA/host_ed25519)")
	f.StringVar(&cfg.AuthorizedKeys, "authorized-keys", "", "OpenSSH authorized_keys `FILE` of who may connect (required off loopback)")
	f.StringVar(&cfg.Data, "data", defaultDataDir(), "`DIR` for notes and the host key")
	f.BoolVar(&cfg.SharedNotes, "shared-notes", false, "one team notes file; every note shows its author")
	f.IntVar(&cfg.MaxSessions, "max-sessions", 32, "most sessions at once (`N`); more are told to try later")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", 30*time.Minute, "close sessions idle this long (`DURATION`, 0: never)")
	return cmd
}

func defaultDataDir() string {
	dir, ok := xdgDir("XDG_DATA_HOME", ".local", "share")
	if !ok {
		return "jianbao-data"
	}
	return filepath.Join(dir, "jianbao", "server")
}
