# Shared by the bench scripts (sourced).
# insert_row FILE HEADING ROW: adds ROW after the last table row of the
# section "## HEADING" of FILE.
insert_row() {
    awk -v h="## $2" -v row="$3" '
        { line[NR] = $0 }
        END {
            sec = 0; last = 0
            for (i = 1; i <= NR; i++) {
                if (line[i] == h) sec = 1
                else if (sec && line[i] ~ /^## /) sec = 0
                if (sec && line[i] ~ /^\|/) last = i
            }
            if (!last) { print "insert_row: no table under " h > "/dev/stderr"; exit 1 }
            for (i = 1; i <= NR; i++) { print line[i]; if (i == last) print row }
        }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}
