#!/usr/bin/env bash
# Fails when a module includes a header of a module DESIGN.md does not let it use.
set -u
root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
declare -A allowed=(
  [core]="core"
  [config]="core config"
  [analyzers]="core analyzers"
  [lexical]="core analyzers lexical"
  [dense]="core dense"
  [fusion]="core fusion"
  [storage]="core storage"
  [net]="core net"
  [inference]="core net inference"
  [metrics]="core metrics"
  [eval]="core eval"
  [engine]="core config analyzers lexical dense fusion storage metrics net inference engine"
  # cluster/ sits above engine (it will drive collections from the streams it follows); engine
  # knows nothing of it and sees only its engine::Journal.
  [cluster]="core config storage net engine cluster"
  [http]="core config metrics engine http"
  [app]="core config metrics eval engine cluster http app"
)
modules="core config analyzers lexical dense fusion storage metrics net inference eval engine cluster http app bench tests"
status=0
for m in "${!allowed[@]}"; do
  [ -d "$m" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include *"([a-z_]+)\/.*/\1/' <<<"$line")
    case " $modules " in *" $inc "*) ;; *) continue ;; esac
    case " ${allowed[$m]} " in
      *" $inc "*) ;;
      *) echo "$file includes $inc/ which $m/ may not use"; status=1 ;;
    esac
  done < <(grep -rnE '#include *"[a-z_]+/' "$m" --include='*.cpp' --include='*.hpp' | sed -E 's/^([^:]+):[0-9]+:/\1:/')
done
# Third-party libraries live in one room each (a few in two: the Beast server and its TLS in
# http/, the Beast client and OpenSSL in net/). libnats (NATS, JetStream) only in cluster/; LZ4
# compresses stored documents in engine/, with a dictionary zstd's trainer picks.
sources="core config analyzers lexical dense fusion storage metrics net inference eval engine cluster http app"
for pair in "unicode/:analyzers" "libstemmer:analyzers" "faiss/:dense" "boost/beast:http net" "boost/asio:http net" \
            "openssl/:http net" "nats/:cluster" "zstd.h:engine" "zdict.h:engine" \
            "lz4:engine"; do
  pat=${pair%%:*}; rooms=${pair#*:}
  room_filter=$(sed -E 's/([a-z_]+)/^\1\//g; s/ /|/g' <<<"$rooms")
  hits=$(grep -rlE "#include *<$pat" $sources 2>/dev/null | grep -vE "$room_filter" || true)
  if [ -n "$hits" ]; then echo "<$pat...> used outside $rooms: $hits"; status=1; fi
done
[ $status -eq 0 ] && echo "layering ok"
exit $status
