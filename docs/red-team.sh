#!/usr/bin/env bash
# The red-team pass behind docs/red-team.md: every class of hostile or unusual input, run against the
# command line as a user would, each with a 20 s limit. Prints one markdown table row per try:
# | class | command | exit | first line of what it said | seconds |
# Run from the repository root after a build: docs/red-team.sh > runs/red-team-rows.md
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
A="$ROOT/analogy"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
export ANALOGY_HOME_DIR="$W/home"

smf() { python3 - "$@" <<'PY'
import struct, sys
out, kind = sys.argv[1], sys.argv[2]
def vl(v):
    b = [v & 0x7F]; v >>= 7
    while v: b.insert(0, (v & 0x7F) | 0x80); v >>= 7
    return b
def f(fmt, div, *tracks, ntracks=None):
    b = b'MThd' + struct.pack('>IHHH', 6, fmt, len(tracks) if ntracks is None else ntracks, div)
    for t in tracks: b += b'MTrk' + struct.pack('>I', len(t)) + bytes(t)
    return b
end = [0, 0xFF, 0x2F, 0]
def notes(pitches, q=480):
    t = []
    for p in pitches: t += [0, 0x90, p, 90] + vl(q) + [0x80, p, 0]
    return t
data = {
  'far': f(0, 1, [0, 0x90, 60, 100] + vl(0x0FFFFFFF) + [0x80, 60, 0] + end),
  'many-tracks': f(1, 480, notes([60]) + end, ntracks=65535),
  'smpte': f(0, 0xE728, notes([60]) + end),
  'tempos': f(0, 480, [0, 0xFF, 0x51, 3, 0, 0, 0] + notes([60, 62]) + [0, 0xFF, 0x51, 3, 0xFF, 0xFF, 0xFF] + notes([64]) + end),
  'orphan-off': f(0, 480, [0, 0x80, 60, 0] + notes([60, 62, 64, 65]) + end),
  'waltz': f(0, 480, [0, 0xFF, 0x58, 4, 3, 2, 24, 8] + notes([60, 64, 67] * 8) + end),
  'five-four': f(0, 480, [0, 0xFF, 0x58, 4, 5, 2, 24, 8] + notes([60, 64, 67, 64, 60] * 4) + end),
  'meter-change': f(0, 480, [0, 0xFF, 0x58, 4, 4, 2, 24, 8] + notes([60] * 4) + [0, 0xFF, 0x58, 4, 3, 2, 24, 8] + notes([62] * 3) + end),
  'song': f(0, 480, [0, 0xFF, 0x58, 4, 4, 2, 24, 8] + notes([60, 64, 67, 72, 67, 64, 60, 55] * 4) + end),
  'truncated': f(0, 480, notes([60, 62]) + end)[:30],
}
open(out, 'wb').write(data[kind])
PY
}

for k in far many-tracks smpte tempos orphan-off waltz five-four meter-change song truncated; do smf "$W/$k.mid" "$k"; done
: > "$W/empty.mid"
head -c 4096 /dev/urandom > "$W/random.mid"
truncate -s 40M "$W/huge.mid"; printf 'MThd' | dd of="$W/huge.mid" conv=notrunc 2>/dev/null
mkfifo "$W/fifo.mid"
ln -s /dev/zero "$W/zero.mid"
mkdir -p "$W/dir.mid" "$W/home/presets"
printf 'root:$6$hash:19000:0:99999:7:::\n' > "$W/shadow"
printf '{"description": "calm \\u001b[2J\\u001b[31mred", "mode": "echo"}' > "$W/home/presets/escape.json"
ln -s /dev/zero "$W/home/presets/zero.json"
cp "$W/song.mid" "$W/home/presets/chords.mid"
python3 -c "
import struct
t=[]
for i in range(200000): t+=[0,0x90,48+i%24,90,0x10,0x80,48+i%24,0]
t+=[0,0xFF,0x2F,0]
open('$W/home/presets/big-chords.mid','wb').write(b'MThd'+struct.pack('>IHHH',6,0,1,480)+b'MTrk'+struct.pack('>I',len(t))+bytes(t))"
printf '{"description": "plays to a big chord file", "mode": "accompany", "chords": {"source": "file", "file": "big-chords.mid"}}' > "$W/home/presets/big.json"
LONG_CHART="$(python3 -c "print(' '.join(['Cmaj7','Am7','Dm7','G7'] * 500))")"     # ~8 KB on the command line
HUGE_CHART="$(python3 -c "print(' '.join(['C'] * 10000))")"

row() { # class, then the command
  local class="$1"; shift
  local start end code said
  start=$(date +%s.%N)
  said="$(timeout 20 "$@" < /dev/null 2>&1)"; code=$?
  end=$(date +%s.%N)
  said="$(printf '%s\n' "$said" | grep -v '^WARNING\|^analogy: building' | head -n 1)"
  said="${said//$W\//}"
  said="$(printf '%s' "$said" | tr -d '\000-\037' | cut -c1-160 | sed 's/|/\\|/g')"
  local shown="$*"
  shown="${shown//$A/./analogy}"
  shown="${shown//$W\//}"
  shown="$(printf '%s' "$shown" | tr -d '\000-\037' | cut -c1-110 | sed 's/|/\\|/g')"
  printf '| %s | `%s` | %s | %s | %.1f |\n' "$class" "$shown" "$code" "$said" "$(echo "$end - $start" | bc)"
}

"$A" --version >/dev/null 2>&1 # build once, outside the timings
echo '| class | command | exit | first line said | s |'
echo '|---|---|---|---|---|'
row "far-off event (40-byte SMF)" "$A" render --in "$W/far.mid" --out "$W/o.mid"
row "far-off event (40-byte SMF)" "$A" swap --pitch-from "$W/far.mid" --rhythm-from "$W/far.mid" --out "$W/o.mid"
row "far-off event (40-byte SMF)" "$A" arrange --chords-from "$W/far.mid" --texture-from "$W/song.mid" --out "$W/o.mid"
row "far-off event (40-byte SMF)" "$A" live --in demo --out none --seconds 1 --chords-from "$W/far.mid"
row "header: 65535 tracks declared" "$A" render --in "$W/many-tracks.mid" --out "$W/o.mid"
row "header: SMPTE division" "$A" render --in "$W/smpte.mid" --out "$W/o.mid"
row "truncated file" "$A" render --in "$W/truncated.mid" --out "$W/o.mid"
row "empty file" "$A" render --in "$W/empty.mid" --out "$W/o.mid"
row "random bytes" "$A" render --in "$W/random.mid" --out "$W/o.mid"
row "40 MB file" "$A" render --in "$W/huge.mid" --out "$W/o.mid"
row "special file: /dev/zero" "$A" render --in /dev/zero --out "$W/o.mid"
row "special file: FIFO" "$A" render --in "$W/fifo.mid" --out "$W/o.mid"
row "special file: link to /dev/zero" "$A" swap --pitch-from "$W/zero.mid" --rhythm-from "$W/song.mid" --out "$W/o.mid"
row "directory as a file" "$A" render --in "$W/dir.mid" --out "$W/o.mid"
row "tempo 0 and 16.7 s/quarter" "$A" render --in "$W/tempos.mid" --out "$W/o.mid"
row "orphan note-off, then note-on" "$A" render --in "$W/orphan-off.mid" --out "$W/o.mid"
row "meter 3/4, model mode" "$A" render --in "$W/waltz.mid" --out "$W/o.mid" --mode accompany
row "meter 3/4, model mode" "$A" live --in "file:$W/waltz.mid" --out none --seconds 2 --mode restyle
row "meter 3/4, echo" "$A" render --in "$W/waltz.mid" --out "$W/o.mid" --mode echo
row "meter 5/4" "$A" render --in "$W/five-four.mid" --out "$W/o.mid"
row "meter change mid-piece" "$A" render --in "$W/meter-change.mid" --out "$W/o.mid"
row "transpose past 0-127" "$A" live --in demo --out none --seconds 3 --transpose 100
row "chart: trailing bar line" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "C G |"
row "chart: empty bar" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "C || G"
row "chart: 13 chords in a bar" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "C D E F G A B C D E F G A |"
row "chart: 10 000 bars" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "$HUGE_CHART"
row "chart: 8 KB command line, models" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "$LONG_CHART"
row "chart: 8 KB command line, models" "$A" swap --pitch-from "$W/song.mid" --rhythm-from "$W/song.mid" --out "$W/o.mid" --chords "$LONG_CHART"
row "chart: control characters" "$A" render --in "$W/song.mid" --out "$W/o.mid" --mode accompany --chords "$(printf 'C \033[2J G')"
row "number: --seconds 1e10" "$A" live --in demo --out none --seconds 1e10
row "number: --seconds NaN" "$A" live --in demo --out none --seconds NaN
row "number: --bpm 1e9" "$A" render --in "$W/song.mid" --out "$W/o.mid" --bpm 1e9
row "number: --track 99999999999" "$A" render --in "$W/song.mid" --out "$W/o.mid" --track 99999999999
row "number: --echo-bars 3" "$A" live --in demo --out none --seconds 1 --echo-bars 3
row "number: --minutes 1e12" "$A" soak --minutes 1e12
row "number: --osc 70000" "$A" live --in demo --out none --seconds 1 --osc 70000
row "OSC: --osc-allow a name" "$A" live --in demo --out none --seconds 1 --osc 0 --osc-allow example.org
row "preset: not a preset (/etc/shadow-like)" "$A" render --in "$W/song.mid" --out "$W/o.mid" --preset "$W/shadow"
row "preset: link to /dev/zero" "$A" render --in "$W/song.mid" --out "$W/o.mid" --preset zero
row "preset: control characters" "$A" render --in "$W/song.mid" --out "$W/o.mid" --preset escape
row "preset listing with a 1.6 MB chord file" "$A" presets
row "console garbage" bash -c "head -c 200000 /dev/urandom | '$A' live --in demo --out none --seconds 4 >/dev/null 2>&1; echo exit \$?"
