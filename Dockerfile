# ketnap image. The default command runs the API; the worker is the same image with the command
# `node --max-semi-space-size=4 dist/apps/worker/src/main.js` (and its health check disabled: a worker
# serves no HTTP); the node flag is npm start's (see README, Configuration).
# The CLI runs as `node dist/apps/cli/src/main.js …` (e.g. `token --sub me --role admin`).
FROM node:20-bookworm-slim AS base
WORKDIR /app
# npm 11 honours package.json `allowScripts`: better-sqlite3 builds, no other install script runs.
RUN npm install -g --no-audit --no-fund npm@11

# Production dependencies only; better-sqlite3 is compiled here, so the toolchain stays in this stage.
FROM base AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The build needs swc (a dev dependency) and no native module: no install script runs here.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY .swcrc ./
COPY apps apps
COPY libs libs
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# npm start's malloc settings (see README, Configuration): two glibc malloc arenas instead of one per
# thread and core, whose threads (the API's and the worker's, libuv's pool, V8's helpers) otherwise each
# keep freed memory of their own; and blocks of 128 KiB or more mapped on their own and given back when
# freed, with the threshold fixed rather than raised to the largest block freed so far.
ENV NODE_ENV=production KETNAP_DATA_DIR=/var/lib/ketnap MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
# Owned by root and read-only to the app: the running user cannot change the code it runs.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Runs as the image's unprivileged `node` user. The data dir is made before VOLUME, so that a new named
# volume starts with its owner and mode 0700; a bind-mounted folder must be writable by uid 1000.
RUN mkdir -p /var/lib/ketnap && chown node:node /var/lib/ketnap && chmod 0700 /var/lib/ketnap
USER node
VOLUME /var/lib/ketnap
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "dist/apps/api/src/system/health-check.main.js"]
CMD ["node", "--max-semi-space-size=4", "dist/apps/api/src/main.js"]
