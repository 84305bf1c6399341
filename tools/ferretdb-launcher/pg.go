//go:build !windows

package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// privatePostgres is a PostgreSQL server of our own for -handler postgresql -pg-data DIR: data in DIR/data, its
// socket in DIR (0700), no TCP at all, trust authentication (only who can enter DIR can connect). It runs as user
// `postgres` when we are root (PostgreSQL refuses root) and dies with us (see pgAttr).
type privatePostgres struct {
	cmd *exec.Cmd
	url string
}

// pgBinDir finds initdb/postgres: -pg-bin, `postgres` on PATH, or the newest /usr/lib/postgresql/*/bin (Debian).
func pgBinDir(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(real), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) < pgMajor(dirs[j]) })
	if len(dirs) > 0 {
		return dirs[len(dirs)-1], nil
	}
	return "", fmt.Errorf("no PostgreSQL server found: install it (Debian: apt-get install postgresql) or pass -pg-bin")
}

func pgMajor(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func startPostgres(dir, binDir string) (*privatePostgres, error) {
	bin, err := pgBinDir(binDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, err
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("running as root, and PostgreSQL refuses root: no user `postgres` to run it as (%w)", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := chownTree(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); err != nil {
		initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "ferretdb", "-A", "trust", "-E", "UTF8", "--locale=C")
		initdb.SysProcAttr = pgAttr(cred)
		if out, err := initdb.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("initdb %s: %v: %s", data, err, strings.TrimSpace(string(out)))
		}
	}
	waitForOldPostmaster(data)
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-c", "listen_addresses=",
		"-c", "unix_socket_permissions=0700", "-c", "max_connections=200", "-c", "log_min_messages=warning")
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = pgAttr(cred)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// postmaster.pid's 8th line says "ready" once it accepts connections.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		select {
		case err := <-exited:
			return nil, fmt.Errorf("postgres exited during start: %v", err)
		default:
		}
		if b, err := os.ReadFile(filepath.Join(data, "postmaster.pid")); err == nil {
			if lines := strings.Split(string(b), "\n"); len(lines) > 7 && strings.TrimSpace(lines[7]) == "ready" {
				return &privatePostgres{cmd: cmd, url: "postgres://ferretdb@/postgres?host=" + dir}, nil
			}
		}
	}
	_ = cmd.Process.Kill()
	return nil, fmt.Errorf("postgres did not become ready within 60 s")
}

// stop asks for a fast shutdown (SIGINT: disconnect clients, checkpoint) and waits for it.
func (p *privatePostgres) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	_, _ = p.cmd.Process.Wait()
}

func chownTree(dir string, uid, gid int) error {
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

// waitForOldPostmaster: after a kill -9 of a launcher, its PostgreSQL is still in its fast shutdown (parent-death
// signal) for a moment; a new one started now would stop at the lock file.
func waitForOldPostmaster(data string) {
	for i := 0; i < 300; i++ {
		b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
		if err != nil {
			return
		}
		pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
		if err != nil || pid <= 0 || syscall.Kill(pid, 0) != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
