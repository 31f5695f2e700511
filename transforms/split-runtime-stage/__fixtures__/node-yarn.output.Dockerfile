FROM node:18 AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn build
RUN yarn install --production --frozen-lockfile

FROM node:18-slim
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/server.js"]
