FROM node:20 AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=deps /app/node_modules /app/node_modules
COPY . /app
CMD ["/app/server.js"]
