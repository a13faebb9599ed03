#!/bin/sh
# Builds the Go side of the differential test against a checkout of golang.org/x/mod (its
# sumdb/tlog and sumdb/note need nothing but the standard library, so Debian's Go 1.19 compiles
# them whatever the module's go line says), then runs scripts/tlog-differential.js against it.
#   scripts/tlog-differential/run.sh /path/to/golang/mod [trees]
set -eu
mod=${1:?usage: run.sh GOLANG_MOD_CHECKOUT [TREES]}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/x/sumdb" "$work/cmd"
cp -r "$mod/sumdb/tlog" "$mod/sumdb/note" "$work/x/sumdb/"
rm -f "$work"/x/sumdb/*/*_test.go
printf 'module golang.org/x/mod\n\ngo 1.19\n' > "$work/x/go.mod"
cp "$here/main.go" "$work/cmd/main.go"
printf 'module tlogdiff\n\ngo 1.19\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../x\n' > "$work/cmd/go.mod"
(cd "$work/cmd" && GOFLAGS=-mod=mod GOPROXY=off go build -o "$work/tlogdiff" .)
node --import tsx "$here/../tlog-differential.js" "$work/tlogdiff" "${2:-200}"
