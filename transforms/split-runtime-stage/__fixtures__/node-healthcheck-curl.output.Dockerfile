FROM node:20 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
RUN npm prune --omit=dev

FROM node:20-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
# slimify: the HEALTHCHECK needs it
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
EXPOSE 3000
# curl is not in node:20-slim: the runtime stage installs it
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:3000/health || exit 1
USER node
CMD ["node", "dist/index.js"]
