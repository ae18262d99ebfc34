# One image for every service; docker-compose.yml picks the entry point. Built once and tagged
# (`docker compose build` → hoi-graph:${HOI_VERSION:-latest}); every service runs that tag.

# What npm ci needs: the lock file and every workspace's package.json (else its dependencies are
# left out), and the patches that postinstall applies.
FROM node:24-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY common/package.json common/
COPY gateway/package.json gateway/
COPY subgraphs/places/package.json subgraphs/places/
COPY subgraphs/red-cross/package.json subgraphs/red-cross/
COPY subgraphs/elderly/package.json subgraphs/elderly/
COPY subgraphs/emulation/package.json subgraphs/emulation/
COPY patches patches

# Build stage: every dependency; `npm run build` compiles the TypeScript to dist/ (tsc).
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY common common
COPY gateway gateway
COPY subgraphs subgraphs
COPY scripts scripts
RUN npm run build

# Runtime stage: production dependencies only (no tsx, no embedded PostgreSQL, no GraphiQL, no test
# tools; patch-package still patches @apollo/gateway at install), the compiled JavaScript, the
# composed schema and trusted documents; run by `node` as the unprivileged `node` user.
FROM manifests AS runtime
ENV NODE_ENV=production
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
COPY schema schema
USER node
CMD ["node", "dist/gateway/src/main.js"]
