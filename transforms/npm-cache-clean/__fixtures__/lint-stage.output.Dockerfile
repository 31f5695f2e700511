FROM node:20 AS lint
WORKDIR /src
COPY . .
RUN npm ci && npm run lint

FROM node:20
WORKDIR /app
COPY . .
RUN npm ci && npm cache clean --force
CMD ["node", "server.js"]
