#!/usr/bin/env bash
# Times copydesk against ripgrep over the same pattern set (the floor for a single scan) and
# against the prose linters installed here, on real news text: the PolNeAR train texts
# (../shared/eval relative to the repository), concatenated and replicated to 1, 10 and 100 MB,
# and as separate files. Prints a Markdown table: tool, corpus, median seconds of $RUNS runs,
# MB/s, peak memory, and time relative to copydesk on the same corpus.
#
# Tools are looked for in $TOOLS (default ../tools beside the repository): rg/bin/rg
# (`cargo install ripgrep --root $TOOLS/rg`), venv/bin/proselint (`pip install proselint`),
# npm/node_modules/.bin/{write-good,alex} (`npm install write-good alex`). A missing tool is
# skipped. Peers are slow, so they are timed on the 1 MB corpus only.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
eval_file="$repo/../shared/eval/polnear-train.jsonl"
tools=${TOOLS:-$repo/../tools}
runs=${RUNS:-3}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/copydesk-bench}

if [[ ! -f $eval_file ]]; then
    echo "skipped: $eval_file not found" >&2
    exit 0
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
copydesk="$repo/target/release/copydesk"

mkdir -p "$work"
if [[ ! -f $work/100mb.txt ]]; then
    python3 - "$eval_file" "$work" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
texts = [json.loads(line)["text"].strip() for line in open(src, encoding="utf-8")]
one = ("\n\n".join(texts) + "\n").encode()
for name, size in (("1mb", 1 << 20), ("10mb", 10 << 20), ("100mb", 100 << 20)):
    data = one * (size // len(one) + 1)
    cut = data.rfind(b"\n\n", 0, size)
    open(os.path.join(out, name + ".txt"), "wb").write(data[: cut + 1])
# The same 10 MB as separate stories, one file each.
files = os.path.join(out, "files-10mb")
os.makedirs(files, exist_ok=True)
total, n = 0, 0
while total < 10 << 20:
    t = texts[n % len(texts)].encode() + b"\n"
    open(os.path.join(files, "%05d.txt" % n), "wb").write(t)
    total += len(t)
    n += 1
PY
fi
"$copydesk" rules --no-config --export-patterns > "$work/patterns.txt"

# Median wall seconds and peak KB of `$@` over $runs runs (output discarded; exit code ignored).
measure() {
    local times=() mems=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time.out" "$@" > /dev/null 2>&1 || true
        read -r t m < <(tail -1 "$work/time.out")
        times+=("$t")
        mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    m=$(printf '%s\n' "${mems[@]}" | sort -n | tail -1)
    echo "$t $m"
}

size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }

declare -A base
row() { # tool corpus seconds kb
    local mb ratio
    mb=$(size_mb "$work/$2")
    ratio=$(awk -v t="$3" -v b="${base[$2]}" 'BEGIN { printf "%.2f", t / b }')
    printf '| %s | %s (%s MB) | %s | %s | %s | %s |\n' "$1" "$2" "$mb" "$3" \
        "$(awk -v t="$3" -v s="$mb" 'BEGIN { printf "%.1f", (t > 0 ? s / t : 0) }')" \
        "$(awk -v k="$4" 'BEGIN { printf "%.0f MB", k / 1024 }')" "$ratio"
}

echo "| tool | corpus | seconds (median of $runs) | MB/s | peak memory | time / copydesk |"
echo "| --- | --- | --- | --- | --- | --- |"
rg="$tools/rg/bin/rg"
for corpus in 1mb.txt 10mb.txt 100mb.txt files-10mb; do
    read -r t m < <(measure "$copydesk" check --no-config --format short "$work/$corpus")
    base[$corpus]=$t
    row copydesk "$corpus" "$t" "$m"
    if [[ -x $rg ]]; then
        read -r t m < <(measure "$rg" -c -f "$work/patterns.txt" "$work/$corpus")
        row "ripgrep (rg -c -f, same patterns)" "$corpus" "$t" "$m"
    fi
done
peer() { # name command...
    local name=$1
    shift
    if [[ -x $1 ]]; then
        read -r t m < <(measure "$@" "$work/1mb.txt")
        row "$name" 1mb.txt "$t" "$m"
    fi
}
peer proselint "$tools/venv/bin/proselint" check
peer write-good "$tools/npm/node_modules/.bin/write-good"
peer alex "$tools/npm/node_modules/.bin/alex"
