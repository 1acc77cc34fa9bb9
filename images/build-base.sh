#!/usr/bin/env bash
# Builds Ebb's local base image, without a container registry or a Docker daemon, as a `docker save` tarball that
# Jib reads with `tar://` (docs/images.md):
#   - /opt/java: a slim JRE made by jlink from the JDK that runs the build (modules below, found with jdeps);
#   - the shared libraries that JRE needs (found with ldd) and the dynamic loader, copied from this machine;
#   - /etc/passwd and /etc/group with the user nonroot (65532), /etc/nsswitch.conf, /tmp, CA certificates.
# One layer, files owned by root, every mtime at the epoch: the same inputs give the same tarball.
#
# Usage: images/build-base.sh OUTPUT.tar [JAVA_HOME]
# The tarball is rebuilt only when it is older than this script or missing.
set -euo pipefail

out=${1:?usage: build-base.sh OUTPUT.tar [JAVA_HOME]}
java_home=${2:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
java_home=${java_home%/jre}

# Union of `jdeps --print-module-deps --ignore-missing-deps --multi-release 17` over the operator's shaded jar and
# the worker's classpath, plus jdk.crypto.ec (TLS with EC keys and ECDHE, which jdeps cannot see: it is a provider),
# jdk.naming.dns and jdk.zipfs (loaded by name) and java.instrument (agents).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,\
java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

fail() { echo "build-base.sh: $*" >&2; exit 1; }

script=$(readlink -f "$0")
if [[ -f $out && $out -nt $script ]]; then
  echo "build-base.sh: $out is up to date"
  exit 0
fi

[[ -x $java_home/bin/jlink ]] || fail "no jlink in $java_home (set JAVA_HOME to a JDK 17+)"
command -v ldd >/dev/null || fail "ldd not found (it comes with glibc: libc-bin)"
command -v sha256sum >/dev/null || fail "sha256sum not found (coreutils)"
tar --version 2>/dev/null | grep -q 'GNU tar' || fail "GNU tar is needed (for --sort, --mtime, --owner)"

case $(uname -m) in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  *) fail "unsupported machine $(uname -m)" ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs"/{etc,tmp,home/nonroot,opt}

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$rootfs/opt/java" ||
  fail "jlink failed with the JDK in $java_home; it needs that JDK's jmods (Debian: apt-get install openjdk-17-jmods)"

# Debian's JDK keeps its configuration and CA store as symlinks into /etc: replace each by what it points to.
while IFS= read -r -d '' link; do
  target=$(readlink -f "$link" || true)
  rm "$link"
  if [[ -n $target && -f $target ]]; then
    cp "$target" "$link"
  fi
done < <(find "$rootfs/opt/java" -type l -print0)
cacerts=$rootfs/opt/java/lib/security/cacerts
if [[ ! -s $cacerts ]]; then
  for candidate in "$java_home/lib/security/cacerts" /etc/ssl/certs/java/cacerts; do
    if [[ -s $candidate ]]; then
      cp -L "$candidate" "$cacerts"
      break
    fi
  done
fi
[[ -s $cacerts ]] || fail "no CA certificates for the JRE (Debian: apt-get install ca-certificates-java)"

# Native libraries: what ldd says the launcher, the JVM and the JRE's own libraries load, with the dynamic loader.
# The GUI libraries of java.desktop (AWT, fonts, sound) are left out: nothing here draws, and they would pull in X11.
gui='libawt_xawt|libsplashscreen|libjawt|libfontmanager|libjsound|liblcms|libmlib_image|libjavajpeg|libawt_headless'
mapfile -t elves < <(find "$rootfs/opt/java/bin" "$rootfs/opt/java/lib" -type f \( -name '*.so' -o -perm -u+x \) |
  grep -Ev "/($gui)\.so$" | sort)
libs=$(for elf in "${elves[@]}"; do
  { ldd "$elf" 2>/dev/null || true; } | awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(/ {print $1}'
done | { grep -v "^$rootfs" || true; } | sort -u)
[[ -n $libs ]] || fail "ldd found no libraries for the JRE"
for lib in $libs; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# The loader is asked for by its canonical path (PT_INTERP); make sure it exists there.
interp=
if command -v readelf >/dev/null; then
  interp=$({ readelf -l "$rootfs/opt/java/bin/java" 2>/dev/null || true; } |
    sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
fi
if [[ -n $interp && ! -e $rootfs$interp ]]; then
  mkdir -p "$rootfs$(dirname "$interp")"
  cp -L "$interp" "$rootfs$interp"
fi

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp" "$rootfs/home/nonroot"

tarball() { # directory, output: a reproducible tar of the directory's contents, entries without a ./ prefix
  local entries
  entries=$(cd "$1" && LC_ALL=C ls -A)
  # shellcheck disable=SC2086 # the entries are file names made by this script, without spaces
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$2" $entries
}

image=$work/image
mkdir -p "$image"
tarball "$rootfs" "$work/layer.tar"
layer_sha=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir -p "$image/$layer_sha"
mv "$work/layer.tar" "$image/$layer_sha/layer.tar"

config=$(printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z",' "$arch"
  printf '"config":{"User":"65532","WorkingDir":"/","Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin",'
  printf '"JAVA_HOME=/opt/java","LANG=C.UTF-8"]},'
  printf '"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},' "$layer_sha"
  printf '"history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/build-base.sh: jlink JRE and its libraries"}]}')
config_sha=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
printf '%s' "$config" > "$image/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["ebb-base:local"],"Layers":["%s/layer.tar"]}]' "$config_sha" "$layer_sha" \
  > "$image/manifest.json"

mkdir -p "$(dirname "$out")"
partial=$(mktemp "$out.XXXXXX")   # two modules may build the base at once: each writes its own file, then renames
tarball "$image" "$partial"
chmod 644 "$partial"
mv "$partial" "$out"
echo "build-base.sh: wrote $out ($(du -h "$out" | cut -f1), JRE from $java_home, $(wc -w <<< "$libs") system libraries)"
