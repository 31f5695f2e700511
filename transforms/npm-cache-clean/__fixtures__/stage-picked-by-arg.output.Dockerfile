ARG APP_ENV=prod
FROM node:20 AS dev
WORKDIR /app
COPY . .
RUN npm ci && npm cache clean --force

FROM node:20 AS prod
WORKDIR /app
COPY . .
RUN npm ci --omit=dev && npm cache clean --force

FROM ${APP_ENV}
CMD ["node", "server.js"]
