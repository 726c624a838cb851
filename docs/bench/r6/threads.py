#!/usr/bin/env python3
"""Per-thread-group user/sys CPU of a process over an interval: threads.py PID SECONDS"""
import os, re, sys, time
pid, secs = int(sys.argv[1]), float(sys.argv[2])
hz = os.sysconf('SC_CLK_TCK')
def snap():
    out = {}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s = open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError:
            continue
        comm = s[s.index('(')+1:s.rindex(')')]
        f = s[s.rindex(')')+2:].split()
        out[t] = (comm, int(f[11]), int(f[12]))
    return out
a = snap(); t0 = time.time(); time.sleep(secs); b = snap(); dt = time.time() - t0
g = {}
for t, (comm, u, s) in b.items():
    u0, s0 = (a[t][1], a[t][2]) if t in a else (0, 0)
    key = re.sub(r'[-_ ]?\d+$', '', comm)
    key = re.sub(r'\d', '#', key)
    x = g.setdefault(key, [0, 0, 0]); x[0] += u - u0; x[1] += s - s0; x[2] += 1
tot_u = sum(v[0] for v in g.values()); tot_s = sum(v[1] for v in g.values())
print(f'total user {100*tot_u/hz/dt:.1f}%  sys {100*tot_s/hz/dt:.1f}% of one core')
for k, v in sorted(g.items(), key=lambda kv: -(kv[1][0]+kv[1][1])):
    if v[0] + v[1] == 0: continue
    print(f'{100*(v[0]+v[1])/hz/dt:6.1f}%  user {100*v[0]/hz/dt:5.1f}  sys {100*v[1]/hz/dt:5.1f}  x{v[2]:<3} {k}')
