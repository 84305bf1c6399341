//go:build !linux && !windows

package main

import "syscall"

// pgAttr: no parent-death signal outside Linux; the launcher stops PostgreSQL when it exits normally.
func pgAttr(_ *syscall.Credential) *syscall.SysProcAttr { return nil }
