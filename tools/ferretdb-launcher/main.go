// Command ferretdb-launcher runs FerretDB v1 (SQLite backend, or PostgreSQL with -handler postgresql) embedded as a library.
// We embed instead of `go install cmd/ferretdb` because that binary panics without the
// release-generated build/version/version.txt.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// defaultSQLiteParams are added to FerretDB's own defaults (busy_timeout(10000), journal_mode(wal), auto_vacuum(none)).
// synchronous(normal): in WAL mode a commit no longer waits for an fsync of the WAL (SQLite's default FULL does);
// the WAL is synced at checkpoints. An acknowledged write survives a crash or kill -9 of this process (it is in the
// WAL, in the OS page cache); only an OS crash or power loss can lose the last commits. See docs/ferretdb.md.
// Pass -sqlite-params "" for FerretDB's defaults only.
const defaultSQLiteParams = "_pragma=synchronous(normal)"

// patches names the patches applied to the FerretDB module; scripts/setup-db.mjs sets it with
// -ldflags "-X 'main.patches=...'" when it builds against its patched copy (see docs/ferretdb.md).
var patches = ""

// buildName says which FerretDB this is, e.g. "ferretdb 1.24.2 (+_id index patch, update batch fix)", so logs tell builds apart.
func buildName() string {
	version := "(unknown version)"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/FerretDB/FerretDB" {
				version = strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	if patches == "" {
		return "ferretdb " + version + " (stock)"
	}
	return "ferretdb " + version + " (+" + patches + ")"
}

// sqliteURL builds FerretDB's SQLite URI: a directory (one SQLite file per database) plus query parameters.
func sqliteURL(dir, params string) string {
	u := "file:" + filepath.ToSlash(dir) + "/"
	if params = strings.TrimPrefix(params, "?"); params != "" {
		u += "?" + params
	}
	return u
}

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "loopback TCP address to listen on; empty: no TCP listener")
	unix := flag.String("unix", "", "Unix socket path to listen on (the caller keeps its directory 0700)")
	handler := flag.String("handler", "sqlite", "sqlite, or postgresql (needs -postgresql-url; see docs/ferretdb.md)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL for -handler postgresql, e.g. postgres:///ferretdb?host=/run/pg")
	pgData := flag.String("pg-data", "", "with -handler postgresql and no -postgresql-url: run a private PostgreSQL with its data and socket here")
	pgBin := flag.String("pg-bin", "", "directory of initdb/postgres for -pg-data (default: PATH, then /usr/lib/postgresql/*/bin)")
	data := flag.String("data", "", "data directory for SQLite files (required)")
	logLevel := flag.String("log-level", "error", "debug, info, warn or error (FerretDB logs every error reply at warn)")
	sqliteParams := flag.String("sqlite-params", defaultSQLiteParams,
		"query string appended to the SQLite URI (SQLite pragmas for every connection); FerretDB adds busy_timeout(10000), journal_mode(wal), auto_vacuum(none) unless given here")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin closes (the parent holds the pipe, so we die with it even on SIGKILL)")
	version := flag.Bool("version", false, "print which FerretDB build this is and exit")
	flag.Parse()

	if *version {
		fmt.Println(buildName())
		return
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher: bad -log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if *data == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher: -data is required")
		os.Exit(2)
	}
	dir, err := filepath.Abs(*data)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		os.Exit(1)
	}

	var pg *privatePostgres
	if *handler == "postgresql" && *pgURL == "" && *pgData != "" {
		if pg, err = startPostgres(*pgData, *pgBin); err != nil {
			fmt.Fprintln(os.Stderr, "ferretdb-launcher: postgresql:", err)
			os.Exit(1)
		}
		*pgURL = pg.url
	}
	exit := func(code int) {
		if pg != nil {
			pg.stop()
		}
		os.Exit(code)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen, Unix: *unix},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     sqliteURL(dir, *sqliteParams),
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	if *watchStdin {
		ctx, stop = context.WithCancel(ctx)
		defer stop()
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	if *listen == "" && *unix == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher: give -listen or -unix")
		os.Exit(2)
	}
	// The address is not printed: in production the caller must not reveal where the database listens.
	fmt.Fprintf(os.Stderr, "ferretdb-launcher: %s (%s) starting, data %s\n", buildName(), *handler, dir)
	// Run returns once ctx is cancelled (SIGTERM/SIGINT) after closing the listener and SQLite pool.
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		exit(1)
	}
	if pg != nil {
		pg.stop()
	}
	fmt.Fprintln(os.Stderr, "ferretdb-launcher: stopped")
}
