FROM node:20
WORKDIR /app
COPY package*.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci
