# The lint stage is built only with --target lint: nothing that ships is built on it, so its layer count does not matter.
FROM node:20 AS lint
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run lint

FROM node:20-slim
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
