# One image for every service; docker-compose.yml picks the entry point. TypeScript runs through
# tsx, as in development, so the image holds exactly the code that the tests ran.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY common/package.json common/
COPY gateway/package.json gateway/
COPY subgraphs/places/package.json subgraphs/places/
COPY subgraphs/red-cross/package.json subgraphs/red-cross/
COPY subgraphs/elderly/package.json subgraphs/elderly/
COPY subgraphs/emulation/package.json subgraphs/emulation/
COPY patches patches
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY common common
COPY gateway gateway
COPY subgraphs subgraphs
COPY schema schema
COPY scripts scripts
USER node
