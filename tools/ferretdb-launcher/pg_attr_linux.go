package main

import "syscall"

// pgAttr runs PostgreSQL as cred (nil: as us), and gets it a fast shutdown if the launcher dies, even by SIGKILL.
func pgAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGINT, Setpgid: true}
}
