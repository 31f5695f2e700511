ARG APP_ENV=prod
FROM node:20 AS dev
WORKDIR /app
COPY . .
RUN npm ci

FROM node:20 AS prod
WORKDIR /app
COPY . .
RUN npm ci --omit=dev

FROM ${APP_ENV}
CMD ["node", "server.js"]
