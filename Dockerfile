# IOM Ukraine FAQ bot: one container, `iom-bot run` as the entry point.
#
#   build:  docker build -t iom-bot .          (or: buildah build --format docker -t iom-bot .)
#   run:    docker run -d --env-file bot.env -v iom-bot-data:/data iom-bot
#   test:   make image-test                     (daemonless build + checks, see scripts/image-test.sh)
#
# Dependencies come only from requirements.lock (every file pinned by hash; regenerate with
# scripts/lock.sh after changing pyproject.toml), so the image is reproducible and pip never
# resolves anything at build time. The app itself is installed with --no-deps, and `pip check`
# fails the build if pyproject.toml asks for something the lock does not provide.
#
# `--format docker` matters for buildah/podman: the OCI image format has no HEALTHCHECK.

ARG PYTHON_IMAGE=docker.io/library/python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_INPUT=1 \
    PIP_PROGRESS_BAR=off \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src

# Two virtual environments: /opt/venv is what ships; /opt/build-venv only holds the build
# backend (setuptools, itself hash-pinned in requirements-build.lock) and is thrown away.
COPY requirements.lock requirements-build.lock ./
RUN python3 -m venv /opt/build-venv \
 && /opt/build-venv/bin/pip install --require-hashes --no-deps -r requirements-build.lock \
 && python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.lock

COPY pyproject.toml ./
COPY bot ./bot
RUN /opt/build-venv/bin/pip wheel --no-deps --no-build-isolation --wheel-dir /tmp/wheels . \
 && /opt/venv/bin/pip install --no-deps /tmp/wheels/*.whl \
 && /opt/venv/bin/pip check \
 && /opt/venv/bin/pip uninstall --yes pip setuptools \
 && /opt/venv/bin/iom-bot --help > /dev/null

# ---------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

LABEL org.opencontainers.image.title="iom-bot" \
      org.opencontainers.image.description="Telegram bot answering questions about IOM's work in Ukraine"

# A fixed, unprivileged uid/gid so bind-mounted folders can be chown'ed to it (10001:10001).
RUN groupadd --gid 10001 bot \
 && useradd --uid 10001 --gid bot --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin bot \
 && mkdir -p /data \
 && chown bot:bot /data

COPY --from=build /opt/venv /opt/venv
# The knowledge shipped with this release. Mount a folder over /app/knowledge (read-only is
# enough) to serve other knowledge without rebuilding; the bot reloads it when files change.
COPY knowledge /app/knowledge

ENV PATH=/opt/venv/bin:$PATH \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONFAULTHANDLER=1 \
    KNOWLEDGE_DIR=/app/knowledge \
    DATABASE_PATH=/data/bot.sqlite3 \
    XDG_CACHE_HOME=/data/cache \
    LOG_FORMAT=json \
    LOG_LEVEL=INFO

WORKDIR /app
USER 10001:10001
VOLUME ["/data"]

# Webhook mode only (WEBHOOK_URL set): where the bot listens (WEBHOOK_PORT) behind the reverse proxy.
EXPOSE 8443

# Exits 0 only while the update loop is turning (fresh heartbeat; /healthz in webhook mode).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["iom-bot", "healthcheck"]

# SIGTERM: the bot stops taking updates, finishes those in flight, flushes the store, exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["iom-bot"]
CMD ["run"]
