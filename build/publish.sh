#!/usr/bin/env bash
# Publishes claude-proxy: the one script CI, the container recipe and the release archives all use, so
# what is tested is what ships.
#
#   build/publish.sh [--archives] [--out DIR] [RID ...]
#
# RIDs: linux-x64 and linux-arm64 are Native AOT (one file, no .NET needed where it runs; linux-arm64
# needs Debian's gcc-aarch64-linux-gnu and libsqlite3-dev:arm64); win-x64 and osx-arm64 are
# self-contained single files (Native AOT cannot cross-compile to them). "all" is every RID this machine
# can build, "native" (the default) the machine's own Linux RID.
#
# Out: DIR/publish/<rid>/claude-proxy[.exe]; with --archives also DIR/release/claude-proxy-<version>-<rid>
# .tar.gz (.zip for Windows), each holding the binary, README.md, LICENSE and .env.example (Linux also the
# systemd unit and its sysusers file), and DIR/release/SHA256SUMS. DIR defaults to artifacts.
#
# Stamped into the binary (claude-proxy --version): SOURCE_REVISION (else the git commit) and
# SOURCE_DATE_EPOCH (else now) as the build date.
#
#   build/publish.sh package <rid> <binary> <out-dir>   packs one binary as a release archive
#   build/publish.sh sums <dir>                         writes <dir>/SHA256SUMS of its archives
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/src/ClaudeProxy/ClaudeProxy.csproj"

# One moment for the whole run: the binaries' build date and the archives' file times.
epoch="${SOURCE_DATE_EPOCH:-$(date +%s)}"

log() { printf '== %s\n' "$*" >&2; }
fail() { printf 'publish: %s\n' "$*" >&2; exit 1; }

host_rid() {
  case "$(uname -m)" in
    x86_64 | amd64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) fail "no Native AOT build for $(uname -m)" ;;
  esac
}

version() {
  sed -nE 's:.*<Version>([^<]+)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1
}

revision() {
  if [ -n "${SOURCE_REVISION:-}" ]; then
    echo "$SOURCE_REVISION"
  elif git -C "$root" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    git -C "$root" rev-parse HEAD
  fi
}

build_date() {
  date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ
}

# Can this machine cross-link a Native AOT binary for linux-arm64?
can_cross_arm64() {
  command -v clang >/dev/null 2>&1 && command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 &&
    [ -f /usr/lib/aarch64-linux-gnu/libsqlite3.a ]
}

publish() {
  local rid="$1" out="$2"
  local -a args=(publish "$project" -c Release -r "$rid" -o "$out" -p:BuildDate="$(build_date)")
  local rev
  rev="$(revision)"
  [ -n "$rev" ] && args+=(-p:SourceRevisionId="$rev")
  case "$rid" in
    linux-x64 | linux-arm64)
      if [ "$rid" != "$(host_rid)" ]; then
        can_cross_arm64 || fail "$rid needs clang, gcc-aarch64-linux-gnu and libsqlite3-dev:arm64 (Debian) to cross-link"
        # The ILCompiler cross-links with clang --target; clang takes the GNU cross toolchain's libraries.
        args+=(-p:CppCompilerAndLinker=clang -p:ObjCopyName=aarch64-linux-gnu-objcopy)
      fi
      ;;
    win-x64 | osx-arm64)
      args+=(-p:PublishAot=false --self-contained -p:PublishSingleFile=true -p:PublishTrimmed=true
        -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true)
      ;;
    *) fail "unknown RID '$rid' (linux-x64, linux-arm64, win-x64, osx-arm64)" ;;
  esac
  rm -rf "$out"
  log "publish $rid"
  dotnet "${args[@]}" | tee "$out.log"
  if grep -qE 'warning (IL|AOT)[0-9]+' "$out.log"; then
    fail "$rid: the publish produced trim/AOT warnings (see $out.log)"
  fi
  [ -x "$out/$(binary_name "$rid")" ] || fail "$rid: no $(binary_name "$rid") in $out"
}

binary_name() {
  case "$1" in win-*) echo claude-proxy.exe ;; *) echo claude-proxy ;; esac
}

# package <rid> <binary> <out-dir>: the release archive of one binary, with README, licence and .env example.
package() {
  local rid="$1" binary="$2" out="$3"
  [ -f "$binary" ] || fail "no binary at $binary"
  local name stage
  name="claude-proxy-$(version)-$rid"
  stage="$(mktemp -d)"
  mkdir -p "$stage/$name" "$out"
  install -m 0755 "$binary" "$stage/$name/$(binary_name "$rid")"
  install -m 0644 "$root/README.md" "$root/LICENSE" "$root/.env.example" "$stage/$name/"
  case "$rid" in
    linux-*) install -m 0644 "$root/deploy/claude-proxy.service" "$root/deploy/claude-proxy.sysusers" "$stage/$name/" ;;
  esac
  out="$(cd "$out" && pwd)"
  case "$rid" in
    win-*)
      rm -f "$out/$name.zip"
      (cd "$stage" && zip -qrX "$out/$name.zip" "$name")
      echo "$out/$name.zip"
      ;;
    *)
      # Sorted names, a fixed owner and the build date as every file time: with SOURCE_DATE_EPOCH set,
      # the same binary gives the same archive.
      (cd "$stage" && tar --sort=name --owner=0 --group=0 --numeric-owner \
        --mtime="@$epoch" -cf - "$name" | gzip -n > "$out/$name.tar.gz")
      echo "$out/$name.tar.gz"
      ;;
  esac
  rm -rf "$stage"
}

sums() {
  local dir="$1"
  (cd "$dir" && find . -maxdepth 1 -type f \( -name '*.tar.gz' -o -name '*.zip' \) -printf '%f\n' | sort |
    xargs -r sha256sum > SHA256SUMS)
}

main() {
  case "${1:-}" in
    package)
      [ $# -eq 4 ] || fail "usage: build/publish.sh package <rid> <binary> <out-dir>"
      package "$2" "$3" "$4"
      return
      ;;
    sums)
      [ $# -eq 2 ] || fail "usage: build/publish.sh sums <dir>"
      sums "$2"
      return
      ;;
  esac

  local archives=false out="$root/artifacts"
  local -a rids=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --archives) archives=true ;;
      --out) out="$2"; shift ;;
      all)
        rids+=("$(host_rid)" win-x64 osx-arm64)
        if [ "$(host_rid)" = linux-x64 ]; then
          if can_cross_arm64; then rids+=(linux-arm64); else log "linux-arm64 skipped: no gcc-aarch64-linux-gnu with libsqlite3-dev:arm64 here"; fi
        fi
        ;;
      native) rids+=("$(host_rid)") ;;
      -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; return ;;
      -*) fail "unknown option $1" ;;
      *) rids+=("$1") ;;
    esac
    shift
  done
  [ ${#rids[@]} -gt 0 ] || rids=("$(host_rid)")
  mkdir -p "$out/publish"
  out="$(cd "$out" && pwd)"

  for rid in "${rids[@]}"; do
    publish "$rid" "$out/publish/$rid"
    if $archives; then
      package "$rid" "$out/publish/$rid/$(binary_name "$rid")" "$out/release" >/dev/null
    fi
  done
  if $archives; then
    sums "$out/release"
    log "release archives"
    cat "$out/release/SHA256SUMS" >&2
  fi
}

main "$@"
