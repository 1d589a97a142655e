# CLF: one image for the API replicas and the worker (CLF_ROLE says which).
#   docker build -t clf .        (docker compose builds it for you)

# --- build: compile TypeScript, build better-sqlite3, then drop the dev dependencies ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs libs
COPY apps apps
RUN npm run build && npm prune --omit=dev

# --- runtime: the compiled server and its production dependencies only ---
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    CLF_DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The console's page templates are read at run time (its stylesheet and script are in dist).
COPY --from=build /app/apps/api/views ./apps/api/views
COPY --from=build /app/apps/api/src/correspondence/templates ./apps/api/src/correspondence/templates
RUN install -d -o node -g node -m 0700 /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) drains the requests in flight before the process exits.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
