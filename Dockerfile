# ketnap image: API (default command) or worker (`node dist/apps/worker/src/main.js`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production KETNAP_DATA_DIR=/var/lib/ketnap
COPY --from=build /app /app
# Runs as the image's unprivileged `node` user. The data dir is made before VOLUME, so that a new named
# volume starts with its owner and mode 0700; a bind-mounted folder must be writable by uid 1000.
RUN mkdir -p /var/lib/ketnap && chown node:node /var/lib/ketnap && chmod 0700 /var/lib/ketnap
USER node
VOLUME /var/lib/ketnap
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
