import fs from 'node:fs';

/**
 * What the operating system says about a database process we can see (Linux /proc): the best witness of "busy, not
 * down". A database that is burning CPU is working, however long its replies take; a stopped (SIGSTOP) or vanished
 * one is down at once, whatever the network says. Elsewhere (no /proc) every answer is `undefined` and the monitor
 * judges by replies alone.
 */
export type ProcessState = 'gone' | 'stopped' | 'busy' | 'quiet';

/** CPU must have advanced within this window to count as busy; ticks are 10 ms, so a starved process still shows. */
const BUSY_WINDOW_MS = 2000;
/** Two ticks in two seconds (1 % of a core): an idle Go process stays below, a scan-saturated one far above. */
const BUSY_TICKS = 2;

export class ProcessWatch {
  private readonly samples: Array<{ at: number; cpu: number }> = [];
  constructor(readonly pid: number) {}

  sample(now = Date.now()): ProcessState | undefined {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : undefined;
    }
    // Fields after "(comm)": state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return 'gone';
    if (state === 'T' || state === 't') return 'stopped';
    const cpu = Number(fields[11]) + Number(fields[12]);
    if (!Number.isFinite(cpu)) return undefined;
    this.samples.push({ at: now, cpu });
    while (this.samples.length > 2 && now - this.samples[1].at >= BUSY_WINDOW_MS) this.samples.shift();
    const base = this.samples[0];
    if (now - base.at < BUSY_WINDOW_MS / 2) return undefined; // not watched long enough to tell
    return cpu - base.cpu >= BUSY_TICKS ? 'busy' : 'quiet';
  }
}

/**
 * The pid of the local process listening at a loopback or Unix-socket MongoDB URI (one host only), found through
 * /proc/net and the processes' open sockets; undefined for a remote server, when /proc is not there, or when the
 * process belongs to a user we may not inspect. Costs a few ms: call it on connect and after the process went away.
 */
export function listenerPid(uri: string): number | undefined {
  try {
    const inodes = listeningInodes(uri);
    if (!inodes.size) return undefined;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      let fds: string[];
      try {
        fds = fs.readdirSync(`/proc/${entry}/fd`);
      } catch {
        continue; // gone, or not ours to see
      }
      for (const fd of fds) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${entry}/fd/${fd}`));
          if (m && inodes.has(m[1])) return Number(entry);
        } catch {
          /* closed meanwhile */
        }
      }
    }
  } catch {
    /* no /proc */
  }
  return undefined;
}

function listeningInodes(uri: string): Set<string> {
  const found = new Set<string>();
  const hosts = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri)?.[1];
  if (!hosts || hosts.includes(',')) return found;
  const host = decodeURIComponent(hosts);
  if (host.startsWith('/')) {
    // /proc/net/unix: Num RefCount Protocol Flags Type St Inode Path; flags 00010000 = listening
    for (const line of fs.readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[7] === host && f[3] === '00010000') found.add(f[6]);
    }
    return found;
  }
  const m = /^(localhost|127\.0\.0\.1|\[::1\]):(\d+)$/.exec(host);
  if (!m) return found;
  const port = Number(m[2]).toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    // sl local_address rem_address st … inode; st 0A = LISTEN
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && f[1]?.endsWith(`:${port}`)) found.add(f[9]);
    }
  }
  return found;
}
