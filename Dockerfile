# SKO Conductor in production: HTTP mode behind an HTTPS proxy, the database on a volume.
#   docker compose up -d --build        (see compose.yaml and README "Production")

# Build: everything needed to compile, including better-sqlite3 from source if no prebuilt binary fits.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies first (their own install scripts only), so a source change does not reinstall them.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY views ./views
COPY schedules ./schedules
COPY db ./db
RUN npm run build && npm prune --omit=dev

# Run: the compiled app and production dependencies only, as the unprivileged node user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/sko.db \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# tsc does not copy the .sql migrations; the app applies them from here at start.
COPY --from=build /app/db/migrations ./db/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness only: /readyz is for a load balancer deciding whether to send Slack's requests here.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1's only child of note: SIGTERM reaches the app, which finishes what is in flight and closes the database.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
