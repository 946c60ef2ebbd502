# Shared by the benchmark scripts: timing, peak memory, and the machine the figures came from.

# Runs a command, prints its wall seconds and peak resident memory (KB) as "SECONDS KB".
measure() {
  measure_cpu "$@" | cut -d ' ' -f 1,2
}

# The line of /proc/diskstats for the disk that holds bench/work (its device name, then:
# reads, merged, sectors read, ms reading, writes, merged, sectors written, ms writing, in
# flight, ms busy, ...).
disk_line() {
  local device
  device=$(basename "$(df --output=source "$(dirname "${BASH_SOURCE[0]}")/work" | tail -1)")
  awk -v device="$device" '$3 == device' /proc/diskstats
}

# Like measure, with the CPU and the disk the step used: prints "SECONDS KB OWN BUSY IDLE
# STOLEN WRITTEN DISKBUSY OWNSYSTEM SYSTEM", the command's own user and system seconds together
# (OWN), the whole machine's busy, idle (waiting for the disk included) and stolen core-seconds
# over the step, from /proc/stat, the MB written to the disk and the seconds it was busy, from
# /proc/diskstats, then the command's own system seconds and the whole machine's (the kernel's
# time, interrupts included). A server on this machine works within BUSY; STOLEN is time the virtual
# machine's host took. What was written but is still in the page cache when the step ends is
# not counted: the sync before the next step writes it.
measure_cpu() {
  local log before after disk_before disk_after seconds kb user system
  log=$(mktemp)
  # Each step starts with the disk quiet: what the step before it wrote is on disk, not still
  # being written back underneath this one.
  sync
  before=$(head -1 /proc/stat)
  disk_before=$(disk_line)
  /usr/bin/time -f "%e %M %U %S" -o "$log" "$@" >/dev/null
  after=$(head -1 /proc/stat)
  disk_after=$(disk_line)
  read -r seconds kb user system <"$log"
  rm -f "$log"
  # The fields: cpu user nice system idle iowait irq softirq steal ...
  awk -v before="$before" -v after="$after" -v hz="$(getconf CLK_TCK)" -v seconds="$seconds" \
    -v kb="$kb" -v own="$user + $system" -v disk_before="$disk_before" \
    -v disk_after="$disk_after" 'BEGIN {
      split(before, b); split(after, a); split(own, o, " [+] ")
      split(disk_before, db); split(disk_after, da)
      busy = (a[2] + a[3] + a[4] + a[7] + a[8]) - (b[2] + b[3] + b[4] + b[7] + b[8])
      idle = (a[5] + a[6]) - (b[5] + b[6])
      written = (da[10] - db[10]) * 512 / 1048576
      disk_busy = (da[13] - db[13]) / 1000
      kernel = (a[4] + a[7] + a[8]) - (b[4] + b[7] + b[8])
      printf "%s %s %.1f %.1f %.1f %.1f %.0f %.1f %.1f %.1f\n", seconds, kb, o[1] + o[2], busy / hz,
        idle / hz, (a[9] - b[9]) / hz, written, disk_busy, o[2], kernel / hz
    }'
}

machine_description() {
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
  echo "- Memory: $(free -g | awk '/^Mem:/ {print $2}') GB"
  echo "- Disk: $(df -h "${1:-.}" | awk 'NR==2 {print $1 ", " $2 " total, " $4 " free"}')"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- SQLite $(sqlite3 --version | cut -d' ' -f1), PostgreSQL $(/usr/lib/postgresql/15/bin/postgres --version | awk '{print $3}'), $(g++ --version | head -1)"
  echo "- Commit: $(git -C "$(dirname "${BASH_SOURCE[0]}")/.." rev-parse --short HEAD)"
}

# Makes the 1,000,000-household data set once (deterministic: seed 1) under bench/work/.
ensure_data() {
  local binary=$1 directory=$2 households=$3
  if [[ ! -f "$directory/persons.csv" ]]; then
    echo "bench: generating $households households into $directory" >&2
    "$binary" gen --households "$households" --seed 1 -o "$directory" >&2
  fi
}

# A results table's row for an import step: "| LABEL | seconds | rows/s | peak MB |", from the
# step's SECONDS, the ROWS it read and its peak KB.
step_row() {
  printf '| %s | %.1f | %.0f | %d MB |\n' "$1" "$2" "$(echo "$3 / $2" | bc -l)" $(($4 / 1024))
}

# The generated files of directory $1 with a tenth of their rows changed (every tenth row's
# phone number: column 7 of households, 14 of persons), as an office's monthly file has some
# changes among many unchanged rows: households-tenth-changed.csv, persons-tenth-changed.csv.
ensure_tenth_changed() {
  local directory=$1 file column
  for file in households persons; do
    if [[ ! -f "$directory/$file-tenth-changed.csv" ]]; then
      column=$([[ $file == households ]] && echo 7 || echo 14)
      awk -F, -v column="$column" 'BEGIN { OFS = "," } NR > 1 && NR % 10 == 0 { $column = "13912345678" } { print }' \
        "$directory/$file.csv" >"$directory/$file-tenth-changed.csv"
    fi
  done
}

# The sections of a results file that a script does not write: below its figures, a day's
# file gathers by hand the runs of the day and notes on them. Prints them, from the first
# second-level heading other than "## Machine" and "## Figures" to the end, or nothing.
# A script reads them before it writes the file again and appends them after its figures
# (keep_history_after), so that a run never wipes the day's record.
kept_history() {
  [[ -f "$1" ]] || return 0
  awk '/^## / && $0 != "## Machine" && $0 != "## Figures" { keeping = 1 } keeping' "$1"
}

# Appends the sections kept_history printed earlier (given as $2) to the results file $1.
keep_history_after() {
  if [[ -n "$2" ]]; then
    printf '\n%s\n' "$2" >>"$1"
  fi
}

# The commit a run measures, for its row in the day's table: HEAD, marked when what the
# program is built from (src, CMakeLists.txt, cmake) differs from it, untracked files included.
# Taken when the run starts, before anything is measured: a commit made meanwhile is not this
# run's. It names the working tree; a binary built elsewhere is the caller's to label.
run_label() {
  local root label changes
  root="$(dirname "${BASH_SOURCE[0]}")/.."
  if ! label=$(git -C "$root" rev-parse --short HEAD 2>/dev/null) ||
    ! changes=$(git -C "$root" status --porcelain -- src CMakeLists.txt cmake 2>/dev/null); then
    echo "unknown commit"
    return
  fi
  [[ -z $changes ]] || label="$label with uncommitted changes"
  echo "$label"
}

# Adds the row $3 to the table of the day's runs in results file $1, after its last row: the
# table under "## Runs of the day", made with the header lines $2 (a Markdown table's first
# two lines) when the file has none yet.
record_run() {
  local file=$1 header=$2 row=$3
  local rows_so_far
  rows_so_far=$(awk '$0 == "## Runs of the day" { inside = 1; next }
    inside && /^## / { inside = 0 } inside && /^\|/ { n++ } END { print n + 0 }' "$file")
  if [[ $rows_so_far == 0 ]]; then
    printf '\n## Runs of the day\n\n%s\n%s\n' "$header" "$row" >>"$file"
    return
  fi
  local updated
  updated=$(mktemp)
  # The row through the environment: awk -v would read its backslashes as escapes.
  RUN_ROW=$row awk '
    { lines[NR] = $0 }
    $0 == "## Runs of the day" { inside = 1; next }
    inside && /^## / { inside = 0 }
    inside && /^\|/ { last = NR }
    END {
      for (n = 1; n <= NR; n++) {
        print lines[n]
        if (n == last) print ENVIRON["RUN_ROW"]
      }
    }' "$file" >"$updated"
  cat "$updated" >"$file"  # the file keeps its own permissions
  rm -f "$updated"
}
